#include "ui/screens/thanks.h"

#include "ui/chrome.h"

namespace hall::ui {

Intent draw_thanks(Ui& ui, const Model& m, ThanksState& st) {
    Intent out = top_bar(ui, m, "thanks.title", false);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + 80, ImGui::GetCursorPosY() + 40));
    ImGui::BeginGroup();
    ui.text_t("thanks.saved", colour::kGood, ui.fonts().title());
    ImGui::Dummy(ImVec2(0, 20));
    ui.text_t("thanks.receipt_label", colour::kText, ui.fonts().heading());
    ui.text(st.receipt, colour::kPrimaryDark, ui.fonts().digits());
    ui.note_text(st.receipt, "thanks.receipt", {}, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::Dummy(ImVec2(0, 10));
    ui.text_t(st.bad_rating ? "thanks.bad_rating_note" : "thanks.note", colour::kText);
    if (st.callback) ui.text_t("thanks.callback_note", colour::kText);
    ImGui::Dummy(ImVec2(0, 30));
    if (ui.button_t("thanks.done", ImVec2(500, ui.metrics().touch * 1.2f), ButtonStyle::Primary)) out = Intent::of(Intent::Kind::Home);
    ImGui::EndGroup();
    ImGui::SameLine(avail.x - 520);
    ImGui::BeginGroup();
    ui.qr("thanks.qr", "HALL-FEEDBACK:" + m.hall->id + ":" + st.receipt, 420, ui.tr("thanks.qr_caption"));
    ImGui::EndGroup();
    return out;
}

}  // namespace hall::ui
