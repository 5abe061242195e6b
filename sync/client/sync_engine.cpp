#include "client/sync_engine.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <unordered_map>

#include "content/bundle.h"
#include "core/ids.h"
#include "protocol/api.h"
#include "protocol/signing.h"
#include "store/guide_store.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "store/reserve.h"

namespace hall::sync {

using nlohmann::json;

namespace {
constexpr const char* kMetaBundleEtag = "sync.bundle_etag";

std::string status_error(const HttpReply& r, const char* what) {
    if (!r.transport_ok()) return std::string(what) + ": " + r.error;
    std::string msg = std::string(what) + ": hub answered HTTP " + std::to_string(r.status);
    auto j = json::parse(r.body, nullptr, false);
    if (!j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_string())
        msg += " (" + j["error"].get<std::string>() + ")";
    return msg;
}
}  // namespace

const std::vector<ClientEndpoint>& client_endpoints() {
    static const std::vector<ClientEndpoint> eps = {
        {"POST", wire::kPathRecords, {200, 503}},
        {"GET", wire::kPathBundle, {200, 304, 404}},
        {"POST", wire::kPathHeartbeat, {200}},
        {"GET", wire::kPathQueue, {200}},
    };
    return eps;
}

HttpOptions http_options_for(const SyncSettings& s, const EngineOptions& e) {
    HttpOptions o;
    o.connect_timeout_s = e.connect_timeout_s;
    o.low_speed_time_s = e.low_speed_time_s;
    o.total_timeout_s = e.total_timeout_s;
    o.max_reply_bytes = e.max_reply_bytes;
    o.user_agent = "hall-kiosk/" + e.kiosk_version;
    o.base_url = s.hub_url;
    o.token = s.token;
    o.ca_file = s.ca_file;
    o.pinned_pubkey = s.pinned_pubkey;
    o.allow_plain_http = s.allow_plain_http;
    return o;
}

namespace {
// A token the hub rotated is kept in the kiosk's store (meta) with the hash of the configured
// token it replaced: it wins while the config still holds that token, and an operator who
// writes a fresh token into the config overrides it.
constexpr const char* kMetaToken = "sync.rotated_token";
constexpr const char* kMetaTokenFrom = "sync.rotated_from";

HttpOptions engine_http_options(Db& db, const SyncSettings& s, const EngineOptions& e) {
    auto o = http_options_for(s, e);
    const auto from = db.meta(kMetaTokenFrom);
    if (auto t = db.meta(kMetaToken); t && from && *from == wire::blake2b_hex(s.token)) o.token = *t;
    o.on_new_token = [&db, configured = s.token](const std::string& token) {
        db.set_meta(kMetaToken, token);
        db.set_meta(kMetaTokenFrom, wire::blake2b_hex(configured));
    };
    return o;
}
}  // namespace

SyncEngine::SyncEngine(Db& db, const SyncSettings& settings, EngineOptions opts, const std::atomic<bool>* cancel)
    : db_(db), settings_(settings), opts_(std::move(opts)), http_(engine_http_options(db, settings, opts_), cancel) {}

PushReport SyncEngine::push_outbox() {
    PushReport rep;
    Outbox outbox(db_);
    for (;;) {
        auto items = outbox.peek(opts_.batch_size);
        if (items.empty()) return rep;
        // Payloads are stored as wire JSON already: the body is spliced, not re-encoded.
        std::string body = "{\"records\":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) body += ',';
            body += items[i].payload;
        }
        body += "]}";
        std::vector<std::int64_t> ids;
        std::unordered_map<std::string, std::int64_t> id_of;
        for (const auto& it : items) {
            ids.push_back(it.id);
            id_of[it.uuid] = it.id;
        }
        auto r = http_.post_json(wire::kPathRecords, body);
        rep.bytes_sent += r.bytes_sent;
        ++rep.batches;
        if (!r.transport_ok() || r.status != 200) {
            // Not acknowledged: every record stays and is sent again later. If the hub did
            // store them (the reply was lost), the repeat is answered "duplicate".
            rep.error = status_error(r, "push");
            rep.retry_after_s = r.retry_after_s;
            outbox.attempt_failed(ids, rep.error);
            return rep;
        }
        std::string why;
        auto j = json::parse(r.body, nullptr, false);
        auto results = j.is_discarded() ? std::nullopt : wire::push_reply_from_json(j, why);
        if (!results) {
            rep.error = "push: hub reply unreadable (" + (j.is_discarded() ? std::string("not JSON") : why) + ")";
            outbox.attempt_failed(ids, rep.error);
            return rep;
        }
        std::vector<std::string> acked;
        std::vector<std::int64_t> rejected;
        std::string reject_reason;
        for (const auto& res : *results) {
            auto it = id_of.find(res.uuid);
            if (it == id_of.end()) continue;  // only what we sent can be acknowledged
            if (res.status == wire::RecordStatus::Rejected) {
                rejected.push_back(it->second);
                reject_reason = res.reason;
                outbox.reject({it->second}, res.reason);
            } else {
                acked.push_back(res.uuid);
            }
            id_of.erase(it);
        }
        outbox.ack(acked);
        rep.acknowledged += static_cast<std::int64_t>(acked.size());
        rep.rejected += static_cast<std::int64_t>(rejected.size());
        if (acked.empty() && rejected.empty()) {
            rep.error = "push: hub acknowledged none of " + std::to_string(items.size()) + " records";
            outbox.attempt_failed(ids, rep.error);
            return rep;
        }
    }
}

