#include "ui/screens/guides.h"

#include "ui/chrome.h"

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
                out.kind = Intent::Kind::OpenGuide;
                out.id = code;
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

Intent draw_guides(Ui& ui, const Model& m, GuidesState& st) {
    Intent out = top_bar(ui, m, "guides.title", true);
    // Typing on the keyboard and results in the same frame: apply keys, then search, then draw.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float kb_h = st.typing ? ui.metrics().touch * 5 + 70 : 0;
    const float left_w = 400;

    // Left: departments (each is one window in this hall).
    ui.begin_scroll("guides.departments", ImVec2(left_w, avail.y - kb_h));
    if (ui.button_t("guides.all_departments", ImVec2(-1, 0), ButtonStyle::Choice, st.department.empty())) st.department.clear();
    if (m.content)
        for (const auto& d : m.content->departments) {
            std::string label = d.name.get(m.lang);
            if (ui.button(label, "dept." + d.id, ImVec2(-1, 0), ButtonStyle::Choice, st.department == d.id)) st.department = d.id;
        }
    ui.end_scroll();
    ImGui::SameLine();

    ImGui::BeginGroup();
    const float right_w = avail.x - left_w - ui.metrics().gap;
    ImGui::PushItemWidth(right_w);
    if (text_field(ui, "guides.search", st.query, ui.tr("guides.search_placeholder"), st.typing, kQueryLimit)) st.typing = true;
    if (st.typing) {
        // The keyboard below edits st.query this frame; apply before searching so results follow at once.
        const ImVec2 save = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(save.x, ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - kb_h - ui.metrics().pad + 10));
        if (keyboard(ui, st.keyboard, st.query, kQueryLimit, KeyboardLayout::Text)) st.typing = false;
        ImGui::SetCursorScreenPos(save);
    }
    refresh_results(m, st);
    const std::string count = ui.strings().fmt("guides.count", {std::to_string(st.results.size())});
    ui.text(count, colour::kTextMuted);
    const float list_h = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - ImGui::GetCursorScreenPos().y - ui.metrics().pad - kb_h;
    ui.begin_scroll("guides.results", ImVec2(right_w, list_h));
    if (st.results.empty() && st.query.empty()) ui.text_t("guides.none", colour::kTextMuted, ui.fonts().heading());
    if (st.results.empty() && !st.query.empty())
        if (Intent o = draw_no_match(ui, m, st, right_w)) out = o;
    for (const auto& code : st.results) {
        const Guide* g = m.guide(code);
        if (!g) continue;
        ImGui::PushID(code.c_str());
        if (ui.card("guide." + code, g->name.get(m.lang), guide_summary(ui, m, *g), ImVec2(right_w - 40, 0), false,
                    g->on_the_spot ? colour::kGood : colour::kPrimary)) {
            out.kind = Intent::Kind::OpenGuide;
            out.id = code;
        }
        ImGui::PopID();
    }
    ui.end_scroll();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    return out;
}

}  // namespace hall::ui
