#pragma once
// Wire encoding of records a kiosk pushes to hall-hub (see sync/openapi.yaml).
// Each record carries its UUID: the hub stores a UUID once, however often it arrives.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/feedback.h"
#include "core/handling.h"
#include "core/search_query.h"

namespace hall::wire {

inline constexpr const char* kKindFeedback = "feedback";
inline constexpr const char* kKindAudit = "audit";
inline constexpr const char* kKindSearchMiss = "search_miss";
inline constexpr const char* kKindCoverage = "coverage";

nlohmann::json feedback_to_json(const Feedback& f);
// Parses a pushed feedback record; on failure returns nullopt and sets why.
std::optional<Feedback> feedback_from_json(const nlohmann::json& j, std::string& why);

// A manager action (audit log row): {"kind":"audit","uuid","hall_id","kiosk_id","at","action",
// "target_uuid","before":{...},"after":{...}}. before/after are objects of changed fields.
nlohmann::json audit_to_json(const AuditEntry& a);
std::optional<AuditEntry> audit_from_json(const nlohmann::json& j, std::string& why);

// One day's count of a query that ended with no guide opened: {"kind":"search_miss","uuid",
// "hall_id","kiosk_id","day":"YYYY-MM-DD","query","count"}. Nothing about the person; a
// query that looks like a phone or identity number is refused (it must never be kept).
nlohmann::json search_miss_to_json(const SearchMiss& m);
std::optional<SearchMiss> search_miss_from_json(const nlohmann::json& j, std::string& why);

// One closed local day's coverage for one window, as one kiosk saw it (issue 20): tickets the
// queue feed reported served and the ratings given at this kiosk. {"kind":"coverage","uuid",
// "hall_id","kiosk_id","day","window_id","served","rated","repeats","held","unticketed"}.
// Kiosks of one hall share one feed: the centre takes the largest "served" of a hall's kiosks
// for a day and window and sums the rest.
struct CoverageRecord {
    std::string uuid, hall_id, kiosk_id, day, window_id;
    std::int64_t served = 0, rated = 0, repeats = 0, held = 0, unticketed = 0;
};
nlohmann::json coverage_to_json(const CoverageRecord& c);
std::optional<CoverageRecord> coverage_from_json(const nlohmann::json& j, std::string& why);

}  // namespace hall::wire
