#pragma once
// The hall as the kiosk knows it: its windows and where they stand on the floor plan.
#include <string>
#include <vector>

#include "core/lang.h"

namespace hall {

struct MapRect {  // floor-plan position in plan units (the map scales them to the screen)
    float x = 0, y = 0, w = 1, h = 1;
};

struct Window {
    std::string id;             // stable id, e.g. "w03"
    std::string number;         // what the sign says, e.g. "3"
    LocalizedText name;         // the department serving there
    std::string department_id;
    std::string ticket_prefix;  // queue letter, e.g. "C" for C015
    MapRect map;
};

struct HallInfo {
    std::string id;
    LocalizedText name;
    LocalizedText address;
    std::string phone;
    float map_width = 100, map_height = 60;
    std::vector<MapRect> map_landmarks;  // entrance, kiosk position etc. (label in parallel list)
    std::vector<LocalizedText> landmark_names;
    std::vector<Window> windows;

    const Window* find_window(const std::string& id) const;
};

}  // namespace hall
