#include "ui/screens/manager_mode.h"

#include <imgui.h>
#include <imgui_internal.h>  // ErrorCheckEndWindowRecover: unwinds a frame a store error cut short

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/ids.h"
#include "core/text.h"
#include "manager/export.h"
#include "store/outbox.h"
#include "ui/screens/feedback.h"

namespace hall::ui {
namespace fs = std::filesystem;

namespace {

constexpr float kCornerPx = 110;         // the hidden hotspot, top-left of the home screen
constexpr float kLongPressSeconds = 3.0f; // nobody rests a finger on an empty corner that long by chance
constexpr const char* kCallbackWhoKey = "manager.callback.who_default";

std::string pct_text(const Satisfaction& s) {
    const auto r = s.rate();
    if (!r) return "—";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", *r * 100.0);
    return buf;
}

ImU32 rating_colour(Rating r) {
    return is_good_rating(r) ? colour::kGood : is_bad_rating(r) ? colour::kBad : colour::kPrimary;
}

ImU32 state_colour(HandlingState s) {
    switch (s) {
        case HandlingState::New: return colour::kPrimary;
        case HandlingState::Verifying: return colour::kWarn;
        case HandlingState::Fixing: return colour::kWarn;
        case HandlingState::Answered: return colour::kPrimaryDark;
        case HandlingState::Closed: return colour::kGood;
        case HandlingState::Unfounded: return colour::kTextMuted;
    }
    return colour::kText;
}

// A row of choice buttons that wraps at the right edge.
class Flow {
public:
    explicit Flow(Ui& ui) : ui_(ui), right_(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x) {}
    bool button(const std::string& label, const std::string& key, bool selected, ButtonStyle st = ButtonStyle::Choice,
                bool enabled = true, const std::string& text_key = {}) {
        const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + 24;
        if (!first_) {
            ImGui::SameLine(0, ui_.metrics().gap / 2);
            if (ImGui::GetCursorScreenPos().x + w > right_) ImGui::NewLine();
        }
        first_ = false;
        return ui_.button(label, key, ImVec2(w, 0), st, selected, enabled, text_key);
    }
    bool button_t(const std::string& text_key, bool selected, ButtonStyle st = ButtonStyle::Choice, bool enabled = true) {
        return button(ui_.tr(text_key), text_key, selected, st, enabled, text_key);
    }

private:
    Ui& ui_;
    float right_;
    bool first_ = true;
};

// Horizontal bars, one per label, scaled to the largest value; values written beside them.
void bar_chart(Ui& ui, const std::string& key, const std::vector<std::string>& labels, const std::vector<double>& values,
               double max_value, const std::vector<std::string>& value_texts, ImU32 bar_colour, float label_w) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row_h = ImGui::GetTextLineHeight() + 8;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float bar_w = std::max(50.f, width - label_w - 160);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const float y = p0.y + static_cast<float>(i) * row_h;
        ui.draw_text(dl, ui.fonts().body(), ImVec2(p0.x, y), colour::kText, labels[i]);
        const float w = max_value > 0 ? static_cast<float>(values[i] / max_value) * bar_w : 0.f;
        dl->AddRectFilled(ImVec2(p0.x + label_w, y + 3), ImVec2(p0.x + label_w + std::max(w, 1.f), y + row_h - 3), bar_colour, 3);
        const ImVec2 tpos(p0.x + label_w + w + 10, y);
        ui.draw_text(dl, ui.fonts().body(), tpos, colour::kText, value_texts[i]);
        ui.note_text(labels[i] + " " + value_texts[i], key + "." + std::to_string(i), "", ImVec2(p0.x, y),
                     ImVec2(p0.x + width, y + row_h));
    }
    ImGui::Dummy(ImVec2(width, row_h * static_cast<float>(labels.size()) + 8));
}

const char* storage_level_key(StorageLevel l) {
    switch (l) {
        case StorageLevel::Ok: return "manager.storage.ok";
        case StorageLevel::Low: return "manager.storage.low";
        case StorageLevel::ReserveInUse: return "manager.storage.reserve_in_use";
        case StorageLevel::ReserveGone: return "manager.storage.reserve_gone";
    }
    return "manager.storage.ok";
}

std::string megabytes(std::int64_t bytes) {
    if (bytes < 0) return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

}  // namespace

ManagerMode::ManagerMode(const Config& config, Db& db, std::string data_dir, std::function<std::int64_t()> wall_ms)
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
    store_ = std::make_unique<ManagerStore>(db_, std::move(ctx));
    pin_ = std::make_unique<PinGuard>(db_, config_.manager.pin_hash, store_.get());
    pager_ = std::make_unique<FeedbackPager>(*store_);
}

ManagerMode::~ManagerMode() = default;

std::string ManagerMode::screen_name() const {
    if (phase_ == Phase::Pin) return "manager.pin";
    switch (tab_) {
        case ManagerTab::List: return "manager.list";
        case ManagerTab::Ledger: return "manager.ledger";
        case ManagerTab::Charts: return "manager.charts";
        case ManagerTab::Reports: return "manager.reports";
        case ManagerTab::Sync: return "manager.sync";
        case ManagerTab::Rejected: return "manager.rejected";
    }
    return "manager";
}

void ManagerMode::lock(const char* why) {
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
    pin_st_ = PinPadState{};
    list_ = ManagerListState{};
    detail_ = ManagerDetailState{};
    charts_ = ManagerChartsState{};
    reports_ = ManagerReportsState{};
    rejected_ = ManagerRejectedState{};
    ledger_rows_.clear();
    ledger_loaded_ = false;
    store_error_key_.clear();
}

