#include "protocol/api.h"

#include <cctype>

#include "common/time.h"
#include "core/ids.h"
#include "core/text.h"
#include "core/workdays.h"
#include "wire/records.h"

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

std::optional<json> parse_bounded_json(std::string_view text, int max_depth, std::string& why) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > max_depth) {
                why = "JSON nested deeper than " + std::to_string(max_depth) + " levels";
                return std::nullopt;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    auto j = json::parse(text, nullptr, false);
    if (j.is_discarded()) {
        why = "body is not valid JSON (or not valid UTF-8)";
        return std::nullopt;
    }
    return j;
}

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

bool is_sane_rfc3339(std::string_view s, std::chrono::system_clock::time_point now) {
    const auto t = parse_rfc3339(s);
    if (!t) return false;
    const std::chrono::sys_seconds earliest = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
    return *t >= earliest && *t <= std::chrono::floor<std::chrono::seconds>(now) + std::chrono::hours{24};
}

std::string unknown_field(const json& j, std::initializer_list<const char*> allowed) {
    for (const auto& [k, v] : j.items()) {
        bool known = false;
        for (const char* a : allowed) known = known || k == a;
        if (!known) return k.size() > 64 ? k.substr(0, 64) : k;
    }
    return "";
}

namespace {

std::optional<ValidRecord> decode_feedback(const json& j, std::string& why) {
    if (auto k = unknown_field(j, {"kind", "uuid", "receipt", "created_at", "hall_id", "kiosk_id", "window_id", "categories", "rating",
                                   "indicators", "service_code", "ticket", "text", "phone", "lang", "phone_erased_at",
                                   "channel", "case_number", "called_at", "visit_day", "round", "repeat_of", "flag"});
        !k.empty()) {
        why = "unknown field " + k;
        return std::nullopt;
    }
    if (j.contains("indicators") && !j["indicators"].is_object()) { why = "indicators: must be an object"; return std::nullopt; }
    if (j.contains("indicators")) {
        for (const auto& [k, v] : j["indicators"].items()) {
            bool known = false;
            for (int i = 0; i < kIndicatorCount; ++i) known = known || k == indicator_key(static_cast<Indicator>(i));
            if (!known) { why = "indicators: unknown indicator " + k.substr(0, 64); return std::nullopt; }
        }
    }
    auto f = feedback_from_json(j, why);
    if (!f) return std::nullopt;
    if (!is_uuid(f->uuid)) { why = "uuid: not a UUID"; return std::nullopt; }
    if (!is_sane_rfc3339(f->created_at)) { why = "created_at: not an RFC 3339 time between 2020 and tomorrow"; return std::nullopt; }
    if (f->hall_id.empty() || f->kiosk_id.empty() || f->window_id.empty()) { why = "hall_id, kiosk_id, window_id: must not be empty"; return std::nullopt; }
    if (!f->called_at.empty() && !is_sane_rfc3339(f->called_at)) { why = "called_at: not an RFC 3339 time between 2020 and tomorrow"; return std::nullopt; }
    if (!f->repeat_of.empty() && !is_uuid(f->repeat_of)) { why = "repeat_of: not a UUID"; return std::nullopt; }
    auto canonical = feedback_to_json(*f);
    // A kiosk that erased the caller's number before sending says when (docs/privacy.md).
    if (j.contains("phone_erased_at")) {
        if (!j["phone_erased_at"].is_string() || !is_sane_rfc3339(j["phone_erased_at"].get_ref<const std::string&>())) {
            why = "phone_erased_at: not an RFC 3339 time between 2020 and tomorrow";
            return std::nullopt;
        }
        canonical["phone_erased_at"] = j["phone_erased_at"];
    }
    return ValidRecord{f->uuid, kKindFeedback, f->hall_id, f->kiosk_id, f->created_at, canonical.dump()};
}

std::optional<ValidRecord> decode_audit(const json& j, std::string& why) {
    if (auto k = unknown_field(j, {"kind", "uuid", "hall_id", "kiosk_id", "at", "action", "target_uuid", "before", "after"}); !k.empty()) {
        why = "unknown field " + k;
        return std::nullopt;
    }
    // One decoder for audit records, shared with the kiosk's manager mode (records.h).
    auto a = audit_from_json(j, why);
    if (!a) return std::nullopt;
    if (!is_uuid(a->uuid)) { why = "uuid: not a UUID"; return std::nullopt; }
    if (!a->target_uuid.empty() && !is_uuid(a->target_uuid)) { why = "target_uuid: not a UUID"; return std::nullopt; }
    if (!is_sane_rfc3339(a->at)) { why = "at: not an RFC 3339 time between 2020 and tomorrow"; return std::nullopt; }
    if (a->hall_id.empty() || a->kiosk_id.empty()) { why = "hall_id, kiosk_id: must not be empty"; return std::nullopt; }
    // audit_to_json(*a), without parsing before/after back from the text just made of them.
    json c{{"kind", kKindAudit}, {"uuid", a->uuid}, {"hall_id", a->hall_id}, {"kiosk_id", a->kiosk_id}, {"at", a->at},
           {"action", a->action}, {"target_uuid", a->target_uuid}};
    c["before"] = j.contains("before") ? j["before"] : json::object();
    c["after"] = j.contains("after") ? j["after"] : json::object();
    return ValidRecord{a->uuid, kKindAudit, a->hall_id, a->kiosk_id, a->at, c.dump()};
}

std::optional<ValidRecord> decode_search_miss(const json& j, std::string& why) {
    if (auto k = unknown_field(j, {"kind", "uuid", "hall_id", "kiosk_id", "day", "query", "count"}); !k.empty()) {
        why = "unknown field " + k;
        return std::nullopt;
    }
    auto m = search_miss_from_json(j, why);
    if (!m) return std::nullopt;
    if (!is_uuid(m->uuid)) { why = "uuid: not a UUID"; return std::nullopt; }
    if (!is_sane_rfc3339(m->day + "T00:00:00Z")) { why = "day: not a date between 2020 and tomorrow"; return std::nullopt; }
    return ValidRecord{m->uuid, kKindSearchMiss, m->hall_id, m->kiosk_id, m->day + "T00:00:00Z", search_miss_to_json(*m).dump()};
}

std::optional<ValidRecord> decode_coverage(const json& j, std::string& why) {
    if (auto k = unknown_field(j, {"kind", "uuid", "hall_id", "kiosk_id", "day", "window_id", "served", "rated", "repeats", "held",
                                   "unticketed"});
        !k.empty()) {
        why = "unknown field " + k;
        return std::nullopt;
    }
    auto c = coverage_from_json(j, why);
    if (!c) return std::nullopt;
    if (!is_uuid(c->uuid)) { why = "uuid: not a UUID"; return std::nullopt; }
    if (!is_sane_rfc3339(c->day + "T00:00:00Z")) { why = "day: not a date between 2020 and tomorrow"; return std::nullopt; }
    if (c->hall_id.empty() || c->kiosk_id.empty()) { why = "hall_id, kiosk_id: must not be empty"; return std::nullopt; }
    return ValidRecord{c->uuid, kKindCoverage, c->hall_id, c->kiosk_id, c->day + "T00:00:00Z", coverage_to_json(*c).dump()};
}

}  // namespace

