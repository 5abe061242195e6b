#include <algorithm>
#include <catch2/catch.hpp>

#include "config/config.h"
#include "support/config_text.h"
#include "support/fixtures.h"

using namespace hall;
using hall::test::mentions;

namespace {

const std::string kMinimal = test::minimal_hall_toml();
}  // namespace

TEST_CASE("the demo hall config is valid", "[config]") {
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    for (const auto& e : c.errors) UNSCOPED_INFO(e);
    REQUIRE(c.ok());
    CHECK(c.config.hall.windows.size() == 11);
    CHECK(c.config.hall.find_window("w10")->ticket_prefix == "K");
    CHECK(c.config.kiosk.languages.size() == 3);
}

TEST_CASE("a minimal config loads with defaults", "[config]") {
    auto c = load_config_string(kMinimal);
    REQUIRE(c.ok());
    CHECK(c.config.kiosk.idle_timeout_s == 90);
    CHECK(c.config.hall.windows[0].map.w == 10);
    CHECK(c.config.sync.hub_url.empty());
    CHECK(c.config.sync.queue_interval_s == 5);
}

TEST_CASE("sync settings load, queue_interval_s included", "[config]") {
    auto c = load_config_string(std::string(kMinimal) + R"toml(
[sync]
hub_url = "http://127.0.0.1:8080"
token = "hk_x"
interval_s = 10
queue_interval_s = 2
)toml");
    REQUIRE(c.ok());
    CHECK(c.config.sync.interval_s == 10);
    CHECK(c.config.sync.queue_interval_s == 2);
    auto bad = load_config_string(std::string(kMinimal) + "[sync]\nqueue_interval_s = 0\n");
    CHECK(mentions(bad.errors, "sync.queue_interval_s"));
}

TEST_CASE("config errors name every bad key at once", "[config]") {
    std::string bad = std::string(kMinimal) + R"toml(
[kiosk]
idle_timeout_s = "ninety"
default_language = "fr"
idel_countdown_s = 5
[[windows]]
id = "w01"
number = "2"
department = "x"
name = "X"
ticket_prefix = "B"
map = { x = 45, y = 1, w = 10, h = 5 }
[sync]
hub_url = "ftp://hub"
)toml";
    auto c = load_config_string(bad);
    CHECK(mentions(c.errors, "kiosk.idle_timeout_s: must be a whole number"));
    CHECK(mentions(c.errors, "kiosk.default_language: unknown language fr"));
    CHECK(mentions(c.errors, "kiosk.idel_countdown_s: unknown key"));
    CHECK(mentions(c.errors, "windows[1].id: duplicate window id w01"));
    CHECK(mentions(c.errors, "windows[1].map: outside the hall map"));
    CHECK(mentions(c.errors, "windows[1].name: needs both zh-Hans and zh-Hant") == false);  // one string serves all
    CHECK(mentions(c.errors, "sync.hub_url"));
}

TEST_CASE("TOML syntax errors give file, line and column", "[config]") {
    auto c = load_config_string("[hall\nid = 1", "broken.toml");
    REQUIRE(c.errors.size() == 1);
    CHECK(c.errors[0].rfind("broken.toml:1:", 0) == 0);
}

TEST_CASE("the demo hall carries the 2026 holiday calendar and ledger deadlines", "[config]") {
    auto c = load_config_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
    REQUIRE(c.ok());
    const auto& cal = c.config.calendar;
    CHECK(std::find(cal.holidays.begin(), cal.holidays.end(), "2026-10-01") != cal.holidays.end());
    CHECK(std::find(cal.workdays.begin(), cal.workdays.end(), "2026-10-10") != cal.workdays.end());
    CHECK(cal.utc_offset_minutes == 480);
    CHECK(c.config.manager.immediate_deadline_days == 1);
    CHECK(c.config.manager.limited_deadline_days == 15);
    CHECK(c.config.manager.long_term_deadline_days == 60);
}

TEST_CASE("calendar and deadline keys are checked", "[config]") {
    std::string bad = std::string(kMinimal) + R"toml(
[manager]
limited_deadline_days = 0
long_term_deadlines = 3
[calendar]
holidays = ["2026-02-30", 2026-10-01, 5]
workdays = ["2026-10-01"]
utc_offset_minutes = 2000
)toml";
    auto c = load_config_string(bad);
    CHECK(mentions(c.errors, "manager.limited_deadline_days: must be between 1 and 250"));
    CHECK(mentions(c.errors, "manager.long_term_deadlines: unknown key"));
    CHECK(mentions(c.errors, "calendar.holidays[0]: \"2026-02-30\" is not a real date"));
    CHECK(mentions(c.errors, "calendar.holidays[2]: must be a date"));
    // A TOML date literal is accepted and normalised; a day cannot be both off and on.
    CHECK(c.config.calendar.holidays == std::vector<std::string>{"2026-10-01"});
    CHECK(mentions(c.errors, "calendar.workdays: 2026-10-01 is also listed as a holiday"));
    CHECK(mentions(c.errors, "calendar.utc_offset_minutes: must be between"));
}

TEST_CASE("display settings: rotation, orientation and scale, each checked", "[config]") {
    auto c = load_config_string(std::string(kMinimal) + R"toml(
[display]
rotation = 90
orientation = "portrait"
scale = 1.5
)toml");
    for (const auto& e : c.errors) UNSCOPED_INFO(e);
    REQUIRE(c.ok());
    CHECK(c.config.display.rotation == 90);
    CHECK(c.config.display.orientation == Orientation::Portrait);
    CHECK(c.config.display.scale == Approx(1.5));
    CHECK(load_config_string(kMinimal).config.display.orientation == Orientation::Auto);
    auto bad = load_config_string(std::string(kMinimal) + "[display]\nrotation = 45\norientation = \"sideways\"\nscale = 9\nfoo = 1\n");
    CHECK(mentions(bad.errors, "display.rotation"));
    CHECK(mentions(bad.errors, "display.orientation"));
    CHECK(mentions(bad.errors, "display.scale"));
    CHECK(mentions(bad.errors, "display.foo"));
}
