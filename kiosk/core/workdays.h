#pragma once
// Working days as a hall counts them: Monday to Friday, minus public holidays, plus the
// weekend days worked in exchange (調休). 差評 and ledger deadlines are counted in these.
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"  // Date, parse_date, format_date, local_date_of

namespace hall {

class WorkCalendar {
public:
    WorkCalendar() = default;
    WorkCalendar(std::vector<Date> holidays, std::vector<Date> workdays);
    // From config strings; bad dates are reported in errors and skipped.
    static WorkCalendar from_strings(const std::vector<std::string>& holidays, const std::vector<std::string>& workdays,
                                     std::vector<std::string>* errors = nullptr);

    bool is_working_day(Date d) const;
    // The n-th working day after `from` (from itself never counts): a 差評 given on a
    // Friday with n = 1 is due the next Monday, unless that is a holiday.
    Date add_working_days(Date from, int n) const;
    // Working days in (from, to]; 0 when to <= from.
    int working_days_between(Date from, Date to) const;
    // The latest day whose deadline (add_working_days(day, n)) still falls before `today`:
    // everything given on or before it is overdue. Used to turn "overdue" into a date range
    // over an index instead of a per-row computation.
    Date last_day_overdue_by(Date today, int n) const;

private:
    std::set<Date> holidays_;
    std::set<Date> workdays_;
};

}  // namespace hall
