#include "ui/screens/manager_rejected.h"

#include <imgui.h>

#include "common/time.h"  // local_time_text

namespace hall::ui {

ManagerIntent draw_manager_rejected(Ui& ui, const ManagerModel& m, ManagerRejectedState& st) {
    ManagerIntent out;
    ui.heading_t("manager.rejected.title");
    ui.text_t("manager.rejected.explain", colour::kTextMuted);
    if (!st.message_key.empty()) ui.text_t(st.message_key, st.message_is_error ? colour::kBad : colour::kGood);
    if (st.rows.empty()) {
        ui.text_t("manager.rejected.none");
        return out;
    }
    for (const auto& r : st.rows) {
        ImGui::PushID(static_cast<int>(r.id));
        ImGui::Separator();
        ui.text(local_time_text(r.created_at, m.utc_offset_minutes) + " · " + r.kind + " · " + r.uuid.substr(0, 8));
        ui.field("manager.rejected.reason", r.reason);
        const std::string id = std::to_string(r.id);
        if (ui.button(ui.tr("manager.rejected.resend"), "manager.rejected.resend." + id, ImVec2(0, 0), ButtonStyle::Primary, false,
                      true, "manager.rejected.resend"))
            out = manager_intent::ResendRejected{r.id};
        ImGui::SameLine();
        if (st.confirm_discard == r.id) {
            if (ui.button(ui.tr("manager.rejected.discard_confirm"), "manager.rejected.discard_confirm." + id, ImVec2(0, 0),
                          ButtonStyle::Danger, false, true, "manager.rejected.discard_confirm"))
                out = manager_intent::DiscardRejected{r.id};
        } else if (ui.button(ui.tr("manager.rejected.discard"), "manager.rejected.discard." + id, ImVec2(0, 0), ButtonStyle::Secondary,
                             false, true, "manager.rejected.discard")) {
            st.confirm_discard = r.id;  // a record leaves for good only on a second, explicit tap
        }
        ImGui::PopID();
    }
    return out;
}

}  // namespace hall::ui
