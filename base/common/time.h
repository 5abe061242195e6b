#pragma once
// Time as the hall programs write and read it, in one place: UTC instants as ISO 8601 text
// ("2026-11-25T03:14:05Z", how every record, deadline and log stores them), calendar dates
// ("2026-11-25"), and the hall's wall clock, which is UTC shifted by the hall's configured
// offset (`[calendar] utc_offset_minutes`), never the machine's time zone: a kiosk whose
// system clock is set to UTC still shows and counts the hall's time.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hall {

using Date = std::chrono::sys_days;

// UTC time as ISO 8601 "2026-11-25T03:14:05Z".
std::string iso_utc(std::chrono::system_clock::time_point t);
std::string now_iso_utc();
// The reverse of iso_utc ("2026-11-25T03:14:05Z", fractions ignored); nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(const std::string& s);
// RFC 3339 date-time, strictly: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM), a real calendar
// date; the instant it names, in seconds (a year like 4052 in nanoseconds would overflow).
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view s);

// "2026-10-01" -> date; nullopt for anything that is not a real calendar date.
std::optional<Date> parse_date(std::string_view iso);
std::string format_date(Date d);  // "2026-10-01"

// The hall's wall-clock time of a UTC instant (a sys_time read as local: its date and hour
// are the hall's).
std::chrono::sys_seconds hall_local_time(std::chrono::system_clock::time_point t, int utc_offset_minutes);
// The hall's local calendar day of a UTC ISO timestamp ("2026-11-25T03:14:05Z").
std::optional<Date> local_date_of(std::string_view iso_utc, int utc_offset_minutes);
// The UTC instant ("...Z") at which local day d begins.
std::string local_day_start_utc(Date d, int utc_offset_minutes);
// "2026-11-25T03:14:05Z" -> "2026-11-25 11:14" in the hall's local time (the text unchanged
// when it is not a timestamp).
std::string local_time_text(const std::string& iso_utc, int utc_offset_minutes);
// The same for an instant: "2026-11-25 11:14".
std::string local_time_text(std::chrono::system_clock::time_point t, int utc_offset_minutes);

}  // namespace hall
