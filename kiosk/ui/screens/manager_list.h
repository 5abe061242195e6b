#pragma once
// Manager mode's list: filter groups (date, window, category, rating, state with counts),
// the records newest first in a clipped table, and the open record beside it
// (manager_detail.h). Rows come from the model, read around the ones shown last frame.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_list(Ui& ui, const ManagerModel& m, ManagerListState& st);

}  // namespace hall::ui
