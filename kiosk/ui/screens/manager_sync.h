#pragma once
// Manager mode's sync status: hub configured and reachable, records waiting, the last
// success and error, the content version, free disk and the complaint reserve.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_sync(Ui& ui, const ManagerModel& m, ManagerSyncState& st);

}  // namespace hall::ui
