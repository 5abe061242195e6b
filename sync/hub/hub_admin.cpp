#include "hub/hub_admin.h"

#include <cstdio>
#include <ctime>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "content/bundle.h"
#include "common/csv.h"
#include "core/ids.h"
#include "hub/hub_retention.h"
#include "protocol/api.h"
#include "protocol/signing.h"

namespace hall::hub {

using nlohmann::json;

namespace {
std::string expiry_after_days(int days) {
    return days > 0 ? iso_utc(std::chrono::system_clock::now() + std::chrono::hours(24) * days) : "";
}
}  // namespace

std::string add_kiosk(HubStore& store, const std::string& name, const std::string& hall_id, const std::string& role, int expires_days) {
    if (name.empty() || hall_id.empty()) throw HubStoreError("kiosk name and hall id must not be empty");
    if (role != "kiosk" && role != "queue") throw HubStoreError("role must be kiosk or queue");
    auto token = "hk_" + wire::random_token();
    store.add_principal({name, hall_id, role}, wire::blake2b_hex(token), now_iso_utc());
    if (expires_days > 0) store.set_token_expiry(name, expiry_after_days(expires_days));
    return token;
}

bool revoke_kiosk(HubStore& store, const std::string& name) { return store.revoke_principal(name, now_iso_utc()); }

std::optional<std::string> rotate_kiosk(HubStore& store, const std::string& name, std::chrono::seconds grace, int expires_days) {
    auto token = "hk_" + wire::random_token();
    const auto until = iso_utc(std::chrono::system_clock::now() + grace);
    if (!store.rotate_token(name, wire::blake2b_hex(token), token, until, expiry_after_days(expires_days))) return std::nullopt;
    return token;
}

PublishResult publish_bundle(HubStore& store, const std::string& bundle_json, const std::string& secret_key_b64,
                             const std::string& hall_id) {
    PublishResult r;
    auto parsed = parse_bundle(bundle_json);
    if (!parsed.ok()) {
        r.error = "bundle refused: " + parsed.errors.front() +
                  (parsed.errors.size() > 1 ? " (and " + std::to_string(parsed.errors.size() - 1) + " more)" : "");
        return r;
    }
    if (auto latest = store.latest_bundle(hall_id == "*" ? "" : hall_id)) {
        if (latest->hall_id == hall_id && wire::compare_versions(parsed.bundle.version, latest->version) <= 0) {
            r.error = "bundle version " + parsed.bundle.version + " is not newer than the published " + latest->version;
            return r;
        }
    }
    std::string envelope;
    try {
        envelope = wire::sign_bundle(bundle_json, secret_key_b64);
    } catch (const std::exception& e) {
        r.error = std::string("signing key: ") + e.what();
        return r;
    }
    r.version = parsed.bundle.version;
    r.etag = "\"" + wire::blake2b_hex(envelope).substr(0, 32) + "\"";
    store.put_bundle({0, hall_id, r.version, r.etag, envelope, now_iso_utc()});
    r.ok = true;
    return r;
}

namespace {

std::string json_str(const json& j, const char* k) {
    if (!j.contains(k)) return "";
    const auto& v = j[k];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

}  // namespace

int list_kiosks(HubStore& store, std::ostream& out, std::chrono::seconds silent_after, std::chrono::system_clock::time_point now) {
    int silent = 0;
    out << "name\thall\trole\tlast_seen\tstatus\tcontent_version\toutbox_depth\tlast_sync_error\tstorage\n";
    for (const auto& k : store.kiosks()) {
        const bool never = k.last_seen.empty();
        const bool is_silent = k.who.role == "kiosk" && (never || now - parse_iso_utc(k.last_seen).value_or(std::chrono::system_clock::time_point{}) > silent_after);
        if (is_silent) ++silent;
        json hb = k.last_heartbeat.empty() ? json::object() : json::parse(k.last_heartbeat, nullptr, false);
        if (hb.is_discarded()) hb = json::object();
        out << k.who.name << '\t' << k.who.hall_id << '\t' << k.who.role << '\t' << (never ? "never" : k.last_seen) << '\t'
            << (is_silent ? "SILENT" : "ok") << '\t' << json_str(hb, "content_version") << '\t' << json_str(hb, "outbox_depth")
            << '\t' << json_str(hb, "last_sync_error") << '\t' << (json_str(hb, "storage").empty() ? "-" : json_str(hb, "storage")) << '\n';
    }
    return silent;
}

std::int64_t export_records(HubStore& store, const std::string& format, const std::string& kind, std::ostream& out) {
    if (format != "csv" && format != "jsonl") throw HubStoreError("export format must be csv or jsonl");
    std::int64_t n = 0;
    if (format == "csv")
        out << "kind,uuid,hall_id,kiosk_id,created_at,received_from,received_at,window_id,rating,categories,service_code,"
               "ticket,text,action,target_uuid\n";
    store.for_each_record(kind, [&](const RecordRow& r) {
        ++n;
        if (format == "jsonl") {
            // An export never carries a full phone number (docs/privacy.md): masked here.
            auto j = json::parse(r.payload, nullptr, false);
            if (j.is_object() && j.contains("phone") && j["phone"].is_string() && !j["phone"].get<std::string>().empty()) {
                j["phone"] = masked_phone(j["phone"].get<std::string>());
                out << j.dump() << '\n';
            } else {
                out << r.payload << '\n';
            }
            return true;
        }
        auto j = json::parse(r.payload, nullptr, false);
        if (j.is_discarded()) j = json::object();
        std::string cats;
        if (j.contains("categories") && j["categories"].is_array())
            for (const auto& c : j["categories"])
                if (c.is_string()) cats += (cats.empty() ? "" : ";") + c.get<std::string>();
        out << csv_field(r.kind) << ',' << csv_field(r.uuid) << ',' << csv_field(r.hall_id) << ',' << csv_field(r.kiosk_id) << ','
            << csv_field(r.created_at) << ',' << csv_field(r.received_from) << ',' << csv_field(r.received_at) << ','
            << csv_field(json_str(j, "window_id")) << ',' << csv_field(json_str(j, "rating")) << ',' << csv_field(cats) << ','
            << csv_field(json_str(j, "service_code")) << ',' << csv_field(json_str(j, "ticket")) << ','
            << csv_field(json_str(j, "text")) << ',' << csv_field(json_str(j, "action")) << ','
            << csv_field(json_str(j, "target_uuid")) << '\n';
        return true;
    });
    return n;
}

int list_search_misses(HubStore& store, std::ostream& out, const std::string& hall_id, int top) {
    const auto rows = store.search_misses(hall_id, top);
    if (rows.empty()) {
        out << "no search misses" << (hall_id.empty() ? "" : " for hall " + hall_id) << '\n';
        return 0;
    }
    std::string hall;
    for (const auto& r : rows) {
        if (r.hall_id != hall) {
            hall = r.hall_id;
            out << "hall " << hall << "  (misses  days  last day  query)\n";
        }
        char line[64];
        std::snprintf(line, sizeof line, "  %6lld  %4lld  %s  ", static_cast<long long>(r.count), static_cast<long long>(r.days),
                      r.last_day.c_str());
        out << line << r.query << '\n';
    }
    return static_cast<int>(rows.size());
}

}  // namespace hall::hub
