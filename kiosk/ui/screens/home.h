#pragma once
#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct HomeState {};

// Attract screen: hall name, clock, the three entries, language and large-text switches.
Intent draw_home(Ui& ui, const Model& m, HomeState& st);

}  // namespace hall::ui
