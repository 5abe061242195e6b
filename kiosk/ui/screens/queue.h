#pragma once
#include <string>

#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct QueueState {
    std::string chosen_window;  // action panel open for this window
};

// Every window: open or closed, the number being served, people waiting, estimated wait,
// and the last few calls. Tapping a window offers "report this window".
Intent draw_queue(Ui& ui, const Model& m, QueueState& st);

}  // namespace hall::ui
