#pragma once
// Manager mode's screens as one table (screen_list.h): the tabs' states in one struct,
// their names and the dispatch; the frame around them (warnings, tabs, lock); and the small
// helpers the manager screens share.
#include <string>

#include "ui/manager_model.h"
#include "ui/screens/manager_charts.h"
#include "ui/screens/manager_ledger.h"
#include "ui/screens/manager_list.h"
#include "ui/screens/manager_flags.h"
#include "ui/screens/manager_rejected.h"
#include "ui/screens/manager_reports.h"
#include "ui/screens/manager_sync.h"
#include "ui/widgets.h"

namespace hall::ui {

struct ManagerScreenStates {
#define HALL_MANAGER_STATE(e, name, member, State, tab_key, draw) State member;
    HALL_MANAGER_SCREENS(HALL_MANAGER_STATE)
#undef HALL_MANAGER_STATE
};

// Draws tab t with its state.
ManagerIntent draw_manager_screen(ManagerTab t, Ui& ui, const ManagerModel& m, ManagerScreenStates& states);
const char* manager_screen_name(ManagerTab t);  // "manager.list", ... (`expect screen`)

// The last store failure and a button to dismiss it (above the PIN pad and the tabs).
ManagerIntent draw_store_error(Ui& ui, const ManagerModel& m);
// Above every tab: the storage warning, the last store failure (with dismiss), the title,
// the tab row and the lock button.
ManagerIntent draw_manager_frame(Ui& ui, const ManagerModel& m);

// Shared by the manager screens.
std::string pct_text(const Satisfaction& s);  // "75.0%", "—" without ratings
ImU32 rating_colour(Rating r);
ImU32 state_colour(HandlingState s);
const char* storage_level_key(StorageLevel l);
std::string megabytes(std::int64_t bytes);    // "12.3 MB", "—" when unknown

}  // namespace hall::ui
