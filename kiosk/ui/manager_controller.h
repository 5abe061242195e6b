#pragma once
// Manager mode's controller: a hidden long press on the home screen's top-left corner opens
// a PIN pad; the right PIN opens the manager's screens over the kiosk (screens/screen_list.h).
// It is to manager screens what App is to citizens' screens: it owns the manager's store
// access (ManagerStore, PinGuard, the list's pager), its worker threads (BackgroundCounts for
// the list's counts, ManagerWorker for charts and exports), builds the ManagerModel before
// each frame and applies the ManagerIntents screens return. It locks itself after the
// configured idle time and on the kiosk's idle reset, and leaves nothing behind for citizens.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "manager/background_counts.h"
#include "manager/export.h"
#include "manager/feedback_pager.h"
#include "manager/manager_worker.h"
#include "manager/pin.h"
#include "store/manager_store.h"
#include "ui/manager_model.h"
#include "ui/screens/manager_screens.h"
#include "ui/widgets.h"

namespace hall::ui {

class ManagerController {
public:
    // wall_ms: the App's wall clock (a hand-driven one in tests).
    ManagerController(const Config& config, Db& db, std::string data_dir, std::function<std::int64_t()> wall_ms);
    ~ManagerController();

    bool active() const { return phase_ != Phase::Closed; }
    bool unlocked() const { return phase_ == Phase::Open; }
    // Results still to come from a worker (the list's counts, the charts, an export).
    bool busy() const;
    // A worker is still computing (tests and scripts wait for it before looking).
    bool background_pending();
    // The corner was held on the home screen: show the PIN pad.
    void open_pad(Ui& ui);
    // One frame of the PIN pad or the manager screens, inside the root window. now_ms: monotonic.
    void frame(Ui& ui, const Model& m, std::int64_t now_ms);
    // Close and forget everything on screen (idle reset, lock button, idle timeout).
    void lock(const char* why);
    // A redraw is due (the lock countdown ticks, a worker's answer is due, the idle lock is near).
    bool needs_frame(std::int64_t now_ms) const;
    // The last store failure the manager was shown ("store.error.disk_full", ...), empty when none.
    const std::string& store_error_key() const { return store_error_key_; }
    std::string screen_name() const;  // "manager.pin", "manager.list", ...

    ManagerStore& store() { return *store_; }
    PinGuard& pin() { return *pin_; }
    const ManagerListState& list_state() const { return screens_.list; }
    const ManagerDetailState& detail_state() const { return screens_.list.detail; }
    const ManagerReportsState& reports_state() const { return screens_.reports; }
    const ManagerChartsState& charts_state() const { return screens_.charts; }
    const ManagerRejectedState& rejected_state() const { return screens_.rejected; }

private:
    enum class Phase { Closed, Pin, Open };
    struct ExportOutcome {
        ExportResult result;
        std::string store_error_key;
    };
    struct ChartsOutcome {
        ChartsData data;
        std::string store_error_key;
    };

    // Before the frame: worker answers in, the open tab's data read, the model built.
    void prepare(const Model& m);
    void load_tab();
    void refilter();
    void prepare_list();
    void apply(Ui& ui, const ManagerIntent& it);
    void apply_pin(Ui& ui, const std::string& digits);
    void switch_tab(ManagerTab t);
    void set_filter(const FeedbackFilter& f, DatePreset preset);
    void open_record(const std::string& uuid);
    void reload_detail();
    void after_action(const ActionResult& r);
    void request_charts();
    void start_export(ExportKind kind);
    void scan_folders();
    void show_store_error(const StoreError& e);
    void show_store_error_key(const std::string& key);

    const Config& config_;
    Db& db_;
    std::string data_dir_;
    std::function<std::int64_t()> wall_ms_;
    std::unique_ptr<ManagerStore> store_;
    std::unique_ptr<PinGuard> pin_;
    std::unique_ptr<FeedbackPager> pager_;
    std::unique_ptr<BackgroundCounts> counts_;
    std::unique_ptr<ManagerWorker> worker_;
    std::shared_ptr<Mailbox<ChartsOutcome>> charts_box_ = std::make_shared<Mailbox<ChartsOutcome>>();
    std::shared_ptr<Mailbox<ExportOutcome>> export_box_ = std::make_shared<Mailbox<ExportOutcome>>();

    Phase phase_ = Phase::Closed;
    ManagerTab tab_ = ManagerTab::List;
    ManagerPinState pin_st_;
    ManagerScreenStates screens_;
    ManagerModel model_;
    bool rows_missing_ = false;  // the list showed rows the model did not hold: read them for the next frame
    std::int64_t last_activity_ms_ = 0;
    std::int64_t now_ms_ = 0;
    std::string store_error_key_;  // shown above the manager screens until dismissed or locked
};

}  // namespace hall::ui
