#include "core/idle.h"

#include <algorithm>

namespace hall {

int IdleTimer::seconds_left(std::int64_t now_ms) const {
    const std::int64_t left = last_touch_ms_ + timeout_ms_ + countdown_ms_ - now_ms;
    return static_cast<int>(std::max<std::int64_t>(0, (left + 999) / 1000));
}

std::int64_t IdleTimer::next_change_ms(std::int64_t now_ms) const {
    const std::int64_t start = last_touch_ms_ + timeout_ms_;
    if (now_ms < start) return start;
    const std::int64_t end = start + countdown_ms_;
    if (now_ms >= end) return now_ms;
    const std::int64_t left = end - now_ms;
    return now_ms + ((left - 1) % 1000) + 1;  // the next whole-second tick of the countdown
}

}  // namespace hall
