#pragma once
// What manager mode reads and writes: the feedback list with its filters and counts, the
// handling of one record (state, ledger, call-backs, appeals, 回頭看), the figures behind the
// charts and the monthly report, and the audit log.
//
// Every action writes its change, one audit row and one outbox row (kind "audit") in one
// transaction: a manager action is either fully recorded and on its way to the hub, or not
// done at all.
//
// A 差評 enters verification by itself through a SQLite trigger on feedback inserts (schema
// step 2), so FeedbackStore::insert stays as it is and no code path can store a 差評 that
// is not in verification. Its deadline is not stored: it is the record's local day plus the
// hall's working days, computed from the config when read, so a corrected holiday calendar
// applies to every open record. A manager-set deadline (ledger) is stored.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.h"
#include "core/handling.h"
#include "core/ledger.h"
#include "core/stats.h"
#include "core/workdays.h"
#include "sqlite/database.h"
#include "store/feedback_store.h"  // CoverageRow

namespace hall {

// handling.excluded is a bit set (schema 5): why a rating is out of the statistics. The
// figures count only excluded = 0.
inline constexpr int kExcludedAppeal = 1;  // upheld appeal (申訴複核)
inline constexpr int kExcludedRepeat = 2;  // a further rating of a visit already rated (一次一評)
inline constexpr int kExcludedHeld = 4;    // held by the stuffing guard: flag pending or rejected

// The settings manager mode needs, taken from Config by the caller.
struct ManagerContext {
    std::string hall_id;
    std::string kiosk_id;
    WorkCalendar calendar;
    int utc_offset_minutes = 480;
    int bad_rating_deadline_days = 15;
    LedgerDeadlines ledger_days;
    std::function<std::string()> now;  // UTC ISO; empty: the system clock (tests inject one)
};

struct FeedbackFilter {
    std::string from_date;  // local YYYY-MM-DD, inclusive; empty: open
    std::string to_date;    // local YYYY-MM-DD, inclusive; empty: open
    std::string window_id;  // empty: all windows
    std::optional<Category> category;
    std::optional<Rating> rating;
    bool bad_only = false;  // 差評 (不滿意, 非常不滿意)
    std::optional<HandlingState> state;
    bool overdue_only = false;
    bool operator==(const FeedbackFilter&) const = default;
};

// One line of the list: enough to draw a row, nothing a passer-by should read (phone masked).
struct FeedbackRow {
    std::int64_t id = 0;
    std::string uuid;
    std::string receipt;
    std::string created_at;
    std::string window_id;
    std::vector<Category> categories;
    Rating overall = Rating::Basic;
    HandlingState state = HandlingState::New;
    std::string deadline;  // effective deadline (ledger, manager-set, or the 差評 default); empty: none
    bool overdue = false;
    bool excluded = false;  // upheld appeal
    bool repeat = false;    // the visit was already rated: kept, not counted
    bool held = false;      // stuffing guard: flag pending or rejected, not counted
    std::string phone_masked;
    std::string text;
};

// Keyset position: the last row of the previous page.
struct PageCursor {
    std::string created_at;
    std::int64_t id = 0;
};

struct AppealRecord {
    AppealReason reason = AppealReason::Mistaken;
    std::string explanation;
    std::string filed_at;
    AppealDecision decision = AppealDecision::Pending;
    std::string decided_at;
    std::string decided_by;
};

struct FeedbackDetail {
    Feedback feedback;  // phone masked; reveal_phone() gives the number and audits it
    bool has_phone = false;
    HandlingState state = HandlingState::New;
    std::string deadline;
    bool overdue = false;
    bool excluded = false;  // upheld appeal
    bool repeat = false;    // feedback.round > 1: not counted
    RatingFlag flag = RatingFlag::None;  // stuffing guard, as it stands now
    std::string closed_at;
    std::optional<LedgerEntry> ledger;
    std::vector<CallbackAttempt> callbacks;
    std::optional<CallbackGrade> callback_grade;
    int failed_callbacks = 0;
    std::vector<AppealRecord> appeals;
    std::vector<AuditEntry> history;  // oldest first
    std::vector<HandlingState> next_states;
};

struct StateCounts {
    std::int64_t total = 0;
    std::map<HandlingState, std::int64_t> by_state;
    std::int64_t overdue = 0;
};

// What an action returns: done, or why not (a stable key for the UI string table).
struct ActionResult {
    bool ok = true;
    std::string error;
    static ActionResult fail(std::string key) { return {false, std::move(key)}; }
};

struct DayCount {
    std::string day;  // local YYYY-MM-DD
    std::int64_t count = 0;
};

struct LedgerRow {
    FeedbackRow feedback;
    LedgerEntry entry;
};

struct MonthlyReport {
    std::string month;  // "2026-11"
    std::int64_t total = 0;
    std::int64_t bad = 0;                 // 差評 given this month
    std::int64_t excluded = 0;            // taken out by an upheld appeal
    std::int64_t repeats = 0;             // further ratings of visits already rated (kept, not counted)
    std::int64_t flag_pending = 0;        // held by the stuffing guard, awaiting a manager
    std::int64_t flag_rejected = 0;       // found to be stuffing (kept, not counted)
    std::vector<CoverageRow> coverage;    // per day and window: ratings / tickets served
    std::map<std::string, std::int64_t> by_window;
    std::map<Category, std::int64_t> by_category;
    SatisfactionReport satisfaction;
    std::map<std::string, SatisfactionReport> satisfaction_by_window;
    std::vector<RankRow> ranking;
    std::int64_t bad_with_phone = 0;      // named 差評: each must be called back
    std::int64_t called_back = 0;         // ... reached with a grade
    std::int64_t bad_closed_in_time = 0;  // 差評 closed on or before its deadline
    std::int64_t ledger_open = 0;         // all ledger items still awaiting a fix (now)
    std::int64_t ledger_overdue = 0;
    std::vector<LedgerRow> overdue_items;
};

class ManagerStore {
public:
    ManagerStore(Db& db, ManagerContext ctx);

