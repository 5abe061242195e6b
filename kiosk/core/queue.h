#pragma once
// Queue status per window, from whatever feeds it: the demo simulator now, the hub's
// relay of the hall's ticketing system when a hub is configured.
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/hall.h"

namespace hall {

struct WindowQueue {
    std::string window_id;
    bool open = false;
    bool paused = false;          // 暫停服務: clerk away with a sign up
    std::string serving;          // ticket being served, e.g. "C015"; empty when none
    int waiting = 0;
    int est_wait_minutes = 0;     // waiting x average service time
};

struct CallEvent {                // "請A005號到2號窗口"
    std::string ticket;
    std::string window_id;
    std::int64_t at_ms = 0;       // source clock, for ordering
};

struct QueueSnapshot {
    std::vector<WindowQueue> windows;
    std::vector<CallEvent> recent_calls;  // newest first, a handful
    std::int64_t updated_ms = 0;          // when the source last changed (0 = never)
    bool stale = false;                   // source unreachable: the board says so
    const WindowQueue* find(const std::string& window_id) const;
};

class QueueSource {
public:
    virtual ~QueueSource() = default;
    // Advances to now_ms and returns true when the snapshot changed since the last call.
    virtual bool poll(std::int64_t now_ms) = 0;
    virtual const QueueSnapshot& snapshot() const = 0;
};

// A realistic hall for the demo: windows open and close on a schedule, tickets arrive in
// bursts, clerks take a few minutes each, one window sometimes pauses. Deterministic for a seed.
class QueueSimulator final : public QueueSource {
public:
    QueueSimulator(const HallInfo& hall, std::uint32_t seed, std::int64_t start_ms);
    bool poll(std::int64_t now_ms) override;
    const QueueSnapshot& snapshot() const override { return snap_; }

private:
    struct Lane {
        int next_ticket = 1;
        int serving_ticket = 0;
        std::int64_t service_ends_ms = 0;
        double avg_service_min = 4.0;
        std::deque<int> queue;
    };
    void step(std::int64_t t_ms);
    std::vector<Window> windows_;
    std::vector<Lane> lanes_;
    QueueSnapshot snap_;
    std::mt19937 rng_;
    std::int64_t sim_ms_;
    static constexpr std::int64_t kStepMs = 5000;
};

}  // namespace hall
