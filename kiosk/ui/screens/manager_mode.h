#pragma once
// Manager mode: a hidden long press on the home screen's top-left corner opens a PIN pad;
// the right PIN opens the manager's screens over the kiosk (list, detail and handling,
// ledger, charts, exports, sync status). It locks itself after the configured idle time
// and on the kiosk's idle reset. The App hands it the frame; it owns its own store access
// (ManagerStore) and state, and never leaves anything of itself behind for citizens.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "manager/background_counts.h"
#include "manager/feedback_pager.h"
#include "manager/pin.h"
#include "store/manager_store.h"
#include "ui/model.h"
#include "ui/pin_pad.h"
#include "ui/screens/manager_rejected.h"
#include "ui/widgets.h"

namespace hall::ui {

enum class ManagerTab { List, Ledger, Charts, Reports, Sync, Rejected };

// One record open in the detail view, with the form a manager is filling in.
struct ManagerDetailState {
    std::string uuid;
    std::optional<FeedbackDetail> detail;
    std::string revealed_phone;  // only after the manager asked; audited
    enum class Panel { None, Ledger, Callback, Appeal, Decide, Recheck } panel = Panel::None;
    LedgerEntry ledger;          // the ledger form
    AppealReason appeal_reason = AppealReason::Mistaken;
    std::string message;         // result of the last action
    bool message_is_error = false;
};

struct ManagerChartsState {
    bool loaded = false;
    std::string from, to;  // the last 30 days
    std::vector<std::pair<std::string, std::int64_t>> by_window;
    std::vector<std::pair<Category, std::int64_t>> by_category;
    std::vector<DayCount> by_day;
    std::map<std::string, SatisfactionReport> satisfaction;
    SatisfactionReport overall;
    std::string month;
    std::vector<RankRow> ranking;
};

struct ManagerReportsState {
    std::vector<std::string> folders;  // where an export can go (USB sticks first)
    std::string folder;
    std::string month;                 // for the monthly report
    std::vector<std::string> result_lines;
    bool result_ok = true;
};

struct ManagerListState {
    int date_preset = 0;  // 0 all, 1 today, 2 last 7 days, 3 last 30 days, 4 this month
    FeedbackFilter filter;
    StateCounts counts;
    bool stale = true;    // filter changed or records moved: re-read before drawing
    bool counting = false;  // the worker is counting for the current filter
    int filter_row = 0;   // which filter row is expanded: 0 date, 1 window, 2 category, 3 rating, 4 state
};

class ManagerMode {
public:
    // wall_ms: the App's wall clock (a hand-driven one in tests).
    ManagerMode(const Config& config, Db& db, std::string data_dir, std::function<std::int64_t()> wall_ms);
    ~ManagerMode();

    bool active() const { return phase_ != Phase::Closed; }
    bool unlocked() const { return phase_ == Phase::Open; }
    // Counts for the list are still being computed in the background.
    bool busy() const { return list_.counting; }
    // The hidden entry, drawn over the home screen (after its root window).
    void draw_corner(Ui& ui);
    // The PIN pad or the manager screens, inside the root window. now_ms: monotonic.
    void draw(Ui& ui, const Model& m, std::int64_t now_ms);
    // Close and forget everything on screen (idle reset, lock button, idle timeout).
    void lock(const char* why);
    // A redraw is due (the lock countdown ticks, the idle lock is near).
    bool needs_frame(std::int64_t now_ms) const;
    // The last store failure the manager was shown ("store.error.disk_full", ...), empty when none.
    const std::string& store_error_key() const { return store_error_key_; }
    std::string screen_name() const;  // "manager.pin", "manager.list", ...

    ManagerStore& store() { return *store_; }
    PinGuard& pin() { return *pin_; }
    const ManagerListState& list_state() const { return list_; }
    const ManagerDetailState& detail_state() const { return detail_; }
    const ManagerReportsState& reports_state() const { return reports_; }
    const ManagerChartsState& charts_state() const { return charts_; }
    const ManagerRejectedState& rejected_state() const { return rejected_; }

private:
    enum class Phase { Closed, Pin, Open };
    void draw_guarded(Ui& ui, const Model& m, std::int64_t now_ms);
    void show_store_error(const StoreError& e);
    void draw_pin(Ui& ui, const Model& m);
    void draw_tabs(Ui& ui);
    void draw_list(Ui& ui, const Model& m);
    void draw_filters(Ui& ui, const Model& m);
    void draw_detail(Ui& ui, const Model& m);
    void draw_actions(Ui& ui, const Model& m, const FeedbackDetail& d);
    void draw_ledger(Ui& ui, const Model& m);
    void draw_charts(Ui& ui, const Model& m);
    void draw_reports(Ui& ui, const Model& m);
    void draw_sync(Ui& ui, const Model& m);
    void draw_rejected(Ui& ui);
    void open_detail(const std::string& uuid);
    void reload_detail();
    void after_action(const ActionResult& r, Ui& ui);
    void apply_date_preset();
    void scan_folders();

    const Config& config_;
    Db& db_;
    std::string data_dir_;
    std::function<std::int64_t()> wall_ms_;
    std::unique_ptr<ManagerStore> store_;
    std::unique_ptr<PinGuard> pin_;
    std::unique_ptr<FeedbackPager> pager_;
    std::unique_ptr<BackgroundCounts> counts_;

    Phase phase_ = Phase::Closed;
    ManagerTab tab_ = ManagerTab::List;
    PinPadState pin_st_;
    ManagerListState list_;
    ManagerDetailState detail_;
    ManagerChartsState charts_;
    ManagerReportsState reports_;
    ManagerRejectedState rejected_;
    std::vector<LedgerRow> ledger_rows_;
    bool ledger_loaded_ = false;
    std::int64_t last_activity_ms_ = 0;
    std::int64_t now_ms_ = 0;
    bool pin_drawn_locked_ = false;
    std::string store_error_key_;  // shown above the manager screens until dismissed or locked
    bool detail_scroll_top_ = false;  // a record opened or an action done: show its top  // the pad was last drawn locked: redraw when the lock ends
};

}  // namespace hall::ui