const std::vector<RecordKind>& record_kinds() {
    static const std::vector<RecordKind> kinds = {
        {kKindFeedback, decode_feedback},
        {kKindAudit, decode_audit},
        {kKindSearchMiss, decode_search_miss},
        {kKindCoverage, decode_coverage},
    };
    return kinds;
}

std::optional<ValidRecord> validate_record(const json& j, std::string& why) {
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    if (!j.contains("kind") || !j["kind"].is_string()) { why = "kind: missing"; return std::nullopt; }
    const auto& kind = j["kind"].get_ref<const std::string&>();
    for (const auto& k : record_kinds())
        if (kind == k.kind) return k.decode(j, why);
    why = "kind: unknown record kind " + kind.substr(0, 64);
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
    const auto call_json = [](const CallEvent& c) {
        json o{{"ticket", c.ticket}, {"window_id", c.window_id}, {"at_ms", c.at_ms}};
        if (!c.service_code.empty()) o["service_code"] = c.service_code;
        if (!c.called_at.empty()) o["called_at"] = c.called_at;
        if (c.missed) o["missed"] = true;
        return o;
    };
    for (const auto& c : q.recent_calls) calls.push_back(call_json(c));
    json out{{"windows", ws}, {"recent_calls", calls}, {"updated_ms", q.updated_ms}};
    if (!q.day.empty() || !q.day_calls.empty()) {
        json day = json::array();
        for (const auto& c : q.day_calls) day.push_back(call_json(c));
        out["day"] = q.day;
        out["day_calls"] = std::move(day);
    }
    return out;
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
    const auto read_call = [&](const json& c, CallEvent& e) {
        if (!c.is_object() || !short_string(c, "ticket", 32, e.ticket, why) || !short_string(c, "window_id", 64, e.window_id, why) ||
            !short_string(c, "service_code", 64, e.service_code, why, false) || !short_string(c, "called_at", 40, e.called_at, why, false))
            return false;
        if (!e.called_at.empty() && !parse_iso_utc(e.called_at)) {
            why = "queue: called_at must be an ISO 8601 UTC time";
            return false;
        }
        e.at_ms = c.contains("at_ms") && c["at_ms"].is_number_integer() ? c["at_ms"].get<std::int64_t>() : 0;
        e.missed = c.contains("missed") && c["missed"].is_boolean() && c["missed"].get<bool>();
        return true;
    };
    if (j.contains("recent_calls") && j["recent_calls"].is_array())
        for (const auto& c : j["recent_calls"]) {
            CallEvent e;
            if (!read_call(c, e)) return std::nullopt;
            q.recent_calls.push_back(std::move(e));
        }
    // The day's calls (optional: older ticketing bridges send the recent calls only).
    if (j.contains("day_calls")) {
        if (!j["day_calls"].is_array()) { why = "queue: day_calls must be an array"; return std::nullopt; }
        if (j["day_calls"].size() > QueueSimulator::kMaxDayCalls) { why = "queue: day_calls: more than 4000 calls"; return std::nullopt; }
        if (!short_string(j, "day", 10, q.day, why, false)) return std::nullopt;
        if (!q.day.empty() && !parse_date(q.day)) { why = "queue: day must be YYYY-MM-DD"; return std::nullopt; }
        for (const auto& c : j["day_calls"]) {
            CallEvent e;
            if (!read_call(c, e)) return std::nullopt;
            q.day_calls.push_back(std::move(e));
        }
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
