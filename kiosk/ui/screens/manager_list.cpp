#include "ui/screens/manager_list.h"

#include <imgui.h>

#include <algorithm>
#include <climits>

#include "common/time.h"  // local_time_text
#include "core/text.h"
#include "ui/flow.h"
#include "ui/screens/manager_detail.h"
#include "ui/screens/manager_screens.h"

namespace hall::ui {

namespace {

// The five filter groups; the open one shows its choices underneath. A choice that changes
// the filter returns SetFilter (the controller works out the dates and re-reads).
ManagerIntent draw_filters(Ui& ui, const ManagerModel& m, ManagerListState& st) {
    FeedbackFilter f = st.filter;
    DatePreset preset = st.date_preset;
    {
        FlowRow row(ui);
        for (std::size_t i = 0; i < kFilterGroupKeys.size(); ++i) {
            const auto g = static_cast<FilterGroup>(i);
            if (row.button_t(kFilterGroupKeys[i], st.open_group == g)) st.open_group = g;
        }
    }
    FlowRow opts(ui);
    switch (st.open_group) {
        case FilterGroup::Date:
            for (std::size_t i = 0; i < kDatePresetKeys.size(); ++i) {
                const auto p = static_cast<DatePreset>(i);
                if (opts.button_t(kDatePresetKeys[i], st.date_preset == p)) preset = p;
            }
            break;
        case FilterGroup::Window:
            if (opts.button_t("manager.filter.all_windows", f.window_id.empty())) f.window_id.clear();
            for (const auto& w : m.hall->windows)
                if (opts.button(ui.strings().fmt("queue.window_n", {w.number}), "manager.filter.window." + w.id, f.window_id == w.id))
                    f.window_id = w.id;
            break;
        case FilterGroup::Category:
            if (opts.button_t("manager.filter.all_categories", !f.category)) f.category.reset();
            for (Category c : all_categories())
                if (opts.button(ui.tr("category." + std::string(category_key(c))), "manager.filter.category." + std::string(category_key(c)),
                                f.category == c))
                    f.category = c;
            break;
        case FilterGroup::Rating:
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
        case FilterGroup::State: {
            const auto n = [&](std::int64_t v) { return " (" + std::to_string(v) + ")"; };
            if (opts.button(ui.tr("manager.filter.all_states") + n(st.counts.total), "manager.filter.all_states", !f.state && !f.overdue_only)) {
                f.state.reset();
                f.overdue_only = false;
            }
            for (int i = 0; i < kHandlingStateCount; ++i) {
                const auto s = static_cast<HandlingState>(i);
                const std::string key(handling_state_key(s));
                const auto it = st.counts.by_state.find(s);
                if (opts.button(ui.tr("manager.state." + key) + n(it == st.counts.by_state.end() ? 0 : it->second), "manager.filter.state." + key,
                                f.state == s)) {
                    f.state = s;
                    f.overdue_only = false;
                }
            }
            if (opts.button(ui.tr("manager.filter.overdue") + n(st.counts.overdue), "manager.filter.overdue", f.overdue_only,
                            ButtonStyle::Choice)) {
                f.overdue_only = true;
                f.state.reset();
            }
            break;
        }
    }
    if (f == st.filter && preset == st.date_preset) return {};
    return manager_intent::SetFilter{f, preset};
}

}  // namespace

ManagerIntent draw_manager_list(Ui& ui, const ManagerModel& m, ManagerListState& st) {
    ManagerIntent out = draw_filters(ui, m, st);
    ui.text(st.counting ? ui.tr("manager.list.counting") : ui.strings().fmt("manager.list.count", {std::to_string(m.list_total)}),
            colour::kTextMuted);
    const float gap = ui.metrics().gap;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool detail_open = st.detail.detail.has_value();
    // With a record open the list narrows to the left of its detail and keeps the columns
    // that fit there (time, rating, state: the detail shows the window and the text); in
    // portrait there is no room beside it, so the detail takes the width until it is closed.
    if (detail_open && ui.metrics().portrait) {
        if (ManagerIntent d = draw_manager_detail(ui, m, st.detail)) out = d;
        return out;
    }
    const float list_w = detail_open ? avail.x * 0.55f : avail.x;
    // A row is a target: with its cell padding it is exactly the minimum touch height.
    const float row_h = ui.metrics().touch - 2 * ImGui::GetStyle().CellPadding.y;
    const bool all_columns = !detail_open;

    ui.begin_scroll("manager.list", ImVec2(list_w, avail.y), true);
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("manager.table", all_columns ? 5 : 3, tf)) {
        ImGui::TableSetupColumn(ui.tr("manager.col.time").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        if (all_columns) ImGui::TableSetupColumn(ui.tr("manager.col.window").c_str(), ImGuiTableColumnFlags_WidthStretch, 0.7f);
        ImGui::TableSetupColumn(ui.tr("manager.col.rating").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(ui.tr("manager.col.state").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (all_columns) ImGui::TableSetupColumn(ui.tr("manager.col.text").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.5f);
        ImGui::TableHeadersRow();
        // A row's target (a Selectable across all columns) reaches half the item spacing above
        // and below its cell; with the spacing at twice the cell padding it covers its row
        // exactly, from the row's top to the next row's, never into a neighbour's.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 2 * ImGui::GetStyle().CellPadding.y));
        // Only the visible rows are drawn: 100,000 records cost what 20 do. The range shown
        // goes back to the controller, which reads the rows around it before the next frame.
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(std::min<std::int64_t>(m.list_total, INT32_MAX)), row_h);
        bool first_step = true;
        while (clipper.Step()) {
            if (first_step || clipper.DisplayStart < st.shown_first) st.shown_first = clipper.DisplayStart;
            if (first_step || clipper.DisplayEnd > st.shown_last) st.shown_last = clipper.DisplayEnd;
            first_step = false;
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const FeedbackRow* r = m.row(i);
                if (!r) continue;  // not read yet: the controller reads it for the next frame
                ImGui::PushID(static_cast<int>(r->id));  // stable across scrolling and filters
                ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
                ImGui::TableNextColumn();
                const std::string when = local_time_text(r->created_at, m.utc_offset_minutes);
                ui.fonts().request(when);
                const bool selected = st.detail.uuid == r->uuid;
                if (ImGui::Selectable(when.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                      ImVec2(0, row_h)) &&
                    !ui.input().dragging())
                    out = manager_intent::OpenRecord{r->uuid};
                const std::string row_key = "manager.row." + std::to_string(i);
                ui.record(r->receipt + " " + when, row_key, "", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true, true, selected);
                // The other columns' text is the row's own: a tap on it opens the record.
                ui.push_panel(row_key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
                if (all_columns) {
                    ImGui::TableNextColumn();
                    const auto* w = m.hall->find_window(r->window_id);
                    ui.text(w ? ui.strings().fmt("queue.window_n", {w->number}) : r->window_id);
                }
                ImGui::TableNextColumn();
                ui.text(ui.tr("rating." + std::string(rating_key(r->overall))) + (r->excluded ? " ⊘" : ""), rating_colour(r->overall));
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.state." + std::string(handling_state_key(r->state))) + (r->overdue ? " · " + ui.tr("manager.overdue") : ""),
                        r->overdue ? colour::kBad : state_colour(r->state));
                if (all_columns) {
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
                }
                ui.pop_panel();
                ImGui::PopID();
            }
        }
        ImGui::PopStyleVar();
        ImGui::EndTable();
    }
    ui.end_scroll();
    if (detail_open) {
        ImGui::SameLine(0, gap);
        if (ManagerIntent d = draw_manager_detail(ui, m, st.detail)) out = d;
    }
    return out;
}

}  // namespace hall::ui
