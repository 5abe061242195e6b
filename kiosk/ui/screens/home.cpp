#include "ui/screens/home.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {

Intent draw_home(Ui& ui, const Model& m, HomeState&) {
    Intent out;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const bool portrait = ui.metrics().portrait;
    const float touch = ui.metrics().touch;
    // Header: hall name and address at the left, the clock and date at the right, large and calm.
    ImFont* digits = ui.fonts().digits();
    const float clock_w = std::max(digits->CalcTextSizeA(digits->FontSize, FLT_MAX, 0, m.clock_hhmm.c_str()).x,
                                   ui.fonts().body()->CalcTextSizeA(ui.fonts().body()->FontSize, FLT_MAX, 0, m.date_text.c_str()).x);
    const float name_w = avail.x - clock_w - 40;
    ui.push_panel("home.header", origin, ImVec2(origin.x + name_w, origin.y + avail.y));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + name_w);  // the name wraps before the clock
    ui.text(m.hall->name.get(m.lang), colour::kPrimaryDark, ui.fonts().title());
    ui.text(m.hall->address.get(m.lang), colour::kTextMuted);
    ImGui::PopTextWrapPos();
    ui.pop_panel();
    const float header_bottom = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + avail.x - clock_w, origin.y));
    ui.text(m.clock_hhmm, colour::kPrimaryDark, digits);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + avail.x - clock_w, origin.y + digits->FontSize + 8));
    ui.text(m.date_text, colour::kTextMuted);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(header_bottom, ImGui::GetCursorScreenPos().y) + 24));
    ui.text_t("home.welcome", colour::kText, ui.fonts().heading());
    ImGui::Dummy(ImVec2(0, 8));

    // The bottom row: languages, large text, the status line. Measured first so the cards
    // take exactly the room between the header and it.
    const float langs_w = language_buttons_width(ui, m);
    const float bottom_h = touch + 16;
    const float cards_top = ImGui::GetCursorScreenPos().y;
    const float cards_bottom = origin.y + avail.y - bottom_h - 16;

    // Three big entries, the whole point of the kiosk: side by side on a landscape panel,
    // stacked on a portrait one, each filling its share of the screen.
    const float gap = portrait ? 28 : 40;
    const float room_h = cards_bottom - cards_top;
    const float card_w = portrait ? avail.x : (avail.x - gap * 2) / 3;
    const float card_h = portrait ? (room_h - gap * 2) / 3 : std::min(room_h, std::max(avail.y * 0.42f, room_h * 0.8f));
    struct Entry {
        const char* key;
        const char* detail_key;
        Screen target;
        ImU32 accent;
    };
    const Entry entries[] = {
        {"home.guides", "home.guides.detail", Screen::Guides, colour::kPrimary},
        {"home.queue", "home.queue.detail", Screen::Queue, colour::kGood},
        {"home.feedback", "home.feedback.detail", Screen::Feedback, colour::kWarn},
    };
    const float inner = portrait ? 48 : 40;
    for (int i = 0; i < 3; ++i) {
        const Entry& e = entries[i];
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const bool tapped = ImGui::InvisibleButton(e.key, ImVec2(card_w, card_h));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + card_w, pos.y + card_h);
        dl->AddRectFilled(pos, max, ImGui::IsItemActive() ? colour::kSelected : colour::kPanel, 18);
        dl->AddRect(pos, max, colour::kBorder, 18, 0, 2);
        const std::string& title = ui.tr(e.key);
        const std::string& detail = ui.tr(e.detail_key);
        ImFont* tf = ui.fonts().title();
        ImFont* hf = ui.fonts().heading();
        const std::string open = ui.tr("home.open") + "  →";
        const float cue_w = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, open.c_str()).x + 56;
        ui.push_panel(e.key, pos, max);
        if (portrait) {
            // A band: accent at the left, title and detail, the "open" cue at the right.
            dl->AddRectFilled(pos, ImVec2(pos.x + 16, max.y), e.accent, 18, ImDrawFlags_RoundCornersLeft);
            const float text_w = card_w - inner * 2 - cue_w - 24;
            const float ty = pos.y + std::max(24.f, (card_h - tf->FontSize * 1.3f - ui.fonts().body()->FontSize * 2.6f) / 2);
            ui.draw_text(dl, tf, ImVec2(pos.x + inner, ty), colour::kText, title, text_w);
            ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + inner, ty + tf->FontSize * 1.3f + 8), colour::kTextMuted, detail, text_w);
            const ImVec2 cue(max.x - inner - cue_w, pos.y + (card_h - touch) / 2);
            dl->AddRectFilled(cue, ImVec2(cue.x + cue_w, cue.y + touch), e.accent, 12);
            ui.draw_text(dl, hf, ImVec2(cue.x + 28, cue.y + (touch - hf->FontSize) / 2), colour::kWhite, open);
        } else {
            dl->AddRectFilled(pos, ImVec2(max.x, pos.y + 16), e.accent, 18, ImDrawFlags_RoundCornersTop);
            const float ty = pos.y + std::min(70.f, card_h * 0.12f + 16);
            ui.draw_text(dl, tf, ImVec2(pos.x + inner, ty), colour::kText, title, card_w - inner * 2);
            const float title_h = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, card_w - inner * 2, title.c_str()).y;
            ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + inner, ty + title_h + 16), colour::kTextMuted, detail, card_w - inner * 2);
            // "Tap" cue: a filled arrow button look at the bottom.
            const ImVec2 cue(pos.x + inner, max.y - 32 - touch);
            dl->AddRectFilled(cue, ImVec2(max.x - inner, cue.y + touch), e.accent, 12);
            ui.draw_text(dl, hf, ImVec2(cue.x + 28, cue.y + (touch - hf->FontSize) / 2), colour::kWhite, open);
        }
        ui.pop_panel();
        ui.record(title, e.key, e.key, pos, max, true, true, false);
        if (tapped) out = Intent::go(e.target);
        if (i < 2) {
            if (portrait) ImGui::SetCursorScreenPos(ImVec2(pos.x, max.y + gap));
            else ImGui::SameLine(0, gap);
        }
    }
    // Languages at the bottom left; the status line beside them when it fits, else above.
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - touch));
    if (Intent li = language_buttons(ui, m)) out = li;
    ImFont* small = ui.fonts().small();
    ImGui::SetCursorScreenPos(ImVec2(origin.x + langs_w + 40, origin.y + avail.y - touch + (touch - small->FontSize) / 2));
    ui.push_panel("home.status", ImVec2(origin.x + langs_w + 40, origin.y + avail.y - touch), ImVec2(origin.x + avail.x, origin.y + avail.y));
    status_line(ui, m);
    ui.pop_panel();
    return out;
}

}  // namespace hall::ui
