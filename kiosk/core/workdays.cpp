#include "core/workdays.h"

#include <charconv>

namespace hall {

using namespace std::chrono;

WorkCalendar::WorkCalendar(std::vector<Date> holidays, std::vector<Date> workdays)
    : holidays_(holidays.begin(), holidays.end()), workdays_(workdays.begin(), workdays.end()) {}

WorkCalendar WorkCalendar::from_strings(const std::vector<std::string>& holidays, const std::vector<std::string>& workdays,
                                        std::vector<std::string>* errors) {
    std::vector<Date> h, w;
    for (const auto& s : holidays) {
        if (auto d = parse_date(s)) h.push_back(*d);
        else if (errors) errors->push_back("holiday " + s + ": not a date like 2026-10-01");
    }
    for (const auto& s : workdays) {
        if (auto d = parse_date(s)) w.push_back(*d);
        else if (errors) errors->push_back("workday " + s + ": not a date like 2026-09-20");
    }
    return WorkCalendar(std::move(h), std::move(w));
}

bool WorkCalendar::is_working_day(Date d) const {
    if (workdays_.count(d)) return true;   // 調休: a weekend day worked in exchange
    if (holidays_.count(d)) return false;
    const weekday wd{d};
    return wd != Saturday && wd != Sunday;
}

Date WorkCalendar::add_working_days(Date from, int n) const {
    Date d = from;
    // A calendar always has working days again within a few weeks; the bound only guards a
    // config that declares a whole year a holiday.
    for (int left = n, guard = 0; left > 0 && guard < 3660; ++guard) {
        d += days(1);
        if (is_working_day(d)) --left;
    }
    return d;
}

int WorkCalendar::working_days_between(Date from, Date to) const {
    int n = 0;
    for (Date d = from + days(1); d <= to; d += days(1))
        if (is_working_day(d)) ++n;
    return n;
}

Date WorkCalendar::last_day_overdue_by(Date today, int n) const {
    // add_working_days is monotonic in its start day, so walk back from today until the
    // deadline falls before today. n working days span at most a few calendar weeks.
    Date d = today;
    for (int guard = 0; guard < 3660 && add_working_days(d, n) >= today; ++guard) d -= days(1);
    return d;
}

}  // namespace hall
