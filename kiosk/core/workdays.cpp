#include "core/workdays.h"

#include <charconv>

namespace hall {

using namespace std::chrono;

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    const auto num = [](std::string_view part, auto& out) {
        for (char c : part)
            if (c < '0' || c > '9') return false;
        return std::from_chars(part.data(), part.data() + part.size(), out).ec == std::errc();
    };
    if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m) || !num(s.substr(8, 2), d)) return std::nullopt;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

std::string format_date(Date d) {
    const year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::optional<Date> local_date_of(std::string_view iso, int utc_offset_minutes) {
    if (iso.size() < 19 || iso[10] != 'T') return std::nullopt;
    auto day = parse_date(iso.substr(0, 10));
    if (!day) return std::nullopt;
    int hh = 0, mm = 0;
    if (std::from_chars(iso.data() + 11, iso.data() + 13, hh).ec != std::errc() ||
        std::from_chars(iso.data() + 14, iso.data() + 16, mm).ec != std::errc())
        return std::nullopt;
    const auto local = sys_time<minutes>(*day) + hours(hh) + minutes(mm) + minutes(utc_offset_minutes);
    return floor<days>(local);
}

std::string local_day_start_utc(Date d, int utc_offset_minutes) {
    const auto t = sys_time<minutes>(d) - minutes(utc_offset_minutes);
    const auto day = floor<days>(t);
    const hh_mm_ss hms{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00Z", format_date(day).c_str(), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return buf;
}

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
