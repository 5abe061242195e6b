#include "core/handling.h"

#include <algorithm>
#include <array>

namespace hall {
namespace {

constexpr std::array<std::string_view, kHandlingStateCount> kStateKeys{"new",      "verifying", "fixing",
                                                                        "answered", "closed",    "unfounded"};
constexpr std::array<std::string_view, 3> kGradeKeys{"satisfied", "basic", "dissatisfied"};
constexpr std::array<std::string_view, 2> kReasonKeys{"mistaken", "malicious"};
constexpr std::array<std::string_view, 3> kDecisionKeys{"pending", "upheld", "rejected"};

template <typename E, std::size_t N>
std::optional<E> from_key(const std::array<std::string_view, N>& keys, std::string_view key) {
    for (std::size_t i = 0; i < N; ++i)
        if (keys[i] == key) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

std::string_view handling_state_key(HandlingState s) { return kStateKeys.at(static_cast<std::size_t>(s)); }
std::optional<HandlingState> handling_state_from_key(std::string_view k) { return from_key<HandlingState>(kStateKeys, k); }
std::string_view callback_grade_key(CallbackGrade g) { return kGradeKeys.at(static_cast<std::size_t>(g)); }
std::optional<CallbackGrade> callback_grade_from_key(std::string_view k) { return from_key<CallbackGrade>(kGradeKeys, k); }
std::string_view appeal_reason_key(AppealReason r) { return kReasonKeys.at(static_cast<std::size_t>(r)); }
std::optional<AppealReason> appeal_reason_from_key(std::string_view k) { return from_key<AppealReason>(kReasonKeys, k); }
std::string_view appeal_decision_key(AppealDecision d) { return kDecisionKeys.at(static_cast<std::size_t>(d)); }
std::optional<AppealDecision> appeal_decision_from_key(std::string_view k) { return from_key<AppealDecision>(kDecisionKeys, k); }

std::vector<HandlingState> allowed_next_states(HandlingState from) {
    using S = HandlingState;
    switch (from) {
        // Praise or a fair rating can be acknowledged and closed straight away.
        case S::New: return {S::Verifying, S::Closed, S::Unfounded};
        case S::Verifying: return {S::Fixing, S::Unfounded};
        case S::Fixing: return {S::Answered};
        // The citizen is not satisfied with the answer: back to rectification.
        case S::Answered: return {S::Closed, S::Fixing};
        // 回頭看 found the problem back: reopen.
        case S::Closed: return {S::Fixing};
        // New facts turn up: verify again.
        case S::Unfounded: return {S::Verifying};
    }
    return {};
}

std::optional<std::string> check_transition(const HandlingFacts& f, HandlingState to) {
    const auto next = allowed_next_states(f.state);
    if (std::find(next.begin(), next.end(), to) == next.end()) return "handling.error.not_allowed";
    if (to == HandlingState::Fixing && !f.in_ledger) return "handling.error.ledger_required";
    // 回訪 is 100 % for named 差評: no closing on the hall's word alone.
    if (to == HandlingState::Closed && f.bad && f.has_phone && !f.has_callback_result &&
        f.failed_callbacks < kFailedCallbacksToClose)
        return "handling.error.callback_required";
    return std::nullopt;
}

bool callback_allowed(HandlingState s) {
    return s == HandlingState::Fixing || s == HandlingState::Answered || s == HandlingState::Closed;
}

}  // namespace hall
