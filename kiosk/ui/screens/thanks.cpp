#include "ui/screens/thanks.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {

Intent draw_thanks(Ui& ui, const Model& m, ThanksState& st) {
    Intent out = top_bar(ui, m, "thanks.title", false);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool portrait = ui.metrics().portrait;
    const float qr_size = 420;
    // The receipt and notes, and the QR code beside them (landscape) or under them (portrait).
    const float indent = portrait ? 40 : 80;
    const float text_w = portrait ? avail.x - indent : avail.x - indent - qr_size - 140;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + indent, ImGui::GetCursorPosY() + 40));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
    ui.text_t("thanks.saved", colour::kGood, ui.fonts().title());
    ImGui::Dummy(ImVec2(0, 20));
    ui.text_t("thanks.receipt_label", colour::kText, ui.fonts().heading());
    ui.text(st.receipt, colour::kPrimaryDark, ui.fonts().digits());
    ui.note_text(st.receipt, "thanks.receipt", {}, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::Dummy(ImVec2(0, 10));
    // One visit, one rating: said kindly, the words are kept all the same.
    if (st.repeat) ui.text_t("thanks.repeat_note", colour::kPrimaryDark, ui.fonts().heading());
    ui.text_t(st.bad_rating ? "thanks.bad_rating_note" : "thanks.note", colour::kText);
    if (st.callback) ui.text_t("thanks.callback_note", colour::kText);
    ImGui::Dummy(ImVec2(0, 30));
    if (ui.button_t("thanks.done", ImVec2(std::min(500.f, text_w), ui.metrics().touch * 1.2f), ButtonStyle::Primary))
        out = intent::Home{};
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    if (portrait) {
        ImGui::Dummy(ImVec2(0, 30));
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    } else {
        ImGui::SameLine(avail.x - qr_size - 100);
    }
    ImGui::BeginGroup();
    ui.qr("thanks.qr", "HALL-FEEDBACK:" + m.hall->id + ":" + st.receipt, qr_size, ui.tr("thanks.qr_caption"));
    ImGui::EndGroup();
    return out;
}

}  // namespace hall::ui
