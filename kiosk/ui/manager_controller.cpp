#include "ui/manager_controller.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <variant>

#include "core/ids.h"
#include "store/outbox.h"
#include "ui/screens/manager_pin.h"

namespace hall::ui {
namespace fs = std::filesystem;

namespace {

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// The rows read on each side of the ones the list showed last frame, so a finger's scroll
// finds its next rows already there.
constexpr std::int64_t kRowMargin = 40;

}  // namespace

ManagerController::ManagerController(const Config& config, Db& db, std::string data_dir, std::function<std::int64_t()> wall_ms)
    : config_(config), db_(db), data_dir_(std::move(data_dir)), wall_ms_(std::move(wall_ms)) {
    ManagerContext ctx;
    ctx.hall_id = config_.hall.id;
    ctx.kiosk_id = config_.kiosk.id;
    ctx.calendar = WorkCalendar::from_strings(config_.calendar.holidays, config_.calendar.workdays);
    ctx.utc_offset_minutes = config_.calendar.utc_offset_minutes;
    ctx.bad_rating_deadline_days = config_.manager.bad_rating_deadline_days;
    ctx.ledger_days = {config_.manager.immediate_deadline_days, config_.manager.limited_deadline_days,
                       config_.manager.long_term_deadline_days};
    auto wall = wall_ms_;
    ctx.now = [wall] { return iso_utc(std::chrono::system_clock::time_point(std::chrono::milliseconds(wall()))); };
    counts_ = std::make_unique<BackgroundCounts>(db_.path(), ctx);
    worker_ = std::make_unique<ManagerWorker>(db_.path(), ctx);
    store_ = std::make_unique<ManagerStore>(db_, std::move(ctx));
    pin_ = std::make_unique<PinGuard>(db_, config_.manager.pin_hash, store_.get());
    pager_ = std::make_unique<FeedbackPager>(*store_);
}

ManagerController::~ManagerController() = default;

std::string ManagerController::screen_name() const {
    if (phase_ == Phase::Pin) return "manager.pin";
    return manager_screen_name(tab_);
}

bool ManagerController::busy() const {
    return screens_.list.counting || screens_.charts.loading || screens_.reports.exporting;
}

bool ManagerController::background_pending() { return counts_->busy() || worker_->busy(); }

void ManagerController::lock(const char* why) {
    if (phase_ == Phase::Open) {
        try {
            store_->log("lock", "", "{}", std::string("{\"why\":\"") + why + "\"}");
        } catch (const StoreError& e) {
            // Locking must never fail: the audit line is lost, the lock is not.
            std::fprintf(stderr, "hall-kiosk: manager lock not audited: %s\n", e.what());
        }
    }
    // Fresh structs: the next person at the kiosk sees nothing of what the manager saw.
    phase_ = Phase::Closed;
    tab_ = ManagerTab::List;
    pin_st_ = ManagerPinState{};
    screens_ = ManagerScreenStates{};
    model_ = ManagerModel{};
    charts_box_->forget();
    export_box_->forget();  // a file being written is still written; its result is not shown
    rows_missing_ = false;
    store_error_key_.clear();
}

bool ManagerController::needs_frame(std::int64_t now_ms) const {
    // The lock countdown ticks, and the keys come back the moment it ends.
    if (phase_ == Phase::Pin) {
        try {
            return pin_->locked_for_ms(wall_ms_()) > 0 || pin_st_.drawn_locked;
        } catch (const StoreError&) {
            return pin_st_.drawn_locked;  // the next frame shows the error when it reads the lock again
        }
    }
    if (phase_ == Phase::Open)
        return busy() || rows_missing_ || now_ms - last_activity_ms_ >= config_.manager.lock_after_idle_s * 1000LL;
    return false;
}

void ManagerController::open_pad(Ui& ui) {
    if (phase_ != Phase::Closed) return;
    phase_ = Phase::Pin;
    pin_st_ = ManagerPinState{};
    if (!pin_->enabled()) {
        pin_st_.pad.message = ui.tr("manager.pin.disabled");
        pin_st_.pad.message_is_error = true;
    }
}

void ManagerController::show_store_error(const StoreError& e) {
    const std::string key = store_failure_key(e.kind());
    if (key != store_error_key_) std::fprintf(stderr, "hall-kiosk: manager: %s\n", e.what());  // once, not every frame
    store_error_key_ = key;
}

void ManagerController::show_store_error_key(const std::string& key) {
    if (key != store_error_key_) std::fprintf(stderr, "hall-kiosk: manager worker: %s\n", key.c_str());
    store_error_key_ = key;
}

// ---- the frame ------------------------------------------------------------------------

void ManagerController::frame(Ui& ui, const Model& m, std::int64_t now_ms) {
    now_ms_ = now_ms;
    if (last_activity_ms_ == 0 || ui.input().down() || ImGui::GetIO().MouseDown[0]) last_activity_ms_ = now_ms;
    if (phase_ == Phase::Open && now_ms - last_activity_ms_ >= config_.manager.lock_after_idle_s * 1000LL) {
        lock("idle");
        return;
    }
    // Every store call is here or in apply(), never in a screen: a failing store (disk full,
    // read-only, a damaged page) is caught, the manager told in words, and the kiosk goes on.
    prepare(m);
    ManagerIntent it;
    if (phase_ == Phase::Pin) {
        it = draw_manager_pin(ui, model_, pin_st_);
    } else {
        it = draw_manager_frame(ui, model_);
        if (ManagerIntent s = draw_manager_screen(tab_, ui, model_, screens_)) it = std::move(s);
        if (tab_ == ManagerTab::List) {
            const auto& ls = screens_.list;
            rows_missing_ = ls.shown_first < model_.rows_first || std::min(ls.shown_last, model_.list_total) > model_.rows_end;
        } else {
            rows_missing_ = false;
        }
    }
    try {
        apply(ui, it);
    } catch (const StoreError& e) {
        show_store_error(e);
    }
}

void ManagerController::prepare(const Model& m) {
    model_.kiosk = &m;
    model_.hall = m.hall;
    model_.utc_offset_minutes = config_.calendar.utc_offset_minutes;
    model_.tab = tab_;
    model_.row_pages.clear();  // views of the pager's pages: never kept past a frame
    model_.rows_first = model_.rows_end = 0;
    if (phase_ == Phase::Pin) {
        try {
            model_.pin_locked_ms = pin_->locked_for_ms(wall_ms_());
        } catch (const StoreError& e) {
            show_store_error(e);
            model_.pin_locked_ms = -1;
        }
        model_.pin_enabled = pin_->enabled();
        model_.store_error_key = store_error_key_;
        return;
    }
    // Answers from the worker.
    if (auto c = charts_box_->take()) {
        screens_.charts.loading = false;
        if (c->store_error_key.empty()) screens_.charts.data = std::move(c->data);
        else show_store_error_key(c->store_error_key);
    }
    if (auto e = export_box_->take()) {
        auto& r = screens_.reports;
        r.exporting = false;
        if (e->store_error_key.empty()) {
            r.result_ok = e->result.ok;
            r.result_lines.clear();
            if (e->result.ok) r.result_lines = e->result.paths;
            else r.result_lines.push_back(e->result.error);
        } else {
            show_store_error_key(e->store_error_key);
        }
    }
    try {
        load_tab();
        if (tab_ == ManagerTab::List) prepare_list();
        if (tab_ == ManagerTab::Reports) {
            model_.this_month = format_date(store_->today()).substr(0, 7);
            model_.last_month = previous_month(model_.this_month);
        }
    } catch (const StoreError& e) {
        show_store_error(e);
    }
    model_.store_error_key = store_error_key_;
}

void ManagerController::load_tab() {
    // What the open tab shows, read once per visit (the sync figures every frame). Called
    // when the tab opens, so the answer is on the very next frame, and before each frame.
    switch (tab_) {
        case ManagerTab::List: refilter(); break;
        case ManagerTab::Ledger:
            if (!screens_.ledger.loaded) {
                screens_.ledger.rows = store_->ledger_rows(false);
                screens_.ledger.loaded = true;
            }
            break;
        case ManagerTab::Charts:
            if (!screens_.charts.requested) request_charts();
            break;
        case ManagerTab::Reports:
            if (screens_.reports.folders.empty()) scan_folders();
            break;
        case ManagerTab::Sync: {
            Outbox outbox(db_);
            screens_.sync.outbox_depth = outbox.depth();
            screens_.sync.last_error = outbox.last_error();
            break;
        }
        case ManagerTab::Rejected:
            if (!screens_.rejected.loaded) {
                screens_.rejected.rows = Outbox(db_).rejected(200);
                screens_.rejected.loaded = true;
            }
            break;
        case ManagerTab::Flags:
            if (!screens_.flags.loaded) {
                screens_.flags.rows = store_->flagged(true, 200);
                screens_.flags.loaded = true;
            }
            break;
    }
}

void ManagerController::refilter() {
    auto& st = screens_.list;
    if (!st.stale) return;
    // The first page now (one indexed page read); the count for the list and the grouped
    // counts for the state buttons on the worker, so no frame waits for them
    // (tests/bench/manager_bench.cpp has both costs at 100,000 records).
    pager_->set_filter_provisional(st.filter);
    counts_->request(st.filter, store_->now());
    st.counting = true;
    st.stale = false;
}

void ManagerController::prepare_list() {
    auto& st = screens_.list;
    if (auto r = counts_->take(); r && r->filter == st.filter) {
        if (r->error.empty()) {
            pager_->set_total(r->total);
            st.counts = r->counts;
        }
        st.counting = false;
    }
    // The pages holding the rows around the ones shown last frame: at most three, so none
    // of them is evicted from the pager's cache while the next is read.
    const std::int64_t total = pager_->size();
    model_.list_total = total;
    const std::int64_t lo = std::clamp<std::int64_t>(st.shown_first - kRowMargin, 0, total);
    const std::int64_t hi =
        std::clamp<std::int64_t>(std::min(st.shown_last + kRowMargin, lo + 2 * FeedbackPager::kPageRows), lo, total);
    for (std::int64_t pg = lo / FeedbackPager::kPageRows; pg * FeedbackPager::kPageRows < hi; ++pg)
        model_.row_pages.push_back({pg * FeedbackPager::kPageRows, pager_->page_rows(pg)});
    model_.rows_first = lo;
    model_.rows_end = hi;
}

// ---- intents --------------------------------------------------------------------------

void ManagerController::apply(Ui& ui, const ManagerIntent& it) {
    namespace mi = manager_intent;
    auto& detail = screens_.list.detail;
    std::visit(Overloaded{
                   [](const mi::None&) {},
                   [&](const mi::SwitchTab& t) { switch_tab(t.tab); },
                   [&](const mi::Lock&) { lock("button"); },
                   [&](const mi::DismissStoreError&) { store_error_key_.clear(); },
                   [&](const mi::SubmitPin& p) { apply_pin(ui, p.digits); },
                   [&](const mi::CancelPin&) { lock("cancel"); },
                   [&](const mi::SetFilter& f) { set_filter(f.filter, f.preset); },
                   [&](const mi::OpenRecord& o) {
                       tab_ = ManagerTab::List;  // also from the ledger
                       open_record(o.uuid);
                   },
                   [&](const mi::CloseRecord&) { detail = ManagerDetailState{}; },
                   [&](const mi::MoveRecord& a) { after_action(store_->move(a.uuid, a.to)); },
                   [&](const mi::OpenLedgerForm&) {
                       detail.ledger = LedgerEntry{};
                       detail.ledger.deadline = store_->default_deadline(detail.ledger.list);
                   },
                   [&](const mi::ChooseLedgerList& l) {
                       detail.ledger.list = l.list;
                       detail.ledger.deadline = store_->default_deadline(l.list);
                   },
                   [&](const mi::SaveLedger& a) { after_action(store_->put_in_ledger(a.uuid, a.entry)); },
                   [&](const mi::RecordCallback& a) { after_action(store_->record_callback(a.uuid, a.attempt)); },
                   [&](const mi::FileAppeal& a) { after_action(store_->file_appeal(a.uuid, a.reason, a.explanation)); },
                   [&](const mi::DecideAppeal& a) { after_action(store_->decide_appeal(a.uuid, a.decision, a.decided_by)); },
                   [&](const mi::Recheck& a) { after_action(store_->set_recheck(a.uuid, format_date(store_->today()), a.result)); },
                   [&](const mi::RevealPhone& a) { detail.revealed_phone = store_->reveal_phone(a.uuid).value_or(""); },
                   [&](const mi::RescanFolders&) { scan_folders(); },
                   [&](const mi::Export& e) { start_export(e.kind); },
                   [&](const mi::ResendRejected& r) {
                       const ActionResult res = store_->resend_rejected(r.outbox_id);
                       screens_.rejected = ManagerRejectedState{};  // reloaded before the next frame
                       screens_.rejected.message_key = res.ok ? "manager.rejected.resent" : res.error;
                       screens_.rejected.message_is_error = !res.ok;
                   },
                   [&](const mi::DiscardRejected& r) {
                       const ActionResult res = store_->discard_rejected(r.outbox_id);
                       screens_.rejected = ManagerRejectedState{};
                       screens_.rejected.message_key = res.ok ? "manager.rejected.discarded" : res.error;
                       screens_.rejected.message_is_error = !res.ok;
                   },
                   [&](const mi::ResolveFlag& r) {
                       const ActionResult res = store_->resolve_flag(r.uuid, r.confirm, "");
                       screens_.flags = ManagerFlagsState{};  // reloaded before the next frame
                       screens_.flags.message_key = !res.ok ? res.error : r.confirm ? "manager.flags.confirmed" : "manager.flags.rejected";
                       screens_.flags.message_is_error = !res.ok;
                       screens_.list.stale = true;  // the figures and the list changed
                   },
               },
               it.what);
}

void ManagerController::apply_pin(Ui& ui, const std::string& digits) {
    auto& pad = pin_st_.pad;
    const auto attempt = pin_->try_pin(digits, wall_ms_());
    switch (attempt.outcome) {
        case PinGuard::Outcome::Ok:
            phase_ = Phase::Open;
            tab_ = ManagerTab::List;
            screens_.list = ManagerListState{};
            last_activity_ms_ = now_ms_;
            pin_st_ = ManagerPinState{};
            break;
        case PinGuard::Outcome::Wrong:
            pad.message_is_error = true;
            pad.message = attempt.locked_ms > 0
                              ? ui.strings().fmt("manager.pin.locked", {std::to_string((attempt.locked_ms + 999) / 1000)})
                              : ui.strings().fmt("manager.pin.wrong", {std::to_string(kPinFailuresBeforeLock - attempt.failures)});
            break;
        case PinGuard::Outcome::Locked: break;  // the pad says so from the lockout it is handed
        case PinGuard::Outcome::Disabled: pad.message = ui.tr("manager.pin.disabled"); break;
    }
}

void ManagerController::switch_tab(ManagerTab t) {
    tab_ = t;
    // Each visit reads its tab afresh.
    switch (t) {
        case ManagerTab::List: break;
        case ManagerTab::Ledger: screens_.ledger.loaded = false; break;
        case ManagerTab::Charts:
            screens_.charts = ManagerChartsState{};
            charts_box_->forget();
            break;
        case ManagerTab::Reports: screens_.reports.folders.clear(); break;  // scanned afresh
        case ManagerTab::Sync: break;
        case ManagerTab::Rejected: screens_.rejected = ManagerRejectedState{}; break;
        case ManagerTab::Flags: screens_.flags = ManagerFlagsState{}; break;
    }
    load_tab();
}

void ManagerController::set_filter(const FeedbackFilter& f, DatePreset preset) {
    auto& st = screens_.list;
    const FeedbackFilter before = st.filter;
    st.filter = f;
    if (preset != st.date_preset) {
        st.date_preset = preset;
        const Date today = store_->today();
        st.filter.from_date.clear();
        st.filter.to_date.clear();
        switch (preset) {
            case DatePreset::All: break;
            case DatePreset::Today: st.filter.from_date = st.filter.to_date = format_date(today); break;
            case DatePreset::Last7Days:
                st.filter.from_date = format_date(today - std::chrono::days(6));
                st.filter.to_date = format_date(today);
                break;
            case DatePreset::Last30Days:
                st.filter.from_date = format_date(today - std::chrono::days(29));
                st.filter.to_date = format_date(today);
                break;
            case DatePreset::ThisMonth:
                st.filter.from_date = format_date(today).substr(0, 8) + "01";
                st.filter.to_date = format_date(today);
                break;
        }
        st.stale = true;
    }
    if (!(st.filter == before)) st.stale = true;
    refilter();
}

void ManagerController::open_record(const std::string& uuid) {
    auto& d = screens_.list.detail;
    d = ManagerDetailState{};
    d.uuid = uuid;
    d.scroll_top = true;
    reload_detail();
}

void ManagerController::reload_detail() {
    auto& d = screens_.list.detail;
    d.detail = store_->detail(d.uuid);
    if (d.detail && d.detail->ledger) d.ledger = *d.detail->ledger;
}

void ManagerController::after_action(const ActionResult& r) {
    auto& d = screens_.list.detail;
    d.message_key = r.ok ? "manager.saved" : r.error;
    d.message_is_error = !r.ok;
    if (r.ok) {
        d.panel = ManagerDetailState::Panel::None;
        d.scroll_top = true;
        screens_.list.stale = true;  // states and counts moved
        screens_.ledger.loaded = false;
        screens_.charts = ManagerChartsState{};
        charts_box_->forget();
    }
    reload_detail();
    refilter();
}

// ---- worker jobs ----------------------------------------------------------------------

void ManagerController::request_charts() {
    auto& c = screens_.charts;
    c.requested = true;
    c.loading = true;
    const std::uint64_t ticket = charts_box_->expect();
    worker_->post(
        store_->now(), [box = charts_box_, ticket](ManagerStore& s) { box->put(ticket, ChartsOutcome{load_charts(s), {}}); },
        [box = charts_box_, ticket](const std::string& key) { box->put(ticket, ChartsOutcome{{}, key}); });
}

void ManagerController::start_export(ExportKind kind) {
    auto& r = screens_.reports;
    if (r.exporting) return;
    r.exporting = true;
    const std::uint64_t ticket = export_box_->expect();
    worker_->post(
        store_->now(),
        [box = export_box_, ticket, kind, hall = config_.hall, filter = screens_.list.filter, folder = r.folder,
         month = r.month](ManagerStore& s) {
            ExportResult res;
            switch (kind) {
                case ExportKind::Feedback: res = export_feedback(s, hall, filter, folder); break;
                case ExportKind::Ledger: res = export_ledger(s, hall, folder); break;
                case ExportKind::MonthlyReport: res = export_monthly_report(s, hall, month, folder); break;
            }
            box->put(ticket, ExportOutcome{std::move(res), {}});
        },
        [box = export_box_, ticket](const std::string& key) { box->put(ticket, ExportOutcome{{}, key}); });
}

void ManagerController::scan_folders() {
    auto& r = screens_.reports;
    r.folders.clear();
    // USB sticks first (desktop automounts under /media/<user>/ and /run/media/<user>/),
    // then the kiosk's own exports folder, which always exists.
    std::error_code ec;
    for (const char* base : {"/media", "/run/media"}) {
        for (const auto& user : fs::directory_iterator(base, ec)) {
            if (!user.is_directory(ec)) continue;
            for (const auto& stick : fs::directory_iterator(user.path(), ec))
                if (stick.is_directory(ec)) r.folders.push_back(stick.path().string());
        }
    }
    const std::string own = (fs::path(data_dir_) / "exports").string();
    fs::create_directories(own, ec);
    r.folders.push_back(own);
    if (std::find(r.folders.begin(), r.folders.end(), r.folder) == r.folders.end()) r.folder = r.folders.front();
    if (r.month.empty()) r.month = format_date(store_->today()).substr(0, 7);
}

}  // namespace hall::ui
