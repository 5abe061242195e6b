#pragma once
// Manager mode's side of kiosk/ui/model.h: what manager screens are handed each frame
// (ManagerModel, read-only), the tabs, each screen's state, and the intents they return.
// Manager screens draw and return intents; ManagerController (manager_controller.h) alone
// reads and writes the store, writes files, looks at the clock and runs worker jobs. A
// screen's state holds what the manager is choosing (the screen writes it) and the data the
// controller loaded for it (the controller writes it).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "manager/charts_data.h"
#include "store/manager_store.h"
#include "store/outbox.h"
#include "ui/model.h"
#include "ui/pin_pad.h"
#include "ui/screens/screen_list.h"

namespace hall::ui {

// The tabs, from the one table in screens/screen_list.h.
enum class ManagerTab {
#define HALL_MANAGER_TAB_ENUM(e, ...) e,
    HALL_MANAGER_SCREENS(HALL_MANAGER_TAB_ENUM)
#undef HALL_MANAGER_TAB_ENUM
};

// The list's date filter. kDatePresetKeys is indexed by it.
enum class DatePreset { All, Today, Last7Days, Last30Days, ThisMonth };
inline constexpr std::array kDatePresetKeys = {"manager.filter.date.all", "manager.filter.date.today", "manager.filter.date.7",
                                               "manager.filter.date.30", "manager.filter.date.month"};
static_assert(kDatePresetKeys.size() == static_cast<std::size_t>(DatePreset::ThisMonth) + 1, "one key per DatePreset");

// The list's filter groups; the open one shows its choices. kFilterGroupKeys is indexed by it.
enum class FilterGroup { Date, Window, Category, Rating, State };
inline constexpr std::array kFilterGroupKeys = {"manager.filter.date", "manager.filter.window", "manager.filter.category",
                                                "manager.filter.rating", "manager.filter.state"};
static_assert(kFilterGroupKeys.size() == static_cast<std::size_t>(FilterGroup::State) + 1, "one key per FilterGroup");

enum class ExportKind { Feedback, Ledger, MonthlyReport };

struct ManagerPinState {
    PinPadState pad;
    bool drawn_locked = false;  // the pad was last drawn locked: its message goes when the lock ends
};

// One record open beside the list, with the form a manager is filling in.
struct ManagerDetailState {
    enum class Panel { None, Ledger, Callback, Appeal, Decide, Recheck };
    std::string uuid;
    std::optional<FeedbackDetail> detail;  // the controller's
    std::string revealed_phone;            // the controller's: only after the manager asked; audited
    Panel panel = Panel::None;
    LedgerEntry ledger;                    // the ledger form (its deadline is the controller's)
    AppealReason appeal_reason = AppealReason::Mistaken;
    std::string message_key;               // the controller's: result of the last action (an i18n key)
    bool message_is_error = false;
    bool scroll_top = false;               // a record opened or an action done: show its top
};

struct ManagerListState {
    DatePreset date_preset = DatePreset::All;
    FeedbackFilter filter;                 // set by the controller from SetFilter
    FilterGroup open_group = FilterGroup::Date;
    StateCounts counts;                    // the controller's, from the worker
    bool stale = true;                     // filter changed or records moved: re-read before drawing
    bool counting = false;                 // the worker is counting for the current filter
    std::int64_t shown_first = 0;          // the screen's: the rows the list showed last frame
    std::int64_t shown_last = 24;
    ManagerDetailState detail;
};

struct ManagerLedgerState {
    bool loaded = false;
    std::vector<LedgerRow> rows;
};

struct ManagerChartsState {
    bool requested = false;           // asked of the worker (once per visit: a failure is not retried every frame)
    bool loading = false;             // asked, not in yet
    std::optional<ChartsData> data;
};

struct ManagerReportsState {
    std::vector<std::string> folders;  // where an export can go (USB sticks first)
    std::string folder;
    std::string month;                 // for the monthly report
    std::vector<std::string> result_lines;
    bool result_ok = true;
    bool exporting = false;            // an export is being written on the worker
};

struct ManagerSyncState {
    std::int64_t outbox_depth = 0;
    std::optional<Outbox::LastError> last_error;
};

struct ManagerRejectedState {
    bool loaded = false;
    std::vector<RejectedRecord> rows;
    std::int64_t confirm_discard = 0;  // outbox id awaiting the second tap
    std::string message_key;           // result of the last action (an i18n key)
    bool message_is_error = false;
};

// Ratings the stuffing guard holds out of the figures (docs/feedback.md), awaiting a manager.
struct ManagerFlagsState {
    bool loaded = false;
    std::vector<FeedbackRow> rows;     // pending flags, newest first
    std::string message_key;           // result of the last decision (an i18n key)
    bool message_is_error = false;
};

// Handed to every manager screen, read-only.
struct ManagerModel {
    const Model* kiosk = nullptr;  // the hall, storage and sync as the kiosk sees them
    const HallInfo* hall = nullptr;
    int utc_offset_minutes = 480;
    ManagerTab tab = ManagerTab::List;
    std::string store_error_key;   // the last store failure, shown until dismissed
    // The PIN pad.
    bool pin_enabled = true;
    std::int64_t pin_locked_ms = 0;  // > 0: locked that long; -1: the lockout cannot be read
    // The list: its length and the rows around the ones on screen, read before the frame.
    struct RowPage {
        std::int64_t first = 0;               // the list index of rows[0]
        std::span<const FeedbackRow> rows;    // in the controller's pager, valid for this frame
    };
    std::int64_t list_total = 0;
    std::int64_t rows_first = 0, rows_end = 0;  // the rows held: [rows_first, rows_end)
    std::vector<RowPage> row_pages;
    const FeedbackRow* row(std::int64_t i) const {
        if (i < rows_first || i >= rows_end) return nullptr;
        for (const auto& p : row_pages)
            if (i >= p.first && i - p.first < static_cast<std::int64_t>(p.rows.size())) return &p.rows[static_cast<std::size_t>(i - p.first)];
        return nullptr;
    }
    // The reports tab's two months ("2026-11", "2026-10").
    std::string this_month, last_month;
};

// What a manager screen asks the controller to do; each kind carries what it needs.
namespace manager_intent {
struct None {};
struct SwitchTab {
    ManagerTab tab = ManagerTab::List;
};
struct Lock {};
struct DismissStoreError {};
struct SubmitPin {
    std::string digits;
};
struct CancelPin {};
struct SetFilter {  // dates come from the preset (the controller knows today)
    FeedbackFilter filter;
    DatePreset preset = DatePreset::All;
};
struct OpenRecord {
    std::string uuid;
};
struct CloseRecord {};
struct MoveRecord {
    std::string uuid;
    HandlingState to = HandlingState::New;
};
struct OpenLedgerForm {};  // a fresh form with the default deadline
struct ChooseLedgerList {  // the deadline follows the list
    LedgerList list = LedgerList::Limited;
};
struct SaveLedger {
    std::string uuid;
    LedgerEntry entry;
};
struct RecordCallback {
    std::string uuid;
    CallbackAttempt attempt;
};
struct FileAppeal {
    std::string uuid;
    AppealReason reason = AppealReason::Mistaken;
    std::string explanation;
};
struct DecideAppeal {
    std::string uuid;
    AppealDecision decision = AppealDecision::Upheld;
    std::string decided_by;
};
struct Recheck {  // dated today
    std::string uuid;
    RecheckResult result = RecheckResult::Passed;
};
struct RevealPhone {
    std::string uuid;
};
struct RescanFolders {};
struct Export {  // into the reports tab's folder (the list's filter, the chosen month)
    ExportKind kind = ExportKind::Feedback;
};
struct ResendRejected {
    std::int64_t outbox_id = 0;
};
struct DiscardRejected {
    std::int64_t outbox_id = 0;
};
struct ResolveFlag {  // confirm: the rating counts again; otherwise it stays out as stuffing
    std::string uuid;
    bool confirm = false;
};
}  // namespace manager_intent

struct ManagerIntent {
    using Any = std::variant<manager_intent::None, manager_intent::SwitchTab, manager_intent::Lock, manager_intent::DismissStoreError,
                             manager_intent::SubmitPin, manager_intent::CancelPin, manager_intent::SetFilter, manager_intent::OpenRecord,
                             manager_intent::CloseRecord, manager_intent::MoveRecord, manager_intent::OpenLedgerForm,
                             manager_intent::ChooseLedgerList, manager_intent::SaveLedger, manager_intent::RecordCallback,
                             manager_intent::FileAppeal, manager_intent::DecideAppeal, manager_intent::Recheck, manager_intent::RevealPhone,
                             manager_intent::RescanFolders, manager_intent::Export, manager_intent::ResendRejected,
                             manager_intent::DiscardRejected, manager_intent::ResolveFlag>;
    Any what;

    ManagerIntent() = default;
    template <class T>
        requires std::is_constructible_v<Any, T&&>
    ManagerIntent(T&& t) : what(std::forward<T>(t)) {}  // NOLINT: an intent struct is a ManagerIntent

    template <class T>
    const T* as() const { return std::get_if<T>(&what); }
    explicit operator bool() const { return !std::holds_alternative<manager_intent::None>(what); }
};

}  // namespace hall::ui
