#include "wire/records.h"

#include "core/text.h"

namespace hall::wire {

using nlohmann::json;

namespace {

// A string field of a pushed record: present when required, UTF-8, at most max_chars
// characters. An absent optional field reads as "".
std::optional<std::string> read_string(const json& j, const char* k, bool required, std::size_t max_chars, std::string& why) {
    if (!j.contains(k)) {
        if (required) { why = std::string(k) + ": missing"; return std::nullopt; }
        return std::string();
    }
    if (!j[k].is_string()) { why = std::string(k) + ": must be a string"; return std::nullopt; }
    auto s = j[k].get<std::string>();
    if (!is_valid_utf8(s)) { why = std::string(k) + ": not valid UTF-8"; return std::nullopt; }
    if (utf8_length(s) > max_chars) { why = std::string(k) + ": too long"; return std::nullopt; }
    return s;
}

}  // namespace

json feedback_to_json(const Feedback& f) {
    json j;
    j["kind"] = kKindFeedback;
    j["uuid"] = f.uuid;
    j["receipt"] = f.receipt;
    j["created_at"] = f.created_at;
    j["hall_id"] = f.hall_id;
    j["kiosk_id"] = f.kiosk_id;
    j["window_id"] = f.window_id;
    j["categories"] = json::array();
    for (Category c : f.categories) j["categories"].push_back(category_key(c));
    j["rating"] = static_cast<int>(f.overall);
    json ind = json::object();
    for (int i = 0; i < kIndicatorCount; ++i)
        if (f.indicators[static_cast<std::size_t>(i)])
            ind[std::string(indicator_key(static_cast<Indicator>(i)))] = static_cast<int>(*f.indicators[static_cast<std::size_t>(i)]);
    j["indicators"] = ind;
    j["service_code"] = f.service_code;
    j["ticket"] = f.ticket;
    j["text"] = f.text;
    j["phone"] = f.phone;
    j["lang"] = f.lang;
    // Issue 20 fields, only when set: an older kiosk's record and its canonical form stay
    // byte for byte what they were.
    if (!f.channel.empty()) j["channel"] = f.channel;
    if (!f.case_number.empty()) j["case_number"] = f.case_number;
    if (!f.called_at.empty()) j["called_at"] = f.called_at;
    if (!f.visit_day.empty()) j["visit_day"] = f.visit_day;
    if (f.round != 1) j["round"] = f.round;
    if (!f.repeat_of.empty()) j["repeat_of"] = f.repeat_of;
    if (f.flagged) j["flag"] = "pending";
    return j;
}

std::optional<Feedback> feedback_from_json(const json& j, std::string& why) {
    const auto str = [&](const char* k, bool required, std::size_t max_chars) { return read_string(j, k, required, max_chars, why); };
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    Feedback f;
    auto uuid = str("uuid", true, 64), receipt = str("receipt", false, 32), created = str("created_at", true, 40),
         hall = str("hall_id", true, 64), kiosk = str("kiosk_id", true, 64), window = str("window_id", true, 64),
         service = str("service_code", false, 64), ticket = str("ticket", false, kMaxTicketChars),
         text = str("text", false, kMaxFeedbackTextChars), phone = str("phone", false, 20), lang = str("lang", false, 16);
    if (!uuid || !receipt || !created || !hall || !kiosk || !window || !service || !ticket || !text || !phone || !lang)
        return std::nullopt;
    if (uuid->size() != 36) { why = "uuid: not a UUID"; return std::nullopt; }
    f.uuid = *uuid; f.receipt = *receipt; f.created_at = *created; f.hall_id = *hall; f.kiosk_id = *kiosk;
    f.window_id = *window; f.service_code = *service; f.ticket = *ticket; f.text = *text; f.phone = *phone; f.lang = *lang;
    if (!f.phone.empty() && !is_valid_phone(f.phone)) { why = "phone: not a valid phone number"; return std::nullopt; }
    {
        auto channel = str("channel", false, 32), case_number = str("case_number", false, kMaxTicketChars),
             called_at = str("called_at", false, 40), visit_day = str("visit_day", false, 10), repeat_of = str("repeat_of", false, 36),
             flag = str("flag", false, 16);
        if (!channel || !case_number || !called_at || !visit_day || !repeat_of || !flag) return std::nullopt;
        const auto digit = [](char c) { return c >= '0' && c <= '9'; };
        const std::string& d = *visit_day;
        if (!d.empty() && (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digit(d[0]) || !digit(d[1]) || !digit(d[2]) ||
                           !digit(d[3]) || !digit(d[5]) || !digit(d[6]) || !digit(d[8]) || !digit(d[9]))) {
            why = "visit_day: must be YYYY-MM-DD";
            return std::nullopt;
        }
        if (!repeat_of->empty() && repeat_of->size() != 36) { why = "repeat_of: not a UUID"; return std::nullopt; }
        if (!flag->empty() && *flag != "pending") { why = "flag: must be \"pending\" when present"; return std::nullopt; }
        f.channel = *channel; f.case_number = *case_number; f.called_at = *called_at; f.visit_day = d; f.repeat_of = *repeat_of;
        f.flagged = !flag->empty();
        if (j.contains("round")) {
            if (!j["round"].is_number_integer() || j["round"].get<std::int64_t>() < 1 || j["round"].get<std::int64_t>() > 1000) {
                why = "round: must be 1..1000";
                return std::nullopt;
            }
            f.round = j["round"].get<int>();
        }
        if ((f.round > 1) != !f.repeat_of.empty()) { why = "round, repeat_of: a repeat (round > 1) names the first rating, and only a repeat"; return std::nullopt; }
    }
    if (!j.contains("categories") || !j["categories"].is_array() || j["categories"].empty()) { why = "categories: missing or empty"; return std::nullopt; }
    for (const auto& c : j["categories"]) {
        if (!c.is_string()) { why = "categories: must be strings"; return std::nullopt; }
        auto cat = category_from_key(c.get<std::string>());
        if (!cat) { why = "categories: unknown category " + c.get<std::string>(); return std::nullopt; }
        f.categories.push_back(*cat);
    }
    if (!j.contains("rating") || !j["rating"].is_number_integer()) { why = "rating: missing"; return std::nullopt; }
    auto r = rating_from_int(j["rating"].get<int>());
    if (!r) { why = "rating: must be 1..5"; return std::nullopt; }
    f.overall = *r;
    if (j.contains("indicators") && j["indicators"].is_object()) {
        for (int i = 0; i < kIndicatorCount; ++i) {
            const std::string k(indicator_key(static_cast<Indicator>(i)));
            if (!j["indicators"].contains(k)) continue;
            const auto& v = j["indicators"][k];
            auto ir = v.is_number_integer() ? rating_from_int(v.get<int>()) : std::nullopt;
            if (!ir) { why = "indicators." + k + ": must be 1..5"; return std::nullopt; }
            f.indicators[static_cast<std::size_t>(i)] = ir;
        }
    }
    return f;
}

json audit_to_json(const AuditEntry& a) {
    json j;
    j["kind"] = kKindAudit;
    j["uuid"] = a.uuid;
    j["hall_id"] = a.hall_id;
    j["kiosk_id"] = a.kiosk_id;
    j["at"] = a.at;
    j["action"] = a.action;
    j["target_uuid"] = a.target_uuid;
    // Stored as JSON text; anything unparsable is a programming error upstream, sent as {}.
    const auto obj = [](const std::string& text) {
        auto v = json::parse(text, nullptr, false);
        return v.is_object() ? v : json::object();
    };
    j["before"] = obj(a.before_json);
    j["after"] = obj(a.after_json);
    return j;
}

std::optional<AuditEntry> audit_from_json(const json& j, std::string& why) {
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    const auto str = [&](const char* k, bool required, std::size_t max_chars) { return read_string(j, k, required, max_chars, why); };
    auto uuid = str("uuid", true, 64), hall = str("hall_id", true, 64), kiosk = str("kiosk_id", true, 64),
         at = str("at", true, 40), action = str("action", true, 40), target = str("target_uuid", false, 64);
    if (!uuid || !hall || !kiosk || !at || !action || !target) return std::nullopt;
    if (uuid->size() != 36) { why = "uuid: not a UUID"; return std::nullopt; }
    if (action->empty()) { why = "action: empty"; return std::nullopt; }
    if (!target->empty() && target->size() != 36) { why = "target_uuid: not a UUID"; return std::nullopt; }
    AuditEntry a;
    a.uuid = *uuid; a.hall_id = *hall; a.kiosk_id = *kiosk; a.at = *at; a.action = *action; a.target_uuid = *target;
    for (const char* k : {"before", "after"}) {
        if (!j.contains(k)) continue;  // an action that creates or removes nothing may omit one
        if (!j[k].is_object()) { why = std::string(k) + ": must be an object"; return std::nullopt; }
        const auto text = j[k].dump();
        if (text.size() > 16384) { why = std::string(k) + ": too large"; return std::nullopt; }
        (std::string(k) == "before" ? a.before_json : a.after_json) = text;
    }
    return a;
}

json search_miss_to_json(const SearchMiss& m) {
    return json{{"kind", kKindSearchMiss}, {"uuid", m.uuid}, {"hall_id", m.hall_id}, {"kiosk_id", m.kiosk_id},
                {"day", m.day}, {"query", m.query}, {"count", m.count}};
}

std::optional<SearchMiss> search_miss_from_json(const json& j, std::string& why) {
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    const auto str = [&](const char* k, std::size_t max_chars) { return read_string(j, k, true, max_chars, why); };
    auto uuid = str("uuid", 64), hall = str("hall_id", 64), kiosk = str("kiosk_id", 64), day = str("day", 10),
         query = str("query", kMaxLoggedQueryChars);
    if (!uuid || !hall || !kiosk || !day || !query) return std::nullopt;
    if (uuid->size() != 36) { why = "uuid: not a UUID"; return std::nullopt; }
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const std::string& d = *day;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digit(d[0]) || !digit(d[1]) || !digit(d[2]) || !digit(d[3]) ||
        !digit(d[5]) || !digit(d[6]) || !digit(d[8]) || !digit(d[9])) { why = "day: must be YYYY-MM-DD"; return std::nullopt; }
    if (loggable_query(*query) != *query) { why = "query: empty, untrimmed or looks like a phone or identity number"; return std::nullopt; }
    if (!j.contains("count") || !j["count"].is_number_integer()) { why = "count: missing"; return std::nullopt; }
    const auto count = j["count"].get<std::int64_t>();
    if (count < 1 || count > 1000000) { why = "count: must be 1..1000000"; return std::nullopt; }
    return SearchMiss{*uuid, *hall, *kiosk, *day, *query, count};
}

