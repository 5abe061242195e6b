#pragma once
// The manager PIN pad: ten digit keys, clear, OK and cancel, the digits shown as dots.
// Only drawing and typing live here; checking the PIN (Argon2id, lockout) is PinGuard's.
#include <string>

#include "ui/widgets.h"

namespace hall::ui {

struct PinPadState {
    std::string digits;       // typed so far; cleared after every attempt
    std::string message;      // "wrong PIN, 3 tries left", "locked, try again in 28 s"
    bool message_is_error = false;
};

enum class PinPadAction { None, Submit, Cancel };

// locked: the keys are shown disabled (a locked pad accepts nothing).
PinPadAction draw_pin_pad(Ui& ui, PinPadState& st, bool locked);

}  // namespace hall::ui
