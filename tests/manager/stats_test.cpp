#include <catch2/catch.hpp>

#include "core/stats.h"

using namespace hall;

namespace {

RatingSample sample(const std::string& w, Rating r, bool excluded = false) {
    RatingSample s;
    s.window_id = w;
    s.overall = r;
    s.excluded = excluded;
    return s;
}

std::map<std::string, Satisfaction> month(std::initializer_list<std::tuple<const char*, int, int>> rows) {
    std::map<std::string, Satisfaction> m;
    for (const auto& [w, good, total] : rows) m[w] = Satisfaction{good, total};
    return m;
}

}  // namespace

TEST_CASE("satisfaction counts 非常滿意 and 滿意 among ratings not excluded", "[stats]") {
    std::vector<RatingSample> s{sample("w1", Rating::VerySatisfied), sample("w1", Rating::Satisfied), sample("w1", Rating::Basic),
                                sample("w1", Rating::Dissatisfied), sample("w1", Rating::VeryDissatisfied)};
    auto r = satisfaction(s);
    CHECK(r.overall.good == 2);
    CHECK(r.overall.total == 5);
    CHECK(*r.overall.rate() == Approx(0.4));
    // An upheld appeal against the 非常不滿意: out of the statistics, 2 of 4.
    s.back().excluded = true;
    r = satisfaction(s);
    CHECK(r.overall.total == 4);
    CHECK(*r.overall.rate() == Approx(0.5));
    CHECK_FALSE(satisfaction({}).overall.rate());
}

TEST_CASE("each national indicator counts only where the citizen rated it", "[stats]") {
    auto a = sample("w1", Rating::Satisfied);
    a.indicators[static_cast<int>(Indicator::Attitude)] = Rating::VeryDissatisfied;
    a.indicators[static_cast<int>(Indicator::Efficiency)] = Rating::VerySatisfied;
    auto b = sample("w1", Rating::Satisfied);
    b.indicators[static_cast<int>(Indicator::Attitude)] = Rating::Satisfied;
    auto c = sample("w2", Rating::Basic);
    c.indicators[static_cast<int>(Indicator::Attitude)] = Rating::Dissatisfied;
    c.excluded = true;
    const auto r = satisfaction({a, b, c});
    CHECK(r.indicators[static_cast<int>(Indicator::Attitude)].total == 2);
    CHECK(*r.indicators[static_cast<int>(Indicator::Attitude)].rate() == Approx(0.5));
    CHECK(*r.indicators[static_cast<int>(Indicator::Efficiency)].rate() == Approx(1.0));
    CHECK_FALSE(r.indicators[static_cast<int>(Indicator::Level)].rate());
    const auto by = satisfaction_by_window({a, b, c});
    CHECK(by.at("w1").overall.total == 2);
    CHECK(by.at("w2").overall.total == 0);
}

TEST_CASE("windows rank by rate, then by number of ratings; equal rates share a rank", "[stats][ranking]") {
    const auto rows = rank_windows(month({{"w1", 9, 10}, {"w2", 18, 20}, {"w3", 5, 10}, {"w4", 19, 20}, {"w5", 0, 0}}));
    REQUIRE(rows.size() == 4);  // w5 has no counted ratings
    CHECK(rows[0].window_id == "w4");
    CHECK(rows[0].rank == 1);
    CHECK(rows[1].window_id == "w2");  // 90 %, more ratings than w1
    CHECK(rows[1].rank == 2);
    CHECK(rows[2].window_id == "w1");
    CHECK(rows[2].rank == 2);  // the same 90 %
    CHECK(rows[3].window_id == "w3");
    CHECK(rows[3].rank == 4);
    CHECK(rows[3].last);
    CHECK_FALSE(rows[2].last);
}

TEST_CASE("a window last two months running is flagged", "[stats][ranking]") {
    const auto october = month({{"w1", 9, 10}, {"w2", 4, 10}, {"w3", 8, 10}});
    const auto november = month({{"w1", 10, 10}, {"w2", 5, 10}, {"w3", 5, 10}});
    const auto rows = rank_windows(november, october);
    std::map<std::string, RankRow> by;
    for (const auto& r : rows) by[r.window_id] = r;
    CHECK(by["w2"].last);
    CHECK(by["w2"].last_twice);
    CHECK(by["w3"].last);  // tied for last, but was not last in October
    CHECK_FALSE(by["w3"].last_twice);
    CHECK_FALSE(by["w1"].last);
    // Last in October only: no flag in November.
    const auto rows2 = rank_windows(month({{"w1", 5, 10}, {"w2", 9, 10}}), october);
    for (const auto& r : rows2) CHECK_FALSE(r.last_twice);
}

TEST_CASE("nobody is last when all windows share one rate or only one is ranked", "[stats][ranking]") {
    for (const auto& r : rank_windows(month({{"w1", 8, 10}, {"w2", 4, 5}}))) CHECK_FALSE(r.last);
    const auto one = rank_windows(month({{"w1", 1, 10}}));
    REQUIRE(one.size() == 1);
    CHECK_FALSE(one[0].last);
}
