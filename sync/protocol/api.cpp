#include "protocol/api.h"

#include <cctype>

#include "core/text.h"
#include "protocol/records.h"

namespace hall::wire {

using nlohmann::json;

namespace {

bool short_string(const json& j, const char* k, std::size_t max, std::string& out, std::string& why, bool required = true) {
    if (!j.contains(k)) {
        if (required) { why = std::string(k) + ": missing"; return false; }
        out.clear();
        return true;
    }
    if (!j[k].is_string()) { why = std::string(k) + ": must be a string"; return false; }
    out = j[k].get<std::string>();
    if (!is_valid_utf8(out)) { why = std::string(k) + ": not valid UTF-8"; return false; }
    if (out.size() > max) { why = std::string(k) + ": too long"; return false; }
    return true;
}

}  // namespace

std::optional<ValidRecord> validate_record(const json& j, std::string& why) {
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    if (!j.contains("kind") || !j["kind"].is_string()) { why = "kind: missing"; return std::nullopt; }
    const auto kind = j["kind"].get<std::string>();
    if (kind == kKindFeedback) {
        auto f = feedback_from_json(j, why);
        if (!f) return std::nullopt;
        return ValidRecord{f->uuid, kind, f->hall_id, f->kiosk_id, f->created_at};
    }
    if (kind == kKindAudit) {
        // One decoder for audit records, shared with the kiosk's manager mode (records.h).
        auto a = audit_from_json(j, why);
        if (!a) return std::nullopt;
        return ValidRecord{a->uuid, kind, a->hall_id, a->kiosk_id, a->at};
    }
    why = "kind: unknown record kind " + kind;
    return std::nullopt;
}

const char* to_string(RecordStatus s) {
    switch (s) {
        case RecordStatus::Stored: return "stored";
        case RecordStatus::Duplicate: return "duplicate";
        case RecordStatus::Rejected: return "rejected";
    }
    return "rejected";
}

json push_reply_to_json(const std::vector<RecordResult>& results) {
    json arr = json::array();
    for (const auto& r : results) {
        json e{{"uuid", r.uuid}, {"status", to_string(r.status)}};
        if (r.status == RecordStatus::Rejected) e["reason"] = r.reason;
        arr.push_back(std::move(e));
    }
    return json{{"results", std::move(arr)}};
}

std::optional<std::vector<RecordResult>> push_reply_from_json(const json& j, std::string& why) {
    if (!j.is_object() || !j.contains("results") || !j["results"].is_array()) { why = "reply: no results array"; return std::nullopt; }
    std::vector<RecordResult> out;
    for (const auto& e : j["results"]) {
        if (!e.is_object() || !e.contains("uuid") || !e["uuid"].is_string() || !e.contains("status") || !e["status"].is_string()) {
            why = "reply: result without uuid or status";
            return std::nullopt;
        }
        RecordResult r;
        r.uuid = e["uuid"].get<std::string>();
        const auto s = e["status"].get<std::string>();
        if (s == "stored") r.status = RecordStatus::Stored;
        else if (s == "duplicate") r.status = RecordStatus::Duplicate;
        else if (s == "rejected") {
            r.status = RecordStatus::Rejected;
            r.reason = e.contains("reason") && e["reason"].is_string() ? e["reason"].get<std::string>() : "rejected";
        } else {
            why = "reply: unknown status " + s;
            return std::nullopt;
        }
        out.push_back(std::move(r));
    }
    return out;
}

json heartbeat_to_json(const Heartbeat& h) {
    return json{{"kiosk_version", h.kiosk_version}, {"content_version", h.content_version},
                {"outbox_depth", h.outbox_depth},   {"last_sync_error", h.last_sync_error},
                {"free_disk_bytes", h.free_disk_bytes}, {"at", h.at}, {"storage", h.storage},
                {"reserve_bytes", h.reserve_bytes}};
}

std::optional<Heartbeat> heartbeat_from_json(const json& j, std::string& why) {
    if (!j.is_object()) { why = "heartbeat must be an object"; return std::nullopt; }
    Heartbeat h;
    if (!short_string(j, "kiosk_version", 64, h.kiosk_version, why) ||
        !short_string(j, "content_version", 64, h.content_version, why, false) ||
        !short_string(j, "last_sync_error", 1000, h.last_sync_error, why, false) || !short_string(j, "at", 40, h.at, why, false))
        return std::nullopt;
    for (auto [k, v] : {std::pair{"outbox_depth", &h.outbox_depth}, std::pair{"free_disk_bytes", &h.free_disk_bytes}}) {
        if (!j.contains(k) || !j[k].is_number_integer()) { why = std::string(k) + ": must be an integer"; return std::nullopt; }
        *v = j[k].get<std::int64_t>();
    }
    // Optional: kiosks from before the complaint reserve do not send them.
    if (!short_string(j, "storage", 32, h.storage, why, false)) return std::nullopt;
    if (j.contains("reserve_bytes")) {
        if (!j["reserve_bytes"].is_number_integer()) { why = "reserve_bytes: must be an integer"; return std::nullopt; }
        h.reserve_bytes = j["reserve_bytes"].get<std::int64_t>();
    }
    return h;
}

json queue_to_json(const QueueSnapshot& q) {
    json ws = json::array(), calls = json::array();
    for (const auto& w : q.windows)
        ws.push_back({{"window_id", w.window_id}, {"open", w.open}, {"paused", w.paused}, {"serving", w.serving},
                      {"waiting", w.waiting}, {"est_wait_minutes", w.est_wait_minutes}});
    for (const auto& c : q.recent_calls) calls.push_back({{"ticket", c.ticket}, {"window_id", c.window_id}, {"at_ms", c.at_ms}});
    return json{{"windows", ws}, {"recent_calls", calls}, {"updated_ms", q.updated_ms}};
}

std::optional<QueueSnapshot> queue_from_json(const json& j, std::string& why) {
    if (!j.is_object() || !j.contains("windows") || !j["windows"].is_array()) { why = "queue: windows array missing"; return std::nullopt; }
    QueueSnapshot q;
    for (const auto& w : j["windows"]) {
        WindowQueue wq;
        if (!w.is_object() || !short_string(w, "window_id", 64, wq.window_id, why) || !short_string(w, "serving", 32, wq.serving, why, false))
            return std::nullopt;
        wq.open = w.value("open", false);
        wq.paused = w.value("paused", false);
        if (!w.contains("waiting") || !w["waiting"].is_number_integer() || w["waiting"].get<int>() < 0) {
            why = "queue: windows[].waiting must be a non-negative integer";
            return std::nullopt;
        }
        wq.waiting = w["waiting"].get<int>();
        wq.est_wait_minutes = w.contains("est_wait_minutes") && w["est_wait_minutes"].is_number_integer() ? w["est_wait_minutes"].get<int>() : 0;
        q.windows.push_back(std::move(wq));
    }
    if (j.contains("recent_calls") && j["recent_calls"].is_array())
        for (const auto& c : j["recent_calls"]) {
            CallEvent e;
            if (!c.is_object() || !short_string(c, "ticket", 32, e.ticket, why) || !short_string(c, "window_id", 64, e.window_id, why))
                return std::nullopt;
            e.at_ms = c.contains("at_ms") && c["at_ms"].is_number_integer() ? c["at_ms"].get<std::int64_t>() : 0;
            q.recent_calls.push_back(std::move(e));
        }
    q.updated_ms = j.contains("updated_ms") && j["updated_ms"].is_number_integer() ? j["updated_ms"].get<std::int64_t>() : 0;
    return q;
}

int compare_versions(const std::string& a, const std::string& b) {
    std::size_t i = 0, k = 0;
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    while (i < a.size() && k < b.size()) {
        if (digit(a[i]) && digit(b[k])) {
            std::size_t i2 = i, k2 = k;
            while (i2 < a.size() && digit(a[i2])) ++i2;
            while (k2 < b.size() && digit(b[k2])) ++k2;
            // Compare as numbers without overflow: strip leading zeros, then length, then digits.
            auto na = a.substr(i, i2 - i), nb = b.substr(k, k2 - k);
            na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
            nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
            if (na.size() != nb.size()) return na.size() < nb.size() ? -1 : 1;
            if (int c = na.compare(nb); c != 0) return c < 0 ? -1 : 1;
            i = i2;
            k = k2;
        } else {
            if (a[i] != b[k]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[k]) ? -1 : 1;
            ++i;
            ++k;
        }
    }
    if (i < a.size()) return 1;
    if (k < b.size()) return -1;
    return 0;
}

}  // namespace hall::wire
