#include "hub/hub_retention.h"

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/ids.h"

namespace hall::hub {

using nlohmann::json;

std::string payload_without_phone(const std::string& payload, const std::string& at) {
    auto j = json::parse(payload, nullptr, false);
    if (!j.is_object() || !j.contains("phone") || !j["phone"].is_string() || j["phone"].get<std::string>().empty()) return payload;
    j["phone"] = "";
    j["phone_erased_at"] = at;
    return j.dump();
}

std::string masked_phone(const std::string& phone) {
    if (phone.size() <= 7) return std::string(phone.size(), '*');
    return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

RetentionReport run_phone_retention(HubStore& store, int days, std::chrono::system_clock::time_point now) {
    RetentionReport rep;
    const auto cutoff = now - std::chrono::hours(24) * days;
    // When each case was last closed, from the kiosks' synced audit records.
    std::map<std::string, std::string> closed_at;
    store.for_each_record("audit", [&](const RecordRow& r) {
        auto j = json::parse(r.payload, nullptr, false);
        if (!j.is_object() || j.value("action", "") != "state" || !j.contains("target_uuid") || !j["target_uuid"].is_string()) return true;
        // "after" is an object on the wire (sync/wire/records.cpp); a string holding JSON is read too.
        json after = j.contains("after") ? j["after"] : json::object();
        if (after.is_string()) after = json::parse(after.get<std::string>(), nullptr, false);
        const std::string target = j["target_uuid"].get<std::string>();
        if (after.is_object() && (after.value("state", "") == "closed" || after.value("state", "") == "unfounded"))
            closed_at[target] = std::max(closed_at[target], j.value("at", std::string()));
        else
            closed_at.erase(target);  // reopened: the case runs again
        return true;
    });
    std::vector<std::string> expired;
    store.for_each_record("feedback", [&](const RecordRow& r) {
        auto j = json::parse(r.payload, nullptr, false);
        if (!j.is_object() || j.value("phone", "").empty()) return true;
        const bool opens_case = j.value("rating", 3) <= 2;
        std::string since = r.created_at;
        if (opens_case) {
            auto it = closed_at.find(r.uuid);
            if (it == closed_at.end()) {
                ++rep.kept_open;
                return true;
            }
            since = it->second;
        }
        const auto t = parse_iso_utc(since);
        if (t && *t < cutoff) expired.push_back(r.uuid);
        return true;
    });
    if (!expired.empty()) rep.erased = store.erase_phones(expired, iso_utc(now));
    return rep;
}

}  // namespace hall::hub