ContentReport SyncEngine::pull_content() {
    ContentReport rep;
    GuideStore guides(db_);
    rep.version = guides.version().value_or("");
    std::vector<std::string> headers;
    if (auto etag = db_.meta(kMetaBundleEtag)) headers.push_back("If-None-Match: " + *etag);
    auto r = http_.get(wire::kPathBundle, headers);
    if (r.transport_ok() && r.status == 304) { rep.outcome = ContentOutcome::Unchanged; return rep; }
    if (r.transport_ok() && r.status == 404) { rep.outcome = ContentOutcome::NoBundle; return rep; }
    if (!r.transport_ok() || r.status != 200) {
        rep.error = status_error(r, "content");
        return rep;
    }
    rep.outcome = ContentOutcome::Refused;
    if (settings_.bundle_public_key.empty()) {
        rep.error = "content: refused, no sync.bundle_public_key configured to check the signature";
        return rep;
    }
    std::string why;
    auto bundle = wire::open_envelope(r.body, settings_.bundle_public_key, why);
    if (!bundle) { rep.error = "content: refused, " + why; return rep; }
    auto parsed = parse_bundle(*bundle);
    if (!parsed.ok()) { rep.error = "content: refused, " + parsed.errors.front(); return rep; }
    if (!rep.version.empty()) {
        const int c = wire::compare_versions(parsed.bundle.version, rep.version);
        if (c == 0) {  // already held (e.g. the same bundle installed locally)
            if (!r.etag.empty()) db_.set_meta(kMetaBundleEtag, r.etag);
            rep.outcome = ContentOutcome::Unchanged;
            return rep;
        }
        if (c < 0) {
            rep.error = "content: refused, version " + parsed.bundle.version + " is older than the held " + rep.version;
            return rep;
        }
    }
    auto imp = guides.import(*bundle);  // the one import path; keeps the old content on failure
    if (!imp.ok) {
        rep.error = "content: refused, " + (imp.errors.empty() ? std::string("import failed") : imp.errors.front());
        return rep;
    }
    if (!r.etag.empty()) db_.set_meta(kMetaBundleEtag, r.etag);
    rep.version = imp.version;
    rep.outcome = ContentOutcome::Updated;
    return rep;
}

bool SyncEngine::send_heartbeat(const std::string& last_error) {
    wire::Heartbeat h;
    h.kiosk_version = opts_.kiosk_version;
    h.content_version = GuideStore(db_).version().value_or("");
    h.outbox_depth = Outbox(db_).depth();
    h.last_sync_error = last_error;
    h.at = now_iso_utc();
    std::error_code ec;
    auto dir = opts_.data_dir.empty() ? std::filesystem::path(db_.path()).parent_path() : std::filesystem::path(opts_.data_dir);
    if (dir.empty()) dir = ".";
    const StorageStatus storage = Reserve(dir.string(), opts_.reserve_target_bytes, opts_.low_free_bytes).status();
    h.free_disk_bytes = storage.free_bytes;
    h.storage = std::string(storage_level_name(storage.level));
    h.reserve_bytes = storage.reserve_bytes;
    auto r = http_.post_json(wire::kPathHeartbeat, wire::heartbeat_to_json(h).dump());
    return r.transport_ok() && r.status == 200;
}

std::optional<QueueSnapshot> SyncEngine::fetch_queue(std::string& why) {
    auto r = http_.get(wire::kPathQueue);
    if (!r.transport_ok() || r.status != 200) {
        why = status_error(r, "queue");
        return std::nullopt;
    }
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_discarded()) { why = "queue: reply is not JSON"; return std::nullopt; }
    return wire::queue_from_json(j, why);
}

CycleReport SyncEngine::run_cycle(const std::string& previous_error) {
    CycleReport rep;
    rep.push = push_outbox();
    if (!rep.push.error.empty()) rep.error = rep.push.error;
    // A hub that failed the push is probably down: do not pile more requests on it.
    if (rep.push.error.empty()) {
        rep.content = pull_content();
        if (!rep.content.error.empty() && rep.error.empty()) rep.error = rep.content.error;
    } else {
        rep.content.version = GuideStore(db_).version().value_or("");
    }
    Outbox outbox(db_);
    rep.outbox_depth = outbox.depth();
    rep.rejected_in_outbox = outbox.rejected_count();
    if (rep.push.error.empty()) rep.heartbeat_ok = send_heartbeat(rep.error.empty() ? previous_error : rep.error);
    return rep;
}

int run_sync_once(const Config& cfg, const std::string& db_path, std::ostream& out) {
    if (cfg.sync.hub_url.empty()) {
        out << "sync: no [sync] hub_url configured; nothing to do\n";
        return 2;
    }
    try {
        Db db(db_path);
        migrate(db);
        EngineOptions eo;
        eo.data_dir = cfg.kiosk.data_dir;
        eo.reserve_target_bytes = std::int64_t{cfg.storage.reserve_records} * kReserveBytesPerRecord;
        eo.low_free_bytes = std::int64_t{cfg.storage.low_free_mb} * 1024 * 1024;
        SyncEngine engine(db, cfg.sync, eo);
        auto rep = engine.run_cycle();
        out << "sync: pushed " << rep.push.acknowledged << " record(s) in " << rep.push.batches << " batch(es)";
        if (rep.push.rejected) out << ", " << rep.push.rejected << " rejected by the hub";
        out << "\nsync: content " << (rep.content.version.empty() ? "(none)" : rep.content.version)
            << (rep.content.outcome == ContentOutcome::Updated ? " (updated)" : "") << '\n';
        out << "sync: outbox depth " << rep.outbox_depth << " (" << rep.rejected_in_outbox << " rejected)\n";
        if (!rep.ok()) out << "sync: error: " << rep.error << '\n';
        return rep.ok() && rep.outbox_depth == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        out << "sync: " << e.what() << '\n';
        return 2;
    }
}

}  // namespace hall::sync
