#pragma once
// Manager mode's charts over the last 30 days: the satisfaction rate and the three national
// indicators, per window (count, rate), per category, this month's ranking and per day.
// The data is read on the manager worker; until it is in, the screen says it is loading.
#include "ui/manager_model.h"
#include "ui/widgets.h"

namespace hall::ui {

ManagerIntent draw_manager_charts(Ui& ui, const ManagerModel& m, ManagerChartsState& st);

}  // namespace hall::ui
