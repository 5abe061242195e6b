#include "ui/screens/map.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {

Intent draw_map(Ui& ui, const Model& m, MapState& st) {
    Intent out = top_bar(ui, m, "map.title", true);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = 480;
    const float plan_w = avail.x - side_w - ui.metrics().gap;
    const HallInfo& h = *m.hall;
    const float scale = std::min(plan_w / h.map_width, avail.y / h.map_height);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 plan_max(origin.x + h.map_width * scale, origin.y + h.map_height * scale);
    dl->AddRectFilled(origin, plan_max, colour::kPanel, 8);
    dl->AddRect(origin, plan_max, colour::kTextMuted, 8, 0, 4);
    const auto to_screen = [&](float x, float y) { return ImVec2(origin.x + x * scale, origin.y + y * scale); };

    for (std::size_t i = 0; i < h.map_landmarks.size(); ++i) {
        const MapRect& r = h.map_landmarks[i];
        const ImVec2 a = to_screen(r.x, r.y), b = to_screen(r.x + r.w, r.y + r.h);
        dl->AddRectFilled(a, b, IM_COL32(232, 236, 242, 255), 6);
        dl->AddRect(a, b, colour::kBorder, 6, 0, 2);
        const std::string name = i < h.landmark_names.size() ? h.landmark_names[i].get(m.lang) : std::string();
        ui.draw_text(dl, ui.fonts().small(), ImVec2(a.x + 8, a.y + 6), colour::kTextMuted, name, b.x - a.x - 16);
        ui.note_text(name, "map.landmark." + std::to_string(i), {}, a, b);
    }
    for (const auto& w : h.windows) {
        const ImVec2 a = to_screen(w.map.x, w.map.y), b = to_screen(w.map.x + w.map.w, w.map.y + w.map.h);
        const bool chosen = st.highlight == w.id;
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(w.id.c_str());
        if (ImGui::InvisibleButton("mapwin", ImVec2(b.x - a.x, b.y - a.y))) st.highlight = w.id;
        ImGui::PopID();
        dl->AddRectFilled(a, b, chosen ? colour::kHighlight : colour::kSelected, 8);
        dl->AddRect(a, b, chosen ? colour::kText : colour::kPrimary, 8, 0, chosen ? 5.f : 2.f);
        const std::string number = w.number;
        ui.draw_text(dl, ui.fonts().heading(), ImVec2(a.x + 10, a.y + 6), colour::kPrimaryDark, number);
        ui.draw_text(dl, ui.fonts().small(), ImVec2(a.x + 10, a.y + 12 + ui.fonts().heading()->FontSize), colour::kText,
                     w.name.get(m.lang), b.x - a.x - 20);
        ui.record(ui.strings().fmt("queue.window_n", {w.number}) + " " + w.name.get(m.lang), "map.window." + w.id, {}, a, b, true, true, chosen);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + plan_w + ui.metrics().gap, origin.y));
    ui.begin_scroll("map.side", ImVec2(side_w, avail.y), true);
    const Window* w = st.highlight.empty() ? nullptr : h.find_window(st.highlight);
    if (!w) {
        ui.text_t("map.hint", colour::kTextMuted);
    } else {
        ui.heading(ui.strings().fmt("queue.window_n", {w->number}) + " " + w->name.get(m.lang));
        if (const WindowQueue* q = m.queue.find(w->id)) {
            if (q->open) {
                ui.text(ui.strings().fmt("queue.waiting", {std::to_string(q->waiting)}) + "  ·  " +
                        ui.strings().fmt("queue.est_wait", {std::to_string(q->est_wait_minutes)}));
            } else {
                ui.text_t("queue.closed", colour::kBad);
            }
        }
        if (ui.button_t("map.feedback", ImVec2(-1, 0), ButtonStyle::Primary)) {
            out.kind = Intent::Kind::StartFeedback;
            out.id = w->id;
        }
        if (ui.button_t("map.guides_here", ImVec2(-1, 0), ButtonStyle::Secondary)) {
            out = Intent::go(Screen::Guides);
            out.id = w->department_id;
        }
    }
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
