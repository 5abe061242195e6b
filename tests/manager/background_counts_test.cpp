#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "manager/background_counts.h"
#include "manager/feedback_pager.h"
#include "manager_test_support.h"

using namespace hall;

namespace {

std::optional<BackgroundCounts::Result> wait_for(BackgroundCounts& bc) {
    // Bounded: the worker answers in milliseconds; give a loaded machine ten seconds.
    for (int i = 0; i < 2000; ++i) {
        if (auto r = bc.take()) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("list counts come from a worker with its own connection, newest request wins", "[manager_store][counts]") {
    test::ManagerFixture fx;
    for (int i = 0; i < 5; ++i) {
        test::FeedbackSpec s;
        s.window = i < 3 ? "w01" : "w02";
        s.rating = i % 2 ? Rating::VerySatisfied : Rating::Dissatisfied;
        fx.add(s);
    }
    BackgroundCounts bc(fx.db->path(), fx.store->context());
    FeedbackFilter w1;
    w1.window_id = "w01";
    bc.request(w1, *fx.clock);
    auto r = wait_for(bc);
    REQUIRE(r);
    CHECK(r->error.empty());
    CHECK(r->filter == w1);
    CHECK(r->total == 3);
    CHECK(r->counts.total == 3);
    CHECK(r->counts.by_state.at(HandlingState::Verifying) == 2);
    CHECK_FALSE(bc.busy());
    CHECK_FALSE(bc.take());  // answered once

    // Two requests in a row: only the newest is answered.
    FeedbackFilter w2;
    w2.window_id = "w02";
    bc.request(w1, *fx.clock);
    bc.request(w2, *fx.clock);
    r = wait_for(bc);
    REQUIRE(r);
    CHECK(r->filter == w2);
    CHECK(r->total == 2);

    // A record stored meanwhile by the kiosk's own connection is seen by the next count.
    fx.add({});
    bc.request({}, *fx.clock);
    r = wait_for(bc);
    REQUIRE(r);
    CHECK(r->total == 6);
}

TEST_CASE("the pager shows the first page at once and takes the count later", "[manager_store][counts]") {
    test::ManagerFixture fx;
    fx.db->exec("PRAGMA synchronous=OFF");
    for (int i = 0; i < 250; ++i) fx.add({});
    FeedbackPager pager(*fx.store);
    pager.set_filter_provisional({});
    CHECK(pager.size() == FeedbackPager::kPageRows);
    REQUIRE(pager.row(0));
    CHECK_FALSE(pager.row(FeedbackPager::kPageRows));
    pager.set_total(250);
    REQUIRE(pager.row(249));
    CHECK_FALSE(pager.row(250));
}
