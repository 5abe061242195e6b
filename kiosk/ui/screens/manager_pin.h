#pragma once
// Manager mode's way in: a hidden long press on the home screen's top-left corner, then the
// PIN pad. Checking the PIN (Argon2id, lockout) is the controller's, through PinGuard.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

// The hidden entry, drawn over the home screen (after its root window): true once a finger
// has rested on the corner long enough. Recorded for the driver as "#manager.corner".
bool manager_corner_held(Ui& ui);

// The PIN pad; SubmitPin with the digits, or CancelPin.
ManagerIntent draw_manager_pin(Ui& ui, const ManagerModel& m, ManagerPinState& st);

}  // namespace hall::ui
