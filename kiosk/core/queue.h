#pragma once
// Queue status per window, from whatever feeds it: the demo simulator now, the hub's
// relay of the hall's ticketing system when a hub is configured.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
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
    std::string service_code;     // 事項 the ticket was taken for; "" when the source does not say
    std::string called_at;        // UTC ISO 8601 wall time of the call; "" when the source does not say
    bool missed = false;          // 過號: called, the citizen never came (not a served ticket)
};

struct QueueSnapshot {
    std::vector<WindowQueue> windows;
    std::vector<CallEvent> recent_calls;  // newest first, a handful
    // The day's calls (oldest first): what lets the feedback form find the window, service and
    // call time of a citizen's ticket, and what coverage (ratings / tickets served) divides by.
    // Empty from a feed that sends only the recent calls (older ticketing bridges).
    std::vector<CallEvent> day_calls;
    std::string day;                      // local YYYY-MM-DD the day's calls belong to; "" unknown
    std::int64_t updated_ms = 0;          // when the source last changed (0 = never)
    bool stale = false;                   // source unreachable: the board says so
    const WindowQueue* find(const std::string& window_id) const;
};

// The ticket format the hall uses (config [feedback]): one of the hall's letters (the
// windows' ticket prefixes) and a fixed number of digits, e.g. A005.
struct TicketFormat {
    std::string letters;  // "ABCDEF": upper-case, each once
    int digits = 3;
    std::string example() const;  // "A005" (for the keypad's hint)
};
// The ticket as the format writes it (upper-cased, spaces dropped), or nullopt when it is
// not one: a wrong letter, too few or too many digits, anything else.
std::optional<std::string> normalize_ticket(std::string_view raw, const TicketFormat& fmt);
// The latest call of this ticket in the feed (day's calls, then the recent ones); nullptr
// when the feed does not know it. Pure: the feedback screen calls it on the Model's snapshot.
const CallEvent* find_call(const QueueSnapshot& q, std::string_view ticket);
// "10:32": an ISO UTC time on the hall's clock; "" when iso is empty or malformed.
std::string local_hhmm(const std::string& iso_utc, int utc_offset_minutes);
// Tickets served per window (distinct tickets called and not missed) in the day's calls.
std::map<std::string, int> served_by_window(const QueueSnapshot& q);

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
    // Wall clock for the calls' called_at and the snapshot's day: wall ms = source ms + offset,
    // local day at utc_offset_minutes. Without it calls carry no wall time.
    void set_wall_clock(std::int64_t wall_minus_source_ms, int utc_offset_minutes);
    // The services (事項 codes) each window handles; a call names one of its window's.
    void set_services(std::map<std::string, std::vector<std::string>> by_window) { services_ = std::move(by_window); }
    // Runs the hall up to now_ms however long that is (poll() catches up an hour at most):
    // a demo kiosk started mid-day has the morning's calls.
    void warm_up(std::int64_t now_ms);
    static constexpr std::size_t kMaxDayCalls = 4000;  // a big hall's day; older calls drop first
    static constexpr std::size_t kMaxWaiting = 30;     // nobody takes a ticket behind 30 people

private:
    struct Lane {
        int next_ticket = 1;
        int serving_ticket = 0;
        std::int64_t service_ends_ms = 0;
        double avg_service_min = 4.0;
        double load = 0.8;  // arrivals over service capacity: busy and quiet windows (冷熱不均)
        std::deque<int> queue;
    };
    void step(std::int64_t t_ms);
    std::vector<Window> windows_;
    std::vector<Lane> lanes_;
    QueueSnapshot snap_;
    std::mt19937 rng_;
    std::int64_t sim_ms_;
    std::optional<std::int64_t> wall_offset_ms_;
    int utc_offset_minutes_ = 480;
    std::map<std::string, std::vector<std::string>> services_;
    static constexpr std::int64_t kStepMs = 5000;
};

}  // namespace hall
