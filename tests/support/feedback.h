#pragma once
// Feedback records as a kiosk would have made them, for tests that need some in a store.
// One builder for every suite: fill in what the test is about, the rest has defaults.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.h"

namespace hall::test {

inline constexpr const char* kHall = "demo-district";
inline constexpr const char* kKiosk = "kiosk-01";

struct FeedbackSpec {
    std::string created_at;  // empty: now
    std::string hall = kHall;
    std::string kiosk = kKiosk;
    std::string window = "w01";
    Rating rating = Rating::Dissatisfied;
    std::vector<Category> categories{Category::Attitude};
    std::string phone;  // empty: anonymous
    std::string text = "窗口工作人员态度冷漠";
    std::array<std::optional<Rating>, kIndicatorCount> indicators{};
};

// A record with a fresh UUID and the receipt made from it.
Feedback make_record(const FeedbackSpec& s);

// The i-th of a varied series (windows, categories and ratings cycle), as the sync tests send.
Feedback sample_feedback(int i, const std::string& hall = kHall);

}  // namespace hall::test
