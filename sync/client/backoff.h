#pragma once
// Exponential backoff with jitter between failed sync attempts, honouring the hub's
// Retry-After. Delays grow base, 2*base, 4*base ... up to cap; each is drawn uniformly from
// [d/2, d] so a hall's kiosks coming back after an outage do not hit the hub in step.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace hall::sync {

class Backoff {
public:
    Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, std::uint32_t seed = std::random_device{}())
        : base_(base), cap_(cap), rng_(seed) {}

    // Delay before the next attempt after a failure; retry_after_s from the hub is a floor.
    std::chrono::milliseconds next(std::optional<int> retry_after_s = std::nullopt) {
        const int shift = std::min(failures_, 30);
        ++failures_;
        const auto d = std::min<std::int64_t>(cap_.count(), base_.count() << std::min(shift, 20));
        std::uniform_int_distribution<std::int64_t> pick(d / 2, d);
        auto ms = std::chrono::milliseconds(pick(rng_));
        if (retry_after_s && *retry_after_s > 0)
            ms = std::max(ms, std::chrono::milliseconds(std::int64_t{std::min(*retry_after_s, 3600)} * 1000));
        return ms;
    }
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }

private:
    std::chrono::milliseconds base_, cap_;
    std::mt19937 rng_;
    int failures_ = 0;
};

}  // namespace hall::sync
