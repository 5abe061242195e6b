#include <catch2/catch.hpp>

#include "config/config.h"
#include "core/idle.h"
#include "core/queue.h"

using namespace hall;

TEST_CASE("the queue simulator is deterministic and plausible", "[queue]") {
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    REQUIRE(c.ok());
    QueueSimulator a(c.config.hall, 7, 0), b(c.config.hall, 7, 0);
    bool changed = false;
    for (std::int64_t t = 0; t <= 30 * 60 * 1000; t += 1000) {
        changed |= a.poll(t);
        b.poll(t);
    }
    CHECK(changed);
    const auto& sa = a.snapshot();
    REQUIRE(sa.windows.size() == 11);
    int open = 0;
    for (std::size_t i = 0; i < sa.windows.size(); ++i) {
        const auto& w = sa.windows[i];
        CHECK(w.waiting >= 0);
        CHECK(w.waiting == b.snapshot().windows[i].waiting);
        if (w.open) ++open;
        if (!w.open) CHECK(w.est_wait_minutes == 0);
        if (!w.serving.empty()) CHECK(w.serving.substr(0, 1) == c.config.hall.windows[i].ticket_prefix);
    }
    CHECK(open >= 5);
    CHECK_FALSE(sa.recent_calls.empty());
    CHECK(sa.recent_calls.size() <= 6);
}

TEST_CASE("the simulated hall stays plausible all day: queues stay short, waits stay in hours", "[queue]") {
    // A demo kiosk started at 22:00 replays the day since opening; the queues it shows must
    // look like a hall's, not grow without end (they reached 325 waiting and 2,258 minutes).
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    REQUIRE(c.ok());
    QueueSimulator q(c.config.hall, 20261125u, 0);
    long waiting_sum = 0, samples = 0;
    int most_waiting = 0, longest_wait = 0;
    for (std::int64_t t = 600'000; t <= 14 * 3'600'000LL; t += 600'000) {
        q.poll(t);
        for (const auto& w : q.snapshot().windows) {
            most_waiting = std::max(most_waiting, w.waiting);
            longest_wait = std::max(longest_wait, w.est_wait_minutes);
            if (w.open) {
                waiting_sum += w.waiting;
                ++samples;
            }
        }
    }
    REQUIRE(samples > 0);
    CHECK(most_waiting <= static_cast<int>(QueueSimulator::kMaxWaiting));
    CHECK(longest_wait <= 240);
    CHECK(static_cast<double>(waiting_sum) / static_cast<double>(samples) < 12.0);
    CHECK(q.snapshot().day_calls.size() > 500);  // and the hall still serves: ~11 windows for 14 hours
}

TEST_CASE("polling before the next step changes nothing", "[queue]") {
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    QueueSimulator q(c.config.hall, 1, 1000);
    CHECK_FALSE(q.poll(1500));
}

TEST_CASE("idle timer: countdown after the timeout, reset after the countdown", "[idle]") {
    IdleTimer t(90'000, 15'000);
    t.touch(1000);
    CHECK_FALSE(t.counting_down(90'999));
    CHECK(t.counting_down(91'000));
    CHECK(t.seconds_left(91'000) == 15);
    CHECK(t.seconds_left(105'500) == 1);
    CHECK_FALSE(t.expired(105'999));
    CHECK(t.expired(106'000));
    CHECK(t.next_change_ms(2000) == 91'000);
    CHECK(t.next_change_ms(91'200) == 92'000);
    t.touch(100'000);
    CHECK_FALSE(t.counting_down(100'001));
}
