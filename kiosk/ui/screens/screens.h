#pragma once
// The citizens' screens as one table (screen_list.h): their states in one struct, their
// names, and the dispatch from a Screen to its draw function. The App owns a ScreenStates
// and resets it whole for the next person.
#include <string_view>

#include "ui/model.h"
#include "ui/screens/feedback.h"
#include "ui/screens/guide_detail.h"
#include "ui/screens/guides.h"
#include "ui/screens/home.h"
#include "ui/screens/map.h"
#include "ui/screens/queue.h"
#include "ui/screens/thanks.h"
#include "ui/widgets.h"

namespace hall::ui {

struct ScreenStates {
#define HALL_SCREEN_STATE(e, name, member, State, draw) State member;
    HALL_CITIZEN_SCREENS(HALL_SCREEN_STATE)
#undef HALL_SCREEN_STATE
};

// Draws screen s with its state; returns what the citizen asked for.
Intent draw_screen(Screen s, Ui& ui, const Model& m, ScreenStates& states);

}  // namespace hall::ui
