#include "ui/pin_pad.h"

namespace hall::ui {

PinPadAction draw_pin_pad(Ui& ui, PinPadState& st, bool locked) {
    PinPadAction out = PinPadAction::None;
    const Metrics& m = ui.metrics();
    const float key = m.touch * 1.4f;
    const float pad_w = key * 3 + m.gap * 2;
    const float x0 = (ImGui::GetWindowSize().x - pad_w) / 2;

    ImGui::SetCursorPosX(x0);
    ui.heading_t("manager.pin.title");
    ImGui::SetCursorPosX(x0);
    // Dots, never the digits: someone may be looking over the manager's shoulder.
    std::string dots;
    for (std::size_t i = 0; i < st.digits.size(); ++i) dots += "● ";
    ui.text(dots.empty() ? std::string(" ") : dots, colour::kText, ui.fonts().title());
    if (!st.message.empty()) {
        ImGui::SetCursorPosX(x0);
        ui.text(st.message, st.message_is_error ? colour::kBad : colour::kTextMuted, ui.fonts().heading());
    }
    ImGui::Dummy(ImVec2(0, m.gap));
    static const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"clear", "0", "ok"}};
    for (auto& row : rows) {
        ImGui::SetCursorPosX(x0);
        for (int c = 0; c < 3; ++c) {
            const std::string k = row[c];
            if (c) ImGui::SameLine(0, m.gap);
            if (k == "clear") {
                if (ui.button_t("manager.pin.clear", ImVec2(key, key), ButtonStyle::Secondary, false, !locked)) st.digits.clear();
            } else if (k == "ok") {
                if (ui.button_t("manager.pin.ok", ImVec2(key, key), ButtonStyle::Primary, false, !locked && st.digits.size() >= 4))
                    out = PinPadAction::Submit;
            } else if (ui.button(k, "pin.digit." + k, ImVec2(key, key), ButtonStyle::Secondary, false, !locked) &&
                       st.digits.size() < 12) {
                st.digits += k;
            }
        }
    }
    ImGui::Dummy(ImVec2(0, m.gap));
    ImGui::SetCursorPosX(x0);
    if (ui.button_t("manager.pin.cancel", ImVec2(pad_w, 0), ButtonStyle::Secondary)) out = PinPadAction::Cancel;
    return out;
}

}  // namespace hall::ui
