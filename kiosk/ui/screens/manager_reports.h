#pragma once
// Manager mode's exports: choose a folder (USB sticks first, then the kiosk's own), export
// the list (with its filter) or the ledger as CSV, or a month's report as CSV and HTML.
// The controller scans the folders and writes the files on the manager worker.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_reports(Ui& ui, const ManagerModel& m, ManagerReportsState& st);

}  // namespace hall::ui
