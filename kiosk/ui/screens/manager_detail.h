#pragma once
// One record beside the manager's list: what can be done next (state moves, the ledger form,
// the call-back, an appeal and its decision, the re-check), then the record's facts.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

// st.detail must hold the record.
ManagerIntent draw_manager_detail(Ui& ui, const ManagerModel& m, ManagerDetailState& st);

}  // namespace hall::ui
