#include "core/queue.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdio>

#include "core/ids.h"
#include "core/workdays.h"

namespace hall {

const WindowQueue* QueueSnapshot::find(const std::string& window_id) const {
    for (const auto& w : windows)
        if (w.window_id == window_id) return &w;
    return nullptr;
}

std::string TicketFormat::example() const {
    std::string out(1, letters.empty() ? 'A' : letters[0]);
    for (int i = 0; i < digits; ++i) out += i + 1 == digits ? '5' : '0';
    return out;
}

std::optional<std::string> normalize_ticket(std::string_view raw, const TicketFormat& fmt) {
    std::string t;
    for (char c : raw) {
        if (c == ' ' || c == '-') continue;
        t += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (t.size() != static_cast<std::size_t>(fmt.digits) + 1 || fmt.letters.find(t[0]) == std::string::npos || t[0] < 'A' || t[0] > 'Z')
        return std::nullopt;
    for (std::size_t i = 1; i < t.size(); ++i)
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    return t;
}

const CallEvent* find_call(const QueueSnapshot& q, std::string_view ticket) {
    if (ticket.empty()) return nullptr;
    for (auto it = q.day_calls.rbegin(); it != q.day_calls.rend(); ++it)
        if (it->ticket == ticket) return &*it;
    for (const auto& c : q.recent_calls)
        if (c.ticket == ticket) return &c;
    return nullptr;
}

std::string local_hhmm(const std::string& iso, int utc_offset_minutes) {
    const auto t = parse_iso_utc(iso);
    if (!t) return {};
    const auto mins = std::chrono::floor<std::chrono::minutes>(t->time_since_epoch()).count() + utc_offset_minutes;
    const long long day_min = ((mins % 1440) + 1440) % 1440;
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", day_min / 60, day_min % 60);
    return buf;
}

std::map<std::string, int> served_by_window(const QueueSnapshot& q) {
    std::map<std::string, std::map<std::string, bool>> tickets;  // window -> ticket -> served
    for (const auto& c : q.day_calls) {
        bool& served = tickets[c.window_id][c.ticket];
        served = served || !c.missed;  // a recall that came counts once
    }
    std::map<std::string, int> out;
    for (const auto& [w, ts] : tickets)
        for (const auto& [t, served] : ts) out[w] += served ? 1 : 0;
    return out;
}

QueueSimulator::QueueSimulator(const HallInfo& hall, std::uint32_t seed, std::int64_t start_ms)
    : windows_(hall.windows), lanes_(hall.windows.size()), rng_(seed), sim_ms_(start_ms) {
    std::uniform_real_distribution<double> svc(2.5, 7.0);
    std::uniform_real_distribution<double> load(0.45, 0.92);
    std::uniform_int_distribution<int> initial(0, 9);
    snap_.windows.resize(windows_.size());
    for (std::size_t i = 0; i < windows_.size(); ++i) {
        auto& lane = lanes_[i];
        lane.avg_service_min = svc(rng_);
        lane.load = load(rng_);
        lane.service_ends_ms = start_ms;  // free from the start (a start before 0 is a warm-up from opening time)
        lane.next_ticket = 1 + initial(rng_) * 3;
        const int start_queue = initial(rng_);
        for (int k = 0; k < start_queue; ++k) lane.queue.push_back(lane.next_ticket++);
        snap_.windows[i].window_id = windows_[i].id;
        // Two windows in eleven closed at any time: the 冷熱不均 a real hall shows.
        snap_.windows[i].open = (i % 5) != 3;
    }
    step(start_ms);
    snap_.updated_ms = start_ms;
}

void QueueSimulator::step(std::int64_t t) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
        auto& lane = lanes_[i];
        auto& wq = snap_.windows[i];
        // Arrivals at a share of what the lane can serve (below 1, or its queue grows all day);
        // none for a closed window, and none once the board shows a long queue: people come
        // back another day rather than wait three hours.
        const double arrival = kStepMs / 60000.0 * lane.load / lane.avg_service_min;
        if (wq.open && lane.queue.size() < kMaxWaiting && u(rng_) < arrival) lane.queue.push_back(lane.next_ticket++);
        if (!wq.open) {
            if (u(rng_) < 0.002) wq.open = true;
        } else if (u(rng_) < 0.0008) {
            wq.open = false;
        }
        wq.paused = wq.open && u(rng_) < 0.01 ? !wq.paused : wq.paused && wq.open && u(rng_) > 0.05;
        const bool working = wq.open && !wq.paused;
        if (working && t >= lane.service_ends_ms && !lane.queue.empty()) {
            lane.serving_ticket = lane.queue.front();
            lane.queue.pop_front();
            std::exponential_distribution<double> dur(1.0 / lane.avg_service_min);
            lane.service_ends_ms = t + static_cast<std::int64_t>(std::clamp(dur(rng_), 1.0, 20.0) * 60000.0);
            char ticket[16];
            std::snprintf(ticket, sizeof ticket, "%s%03d", windows_[i].ticket_prefix.c_str(), lane.serving_ticket);
            CallEvent call{ticket, windows_[i].id, t, {}, {}, false};
            if (auto sv = services_.find(windows_[i].id); sv != services_.end() && !sv->second.empty())
                call.service_code = sv->second[static_cast<std::size_t>(lane.serving_ticket) % sv->second.size()];
            if (wall_offset_ms_) {
                const auto wall = std::chrono::system_clock::time_point(std::chrono::milliseconds(t + *wall_offset_ms_));
                call.called_at = iso_utc(wall);
                if (auto day = local_date_of(call.called_at, utc_offset_minutes_)) {
                    const std::string d = format_date(*day);
                    if (d != snap_.day) {  // tickets restart daily: yesterday's calls are not today's
                        snap_.day = d;
                        snap_.day_calls.clear();
                    }
                }
            }
            snap_.recent_calls.insert(snap_.recent_calls.begin(), call);
            if (snap_.recent_calls.size() > 6) snap_.recent_calls.resize(6);
            snap_.day_calls.push_back(call);
            if (snap_.day_calls.size() > kMaxDayCalls) snap_.day_calls.erase(snap_.day_calls.begin());
        } else if (t >= lane.service_ends_ms && lane.queue.empty()) {
            lane.serving_ticket = 0;
        }
        if (lane.serving_ticket > 0) {
            char ticket[16];
            std::snprintf(ticket, sizeof ticket, "%s%03d", windows_[i].ticket_prefix.c_str(), lane.serving_ticket);
            wq.serving = ticket;
        } else {
            wq.serving.clear();
        }
        wq.waiting = static_cast<int>(lane.queue.size());
        wq.est_wait_minutes = wq.open ? static_cast<int>(std::ceil(wq.waiting * lane.avg_service_min)) : 0;
    }
}

