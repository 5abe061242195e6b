// One clock for the hall: the home screen's time and date follow the hall's configured
// offset ([calendar] utc_offset_minutes), as records, deadlines and manager lists do, and
// not the machine's time zone.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "common/files.h"
#include "support/kiosk_fixture.h"

namespace {

// Sets the process's time zone for one test and puts the old one back.
class TimeZone {
public:
    explicit TimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~TimeZone() {
        if (old_) setenv("TZ", old_->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }

private:
    std::optional<std::string> old_;
};

// The home screen shows (or does not show) this text; the driver's message when not.
void expect_text(hall::test::Kiosk& k, const std::string& text, bool present) {
    std::string err;
    const bool ok = k.driver->expect_text(text, present, err);
    INFO(err);
    CHECK(ok);
}

}  // namespace

TEST_CASE("a machine set to UTC shows the hall's time and date on the home screen", "[ui][clock]") {
    TimeZone utc("UTC");
    // The fixture's wall clock starts at 1,764,000,000 s + 1 s: 2025-11-24 16:00:01 UTC, which
    // is 2025-11-25 00:00 in a hall at UTC+8 (the demo hall's offset).
    hall::test::Kiosk k;
    REQUIRE(k.config.calendar.utc_offset_minutes == 480);
    expect_text(k, "00:00", true);
    expect_text(k, "2025-11-25", true);
    // The machine's own (UTC) time and date are nowhere on screen.
    expect_text(k, "16:00", false);
    expect_text(k, "2025-11-24", false);

    // The clock keeps the hall's time as it runs: 95 minutes later it is 01:35 there.
    k.clock.advance(95 * 60 * 1000);
    k.driver->frames(2);
    expect_text(k, "01:35", true);
    expect_text(k, "17:35", false);
}

TEST_CASE("a hall west of UTC shows the day before on a machine set to UTC", "[ui][clock]") {
    TimeZone utc("UTC");
    hall::test::TempDir dir;
    const std::string path = dir.file("hall.toml");
    {
        // The demo hall with the offset of a hall at UTC-10 (no other change).
        auto text = hall::read_file(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml");
        REQUIRE(text);
        const std::string from = "utc_offset_minutes = 480";
        const auto at = text->find(from);
        REQUIRE(at != std::string::npos);
        text->replace(at, from.size(), "utc_offset_minutes = -600");
        REQUIRE(hall::write_file_atomic(path, *text).ok);
    }
    hall::test::Kiosk k(path);
    REQUIRE(k.config.calendar.utc_offset_minutes == -600);
    expect_text(k, "06:00", true);      // 16:00 UTC - 10 h
    expect_text(k, "2025-11-24", true);
    expect_text(k, "16:00", false);
}
