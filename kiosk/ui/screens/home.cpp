#include "ui/screens/home.h"

#include "ui/chrome.h"

namespace hall::ui {

Intent draw_home(Ui& ui, const Model& m, HomeState&) {
    Intent out;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float pad = ui.metrics().pad;
    // Header: hall name and the date/time, large and calm.
    ui.text(m.hall->name.get(m.lang), colour::kPrimaryDark, ui.fonts().title());
    ui.text(m.hall->address.get(m.lang), colour::kTextMuted);
    const ImVec2 cursor = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(avail.x - 420, pad));
    ui.text(m.clock_hhmm, colour::kPrimaryDark, ui.fonts().digits());
    ImGui::SetCursorPos(ImVec2(avail.x - 420, pad + ui.fonts().digits()->FontSize + 8));
    ui.text(m.date_text, colour::kTextMuted);
    ImGui::SetCursorPos(ImVec2(cursor.x, cursor.y + 40));

    ui.text_t("home.welcome", colour::kText, ui.fonts().heading());
    ImGui::Dummy(ImVec2(0, 20));

    // Three big entries, the whole point of the kiosk.
    const float gap = 40;
    const float card_w = (avail.x - gap * 2) / 3;
    const float card_h = avail.y * 0.42f;
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
    for (int i = 0; i < 3; ++i) {
        const Entry& e = entries[i];
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const bool tapped = ImGui::InvisibleButton(e.key, ImVec2(card_w, card_h));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + card_w, pos.y + card_h);
        dl->AddRectFilled(pos, max, ImGui::IsItemActive() ? colour::kSelected : colour::kPanel, 18);
        dl->AddRect(pos, max, colour::kBorder, 18, 0, 2);
        dl->AddRectFilled(pos, ImVec2(max.x, pos.y + 16), e.accent, 18, ImDrawFlags_RoundCornersTop);
        const std::string& title = ui.tr(e.key);
        const std::string& detail = ui.tr(e.detail_key);
        ImFont* tf = ui.fonts().title();
        ui.draw_text(dl, tf, ImVec2(pos.x + 40, pos.y + 70), colour::kText, title, card_w - 80);
        ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + 40, pos.y + 90 + tf->FontSize * 1.3f), colour::kTextMuted, detail, card_w - 80);
        // "Tap" cue: a filled arrow button look at the bottom.
        const ImVec2 cue(pos.x + 40, max.y - 40 - ui.metrics().touch);
        dl->AddRectFilled(cue, ImVec2(max.x - 40, cue.y + ui.metrics().touch), e.accent, 12);
        const std::string open = ui.tr("home.open") + "  →";
        ui.draw_text(dl, ui.fonts().heading(), ImVec2(cue.x + 28, cue.y + (ui.metrics().touch - ui.fonts().heading()->FontSize) / 2),
                     colour::kWhite, open);
        ui.record(title, e.key, e.key, pos, max, true, true, false);
        if (tapped) out = Intent::go(e.target);
        if (i < 2) ImGui::SameLine(0, gap);
    }
    ImGui::Dummy(ImVec2(0, 30));
    if (Intent li = language_buttons(ui, m)) out = li;
    ImGui::SameLine(0, 40);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 20);
    status_line(ui, m);
    return out;
}

}  // namespace hall::ui