void QueueSimulator::set_wall_clock(std::int64_t wall_minus_source_ms, int utc_offset_minutes) {
    wall_offset_ms_ = wall_minus_source_ms;
    utc_offset_minutes_ = utc_offset_minutes;
}

void QueueSimulator::warm_up(std::int64_t now_ms) {
    while (sim_ms_ + kStepMs <= now_ms) {
        sim_ms_ += kStepMs;
        step(sim_ms_);
    }
    snap_.updated_ms = now_ms;
}

bool QueueSimulator::poll(std::int64_t now_ms) {
    if (now_ms < sim_ms_ + kStepMs) return false;
    const QueueSnapshot before = snap_;
    // Catch up at most an hour in one poll so a long sleep does not spin.
    sim_ms_ = std::max(sim_ms_, now_ms - 3600 * 1000);
    while (sim_ms_ + kStepMs <= now_ms) {
        sim_ms_ += kStepMs;
        step(sim_ms_);
    }
    bool changed = before.recent_calls.size() != snap_.recent_calls.size() || before.day_calls.size() != snap_.day_calls.size() ||
                   (!snap_.recent_calls.empty() && before.recent_calls.front().at_ms != snap_.recent_calls.front().at_ms);
    for (std::size_t i = 0; !changed && i < snap_.windows.size(); ++i) {
        const auto& a = before.windows[i];
        const auto& b = snap_.windows[i];
        changed = a.open != b.open || a.paused != b.paused || a.serving != b.serving || a.waiting != b.waiting;
    }
    if (changed) snap_.updated_ms = now_ms;
    return changed;
}

}  // namespace hall