bool ManagerMode::needs_frame(std::int64_t now_ms) const {
    // The lock countdown ticks, and the keys come back the moment it ends.
    if (phase_ == Phase::Pin) {
        try {
            return pin_->locked_for_ms(wall_ms_()) > 0 || pin_drawn_locked_;
        } catch (const StoreError&) {
            return pin_drawn_locked_;  // draw() shows the error when it reads the lock again
        }
    }
    if (phase_ == Phase::Open)
        return list_.counting || now_ms - last_activity_ms_ >= config_.manager.lock_after_idle_s * 1000LL;
    return false;
}

void ManagerMode::draw_corner(Ui& ui) {
    const ImVec2 min(0, 0), max(kCornerPx, kCornerPx);
    // Recorded for the driver (a hold on "#manager.corner"), invisible to citizens.
    ui.record_gesture_zone("manager.corner", min, max);
    const ImVec2 p = ui.input().pos();
    const bool in_corner = p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
    if (in_corner && ui.input().long_press(kLongPressSeconds) && phase_ == Phase::Closed) {
        phase_ = Phase::Pin;
        pin_st_ = PinPadState{};
        if (!pin_->enabled()) {
            pin_st_.message = ui.tr("manager.pin.disabled");
            pin_st_.message_is_error = true;
        }
    }
}

void ManagerMode::draw(Ui& ui, const Model& m, std::int64_t now_ms) {
    // Every store call below may fail (disk full, read-only, a damaged page): the manager
    // sees why in words and the kiosk goes on. The half-drawn frame is unwound back to the
    // root window, so ImGui's stacks stay balanced.
    if (phase_ == Phase::Open && m.storage.low())
        ui.text(ui.tr(storage_level_key(m.storage.level)) + " (" + megabytes(m.storage.free_bytes) + ")", colour::kWarn);
    if (!store_error_key_.empty()) {
        ui.text(ui.tr("manager.store_error") + " " + ui.tr(store_error_key_), colour::kBad);
        ImGui::SameLine();
        if (ui.button_t("manager.store_error.dismiss", ImVec2(0, 0), ButtonStyle::Secondary)) store_error_key_.clear();
    }
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* const root = g.CurrentWindow;
    const int fonts = g.FontStack.Size;
    try {
        draw_guarded(ui, m, now_ms);
    } catch (const StoreError& e) {
        while (g.CurrentWindow && g.CurrentWindow != root && (g.CurrentWindow->Flags & ImGuiWindowFlags_ChildWindow)) {
            ImGui::ErrorCheckEndWindowRecover(nullptr);
            ImGui::EndChild();
        }
        ImGui::ErrorCheckEndWindowRecover(nullptr);
        while (g.FontStack.Size > fonts) ImGui::PopFont();
        while (g.DisabledStackSize > 0) ImGui::EndDisabled();
        show_store_error(e);
    }
}

void ManagerMode::show_store_error(const StoreError& e) {
    const std::string key = store_failure_key(e.kind());
    if (key != store_error_key_) std::fprintf(stderr, "hall-kiosk: manager: %s\n", e.what());  // once, not every frame
    store_error_key_ = key;
}

void ManagerMode::draw_guarded(Ui& ui, const Model& m, std::int64_t now_ms) {
    now_ms_ = now_ms;
    if (last_activity_ms_ == 0 || ui.input().down() || ImGui::GetIO().MouseDown[0]) last_activity_ms_ = now_ms;
    if (phase_ == Phase::Open && now_ms - last_activity_ms_ >= config_.manager.lock_after_idle_s * 1000LL) {
        lock("idle");
        return;
    }
    if (phase_ == Phase::Pin) {
        draw_pin(ui, m);
        return;
    }
    draw_tabs(ui);
    switch (tab_) {
        case ManagerTab::List: draw_list(ui, m); break;
        case ManagerTab::Ledger: draw_ledger(ui, m); break;
        case ManagerTab::Charts: draw_charts(ui, m); break;
        case ManagerTab::Reports: draw_reports(ui, m); break;
        case ManagerTab::Sync: draw_sync(ui, m); break;
        case ManagerTab::Rejected: draw_rejected(ui); break;
    }
}

// ---- PIN ------------------------------------------------------------------------------

void ManagerMode::draw_pin(Ui& ui, const Model& m) {
    const std::int64_t wall = wall_ms_();
    std::int64_t locked = 0;
    try {
        locked = pin_->locked_for_ms(wall);
    } catch (const StoreError& e) {
        // The lockout cannot be read: keep the keys off (no guessing past a lock nobody can
        // see), but draw the pad, so its message and Cancel are there.
        show_store_error(e);
        locked = -1;
    }
    if (pin_drawn_locked_ && locked == 0) pin_st_.message.clear();
    pin_drawn_locked_ = locked > 0;
    if (locked > 0) {
        pin_st_.message = ui.strings().fmt("manager.pin.locked", {std::to_string((locked + 999) / 1000)});
        pin_st_.message_is_error = true;
    }
    ImGui::Dummy(ImVec2(0, ui.metrics().pad * 3));
    const PinPadAction a = draw_pin_pad(ui, pin_st_, locked != 0 || !pin_->enabled());
    if (a == PinPadAction::Cancel) {
        lock("cancel");
        return;
    }
    if (a != PinPadAction::Submit) return;
    const auto attempt = pin_->try_pin(pin_st_.digits, wall);
    pin_st_.digits.clear();
    switch (attempt.outcome) {
        case PinGuard::Outcome::Ok:
            phase_ = Phase::Open;
            tab_ = ManagerTab::List;
            list_ = ManagerListState{};
            last_activity_ms_ = now_ms_;
            pin_st_ = PinPadState{};
            break;
        case PinGuard::Outcome::Wrong:
            pin_st_.message_is_error = true;
            pin_st_.message = attempt.locked_ms > 0
                                  ? ui.strings().fmt("manager.pin.locked", {std::to_string((attempt.locked_ms + 999) / 1000)})
                                  : ui.strings().fmt("manager.pin.wrong",
                                                     {std::to_string(kPinFailuresBeforeLock - attempt.failures)});
            break;
        case PinGuard::Outcome::Locked: break;  // message set above
        case PinGuard::Outcome::Disabled: pin_st_.message = ui.tr("manager.pin.disabled"); break;
    }
    (void)m;
}

