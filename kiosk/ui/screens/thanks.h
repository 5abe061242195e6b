#pragma once
#include <string>

#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

struct ThanksState {
    std::string receipt;   // e.g. "K7QM-9D2P"
    bool bad_rating = false;
    bool callback = false;
    bool repeat = false;   // the visit was already rated: kept, not counted again (一次一評)
};

// The record is safe: a receipt code to quote later, also as a QR code.
Intent draw_thanks(Ui& ui, const Model& m, ThanksState& st);

}  // namespace hall::ui
