#include "ui/screens/queue.h"

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
    const float side_w = 480;
    const float grid_w = avail.x - side_w - ui.metrics().gap;
    ui.begin_scroll("queue.windows", ImVec2(grid_w, avail.y));
    const int cols = 3;
    const float gap = ui.metrics().gap;
    const float card_w = (grid_w - gap * (cols - 1) - 40) / cols;
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
            ui.draw_text(dl, ui.fonts().heading(), ImVec2(pos.x + card_w * 0.52f, y2 + 4), colour::kText, waiting);
            ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + card_w * 0.52f, y2 + 12 + ui.fonts().heading()->FontSize), colour::kTextMuted, est);
        } else {
            ui.draw_text(dl, ui.fonts().heading(), ImVec2(pos.x + 32, y2 + 10), colour::kTextMuted, ui.tr("queue.closed_note"));
        }
        ui.record(number + " " + w.name.get(m.lang), "queue.window." + w.id, {}, pos, max, true, true, chosen);
        if (tapped) st.chosen_window = (st.chosen_window == w.id) ? std::string() : w.id;
        ImGui::PopID();
        if (++i % cols != 0) ImGui::SameLine(0, gap);
    }
    ui.end_scroll();
    ImGui::SameLine();

    ui.begin_scroll("queue.side", ImVec2(side_w, avail.y), true);
    if (!st.chosen_window.empty()) {
        // The action panel for the chosen window: one tap to report an empty window.
        const Window* w = m.hall->find_window(st.chosen_window);
        if (w) {
            ui.heading(ui.strings().fmt("queue.window_n", {w->number}) + " " + w->name.get(m.lang));
            if (ui.button_t("queue.report_empty", ImVec2(-1, 0), ButtonStyle::Danger)) {
                out.kind = Intent::Kind::StartFeedback;
                out.id = w->id;
                out.category = Category::EmptyWindow;
            }
            if (ui.button_t("queue.report_other", ImVec2(-1, 0), ButtonStyle::Primary)) {
                out.kind = Intent::Kind::StartFeedback;
                out.id = w->id;
            }
            if (ui.button_t("queue.praise", ImVec2(-1, 0), ButtonStyle::Good)) {
                out.kind = Intent::Kind::StartFeedback;
                out.id = w->id;
                out.category = Category::Praise;
            }
            if (ui.button_t("queue.show_on_map", ImVec2(-1, 0), ButtonStyle::Secondary)) {
                out.kind = Intent::Kind::ShowOnMap;
                out.id = w->id;
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