// ---- tabs -----------------------------------------------------------------------------

void ManagerMode::draw_tabs(Ui& ui) {
    // The tabs and the lock in one row, narrower where the panel is (portrait); the title
    // beside them when there is room, else above.
    const std::pair<ManagerTab, const char*> tabs[] = {{ManagerTab::List, "manager.tab.list"},
                                                       {ManagerTab::Ledger, "manager.tab.ledger"},
                                                       {ManagerTab::Charts, "manager.tab.charts"},
                                                       {ManagerTab::Reports, "manager.tab.reports"},
                                                       {ManagerTab::Sync, "manager.tab.sync"},
                                                       {ManagerTab::Rejected, "manager.tab.rejected"}};
    constexpr float kButtons = static_cast<float>(std::size(tabs) + 1);  // the tabs and the lock
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float tab_w = std::min(220.f, (avail - spacing * (kButtons - 1)) / kButtons);
    ImFont* hf = ui.fonts().heading();
    const float title_w = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, ui.tr("manager.title").c_str()).x;
    ui.heading_t("manager.title");
    if (title_w + ui.metrics().pad * 2 + tab_w * kButtons + spacing * (kButtons - 1) <= avail) ImGui::SameLine(0, ui.metrics().pad * 2);
    for (const auto& [tab, key] : tabs) {
        if (ui.button_t(key, ImVec2(tab_w, 0), ButtonStyle::Choice, tab_ == tab)) {
            tab_ = tab;
            if (tab == ManagerTab::Charts) charts_.loaded = false;
            if (tab == ManagerTab::Ledger) ledger_loaded_ = false;
            if (tab == ManagerTab::Reports) scan_folders();
            if (tab == ManagerTab::Rejected) rejected_ = ManagerRejectedState{};
        }
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(ImGui::GetWindowSize().x - ui.metrics().pad - tab_w);
    if (ui.button_t("manager.lock", ImVec2(tab_w, 0), ButtonStyle::Danger)) lock("button");
    ImGui::Separator();
}

// ---- list -----------------------------------------------------------------------------

void ManagerMode::apply_date_preset() {
    const Date today = store_->today();
    auto& f = list_.filter;
    f.from_date.clear();
    f.to_date.clear();
    switch (list_.date_preset) {
        case 1: f.from_date = f.to_date = format_date(today); break;
        case 2: f.from_date = format_date(today - std::chrono::days(6)); f.to_date = format_date(today); break;
        case 3: f.from_date = format_date(today - std::chrono::days(29)); f.to_date = format_date(today); break;
        case 4: f.from_date = format_date(today).substr(0, 8) + "01"; f.to_date = format_date(today); break;
        default: break;
    }
}

void ManagerMode::draw_filters(Ui& ui, const Model& m) {
    auto& f = list_.filter;
    const FeedbackFilter before = f;
    const int preset_before = list_.date_preset;
    // The five filter groups; the open one shows its choices underneath.
    static const char* groups[] = {"manager.filter.date", "manager.filter.window", "manager.filter.category",
                                   "manager.filter.rating", "manager.filter.state"};
    {
        Flow row(ui);
        for (int i = 0; i < 5; ++i)
            if (row.button_t(groups[i], list_.filter_row == i)) list_.filter_row = i;
    }
    Flow opts(ui);
    switch (list_.filter_row) {
        case 0: {
            static const char* dates[] = {"manager.filter.date.all", "manager.filter.date.today", "manager.filter.date.7",
                                          "manager.filter.date.30", "manager.filter.date.month"};
            for (int i = 0; i < 5; ++i)
                if (opts.button_t(dates[i], list_.date_preset == i)) list_.date_preset = i;
            break;
        }
        case 1:
            if (opts.button_t("manager.filter.all_windows", f.window_id.empty())) f.window_id.clear();
            for (const auto& w : m.hall->windows)
                if (opts.button(ui.strings().fmt("queue.window_n", {w.number}), "manager.filter.window." + w.id, f.window_id == w.id))
                    f.window_id = w.id;
            break;
        case 2:
            if (opts.button_t("manager.filter.all_categories", !f.category)) f.category.reset();
            for (Category c : all_categories())
                if (opts.button(ui.tr("category." + std::string(category_key(c))), "manager.filter.category." + std::string(category_key(c)),
                                f.category == c))
                    f.category = c;
            break;
        case 3:
            if (opts.button_t("manager.filter.all_ratings", !f.rating && !f.bad_only)) {
                f.rating.reset();
                f.bad_only = false;
            }
            if (opts.button_t("manager.filter.bad_only", f.bad_only)) {
                f.bad_only = true;
                f.rating.reset();
            }
            for (Rating r : kRatingsBestFirst)
                if (opts.button(ui.tr("rating." + std::string(rating_key(r))), "manager.filter.rating." + std::string(rating_key(r)),
                                f.rating == r)) {
                    f.rating = r;
                    f.bad_only = false;
                }
            break;
        case 4: {
            const auto n = [&](std::int64_t v) { return " (" + std::to_string(v) + ")"; };
            if (opts.button(ui.tr("manager.filter.all_states") + n(list_.counts.total), "manager.filter.all_states",
                            !f.state && !f.overdue_only)) {
                f.state.reset();
                f.overdue_only = false;
            }
            for (int i = 0; i < kHandlingStateCount; ++i) {
                const auto s = static_cast<HandlingState>(i);
                const std::string key(handling_state_key(s));
                const auto it = list_.counts.by_state.find(s);
                if (opts.button(ui.tr("manager.state." + key) + n(it == list_.counts.by_state.end() ? 0 : it->second),
                                "manager.filter.state." + key, f.state == s)) {
                    f.state = s;
                    f.overdue_only = false;
                }
            }
            if (opts.button(ui.tr("manager.filter.overdue") + n(list_.counts.overdue), "manager.filter.overdue", f.overdue_only,
                            ButtonStyle::Choice)) {
                f.overdue_only = true;
                f.state.reset();
            }
            break;
        }
        default: break;
    }
    if (list_.date_preset != preset_before) apply_date_preset();
    if (!(f == before) || list_.date_preset != preset_before) list_.stale = true;
}