json coverage_to_json(const CoverageRecord& c) {
    return json{{"kind", kKindCoverage}, {"uuid", c.uuid},       {"hall_id", c.hall_id}, {"kiosk_id", c.kiosk_id},
                {"day", c.day},          {"window_id", c.window_id}, {"served", c.served}, {"rated", c.rated},
                {"repeats", c.repeats},  {"held", c.held},       {"unticketed", c.unticketed}};
}

std::optional<CoverageRecord> coverage_from_json(const json& j, std::string& why) {
    if (!j.is_object()) { why = "record must be an object"; return std::nullopt; }
    const auto str = [&](const char* k, std::size_t max_chars) { return read_string(j, k, true, max_chars, why); };
    auto uuid = str("uuid", 64), hall = str("hall_id", 64), kiosk = str("kiosk_id", 64), day = str("day", 10), window = str("window_id", 64);
    if (!uuid || !hall || !kiosk || !day || !window) return std::nullopt;
    if (uuid->size() != 36) { why = "uuid: not a UUID"; return std::nullopt; }
    const auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    const std::string& d = *day;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-' || !digit(d[0]) || !digit(d[1]) || !digit(d[2]) || !digit(d[3]) ||
        !digit(d[5]) || !digit(d[6]) || !digit(d[8]) || !digit(d[9])) { why = "day: must be YYYY-MM-DD"; return std::nullopt; }
    if (window->empty()) { why = "window_id: must not be empty"; return std::nullopt; }
    CoverageRecord c{*uuid, *hall, *kiosk, *day, *window};
    for (auto [k, v] : {std::pair{"served", &c.served}, std::pair{"rated", &c.rated}, std::pair{"repeats", &c.repeats},
                        std::pair{"held", &c.held}, std::pair{"unticketed", &c.unticketed}}) {
        if (!j.contains(k) || !j[k].is_number_integer()) { why = std::string(k) + ": must be an integer"; return std::nullopt; }
        *v = j[k].get<std::int64_t>();
        if (*v < 0 || *v > 1000000) { why = std::string(k) + ": must be 0..1000000"; return std::nullopt; }
    }
    return c;
}

}  // namespace hall::wire