    // ---- reviewing -------------------------------------------------------------------
    std::int64_t count(const FeedbackFilter& f);
    // Counts per handling state for the filter without its state part (the state tabs).
    StateCounts state_counts(const FeedbackFilter& f);
    // Newest first. page() jumps anywhere (LIMIT/OFFSET over the time index); page_after()
    // continues from the last row seen, for scrolling on without OFFSET's cost.
    std::vector<FeedbackRow> page(const FeedbackFilter& f, std::int64_t offset, int limit);
    std::vector<FeedbackRow> page_after(const FeedbackFilter& f, const PageCursor& after, int limit);
    std::optional<FeedbackDetail> detail(const std::string& uuid);
    // The SQLite plan of the list query for a filter (for tests and the benchmark).
    std::string explain_page(const FeedbackFilter& f);

    // ---- handling (each action is audited and synced) --------------------------------
    ActionResult move(const std::string& uuid, HandlingState to);
    // Puts the record in the ledger (or edits its entry). A record still new or in
    // verification moves to fixing with it. An empty deadline takes the list's default.
    ActionResult put_in_ledger(const std::string& uuid, LedgerEntry entry);
    ActionResult record_callback(const std::string& uuid, const CallbackAttempt& attempt);
    ActionResult file_appeal(const std::string& uuid, AppealReason reason, const std::string& explanation);
    ActionResult decide_appeal(const std::string& uuid, AppealDecision decision, const std::string& decided_by);
    ActionResult set_recheck(const std::string& uuid, const std::string& recheck_date, std::optional<RecheckResult> result);
    // The unmasked number, for a manager who asked for it; the reveal is audited.
    std::optional<std::string> reveal_phone(const std::string& uuid);
    // Records the hub rejected (Outbox::rejected): sent again after the cause was fixed, or
    // dropped from the outbox for good; each audited with the hub's reason, in one transaction.
    ActionResult resend_rejected(std::int64_t outbox_id);
    ActionResult discard_rejected(std::int64_t outbox_id);
    // Privacy (docs/privacy.md): phone numbers kept longer than `days` are erased from the
    // feedback rows and from payloads still waiting in the outbox; the record stays, marked
    // with phone_erased_at. The clock starts when the case closed (closed or unfounded) or,
    // for a record that opened no case (praise, other ratings not in the ledger), when it
    // was given. One audited (and synced) entry per run that erased anything.
    struct PhoneErasure {
        std::int64_t records = 0;          // feedback rows whose number was erased
        std::int64_t outbox_payloads = 0;  // ... of which still waiting to be sent
    };
    PhoneErasure erase_expired_phones(int days);
    // The stuffing guard (docs/feedback.md): ratings it flagged, newest first; pending_only
    // leaves out the ones a manager already decided.
    std::vector<FeedbackRow> flagged(bool pending_only, int limit);
    std::int64_t flagged_pending_count();
    // A manager's decision on a flagged rating: confirm counts it again, reject keeps it out
    // (never deleted). Only a pending flag can be decided; audited ("flag_decision") and synced.
    ActionResult resolve_flag(const std::string& uuid, bool confirm, const std::string& note);
    // Coverage per day and window (FeedbackStore::coverage), local days inclusive.
    std::vector<CoverageRow> coverage(const std::string& from_date, const std::string& to_date);
    // Actions on no record (login, lockout, export): audited and synced the same way.
    void log(const std::string& action, const std::string& target_uuid, const std::string& before_json,
             const std::string& after_json);

