#include "common/time.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace hall {

using namespace std::chrono;

std::string iso_utc(system_clock::time_point t) {
    const std::time_t tt = system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string now_iso_utc() { return iso_utc(system_clock::now()); }

std::optional<system_clock::time_point> parse_iso_utc(const std::string& s) {
    std::tm tm{};
    int n = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
                    &n) != 6 || n != 19)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return system_clock::from_time_t(timegm(&tm));
}

std::optional<sys_seconds> parse_rfc3339(std::string_view s) {
    const auto digits = [&](std::size_t at, std::size_t n, int& out) {
        if (at + n > s.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se;
    if (s.size() < 20 || s.size() > 40 || !digits(0, 4, y) || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' || !digits(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't') || !digits(11, 2, h) || s[13] != ':' || !digits(14, 2, mi) || s[16] != ':' || !digits(17, 2, se))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
    std::size_t i = 19;
    if (i < s.size() && s[i] == '.') {
        const auto start = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start) return std::nullopt;
    }
    int off_min = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!digits(i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(i + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        off_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd} + hours{h} + minutes{mi - off_min} + seconds{se};
}

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

sys_seconds hall_local_time(system_clock::time_point t, int utc_offset_minutes) {
    return floor<seconds>(t) + minutes(utc_offset_minutes);
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

std::string local_time_text(const std::string& iso, int offset) {
    if (iso.size() < 16) return iso;
    const auto day = parse_date(iso.substr(0, 10));
    if (!day) return iso;
    const int hh = std::atoi(iso.substr(11, 2).c_str()), mm = std::atoi(iso.substr(14, 2).c_str());
    const int total = hh * 60 + mm + offset;
    const int day_shift = total >= 0 ? total / 1440 : -((-total + 1439) / 1440);
    const int minute_of_day = total - day_shift * 1440;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d", format_date(*day + days(day_shift)).c_str(), minute_of_day / 60, minute_of_day % 60);
    return buf;
}

std::string local_time_text(system_clock::time_point t, int utc_offset_minutes) {
    return local_time_text(iso_utc(t), utc_offset_minutes);
}

}  // namespace hall
