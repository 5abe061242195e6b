#pragma once
#include <string>
#include <vector>

#include "ui/keyboard.h"
#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct GuidesState {
    std::string department;          // "" = all departments
    std::string query;
    bool typing = false;             // keyboard shown
    KeyboardState keyboard;
    std::vector<std::string> results;
    SearchSuggestions closest;       // filled when a query finds nothing
    std::string results_for = "\x01";  // query + department the results belong to
};

// Browse by department (and its window), or search as you type: results follow every
// keystroke in the same frame.
Intent draw_guides(Ui& ui, const Model& m, GuidesState& st);

// One-line summary under a guide's name: department, window, on-the-spot or promised days.
std::string guide_summary(const Ui& ui, const Model& m, const Guide& g);

}  // namespace hall::ui
