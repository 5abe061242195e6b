#include "ui/screens/guides.h"

#include <algorithm>

#include "ui/chrome.h"
#include "ui/keyboard.h"

namespace hall::ui {
namespace {

constexpr TextLimit kQueryLimit{40, false};

void refresh_results(const Model& m, GuidesState& st) {
    const std::string key = st.query + "\x1f" + st.department;
    if (key == st.results_for) return;
    st.results_for = key;
    st.results.clear();
    st.closest = {};
    if (!m.content) return;
    if (st.query.empty()) {
        for (const auto& g : m.content->guides)
            if (st.department.empty() || g.department_id == st.department) st.results.push_back(g.code);
        return;
    }
    for (auto& code : m.search ? m.search(st.query) : std::vector<std::string>{}) {
        const Guide* g = m.guide(code);
        if (g && (st.department.empty() || g->department_id == st.department)) st.results.push_back(code);
    }
    if (st.results.empty() && m.closest) st.closest = m.closest(st.query);
}

// Nothing matched: say so, then offer the closest guides and departments (never a dead end).
Intent draw_no_match(Ui& ui, const Model& m, GuidesState& st, float width) {
    Intent out;
    ui.text_t("guides.no_match", colour::kTextMuted, ui.fonts().heading());
    std::vector<std::string> depts = st.closest.departments;
    if (!st.closest.guides.empty()) {
        ui.text_t("guides.closest", colour::kText);
        for (const auto& code : st.closest.guides) {
            const Guide* g = m.guide(code);
            if (!g) continue;
            ImGui::PushID(code.c_str());
            if (ui.card("closest." + code, g->name.get(m.lang), guide_summary(ui, m, *g), ImVec2(width - 40, 0), false, colour::kPrimary)) {
                out = intent::OpenGuide{code};
            }
            ImGui::PopID();
        }
    } else if (m.content) {
        for (const auto& d : m.content->departments) depts.push_back(d.id);
    }
    ui.text_t("guides.by_department", colour::kText);
    for (const auto& id : depts) {
        if (ui.button(m.department_name(id), "closest_dept." + id, ImVec2(width - 40, 0), ButtonStyle::Choice, false)) {
            st.department = id;
            st.query.clear();
            st.typing = false;
        }
    }
    ui.text_t("guides.ask_desk", colour::kTextMuted);
    return out;
}

}  // namespace

std::string guide_summary(const Ui& ui, const Model& m, const Guide& g) {
    std::string s = m.department_name(g.department_id);
    for (const auto& wid : g.window_ids)
        if (const Window* w = m.hall->find_window(wid)) s += "  ·  " + ui.strings().fmt("guide.window_n", {w->number});
    s += "  ·  ";
    s += g.on_the_spot ? ui.tr("guide.on_the_spot") : ui.strings().fmt("guide.promised_days", {std::to_string(g.promised_days)});
    return s;
}

namespace {

// The departments (each is one window in this hall): cards, so long names wrap instead of
// being cut; `cols` side by side.
void department_list(Ui& ui, const Model& m, GuidesState& st, float width, int cols) {
    const float gap = ui.metrics().gap;
    const float w = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    if (ui.button_t("guides.all_departments", ImVec2(cols > 1 ? w : -1, 0), ButtonStyle::Choice, st.department.empty())) st.department.clear();
    if (!m.content) return;
    int i = 1;
    for (const auto& d : m.content->departments) {
        if (i++ % cols != 0) ImGui::SameLine();
        if (ui.card("dept." + d.id, d.name.get(m.lang), {}, ImVec2(w, 0), st.department == d.id)) st.department = d.id;
    }
}

}  // namespace

Intent draw_guides(Ui& ui, const Model& m, GuidesState& st) {
    Intent out = top_bar(ui, m, "guides.title", true);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const bool portrait = ui.metrics().portrait;
    const float gap = ui.metrics().gap;
    // The keyboard docks at the bottom in its own layer, above everything here; the lists end
    // above it. Typing and results in the same frame: apply keys, then search, then draw.
    if (st.typing && docked_keyboard(ui, st.keyboard, st.query, kQueryLimit, KeyboardLayout::Text)) st.typing = false;
    const float kb_h = st.typing ? keyboard_height(ui, KeyboardLayout::Text) : 0;
    const float bottom = origin.y + avail.y - kb_h;
    refresh_results(m, st);

    float right_w = avail.x;
    if (portrait) {
        // Search first, then the departments in two columns, then the results: one column.
        if (text_field(ui, "guides.search", st.query, ui.tr("guides.search_placeholder"), st.typing, kQueryLimit)) st.typing = true;
        const float dept_h = std::min(ui.metrics().touch * 3.3f, (bottom - ImGui::GetCursorScreenPos().y) * 0.3f);
        ui.begin_scroll("guides.departments", ImVec2(avail.x, dept_h));
        department_list(ui, m, st, avail.x - ui.metrics().scrollbar - 8, 2);
        ui.end_scroll();
    } else {
        const float left_w = std::clamp(avail.x * 0.24f, 320.f, 420.f);
        ui.begin_scroll("guides.departments", ImVec2(left_w, bottom - origin.y));
        department_list(ui, m, st, left_w - ui.metrics().scrollbar - 8, 1);
        ui.end_scroll();
        ImGui::SameLine();
        right_w = avail.x - left_w - gap;
    }

    ImGui::BeginGroup();
    ImGui::PushItemWidth(right_w);
    if (!portrait && text_field(ui, "guides.search", st.query, ui.tr("guides.search_placeholder"), st.typing, kQueryLimit)) st.typing = true;
    const std::string count = ui.strings().fmt("guides.count", {std::to_string(st.results.size())});
    ui.text(count, colour::kTextMuted);
    const float list_h = std::max(ui.metrics().touch, bottom - ImGui::GetCursorScreenPos().y);
    ui.begin_scroll("guides.results", ImVec2(right_w, list_h));
    if (st.results.empty() && st.query.empty()) ui.text_t("guides.none", colour::kTextMuted, ui.fonts().heading());
    if (st.results.empty() && !st.query.empty())
        if (Intent o = draw_no_match(ui, m, st, right_w)) out = o;
    for (const auto& code : st.results) {
        const Guide* g = m.guide(code);
        if (!g) continue;
        ImGui::PushID(code.c_str());
        if (ui.card("guide." + code, g->name.get(m.lang), guide_summary(ui, m, *g), ImVec2(right_w - ui.metrics().scrollbar - 12, 0), false,
                    g->on_the_spot ? colour::kGood : colour::kPrimary)) {
            out = intent::OpenGuide{code};
        }
        ImGui::PopID();
    }
    ui.end_scroll();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    return out;
}

}  // namespace hall::ui
