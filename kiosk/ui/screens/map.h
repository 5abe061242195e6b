#pragma once
#include <string>

#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct MapState {
    std::string highlight;  // window id chosen from a guide, the queue or a tap on the map
};

// The hall's floor plan: where each window stands, the chosen one highlighted.
Intent draw_map(Ui& ui, const Model& m, MapState& st);

}  // namespace hall::ui
