#pragma once
// Per-token request budget for hall-hub: a token bucket per key (the token's hash), kept in
// memory. A kiosk draining a backlog bursts; a copied token hammering the hub gets 429.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hall::hub {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    // rate_per_s <= 0: no limit.
    RateLimiter(double rate_per_s, double burst) : rate_(rate_per_s), burst_(std::max(1.0, burst)) {}

    // Takes one request from key's bucket: nullopt when allowed, else whole seconds to wait
    // (for Retry-After, at least 1).
    std::optional<int> take(const std::string& key, Clock::time_point now = Clock::now()) {
        if (rate_ <= 0) return std::nullopt;
        std::lock_guard lk(mu_);
        if (buckets_.size() > kMaxKeys) forget_full(now);
        auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now});
        auto& b = it->second;
        if (!fresh) {
            b.tokens = std::min(burst_, b.tokens + std::chrono::duration<double>(now - b.at).count() * rate_);
            b.at = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return std::nullopt;
        }
        return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate_)));
    }

private:
    struct Bucket {
        double tokens;
        Clock::time_point at;
    };
    static constexpr std::size_t kMaxKeys = 200000;
    // Unknown tokens by the thousand must not grow memory: full buckets carry no state.
    void forget_full(Clock::time_point now) {
        for (auto it = buckets_.begin(); it != buckets_.end();)
            if (it->second.tokens + std::chrono::duration<double>(now - it->second.at).count() * rate_ >= burst_) it = buckets_.erase(it);
            else ++it;
    }
    double rate_, burst_;
    std::mutex mu_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace hall::hub
