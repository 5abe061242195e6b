#pragma once
// How a hall works off one feedback record, the 好差評 way: verify, rectify, answer, call
// back, close; or find it unfounded; or appeal the rating. Pure rules, no storage.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.h"

namespace hall {

// Stored as their keys; never rename a key.
enum class HandlingState : int {
    New = 0,        // new: not looked at yet (praise and ratings above 差評 start here)
    Verifying = 1,  // verifying: being checked (every 差評 starts here by itself)
    Fixing = 2,     // fixing: confirmed, in the ledger, being rectified (整改)
    Answered = 3,   // answered: rectified and the answer given
    Closed = 4,     // closed: 銷號
    Unfounded = 5,  // unfounded: checked, nothing wrong found
};
inline constexpr int kHandlingStateCount = 6;
std::string_view handling_state_key(HandlingState s);
std::optional<HandlingState> handling_state_from_key(std::string_view key);
// Still on someone's desk: counts toward "open" and can be overdue.
inline bool is_open_state(HandlingState s) { return s != HandlingState::Closed && s != HandlingState::Unfounded; }
// Not yet rectified and answered: the deadline still runs.
inline bool is_awaiting_fix(HandlingState s) {
    return s == HandlingState::New || s == HandlingState::Verifying || s == HandlingState::Fixing;
}
// The state a stored record is in before any manager touched it.
inline HandlingState initial_state(Rating r) { return is_bad_rating(r) ? HandlingState::Verifying : HandlingState::New; }

// 回訪: the citizen's grade of the fix.
enum class CallbackGrade : int { Satisfied = 0, Basic = 1, Dissatisfied = 2 };  // 滿意 / 基本滿意 / 不滿意
std::string_view callback_grade_key(CallbackGrade g);
std::optional<CallbackGrade> callback_grade_from_key(std::string_view key);

struct CallbackAttempt {
    std::string at;       // UTC ISO
    std::string who;      // the staff member who called
    bool reached = false;
    std::optional<CallbackGrade> grade;  // only when reached
    std::string note;
};

// A 差評 with a phone number may be closed after a call-back result or this many failed calls.
inline constexpr int kFailedCallbacksToClose = 3;

// 申訴複核
enum class AppealReason : int { Mistaken = 0, Malicious = 1 };
enum class AppealDecision : int { Pending = 0, Upheld = 1, Rejected = 2 };
std::string_view appeal_reason_key(AppealReason r);
std::optional<AppealReason> appeal_reason_from_key(std::string_view key);
std::string_view appeal_decision_key(AppealDecision d);
std::optional<AppealDecision> appeal_decision_from_key(std::string_view key);

// What the rules need to know about one record.
struct HandlingFacts {
    HandlingState state = HandlingState::New;
    bool bad = false;             // 差評
    bool has_phone = false;
    bool has_callback_result = false;  // a reached call with a grade
    int failed_callbacks = 0;
    bool in_ledger = false;
};

// States a manager may move a record to from `from`, in the order the UI offers them.
std::vector<HandlingState> allowed_next_states(HandlingState from);
// Why a move is refused: a stable key for the UI string table, or nullopt when allowed.
//   "handling.error.not_allowed"       the state machine has no such edge
//   "handling.error.callback_required" 差評 with a phone, no call-back result, < 3 failed calls
//   "handling.error.ledger_required"   fixing needs a ledger entry (list, measure, person, deadline)
std::optional<std::string> check_transition(const HandlingFacts& facts, HandlingState to);

// Call-backs may be recorded once the hall has answered (or while it fixes, to agree a date).
bool callback_allowed(HandlingState s);

}  // namespace hall

namespace hall {

// One manager action as the audit log keeps it and the hub receives it.
struct AuditEntry {
    std::string uuid;         // idempotency key for sync
    std::string hall_id;
    std::string kiosk_id;
    std::string at;           // UTC ISO
    std::string action;       // "state", "ledger", "callback", "appeal", "appeal_decision", "recheck",
                              // "reveal_phone", "export", "login", "login_failed", "pin_locked"
    std::string target_uuid;  // the feedback record; empty for actions on no record
    std::string before_json = "{}";  // JSON object: the fields the action changed, before
    std::string after_json = "{}";   // ... and after
};

}  // namespace hall
