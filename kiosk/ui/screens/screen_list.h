#pragma once
// Every screen of the kiosk, one line each: the one table a new screen is added to.
// Each line names the enum value, the name scripts and the registry use (`expect screen`),
// the member holding its state, the state's type and its draw function
// (`Intent draw_xxx(Ui&, const Model&, XxxState&)`, or the ManagerIntent equivalent).
// The enums (model.h, manager_model.h), the state structs (screens.h, manager_screens.h),
// the name tables and the dispatch are all generated from these lists.
// docs/architecture.md "Adding a screen" says what else a screen needs.

// Citizens' screens.               enum         name        state      State type         draw
#define HALL_CITIZEN_SCREENS(X)                                                                 \
    X(Home,        "home",     home,     HomeState,        draw_home)                         \
    X(Guides,      "guides",   guides,   GuidesState,      draw_guides)                       \
    X(GuideDetail, "guide",    guide,    GuideDetailState, draw_guide_detail)                 \
    X(Queue,       "queue",    queue,    QueueState,       draw_queue)                        \
    X(Map,         "map",      map,      MapState,         draw_map)                          \
    X(Feedback,    "feedback", feedback, FeedbackState,    draw_feedback)                     \
    X(Thanks,      "thanks",   thanks,   ThanksState,      draw_thanks)

// Manager mode's tabs, in the order the tab row shows them (the PIN pad comes before them
// and is not a tab). The fifth column is the tab button's text key.
//                                  enum      name                state     State type            tab key                 draw
#define HALL_MANAGER_SCREENS(X)                                                                                                    \
    X(List,     "manager.list",     list,     ManagerListState,     "manager.tab.list",     draw_manager_list)                     \
    X(Ledger,   "manager.ledger",   ledger,   ManagerLedgerState,   "manager.tab.ledger",   draw_manager_ledger)                   \
    X(Charts,   "manager.charts",   charts,   ManagerChartsState,   "manager.tab.charts",   draw_manager_charts)                   \
    X(Reports,  "manager.reports",  reports,  ManagerReportsState,  "manager.tab.reports",  draw_manager_reports)                  \
    X(Sync,     "manager.sync",     sync,     ManagerSyncState,     "manager.tab.sync",     draw_manager_sync)                     \
    X(Rejected, "manager.rejected", rejected, ManagerRejectedState, "manager.tab.rejected", draw_manager_rejected)  \
    X(Flags,    "manager.flags",    flags,    ManagerFlagsState,    "manager.tab.flags",    draw_manager_flags)
