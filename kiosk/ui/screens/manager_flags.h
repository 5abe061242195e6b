#pragma once
// Manager mode's "held by the stuffing guard" screen: the ratings the guard flagged (more than
// N for one window from this kiosk within M minutes, docs/feedback.md), kept out of every
// figure until a manager decides. Per rating "counts" (two people rated in turn) or "stuffing"
// (it stays out, never deleted); the controller applies the decision, audited and synced.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_flags(Ui& ui, const ManagerModel& m, ManagerFlagsState& st);

}  // namespace hall::ui
