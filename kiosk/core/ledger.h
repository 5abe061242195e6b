#pragma once
// The rectification ledger (整治台賬): every confirmed problem sits in one of three lists
// with a measure, a responsible person and a deadline; closed items are checked again (回頭看).
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/handling.h"
#include "core/workdays.h"

namespace hall {

// Stored as their keys; never rename.
enum class LedgerList : int {
    Immediate = 0,  // immediate: 立查立改, fixed on the spot
    Limited = 1,    // limited: 限期整改, fixed by a deadline
    LongTerm = 2,   // long_term: 長期整改
};
inline constexpr int kLedgerListCount = 3;
std::string_view ledger_list_key(LedgerList l);
std::optional<LedgerList> ledger_list_from_key(std::string_view key);

// Default working days per list, from [manager] in the config.
struct LedgerDeadlines {
    int immediate = 1;
    int limited = 15;
    int long_term = 60;
    int days_for(LedgerList l) const;
};

// 回頭看 outcome on a closed item.
enum class RecheckResult : int { Passed = 0, Relapsed = 1 };
std::string_view recheck_result_key(RecheckResult r);
std::optional<RecheckResult> recheck_result_from_key(std::string_view key);

struct LedgerEntry {
    LedgerList list = LedgerList::Limited;
    std::string measure;       // 整改措施
    std::string responsible;   // 責任人
    std::string deadline;      // YYYY-MM-DD, local
    std::string recheck_date;  // YYYY-MM-DD, empty until set
    std::optional<RecheckResult> recheck_result;
};

// Problems with an entry a manager typed, as stable keys ("ledger.error.measure_missing").
std::vector<std::string> validate_ledger_entry(const LedgerEntry& e);

// The default deadline for an item put in `list` on local day `today`.
Date default_ledger_deadline(const WorkCalendar& cal, const LedgerDeadlines& d, LedgerList list, Date today);

// Overdue: not yet answered and its deadline day has passed.
bool is_overdue(HandlingState s, std::string_view deadline, Date today);

}  // namespace hall