void ManagerMode::draw_list(Ui& ui, const Model& m) {
    draw_filters(ui, m);
    if (list_.stale) {
        // The first page now (one indexed page read); the count for the list and the
        // grouped counts for the state buttons on the worker, so no frame waits for them
        // (tests/bench/manager_bench.cpp has both costs at 100,000 records).
        pager_->set_filter_provisional(list_.filter);
        counts_->request(list_.filter, store_->now());
        list_.counting = true;
        list_.stale = false;
    }
    if (auto r = counts_->take(); r && r->filter == list_.filter) {
        if (r->error.empty()) {
            pager_->set_total(r->total);
            list_.counts = r->counts;
        }
        list_.counting = false;
    }
    ui.text(list_.counting ? ui.tr("manager.list.counting") : ui.strings().fmt("manager.list.count", {std::to_string(pager_->size())}),
            colour::kTextMuted);
    const float gap = ui.metrics().gap;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float list_w = detail_.detail ? avail.x * 0.55f : avail.x;
    const float row_h = ui.metrics().touch * 0.8f;

    ui.begin_scroll("manager.list", ImVec2(list_w, avail.y), true);
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("manager.table", 5, tf)) {
        ImGui::TableSetupColumn(ui.tr("manager.col.time").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn(ui.tr("manager.col.window").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn(ui.tr("manager.col.rating").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(ui.tr("manager.col.state").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(ui.tr("manager.col.text").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableHeadersRow();
        // Only the visible rows are drawn and fetched: 100,000 records cost what 20 do.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(std::min<std::int64_t>(pager_->size(), INT32_MAX)), row_h);
        while (clipper.Step()) {
            pager_->want(clipper.DisplayStart, clipper.DisplayEnd);
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const FeedbackRow* r = pager_->row(i);
                if (!r) continue;
                ImGui::PushID(static_cast<int>(r->id));  // stable across scrolling and filters
                ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
                ImGui::TableNextColumn();
                const std::string when = local_time_text(r->created_at, config_.calendar.utc_offset_minutes);
                ui.fonts().request(when);
                if (ImGui::Selectable(when.c_str(), detail_.uuid == r->uuid,
                                      ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, row_h)) &&
                    !ui.input().dragging())
                    open_detail(r->uuid);
                ui.record(r->receipt + " " + when, "manager.row." + std::to_string(i), "", ImGui::GetItemRectMin(),
                          ImGui::GetItemRectMax(), true, true, detail_.uuid == r->uuid);
                ImGui::TableNextColumn();
                const auto* w = m.hall->find_window(r->window_id);
                ui.text(w ? ui.strings().fmt("queue.window_n", {w->number}) : r->window_id);
                ImGui::TableNextColumn();
                ui.text(ui.tr("rating." + std::string(rating_key(r->overall))) + (r->excluded ? " ⊘" : ""), rating_colour(r->overall));
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.state." + std::string(handling_state_key(r->state))) +
                            (r->overdue ? " · " + ui.tr("manager.overdue") : ""),
                        r->overdue ? colour::kBad : state_colour(r->state));
                ImGui::TableNextColumn();
                std::string preview = r->text.empty() ? r->phone_masked : r->text;
                if (utf8_length(preview) > 24) {
                    auto cps = decode_utf8(preview);
                    cps.resize(24);
                    preview = encode_utf8(cps) + "…";
                }
                for (auto& ch : preview)
                    if (ch == '\n') ch = ' ';
                ui.text(preview, colour::kTextMuted);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    ui.end_scroll();
    if (detail_.detail) {
        ImGui::SameLine(0, gap);
        draw_detail(ui, m);
    }
}

// ---- detail and handling ----------------------------------------------------------------

void ManagerMode::open_detail(const std::string& uuid) {
    detail_ = ManagerDetailState{};
    detail_.uuid = uuid;
    detail_scroll_top_ = true;
    reload_detail();
}

void ManagerMode::reload_detail() {
    detail_.detail = store_->detail(detail_.uuid);
    if (detail_.detail && detail_.detail->ledger) detail_.ledger = *detail_.detail->ledger;
}

void ManagerMode::after_action(const ActionResult& r, Ui& ui) {
    detail_.message = r.ok ? ui.tr("manager.saved") : ui.tr(r.error);
    detail_.message_is_error = !r.ok;
    if (r.ok) {
        detail_.panel = ManagerDetailState::Panel::None;
        detail_scroll_top_ = true;
        list_.stale = true;  // states and counts moved
        ledger_loaded_ = false;
        charts_.loaded = false;
    }
    reload_detail();
}

void ManagerMode::draw_detail(Ui& ui, const Model& m) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.detail", ImVec2(avail.x, avail.y), true);
    if (detail_scroll_top_) {
        ImGui::SetScrollY(0);
        detail_scroll_top_ = false;
    }
    const FeedbackDetail& d = *detail_.detail;
    const Feedback& f = d.feedback;
    ui.heading(f.receipt);
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetWindowSize().x - 200);
    if (ui.button_t("manager.detail.close", ImVec2(170, 0), ButtonStyle::Secondary)) {
        detail_ = ManagerDetailState{};
        ui.end_scroll();
        return;
    }
    // What to do first, always in view without scrolling; the record's facts below.
    if (!detail_.message.empty()) ui.text(detail_.message, detail_.message_is_error ? colour::kBad : colour::kGood, ui.fonts().heading());
    draw_actions(ui, m, d);
    ImGui::Separator();
    ui.field("manager.col.time", local_time_text(f.created_at, config_.calendar.utc_offset_minutes));
    ui.field("manager.col.window", window_label(ui, m, f.window_id));
    std::string cats;
    for (Category c : f.categories) cats += (cats.empty() ? "" : "、") + ui.tr("category." + std::string(category_key(c)));
    ui.field("manager.detail.categories", cats);
    std::string rating = ui.tr("rating." + std::string(rating_key(f.overall)));
    for (int i = 0; i < kIndicatorCount; ++i)
        if (const auto& r = f.indicators[static_cast<std::size_t>(i)])
            rating += " · " + ui.tr("indicator." + std::string(indicator_key(static_cast<Indicator>(i)))) + " " +
                      ui.tr("rating." + std::string(rating_key(*r)));
    ui.field("manager.col.rating", rating);
    if (d.excluded) ui.text_t("manager.detail.excluded", colour::kWarn);
    if (!f.text.empty()) ui.field("manager.col.text", f.text);
    if (d.has_phone) {
        ui.field("manager.detail.phone", detail_.revealed_phone.empty() ? f.phone : detail_.revealed_phone);
        if (detail_.revealed_phone.empty() && ui.button_t("manager.detail.reveal_phone", ImVec2(0, 0), ButtonStyle::Secondary))
            detail_.revealed_phone = store_->reveal_phone(detail_.uuid).value_or("");
    }
    ui.field("manager.col.state", ui.tr("manager.state." + std::string(handling_state_key(d.state))));
    if (!d.deadline.empty())
        ui.field("manager.detail.deadline", d.deadline + (d.overdue ? " · " + ui.tr("manager.overdue") : ""));
    if (d.ledger) {
        ui.field("manager.detail.ledger", ui.tr("manager.ledger.list." + std::string(ledger_list_key(d.ledger->list))) + " · " +
                                              d.ledger->measure + " · " + d.ledger->responsible);
        if (!d.ledger->recheck_date.empty())
            ui.field("manager.detail.recheck",
                     d.ledger->recheck_date + (d.ledger->recheck_result
                                                   ? " · " + ui.tr("manager.recheck." + std::string(recheck_result_key(*d.ledger->recheck_result)))
                                                   : ""));
    }
    for (const auto& cb : d.callbacks)
        ui.field("manager.detail.callback", local_time_text(cb.at, config_.calendar.utc_offset_minutes) + " " + cb.who + " · " +
                                                (cb.reached && cb.grade ? ui.tr("manager.grade." + std::string(callback_grade_key(*cb.grade)))
                                                                        : ui.tr("manager.callback.missed")));
    for (const auto& ap : d.appeals)
        ui.field("manager.detail.appeal", ui.tr("manager.appeal.reason." + std::string(appeal_reason_key(ap.reason))) + " · " +
                                              ap.explanation + " · " +
                                              ui.tr("manager.appeal.decision." + std::string(appeal_decision_key(ap.decision))));
    ui.end_scroll();
}

void ManagerMode::draw_actions(Ui& ui, const Model& m, const FeedbackDetail& d) {
    using P = ManagerDetailState::Panel;
    auto& st = detail_;
    {
        Flow row(ui);
        for (HandlingState s : d.next_states) {
            if (s == HandlingState::Fixing && !d.ledger) continue;  // the ledger form puts it there
            const std::string key = "manager.to." + std::string(handling_state_key(s));
            if (row.button_t(key, false, ButtonStyle::Primary)) {
                after_action(store_->move(st.uuid, s), ui);
                return;
            }
        }
        if (is_awaiting_fix(d.state) || d.ledger)
            if (row.button_t(d.ledger ? "manager.action.edit_ledger" : "manager.action.ledger", st.panel == P::Ledger)) {
                st.panel = P::Ledger;
                if (!d.ledger) {
                    st.ledger = LedgerEntry{};
                    st.ledger.deadline = store_->default_deadline(st.ledger.list);
                }
            }
        if (d.has_phone && callback_allowed(d.state) && row.button_t("manager.action.callback", st.panel == P::Callback))
            st.panel = P::Callback;
        const bool pending = std::any_of(d.appeals.begin(), d.appeals.end(), [](const AppealRecord& a) { return a.decision == AppealDecision::Pending; });
        if (!d.excluded && !pending && row.button_t("manager.action.appeal", st.panel == P::Appeal)) st.panel = P::Appeal;
        if (pending && row.button_t("manager.action.decide", st.panel == P::Decide)) st.panel = P::Decide;
        if (d.ledger && d.state == HandlingState::Closed && row.button_t("manager.action.recheck", st.panel == P::Recheck))
            st.panel = P::Recheck;
    }
    const std::string who = ui.tr(kCallbackWhoKey);
    switch (st.panel) {
        case P::None: break;
        case P::Ledger: {
            ui.text_t("manager.ledger.choose_list", colour::kPrimaryDark);
            Flow lists(ui);
            for (LedgerList l : {LedgerList::Immediate, LedgerList::Limited, LedgerList::LongTerm})
                if (lists.button_t("manager.ledger.list." + std::string(ledger_list_key(l)), st.ledger.list == l)) {
                    st.ledger.list = l;
                    st.ledger.deadline = store_->default_deadline(l);
                }
            ui.text_t("manager.ledger.choose_measure", colour::kPrimaryDark);
            Flow measures(ui);
            for (int i = 1; i <= 4; ++i) {
                const std::string k = "manager.preset.measure." + std::to_string(i);
                if (measures.button_t(k, st.ledger.measure == ui.tr(k))) st.ledger.measure = ui.tr(k);
            }
            ui.text_t("manager.ledger.choose_responsible", colour::kPrimaryDark);
            Flow people(ui);
            for (int i = 1; i <= 3; ++i) {
                const std::string k = "manager.preset.responsible." + std::to_string(i);
                if (people.button_t(k, st.ledger.responsible == ui.tr(k))) st.ledger.responsible = ui.tr(k);
            }
            ui.field("manager.detail.deadline", st.ledger.deadline);
            if (ui.button_t("manager.ledger.save", ImVec2(0, 0), ButtonStyle::Primary, false,
                            !st.ledger.measure.empty() && !st.ledger.responsible.empty()))
                after_action(store_->put_in_ledger(st.uuid, st.ledger), ui);
            break;
        }
        case P::Callback: {
            Flow row(ui);
            CallbackAttempt a;
            a.who = who;
            if (row.button_t("manager.callback.missed", false, ButtonStyle::Secondary)) {
                after_action(store_->record_callback(st.uuid, a), ui);
                break;
            }
            for (CallbackGrade g : {CallbackGrade::Satisfied, CallbackGrade::Basic, CallbackGrade::Dissatisfied})
                if (row.button_t("manager.grade." + std::string(callback_grade_key(g)), false)) {
                    a.reached = true;
                    a.grade = g;
                    after_action(store_->record_callback(st.uuid, a), ui);
                    break;
                }
            break;
        }
        case P::Appeal: {
            Flow reasons(ui);
            for (AppealReason r : {AppealReason::Mistaken, AppealReason::Malicious})
                if (reasons.button_t("manager.appeal.reason." + std::string(appeal_reason_key(r)), st.appeal_reason == r))
                    st.appeal_reason = r;
            ui.text_t("manager.appeal.choose_explanation", colour::kPrimaryDark);
            Flow why(ui);
            for (int i = 1; i <= 3; ++i) {
                const std::string k = "manager.preset.appeal." + std::to_string(i);
                if (why.button_t(k, false, ButtonStyle::Primary)) {
                    after_action(store_->file_appeal(st.uuid, st.appeal_reason, ui.tr(k)), ui);
                    break;
                }
            }
            break;
        }
        case P::Decide: {
            Flow row(ui);
            if (row.button_t("manager.appeal.uphold", false, ButtonStyle::Primary))
                after_action(store_->decide_appeal(st.uuid, AppealDecision::Upheld, who), ui);
            else if (row.button_t("manager.appeal.reject", false, ButtonStyle::Secondary))
                after_action(store_->decide_appeal(st.uuid, AppealDecision::Rejected, who), ui);
            break;
        }
        case P::Recheck: {
            Flow row(ui);
            const std::string today = format_date(store_->today());
            for (RecheckResult r : {RecheckResult::Passed, RecheckResult::Relapsed})
                if (row.button_t("manager.recheck." + std::string(recheck_result_key(r)), false, ButtonStyle::Primary)) {
                    after_action(store_->set_recheck(st.uuid, today, r), ui);
                    break;
                }
            break;
        }
    }
    (void)m;
}

// ---- ledger ---------------------------------------------------------------------------

void ManagerMode::draw_ledger(Ui& ui, const Model& m) {
    if (!ledger_loaded_) {
        ledger_rows_ = store_->ledger_rows(false);
        ledger_loaded_ = true;
    }
    ui.text(ui.strings().fmt("manager.ledger.count", {std::to_string(ledger_rows_.size())}), colour::kTextMuted);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.ledger", avail, true);
    if (ImGui::BeginTable("manager.ledger.table", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(ui.tr("manager.detail.deadline").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.col.window").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.detail.ledger").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.col.state").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.detail.recheck").c_str());
        ImGui::TableHeadersRow();
        const float row_h = ui.metrics().touch * 0.8f;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(ledger_rows_.size()), row_h);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& r = ledger_rows_[static_cast<std::size_t>(i)];
                ImGui::PushID(static_cast<int>(r.feedback.id));
                ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
                ImGui::TableNextColumn();
                const std::string label = r.entry.deadline + (r.feedback.overdue ? " · " + ui.tr("manager.overdue") : "");
                ui.fonts().request(label);
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(r.feedback.overdue ? colour::kBad : colour::kText));
                if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h)) && !ui.input().dragging()) {
                    tab_ = ManagerTab::List;
                    open_detail(r.feedback.uuid);
                }
                ImGui::PopStyleColor();
                ui.record(r.feedback.receipt + " " + label, "manager.ledger.row." + std::to_string(i), "", ImGui::GetItemRectMin(),
                          ImGui::GetItemRectMax(), true, true, false);
                ImGui::TableNextColumn();
                ui.text(window_label(ui, m, r.feedback.window_id));
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.ledger.list." + std::string(ledger_list_key(r.entry.list))) + " · " + r.entry.measure + " · " +
                        r.entry.responsible);
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.state." + std::string(handling_state_key(r.feedback.state))), state_colour(r.feedback.state));
                ImGui::TableNextColumn();
                ui.text(r.entry.recheck_date);
                ImGui::PopID();
            }
        ImGui::EndTable();
    }
    ui.end_scroll();
}

