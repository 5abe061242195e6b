#pragma once
#include <string>

#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct GuideDetailState {
    std::string code;
};

// Every field of one guide, the materials checklist and forms as QR codes, when it was
// last updated, and the way to its window.
Intent draw_guide_detail(Ui& ui, const Model& m, GuideDetailState& st);

}  // namespace hall::ui
