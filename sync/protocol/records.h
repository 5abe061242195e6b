#pragma once
// Wire encoding of records a kiosk pushes to hall-hub (see sync/openapi.yaml).
// Each record carries its UUID: the hub stores a UUID once, however often it arrives.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/feedback.h"

namespace hall::wire {

inline constexpr const char* kKindFeedback = "feedback";

nlohmann::json feedback_to_json(const Feedback& f);
// Parses a pushed feedback record; on failure returns nullopt and sets why.
std::optional<Feedback> feedback_from_json(const nlohmann::json& j, std::string& why);

}  // namespace hall::wire
