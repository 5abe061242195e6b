#include "ui/screens/manager_screens.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <iterator>

namespace hall::ui {

namespace {

struct ManagerScreenRow {
    ManagerTab tab;
    const char* name;
    const char* tab_key;
    ManagerIntent (*draw)(Ui&, const ManagerModel&, ManagerScreenStates&);
};

// One row per line of HALL_MANAGER_SCREENS, in enum order (checked below).
constexpr ManagerScreenRow kManagerScreens[] = {
#define HALL_MANAGER_ROW(e, name, member, State, tab_key, draw_fn) \
    {ManagerTab::e, name, tab_key, [](Ui& ui, const ManagerModel& m, ManagerScreenStates& s) { return draw_fn(ui, m, s.member); }},
    HALL_MANAGER_SCREENS(HALL_MANAGER_ROW)
#undef HALL_MANAGER_ROW
};

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < std::size(kManagerScreens); ++i)
        if (static_cast<std::size_t>(kManagerScreens[i].tab) != i) return false;
    return true;
}
static_assert(in_enum_order(), "kManagerScreens is indexed by ManagerTab");

const ManagerScreenRow& row(ManagerTab t) { return kManagerScreens[static_cast<std::size_t>(t)]; }

}  // namespace

ManagerIntent draw_manager_screen(ManagerTab t, Ui& ui, const ManagerModel& m, ManagerScreenStates& states) {
    return row(t).draw(ui, m, states);
}

const char* manager_screen_name(ManagerTab t) { return row(t).name; }

ManagerIntent draw_store_error(Ui& ui, const ManagerModel& m) {
    ManagerIntent out;
    if (m.store_error_key.empty()) return out;
    ui.text(ui.tr("manager.store_error") + " " + ui.tr(m.store_error_key), colour::kBad);
    ImGui::SameLine();
    if (ui.button_t("manager.store_error.dismiss", ImVec2(0, 0), ButtonStyle::Secondary)) out = manager_intent::DismissStoreError{};
    return out;
}

ManagerIntent draw_manager_frame(Ui& ui, const ManagerModel& m) {
    const StorageStatus& storage = m.kiosk->storage;
    if (storage.low()) ui.text(ui.tr(storage_level_key(storage.level)) + " (" + megabytes(storage.free_bytes) + ")", colour::kWarn);
    ManagerIntent out = draw_store_error(ui, m);
    // The tabs and the lock in one row, narrower where the panel is (portrait); the title
    // beside them when there is room, else above.
    constexpr float kButtons = static_cast<float>(std::size(kManagerScreens) + 1);  // the tabs and the lock
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float tab_w = std::min(220.f, (avail - spacing * (kButtons - 1)) / kButtons);
    ImFont* hf = ui.fonts().heading();
    const float title_w = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, ui.tr("manager.title").c_str()).x;
    ui.heading_t("manager.title");
    if (title_w + ui.metrics().pad * 2 + tab_w * kButtons + spacing * (kButtons - 1) <= avail) ImGui::SameLine(0, ui.metrics().pad * 2);
    for (const auto& r : kManagerScreens) {
        if (ui.button_t(r.tab_key, ImVec2(tab_w, 0), ButtonStyle::Choice, m.tab == r.tab)) out = manager_intent::SwitchTab{r.tab};
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(ImGui::GetWindowSize().x - ui.metrics().pad - tab_w);
    if (ui.button_t("manager.lock", ImVec2(tab_w, 0), ButtonStyle::Danger)) out = manager_intent::Lock{};
    ImGui::Separator();
    return out;
}

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

}  // namespace hall::ui