// ---- charts ---------------------------------------------------------------------------

void ManagerMode::draw_charts(Ui& ui, const Model& m) {
    auto& c = charts_;
    if (!c.loaded) {
        const Date today = store_->today();
        c.to = format_date(today);
        c.from = format_date(today - std::chrono::days(29));
        c.by_window = store_->counts_by_window(c.from, c.to);
        c.by_category = store_->counts_by_category(c.from, c.to);
        c.by_day = store_->counts_by_day(c.from, c.to);
        c.satisfaction = store_->satisfaction_by_window(c.from, c.to);
        c.overall = SatisfactionReport{};
        for (const auto& [w, s] : c.satisfaction) {
            c.overall.overall.good += s.overall.good;
            c.overall.overall.total += s.overall.total;
            for (std::size_t i = 0; i < s.indicators.size(); ++i) {
                c.overall.indicators[i].good += s.indicators[i].good;
                c.overall.indicators[i].total += s.indicators[i].total;
            }
        }
        c.month = c.to.substr(0, 7);
        c.ranking = store_->ranking(c.month);
        c.loaded = true;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.charts", avail, true);
    ui.text(ui.strings().fmt("manager.charts.range", {c.from, c.to}), colour::kTextMuted);
    // The headline rate, with a stable key so tests (and people) can read it.
    const std::string rate = ui.strings().fmt("manager.charts.rate", {pct_text(c.overall.overall), std::to_string(c.overall.overall.total)});
    ui.text(rate, colour::kPrimaryDark, ui.fonts().heading());
    ui.note_text(rate, "manager.charts.overall_rate", "", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    {
        std::string ind;
        for (int i = 0; i < kIndicatorCount; ++i)
            ind += ui.tr("indicator." + std::string(indicator_key(static_cast<Indicator>(i)))) + " " +
                   pct_text(c.overall.indicators[static_cast<std::size_t>(i)]) + "   ";
        ui.text(ind);
    }
    const float half = (ImGui::GetContentRegionAvail().x - ui.metrics().gap) / 2;
    const float label_w = 260;
    // Left column: per window (count, rate); right: per category; below: per day.
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    ui.heading_t("manager.charts.by_window");
    std::vector<std::string> labels, texts;
    std::vector<double> values;
    double maxv = 0;
    for (const auto& w : m.hall->windows) {
        std::int64_t n = 0;
        for (const auto& [id, v] : c.by_window)
            if (id == w.id) n = v;
        labels.push_back(ui.strings().fmt("queue.window_n", {w.number}));
        values.push_back(static_cast<double>(n));
        texts.push_back(std::to_string(n));
        maxv = std::max(maxv, static_cast<double>(n));
    }
    ImGui::BeginChild("manager.charts.left", ImVec2(half, 0), false, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoScrollbar);
    bar_chart(ui, "manager.charts.window", labels, values, maxv, texts, colour::kPrimary, label_w * 0.5f);
    ui.heading_t("manager.charts.rate_by_window");
    labels.clear();
    values.clear();
    texts.clear();
    for (const auto& w : m.hall->windows) {
        const auto it = c.satisfaction.find(w.id);
        const Satisfaction s = it == c.satisfaction.end() ? Satisfaction{} : it->second.overall;
        labels.push_back(ui.strings().fmt("queue.window_n", {w.number}));
        values.push_back(s.rate().value_or(0) * 100);
        texts.push_back(pct_text(s));
    }
    bar_chart(ui, "manager.charts.rate", labels, values, 100, texts, colour::kGood, label_w * 0.5f);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::SameLine(0, ui.metrics().gap);
    ImGui::BeginChild("manager.charts.right", ImVec2(half, 0), false, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoScrollbar);
    ui.heading_t("manager.charts.by_category");
    labels.clear();
    values.clear();
    texts.clear();
    maxv = 0;
    for (const auto& [cat, n] : c.by_category) {
        labels.push_back(ui.tr("category." + std::string(category_key(cat))));
        values.push_back(static_cast<double>(n));
        texts.push_back(std::to_string(n));
        maxv = std::max(maxv, static_cast<double>(n));
    }
    bar_chart(ui, "manager.charts.category", labels, values, maxv, texts, colour::kWarn, label_w);
    ui.heading(ui.strings().fmt("manager.charts.ranking", {c.month}));
    for (const auto& r : c.ranking) {
        std::string line = std::to_string(r.rank) + ". " + window_label(ui, m, r.window_id) + "  " + pct_text(r.satisfaction);
        if (r.last_twice) line += "  " + ui.tr("manager.charts.last_twice");
        else if (r.last) line += "  " + ui.tr("manager.charts.last");
        ui.text(line, r.last_twice ? colour::kBad : r.last ? colour::kWarn : colour::kText);
    }
    ImGui::EndChild();

    // Per day: vertical bars over the last 30 days.
    ui.heading_t("manager.charts.by_day");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x, h = 220;
    std::int64_t dmax = 1;
    for (const auto& d : c.by_day) dmax = std::max(dmax, d.count);
    const float bw = c.by_day.empty() ? 0 : w / static_cast<float>(c.by_day.size());
    dl->AddLine(ImVec2(p0.x, p0.y + h), ImVec2(p0.x + w, p0.y + h), colour::kBorder, 2);
    for (std::size_t i = 0; i < c.by_day.size(); ++i) {
        const float bh = h * static_cast<float>(c.by_day[i].count) / static_cast<float>(dmax);
        const float x = p0.x + bw * static_cast<float>(i);
        dl->AddRectFilled(ImVec2(x + 3, p0.y + h - bh), ImVec2(x + bw - 3, p0.y + h), colour::kPrimary, 2);
        if (i % 5 == 0) ui.draw_text(dl, ui.fonts().body(), ImVec2(x, p0.y + h + 4), colour::kTextMuted, c.by_day[i].day.substr(5));
    }
    ImGui::Dummy(ImVec2(w, h + ImGui::GetTextLineHeight() + 12));
    ui.end_scroll();
}

// ---- reports and exports --------------------------------------------------------------

void ManagerMode::scan_folders() {
    auto& r = reports_;
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

void ManagerMode::draw_reports(Ui& ui, const Model& m) {
    auto& r = reports_;
    if (r.folders.empty()) scan_folders();
    ui.heading_t("manager.reports.folder");
    {
        Flow row(ui);
        for (std::size_t i = 0; i < r.folders.size(); ++i)
            if (row.button(r.folders[i], "manager.reports.folder." + std::to_string(i), r.folder == r.folders[i])) r.folder = r.folders[i];
        if (row.button_t("manager.reports.rescan", false, ButtonStyle::Secondary)) scan_folders();
    }
    const auto show = [&](const ExportResult& res) {
        r.result_ok = res.ok;
        r.result_lines.clear();
        if (res.ok)
            for (const auto& p : res.paths) r.result_lines.push_back(p);
        else
            r.result_lines.push_back(res.error);
    };
    ui.heading_t("manager.reports.export");
    {
        Flow row(ui);
        if (row.button_t("manager.reports.feedback", false, ButtonStyle::Primary))
            show(export_feedback(*store_, *m.hall, list_.filter, r.folder));
        if (row.button_t("manager.reports.ledger", false, ButtonStyle::Primary)) show(export_ledger(*store_, *m.hall, r.folder));
    }
    ui.heading_t("manager.reports.monthly");
    {
        Flow row(ui);
        const Date today = store_->today();
        const std::string this_month = format_date(today).substr(0, 7), last_month = previous_month(this_month);
        for (const auto& month : {this_month, last_month})
            if (row.button(month, "manager.reports.month." + month, r.month == month)) r.month = month;
        if (row.button_t("manager.reports.monthly_export", false, ButtonStyle::Primary))
            show(export_monthly_report(*store_, *m.hall, r.month, r.folder));
    }
    for (const auto& line : r.result_lines) ui.text(line, r.result_ok ? colour::kGood : colour::kBad);
}

// ---- sync status ----------------------------------------------------------------------

void ManagerMode::draw_sync(Ui& ui, const Model& m) {
    Outbox outbox(db_);
    ui.field("manager.sync.configured", ui.tr(m.sync.configured ? "manager.yes" : "manager.no"));
    ui.field("manager.sync.online", ui.tr(m.sync.online ? "manager.yes" : "manager.no"));
    ui.field("manager.sync.outbox", std::to_string(outbox.depth()));
    ui.field("manager.sync.last_success", m.sync.last_success.empty() ? ui.tr("manager.sync.never")
                                                                        : local_time_text(m.sync.last_success, config_.calendar.utc_offset_minutes));
    auto st = db_.prepare("SELECT last_error, attempts FROM outbox WHERE last_error <> '' ORDER BY id DESC LIMIT 1");
    ui.field("manager.sync.last_error", st.step() ? st.text(0) + " (" + std::to_string(st.i64(1)) + ")" : ui.tr("manager.sync.no_error"));
    ui.field("manager.sync.content_version", m.content_version);
    ui.field("manager.sync.storage", ui.tr(storage_level_key(m.storage.level)));
    ui.field("manager.sync.free_disk", megabytes(m.storage.free_bytes));
    ui.field("manager.sync.reserve", megabytes(m.storage.reserve_bytes) + " / " + megabytes(m.storage.reserve_target));
}

// ---- rejected by the hub (screens/manager_rejected.cpp) ------------------------------

void ManagerMode::draw_rejected(Ui& ui) {
    if (!rejected_.loaded) {
        rejected_.rows = Outbox(db_).rejected(200);
        rejected_.loaded = true;
    }
    const RejectedAction a = draw_manager_rejected(ui, rejected_, config_.calendar.utc_offset_minutes);
    if (a.kind == RejectedAction::Kind::None) return;
    const ActionResult r = a.kind == RejectedAction::Kind::Resend ? store_->resend_rejected(a.outbox_id)
                                                                   : store_->discard_rejected(a.outbox_id);
    const std::string done = a.kind == RejectedAction::Kind::Resend ? "manager.rejected.resent" : "manager.rejected.discarded";
    rejected_ = ManagerRejectedState{};  // reloaded on the next frame
    rejected_.message_key = r.ok ? done : r.error;
    rejected_.message_is_error = !r.ok;
}

}  // namespace hall::ui
