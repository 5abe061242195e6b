#pragma once
// Wire encoding of records a kiosk pushes to hall-hub (see sync/openapi.yaml).
// Each record carries its UUID: the hub stores a UUID once, however often it arrives.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/feedback.h"
#include "core/handling.h"

namespace hall::wire {

inline constexpr const char* kKindFeedback = "feedback";
inline constexpr const char* kKindAudit = "audit";

nlohmann::json feedback_to_json(const Feedback& f);
// Parses a pushed feedback record; on failure returns nullopt and sets why.
std::optional<Feedback> feedback_from_json(const nlohmann::json& j, std::string& why);

// A manager action (audit log row): {"kind":"audit","uuid","hall_id","kiosk_id","at","action",
// "target_uuid","before":{...},"after":{...}}. before/after are objects of changed fields.
nlohmann::json audit_to_json(const AuditEntry& a);
std::optional<AuditEntry> audit_from_json(const nlohmann::json& j, std::string& why);

}  // namespace hall::wire