    // ---- figures ---------------------------------------------------------------------
    std::vector<std::pair<std::string, std::int64_t>> counts_by_window(const std::string& from_date, const std::string& to_date);
    std::vector<std::pair<Category, std::int64_t>> counts_by_category(const std::string& from_date, const std::string& to_date);
    // Every local day in [from, to], zero days included.
    std::vector<DayCount> counts_by_day(const std::string& from_date, const std::string& to_date);
    SatisfactionReport satisfaction(const std::string& from_date, const std::string& to_date);
    std::map<std::string, SatisfactionReport> satisfaction_by_window(const std::string& from_date, const std::string& to_date);
    std::vector<RankRow> ranking(const std::string& month);  // "2026-11", with last_twice
    MonthlyReport monthly_report(const std::string& month);
    std::vector<LedgerRow> ledger_rows(bool open_only);
    std::vector<AuditEntry> audit_log(int limit);

    // ---- helpers the UI needs --------------------------------------------------------
    Date today() const;
    std::string now() const;
    std::string default_deadline(LedgerList list) const;
    const ManagerContext& context() const { return ctx_; }

private:
    struct Where;
    Where build_where(const FeedbackFilter& f, bool with_state, bool for_page = false) const;
    std::map<std::string, Satisfaction> overall_by_window(const std::string& from_date, const std::string& to_date);
    std::vector<FeedbackRow> run_page(const std::string& sql, const Where& w,
                                      const std::function<void(Stmt&, int)>& bind_tail);
    FeedbackRow read_row(const Stmt& st) const;
    std::string bad_deadline_for(const std::string& created_at) const;
    std::pair<std::string, std::string> utc_range(const std::string& from_date, const std::string& to_date) const;
    void audit(const std::string& action, const std::string& target_uuid, const std::string& before_json,
               const std::string& after_json);

    Db& db_;
    ManagerContext ctx_;
};

// "2026-11" -> first and last local day; nullopt for a bad month.
std::optional<std::pair<Date, Date>> month_days(const std::string& month);
std::string previous_month(const std::string& month);

}  // namespace hall
