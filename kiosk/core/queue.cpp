#include "core/queue.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hall {

const WindowQueue* QueueSnapshot::find(const std::string& window_id) const {
    for (const auto& w : windows)
        if (w.window_id == window_id) return &w;
    return nullptr;
}

QueueSimulator::QueueSimulator(const HallInfo& hall, std::uint32_t seed, std::int64_t start_ms)
    : windows_(hall.windows), lanes_(hall.windows.size()), rng_(seed), sim_ms_(start_ms) {
    std::uniform_real_distribution<double> svc(2.5, 7.0);
    std::uniform_int_distribution<int> initial(0, 9);
    snap_.windows.resize(windows_.size());
    for (std::size_t i = 0; i < windows_.size(); ++i) {
        auto& lane = lanes_[i];
        lane.avg_service_min = svc(rng_);
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
        // Arrivals: about one citizen per lane every 3 minutes, busier for slow lanes.
        if (u(rng_) < kStepMs / 180000.0 * (lane.avg_service_min / 4.0)) lane.queue.push_back(lane.next_ticket++);
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
            snap_.recent_calls.insert(snap_.recent_calls.begin(), CallEvent{ticket, windows_[i].id, t});
            if (snap_.recent_calls.size() > 6) snap_.recent_calls.resize(6);
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

bool QueueSimulator::poll(std::int64_t now_ms) {
    if (now_ms < sim_ms_ + kStepMs) return false;
    const QueueSnapshot before = snap_;
    // Catch up at most an hour in one poll so a long sleep does not spin.
    sim_ms_ = std::max(sim_ms_, now_ms - 3600 * 1000);
    while (sim_ms_ + kStepMs <= now_ms) {
        sim_ms_ += kStepMs;
        step(sim_ms_);
    }
    bool changed = before.recent_calls.size() != snap_.recent_calls.size();
    for (std::size_t i = 0; !changed && i < snap_.windows.size(); ++i) {
        const auto& a = before.windows[i];
        const auto& b = snap_.windows[i];
        changed = a.open != b.open || a.paused != b.paused || a.serving != b.serving || a.waiting != b.waiting;
    }
    if (changed) snap_.updated_ms = now_ms;
    return changed;
}

}  // namespace hall
