#pragma once
#include <string>

#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct ThanksState {
    std::string receipt;   // e.g. "K7QM-9D2P"
    bool bad_rating = false;
    bool callback = false;
};

// The record is safe: a receipt code to quote later, also as a QR code.
Intent draw_thanks(Ui& ui, const Model& m, ThanksState& st);

}  // namespace hall::ui
