#include "ui/screens/manager_flags.h"

#include <imgui.h>

#include "common/time.h"
#include "ui/screens/feedback.h"  // window_label

namespace hall::ui {

ManagerIntent draw_manager_flags(Ui& ui, const ManagerModel& m, ManagerFlagsState& st) {
    ManagerIntent out;
    ui.heading_t("manager.flags.title");
    ui.text_t("manager.flags.explain", colour::kTextMuted);
    if (!st.message_key.empty()) ui.text_t(st.message_key, st.message_is_error ? colour::kBad : colour::kGood);
    if (st.rows.empty()) {
        ui.text_t("manager.flags.none");
        return out;
    }
    ui.begin_scroll("manager.flags", ImGui::GetContentRegionAvail(), true);
    for (const auto& r : st.rows) {
        ImGui::PushID(r.uuid.c_str());
        ImGui::Separator();
        ui.text(local_time_text(r.created_at, m.utc_offset_minutes) + " · " + window_label(ui, *m.kiosk, r.window_id) + " · " +
                ui.tr("rating." + std::string(rating_key(r.overall))) + " · " + r.receipt);
        if (ui.button(ui.tr("manager.flags.confirm"), "manager.flags.confirm." + r.receipt, ImVec2(0, 0), ButtonStyle::Primary, false, true,
                      "manager.flags.confirm"))
            out = manager_intent::ResolveFlag{r.uuid, true};
        ImGui::SameLine();
        if (ui.button(ui.tr("manager.flags.reject"), "manager.flags.reject." + r.receipt, ImVec2(0, 0), ButtonStyle::Danger, false, true,
                      "manager.flags.reject"))
            out = manager_intent::ResolveFlag{r.uuid, false};
        ImGui::PopID();
    }
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
