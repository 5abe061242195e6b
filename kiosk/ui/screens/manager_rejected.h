#pragma once
// Manager mode's "rejected by the hub" screen: every record the hub refused for good, with
// the hub's reason, and per record "send again" (after the cause, e.g. a config id, was
// fixed) or "discard" (two taps; audited). It draws the rows it is handed and returns what
// the manager chose; the controller applies it through ManagerStore.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_rejected(Ui& ui, const ManagerModel& m, ManagerRejectedState& st);

}  // namespace hall::ui
