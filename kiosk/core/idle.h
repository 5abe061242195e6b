#pragma once
// Idle reset: after a quiet spell, a visible countdown, then everything a citizen
// entered is discarded so the next person never sees it.
#include <cstdint>

namespace hall {

class IdleTimer {
public:
    IdleTimer(std::int64_t timeout_ms, std::int64_t countdown_ms) : timeout_ms_(timeout_ms), countdown_ms_(countdown_ms) {}

    void touch(std::int64_t now_ms) { last_touch_ms_ = now_ms; }
    // Countdown shows once the timeout has passed; reset fires when the countdown ends.
    bool counting_down(std::int64_t now_ms) const { return now_ms - last_touch_ms_ >= timeout_ms_ && !expired(now_ms); }
    bool expired(std::int64_t now_ms) const { return now_ms - last_touch_ms_ >= timeout_ms_ + countdown_ms_; }
    // Whole seconds left on the visible countdown (rounded up).
    int seconds_left(std::int64_t now_ms) const;
    // When the next visible change happens (countdown start or next second), for the loop's sleep.
    std::int64_t next_change_ms(std::int64_t now_ms) const;

    std::int64_t timeout_ms() const { return timeout_ms_; }
    std::int64_t countdown_ms() const { return countdown_ms_; }

private:
    std::int64_t timeout_ms_;
    std::int64_t countdown_ms_;
    std::int64_t last_touch_ms_ = 0;
};

}  // namespace hall
