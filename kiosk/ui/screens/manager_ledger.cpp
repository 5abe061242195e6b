#include "ui/screens/manager_ledger.h"

#include <imgui.h>

#include "ui/screens/feedback.h"  // window_label
#include "ui/screens/manager_screens.h"

namespace hall::ui {

ManagerIntent draw_manager_ledger(Ui& ui, const ManagerModel& m, ManagerLedgerState& st) {
    ManagerIntent out;
    ui.text(ui.strings().fmt("manager.ledger.count", {std::to_string(st.rows.size())}), colour::kTextMuted);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.ledger", avail, true);
    if (ImGui::BeginTable("manager.ledger.table", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(ui.tr("manager.detail.deadline").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.col.window").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.detail.ledger").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.col.state").c_str());
        ImGui::TableSetupColumn(ui.tr("manager.detail.recheck").c_str());
        ImGui::TableHeadersRow();
        const float row_h = ui.metrics().touch * 0.8f;
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(st.rows.size()), row_h);
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& r = st.rows[static_cast<std::size_t>(i)];
                ImGui::PushID(static_cast<int>(r.feedback.id));
                ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
                ImGui::TableNextColumn();
                const std::string label = r.entry.deadline + (r.feedback.overdue ? " · " + ui.tr("manager.overdue") : "");
                ui.fonts().request(label);
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(r.feedback.overdue ? colour::kBad : colour::kText));
                if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, row_h)) && !ui.input().dragging())
                    out = manager_intent::OpenRecord{r.feedback.uuid};
                ImGui::PopStyleColor();
                ui.record(r.feedback.receipt + " " + label, "manager.ledger.row." + std::to_string(i), "", ImGui::GetItemRectMin(),
                          ImGui::GetItemRectMax(), true, true, false);
                ImGui::TableNextColumn();
                ui.text(window_label(ui, *m.kiosk, r.feedback.window_id));
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.ledger.list." + std::string(ledger_list_key(r.entry.list))) + " · " + r.entry.measure + " · " +
                        r.entry.responsible);
                ImGui::TableNextColumn();
                ui.text(ui.tr("manager.state." + std::string(handling_state_key(r.feedback.state))), state_colour(r.feedback.state));
                ImGui::TableNextColumn();
                ui.text(r.entry.recheck_date);
                ImGui::PopID();
            }
        ImGui::EndTable();
    }
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
