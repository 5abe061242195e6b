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

}  // namespace hall::wire
