#include "ui/screens/queue.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {
namespace {

struct StatusLook {
    const char* key;
    ImU32 colour;
};

StatusLook status_of(const WindowQueue* q) {
    if (!q || !q->open) return {"queue.closed", colour::kBad};
    if (q->paused) return {"queue.paused", colour::kWarn};
    return {"queue.open", colour::kGood};
}

}  // namespace

Intent draw_queue(Ui& ui, const Model& m, QueueState& st) {
    Intent out = top_bar(ui, m, "queue.title", true);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool portrait = ui.metrics().portrait;
    const float gap = ui.metrics().gap;
    // Landscape: the windows' grid and the side panel beside it; portrait: the side panel
    // (actions for the chosen window, the last calls) under the grid.
    const float side_w = portrait ? avail.x : std::clamp(avail.x * 0.25f, 400.f, 480.f);
    const float side_h = portrait ? std::min(avail.y * 0.36f, 640.f) : avail.y;
    const float grid_w = portrait ? avail.x : avail.x - side_w - gap;
    ui.begin_scroll("queue.windows", ImVec2(grid_w, portrait ? avail.y - side_h - gap : avail.y));
    // As many columns as fit cards wide enough for the number being served and, beside it,
    // the waiting count and time (measured in this language and text size, at their widest).
    const auto text_w = [](ImFont* f, const std::string& s) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.c_str()).x; };
    const float counts_w = std::max(text_w(ui.fonts().heading(), ui.strings().fmt("queue.waiting", {"999"})),
                                    text_w(ui.fonts().body(), ui.strings().fmt("queue.est_wait", {"999"})));
    const float min_card_w = 32 + text_w(ui.fonts().digits(), "W000") + 24 + counts_w + 20;
    const int cols = std::max(1, std::min(3, static_cast<int>((grid_w - 40 + gap) / (min_card_w + gap))));
    const float card_w = (grid_w - gap * static_cast<float>(cols - 1) - 40) / static_cast<float>(cols);
    const float card_h = ui.fonts().large() ? 300 : 250;
    int i = 0;
    for (const auto& w : m.hall->windows) {
        const WindowQueue* q = m.queue.find(w.id);
        const StatusLook look = status_of(q);
        ImGui::PushID(w.id.c_str());
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const bool tapped = ImGui::InvisibleButton("win", ImVec2(card_w, card_h));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + card_w, pos.y + card_h);
        const bool chosen = st.chosen_window == w.id;
        dl->AddRectFilled(pos, max, chosen || ImGui::IsItemActive() ? colour::kSelected : colour::kPanel, 14);
        dl->AddRect(pos, max, chosen ? colour::kPrimary : colour::kBorder, 14, 0, chosen ? 3.f : 1.5f);
        dl->AddRectFilled(pos, ImVec2(pos.x + 12, max.y), look.colour, 14, ImDrawFlags_RoundCornersLeft);
        ui.push_panel("queue.window." + w.id, pos, max);
        // Window number, name, and status in words (colour is never the only cue).
        const std::string number = ui.strings().fmt("queue.window_n", {w.number});
        ui.draw_text(dl, ui.fonts().heading(), ImVec2(pos.x + 32, pos.y + 16), colour::kPrimaryDark, number);
        const std::string status = ui.tr(look.key);
        ImFont* sf = ui.fonts().body();
        const ImVec2 ss = sf->CalcTextSizeA(sf->FontSize, FLT_MAX, 0, status.c_str());
        dl->AddRectFilled(ImVec2(max.x - ss.x - 44, pos.y + 16), ImVec2(max.x - 16, pos.y + 24 + ss.y), look.colour, 8);
        ui.draw_text(dl, sf, ImVec2(max.x - ss.x - 30, pos.y + 20), colour::kWhite, status);
        ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + 32, pos.y + 24 + ui.fonts().heading()->FontSize), colour::kText,
                     w.name.get(m.lang), card_w - 60);
        const float y2 = pos.y + card_h - 16 - ui.fonts().digits()->FontSize;
        if (q && q->open) {
            const std::string serving = q->serving.empty() ? "--" : q->serving;
            ui.draw_text(dl, ui.fonts().small(), ImVec2(pos.x + 32, y2 - ui.fonts().small()->FontSize), colour::kTextMuted, ui.tr("queue.serving"));
            ui.draw_text(dl, ui.fonts().digits(), ImVec2(pos.x + 32, y2), colour::kText, serving);
            const std::string waiting = ui.strings().fmt("queue.waiting", {std::to_string(q->waiting)});
            const std::string est = ui.strings().fmt("queue.est_wait", {std::to_string(q->est_wait_minutes)});
            const float counts_x = max.x - 20 - counts_w;  // right-aligned: clear of the number (min_card_w)
            ui.draw_text(dl, ui.fonts().heading(), ImVec2(counts_x, y2 + 4), colour::kText, waiting);
            ui.draw_text(dl, ui.fonts().body(), ImVec2(counts_x, y2 + 12 + ui.fonts().heading()->FontSize), colour::kTextMuted, est);
        } else {
            // Wrapped, and lifted so a second line stays inside the card.
            ImFont* nf = ui.fonts().heading();
            const std::string& note = ui.tr("queue.closed_note");
            const float note_h = nf->CalcTextSizeA(nf->FontSize, FLT_MAX, card_w - 52, note.c_str()).y;
            ui.draw_text(dl, nf, ImVec2(pos.x + 32, std::min(y2 + 10, max.y - 16 - note_h)), colour::kTextMuted, note, card_w - 52);
        }
        ui.pop_panel();
        ui.record(number + " " + w.name.get(m.lang), "queue.window." + w.id, {}, pos, max, true, true, chosen);
        if (tapped) st.chosen_window = (st.chosen_window == w.id) ? std::string() : w.id;
        ImGui::PopID();
        if (++i % cols != 0) ImGui::SameLine(0, gap);
    }
    ui.end_scroll();
    if (!portrait) ImGui::SameLine();

    ui.begin_scroll("queue.side", ImVec2(side_w, side_h), true);
    if (!st.chosen_window.empty()) {
        // The action panel for the chosen window: one tap to report an empty window.
        const Window* w = m.hall->find_window(st.chosen_window);
        if (w) {
            ui.heading(ui.strings().fmt("queue.window_n", {w->number}) + " " + w->name.get(m.lang));
            if (ui.button_t("queue.report_empty", ImVec2(-1, 0), ButtonStyle::Danger)) {
                out = intent::StartFeedback{w->id, Category::EmptyWindow, {}};
            }
            if (ui.button_t("queue.report_other", ImVec2(-1, 0), ButtonStyle::Primary)) {
                out = intent::StartFeedback{w->id, std::nullopt, {}};
            }
            if (ui.button_t("queue.praise", ImVec2(-1, 0), ButtonStyle::Good)) {
                out = intent::StartFeedback{w->id, Category::Praise, {}};
            }
            if (ui.button_t("queue.show_on_map", ImVec2(-1, 0), ButtonStyle::Secondary)) {
                out = intent::ShowOnMap{w->id};
            }
            if (ui.button_t("common.close", ImVec2(-1, 0), ButtonStyle::Secondary)) st.chosen_window.clear();
            ImGui::Separator();
        }
    } else {
        ui.text_t("queue.tap_hint", colour::kTextMuted);
    }
    ui.heading_t("queue.recent_calls");
    if (m.queue.recent_calls.empty()) ui.text_t("queue.no_calls", colour::kTextMuted);
    for (const auto& call : m.queue.recent_calls) {
        const Window* w = m.hall->find_window(call.window_id);
        ui.text(ui.strings().fmt("queue.call", {call.ticket, w ? w->number : "?"}), colour::kText, ui.fonts().heading());
    }
    if (m.queue.stale) ui.text_t("queue.stale", colour::kWarn);
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
