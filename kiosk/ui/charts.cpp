#include "ui/charts.h"

#include <imgui.h>

#include <algorithm>

namespace hall::ui {

void bar_chart(Ui& ui, const std::string& key, const std::vector<std::string>& labels, const std::vector<double>& values,
               double max_value, const std::vector<std::string>& value_texts, ImU32 bar_colour, float label_w) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row_h = ImGui::GetTextLineHeight() + 8;
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float bar_w = std::max(50.f, width - label_w - 160);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const float y = p0.y + static_cast<float>(i) * row_h;
        ui.draw_text(dl, ui.fonts().body(), ImVec2(p0.x, y), colour::kText, labels[i]);
        const float w = max_value > 0 ? static_cast<float>(values[i] / max_value) * bar_w : 0.f;
        dl->AddRectFilled(ImVec2(p0.x + label_w, y + 3), ImVec2(p0.x + label_w + std::max(w, 1.f), y + row_h - 3), bar_colour, 3);
        const ImVec2 tpos(p0.x + label_w + w + 10, y);
        ui.draw_text(dl, ui.fonts().body(), tpos, colour::kText, value_texts[i]);
        ui.note_text(labels[i] + " " + value_texts[i], key + "." + std::to_string(i), "", ImVec2(p0.x, y),
                     ImVec2(p0.x + width, y + row_h));
    }
    ImGui::Dummy(ImVec2(width, row_h * static_cast<float>(labels.size()) + 8));
}

void day_columns(Ui& ui, const std::vector<DayBar>& days, float h) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    std::int64_t dmax = 1;
    for (const auto& d : days) dmax = std::max(dmax, d.count);
    const float bw = days.empty() ? 0 : w / static_cast<float>(days.size());
    dl->AddLine(ImVec2(p0.x, p0.y + h), ImVec2(p0.x + w, p0.y + h), colour::kBorder, 2);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const float bh = h * static_cast<float>(days[i].count) / static_cast<float>(dmax);
        const float x = p0.x + bw * static_cast<float>(i);
        dl->AddRectFilled(ImVec2(x + 3, p0.y + h - bh), ImVec2(x + bw - 3, p0.y + h), colour::kPrimary, 2);
        if (i % 5 == 0 && days[i].day.size() > 5)
            ui.draw_text(dl, ui.fonts().body(), ImVec2(x, p0.y + h + 4), colour::kTextMuted, days[i].day.substr(5));
    }
    ImGui::Dummy(ImVec2(w, h + ImGui::GetTextLineHeight() + 12));
}

}  // namespace hall::ui
