#include "ui/flow.h"

#include <imgui.h>

namespace hall::ui {

FlowRow::FlowRow(Ui& ui) : ui_(ui), right_(ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x) {}

bool FlowRow::button(const std::string& label, const std::string& key, bool selected, ButtonStyle st, bool enabled,
                     const std::string& text_key) {
    const float w = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + 24;
    if (!first_) {
        ImGui::SameLine(0, ui_.metrics().gap / 2);
        if (ImGui::GetCursorScreenPos().x + w > right_) ImGui::NewLine();
    }
    first_ = false;
    return ui_.button(label, key, ImVec2(w, 0), st, selected, enabled, text_key);
}

}  // namespace hall::ui
