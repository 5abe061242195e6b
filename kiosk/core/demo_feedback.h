#pragma once
// Realistic feedback for demos and benchmarks: `hall-kiosk demo-data --feedback N`.
#include <chrono>
#include <cstdint>
#include <vector>

#include "core/feedback.h"
#include "core/hall.h"

namespace hall {

// n records spread over the `days` before `now`, mostly good ratings, complaints that read
// like the documents' (空崗, 態度, 來回跑 ...), a third with a phone number. Deterministic per seed.
std::vector<Feedback> make_demo_feedback(const HallInfo& hall, const std::string& kiosk_id, std::size_t n, std::uint32_t seed,
                                         std::chrono::system_clock::time_point now, int days = 90);

}  // namespace hall
