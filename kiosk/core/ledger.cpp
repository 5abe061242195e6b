#include "core/ledger.h"

#include <array>

#include "core/text.h"

namespace hall {
namespace {

constexpr std::array<std::string_view, kLedgerListCount> kListKeys{"immediate", "limited", "long_term"};
constexpr std::array<std::string_view, 2> kRecheckKeys{"passed", "relapsed"};

}  // namespace

std::string_view ledger_list_key(LedgerList l) { return kListKeys.at(static_cast<std::size_t>(l)); }
std::optional<LedgerList> ledger_list_from_key(std::string_view key) {
    for (std::size_t i = 0; i < kListKeys.size(); ++i)
        if (kListKeys[i] == key) return static_cast<LedgerList>(i);
    return std::nullopt;
}

std::string_view recheck_result_key(RecheckResult r) { return kRecheckKeys.at(static_cast<std::size_t>(r)); }
std::optional<RecheckResult> recheck_result_from_key(std::string_view key) {
    for (std::size_t i = 0; i < kRecheckKeys.size(); ++i)
        if (kRecheckKeys[i] == key) return static_cast<RecheckResult>(i);
    return std::nullopt;
}

int LedgerDeadlines::days_for(LedgerList l) const {
    switch (l) {
        case LedgerList::Immediate: return immediate;
        case LedgerList::Limited: return limited;
        case LedgerList::LongTerm: return long_term;
    }
    return limited;
}

std::vector<std::string> validate_ledger_entry(const LedgerEntry& e) {
    std::vector<std::string> out;
    if (trim(e.measure).empty()) out.push_back("ledger.error.measure_missing");
    else if (!is_valid_utf8(e.measure) || utf8_length(e.measure) > 500) out.push_back("ledger.error.measure_invalid");
    if (trim(e.responsible).empty()) out.push_back("ledger.error.responsible_missing");
    else if (!is_valid_utf8(e.responsible) || utf8_length(e.responsible) > 64) out.push_back("ledger.error.responsible_invalid");
    if (!parse_date(e.deadline)) out.push_back("ledger.error.deadline_invalid");
    if (!e.recheck_date.empty() && !parse_date(e.recheck_date)) out.push_back("ledger.error.recheck_date_invalid");
    return out;
}

Date default_ledger_deadline(const WorkCalendar& cal, const LedgerDeadlines& d, LedgerList list, Date today) {
    return cal.add_working_days(today, d.days_for(list));
}

bool is_overdue(HandlingState s, std::string_view deadline, Date today) {
    // Answered means rectified in time; only work still to do can run late.
    if (!is_awaiting_fix(s)) return false;
    const auto d = parse_date(deadline);
    return d && *d < today;
}

}  // namespace hall
