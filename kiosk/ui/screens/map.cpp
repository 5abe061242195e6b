#include "ui/screens/map.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {
namespace {

// A landmark's name inside its box: wrapped in the small font, centred; where it cannot fit
// (a narrow portrait plan, large text) the box keeps as much as fits on one line.
void fit_label(Ui& ui, ImDrawList* dl, ImVec2 a, ImVec2 b, const std::string& name) {
    ImFont* f = ui.fonts().small();
    const float w = b.x - a.x - 8;
    ImVec2 s = f->CalcTextSizeA(f->FontSize, FLT_MAX, w, name.c_str());
    std::string shown = name;
    if (s.y > b.y - a.y - 4 || s.x > w) {
        // One line, cut on a character boundary, ending in "…".
        shown.clear();
        for (std::size_t i = 0; i < name.size();) {
            std::size_t n = 1;
            const auto c = static_cast<unsigned char>(name[i]);
            if (c >= 0xF0) n = 4;
            else if (c >= 0xE0) n = 3;
            else if (c >= 0xC0) n = 2;
            const std::string next = shown + name.substr(i, n);
            if (f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, (next + "…").c_str()).x > w) break;
            shown = next;
            i += n;
        }
        shown += "…";
        s = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, shown.c_str());
        if (s.y > b.y - a.y - 4 || s.x > w) return;  // not even that: the name shows when tapped nearby
    }
    ui.draw_text(dl, f, ImVec2(a.x + (b.x - a.x - s.x) / 2, a.y + (b.y - a.y - s.y) / 2), colour::kTextMuted, shown, w);
}

}  // namespace

Intent draw_map(Ui& ui, const Model& m, MapState& st) {
    Intent out = top_bar(ui, m, "map.title", true);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool portrait = ui.metrics().portrait;
    const float gap = ui.metrics().gap;
    // Landscape: the plan and the side panel beside it. Portrait: the plan across the full
    // width (the hall is wider than deep), the side panel under it in the room left.
    const float side_w = portrait ? avail.x : std::clamp(avail.x * 0.25f, 360.f, 480.f);
    const float plan_w = portrait ? avail.x : avail.x - side_w - gap;
    const HallInfo& h = *m.hall;
    const float plan_room_h = portrait ? avail.y * 0.62f : avail.y;
    const float scale = std::min(plan_w / h.map_width, plan_room_h / h.map_height);
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
        ui.push_panel("map.landmark." + std::to_string(i), a, b);
        fit_label(ui, dl, a, b, name);
        ui.pop_panel();
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
        ui.push_panel("map.window." + w.id, a, b);
        ui.draw_text(dl, ui.fonts().heading(), ImVec2(a.x + 10, a.y + 6), colour::kPrimaryDark, number);
        // The name under the number where the box has room for all of it; else the number
        // alone (tapping the window shows its name beside the plan).
        ImFont* sf = ui.fonts().small();
        const std::string& name = w.name.get(m.lang);
        const ImVec2 ns = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, b.x - a.x - 20, name.c_str());
        const float name_y = a.y + 12 + ui.fonts().heading()->FontSize;
        if (name_y + ns.y <= b.y - 4 && ns.x <= b.x - a.x - 20) ui.draw_text(dl, sf, ImVec2(a.x + 10, name_y), colour::kText, name, b.x - a.x - 20);
        ui.pop_panel();
        ui.record(ui.strings().fmt("queue.window_n", {w.number}) + " " + w.name.get(m.lang), "map.window." + w.id, {}, a, b, true, true, chosen);
    }
    if (portrait) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x, plan_max.y + gap));
        ui.begin_scroll("map.side", ImVec2(side_w, origin.y + avail.y - plan_max.y - gap), true);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + plan_w + gap, origin.y));
        ui.begin_scroll("map.side", ImVec2(side_w, avail.y), true);
    }
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
            out = intent::StartFeedback{w->id, std::nullopt, {}};
        }
        if (ui.button_t("map.guides_here", ImVec2(-1, 0), ButtonStyle::Secondary)) {
            out = intent::Go{Screen::Guides, w->department_id};
        }
    }
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
