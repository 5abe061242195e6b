#include "ui/screens/manager_pin.h"

#include <imgui.h>

#include <string>

#include "ui/screens/manager_screens.h"

namespace hall::ui {

namespace {
constexpr float kCornerPx = 110;          // the hidden hotspot, top-left of the home screen
constexpr float kLongPressSeconds = 3.0f;  // nobody rests a finger on an empty corner that long by chance
}  // namespace

bool manager_corner_held(Ui& ui) {
    const ImVec2 min(0, 0), max(kCornerPx, kCornerPx);
    // Recorded for the driver (a hold on "#manager.corner"), invisible to citizens.
    ui.record_gesture_zone("manager.corner", min, max);
    const ImVec2 p = ui.input().pos();
    const bool in_corner = p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
    return in_corner && ui.input().long_press(kLongPressSeconds);
}

ManagerIntent draw_manager_pin(Ui& ui, const ManagerModel& m, ManagerPinState& st) {
    ManagerIntent out = draw_store_error(ui, m);
    const std::int64_t locked = m.pin_locked_ms;
    if (st.drawn_locked && locked == 0) st.pad.message.clear();
    st.drawn_locked = locked > 0;
    if (locked > 0) {
        st.pad.message = ui.strings().fmt("manager.pin.locked", {std::to_string((locked + 999) / 1000)});
        st.pad.message_is_error = true;
    }
    ImGui::Dummy(ImVec2(0, ui.metrics().pad * 3));
    // A lockout that cannot be read (-1) keeps the keys off too: no guessing past a lock
    // nobody can see; the pad still shows its message and Cancel.
    const PinPadAction a = draw_pin_pad(ui, st.pad, locked != 0 || !m.pin_enabled);
    if (a == PinPadAction::Cancel) return manager_intent::CancelPin{};
    if (a == PinPadAction::Submit) {
        out = manager_intent::SubmitPin{st.pad.digits};
        st.pad.digits.clear();
    }
    return out;
}

}  // namespace hall::ui
