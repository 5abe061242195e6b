#pragma once
// Manager mode's rectification ledger (整改台賬): every item with its deadline (overdue in
// red), window, list, measure, responsible person, state and re-check date. A row opens
// its record in the list.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_ledger(Ui& ui, const ManagerModel& m, ManagerLedgerState& st);

}  // namespace hall::ui
