#include <catch2/catch.hpp>

#include "core/ledger.h"
#include "core/workdays.h"

using namespace hall;
using namespace std::chrono;

namespace {

Date d(const char* s) { return parse_date(s).value(); }

// The 2026 calendar as in config/demo-hall.toml (National Day and Mid-Autumn, with 調休).
WorkCalendar calendar_2026() {
    return WorkCalendar::from_strings(
        {"2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05",
         "2026-10-06", "2026-10-07"},
        {"2026-09-20", "2026-10-10"});
}

}  // namespace

TEST_CASE("dates parse strictly and print back", "[workdays]") {
    CHECK(format_date(d("2026-02-28")) == "2026-02-28");
    CHECK_FALSE(parse_date("2026-02-29"));  // not a leap year
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("2026-1-01"));
    CHECK_FALSE(parse_date("2026/10/01"));
    CHECK_FALSE(parse_date("2026-10-0x"));
    CHECK(parse_date("2028-02-29"));
}

TEST_CASE("a kiosk's UTC time falls on the hall's local day", "[workdays]") {
    CHECK(format_date(*local_date_of("2026-09-30T15:59:00Z", 480)) == "2026-09-30");
    CHECK(format_date(*local_date_of("2026-09-30T16:00:00Z", 480)) == "2026-10-01");
    CHECK(local_day_start_utc(d("2026-10-01"), 480) == "2026-09-30T16:00:00Z");
    CHECK(local_day_start_utc(d("2026-10-01"), -300) == "2026-10-01T05:00:00Z");
    CHECK_FALSE(local_date_of("yesterday", 480));
}

TEST_CASE("working days skip weekends and holidays and count exchanged weekend days", "[workdays]") {
    const auto cal = calendar_2026();
    CHECK(cal.is_working_day(d("2026-09-30")));       // Wednesday
    CHECK_FALSE(cal.is_working_day(d("2026-10-01")));  // National Day
    CHECK_FALSE(cal.is_working_day(d("2026-11-21")));  // an ordinary Saturday
    CHECK(cal.is_working_day(d("2026-10-10")));        // Saturday worked in exchange
    CHECK(cal.is_working_day(d("2026-09-20")));        // Sunday worked in exchange

    // Friday + 1: the next Monday.
    CHECK(format_date(cal.add_working_days(d("2026-11-20"), 1)) == "2026-11-23");
    // Across the National Day week: the first working day after it is Thursday the 8th...
    CHECK(format_date(cal.add_working_days(d("2026-09-30"), 1)) == "2026-10-08");
    // ...and the third is Saturday the 10th, worked in exchange.
    CHECK(format_date(cal.add_working_days(d("2026-09-30"), 3)) == "2026-10-10");
    // Friday the 18th + 1 is Sunday the 20th (調休).
    CHECK(format_date(cal.add_working_days(d("2026-09-18"), 1)) == "2026-09-20");
    // The default 差評 deadline, 15 working days, from Thursday 24 September: Mid-Autumn (25-27),
    // National Day (1-7 October) and the 10th worked in exchange.
    CHECK(format_date(cal.add_working_days(d("2026-09-24"), 15)) == "2026-10-22");
    // Without the calendar it would be the 15th.
    CHECK(format_date(WorkCalendar().add_working_days(d("2026-09-24"), 15)) == "2026-10-15");
    CHECK(cal.add_working_days(d("2026-09-24"), 0) == d("2026-09-24"));

    CHECK(cal.working_days_between(d("2026-09-30"), d("2026-10-10")) == 3);
    CHECK(cal.working_days_between(d("2026-10-10"), d("2026-09-30")) == 0);
}

TEST_CASE("the overdue cut-off day is exactly where deadlines pass today", "[workdays]") {
    const auto cal = calendar_2026();
    for (Date today = d("2026-09-01"); today <= d("2026-11-30"); today += days(1)) {
        for (int n : {1, 5, 15}) {
            const Date last = cal.last_day_overdue_by(today, n);
            INFO(format_date(today) << " n=" << n);
            CHECK(cal.add_working_days(last, n) < today);
            CHECK(cal.add_working_days(last + days(1), n) >= today);
        }
    }
}

TEST_CASE("config date strings feed the calendar and bad ones are named", "[workdays]") {
    std::vector<std::string> errors;
    const auto cal = WorkCalendar::from_strings({"2026-10-01", "2026-10-32"}, {"soon"}, &errors);
    CHECK(errors.size() == 2);
    CHECK_FALSE(cal.is_working_day(d("2026-10-01")));
}

TEST_CASE("each ledger list has its own default deadline", "[workdays][ledger]") {
    const auto cal = calendar_2026();
    const LedgerDeadlines days{1, 15, 60};
    CHECK(format_date(default_ledger_deadline(cal, days, LedgerList::Immediate, d("2026-09-30"))) == "2026-10-08");
    CHECK(format_date(default_ledger_deadline(cal, days, LedgerList::Limited, d("2026-09-24"))) == "2026-10-22");
    CHECK(default_ledger_deadline(cal, days, LedgerList::LongTerm, d("2026-09-24")) > d("2026-12-01"));
}

TEST_CASE("only work still to do runs late", "[ledger]") {
    const Date today = d("2026-11-25");
    CHECK(is_overdue(HandlingState::Fixing, "2026-11-24", today));
    CHECK(is_overdue(HandlingState::Verifying, "2026-11-24", today));
    CHECK_FALSE(is_overdue(HandlingState::Fixing, "2026-11-25", today));  // due today is not late yet
    CHECK_FALSE(is_overdue(HandlingState::Answered, "2026-11-01", today));
    CHECK_FALSE(is_overdue(HandlingState::Closed, "2026-11-01", today));
    CHECK_FALSE(is_overdue(HandlingState::Fixing, "", today));
}

TEST_CASE("a ledger entry needs a measure, a person and a real deadline", "[ledger]") {
    LedgerEntry e;
    e.measure = "  ";
    e.deadline = "2026-02-30";
    const auto problems = validate_ledger_entry(e);
    CHECK(problems == std::vector<std::string>{"ledger.error.measure_missing", "ledger.error.responsible_missing",
                                               "ledger.error.deadline_invalid"});
    e.measure = "窗口增设顶岗人员";
    e.responsible = "张科长";
    e.deadline = "2026-12-01";
    CHECK(validate_ledger_entry(e).empty());
}
