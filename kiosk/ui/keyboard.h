#pragma once
// On-screen keyboard and text field for a screen with no keyboard. Every key is a
// registered button, so the driver types by tapping keys as a finger would. Text typed on
// a hardware keyboard (SDL_TEXTINPUT) lands in the same field through the same limits.
// Chinese input (pinyin, handwriting) extends this keyboard (issue 5).
#include <cstddef>
#include <string>

#include "ui/widgets.h"

namespace hall::ui {

enum class KeyboardLayout { Text, Phone };

struct KeyboardState {
    bool shift = false;
    bool symbols = false;
};

struct TextLimit {
    std::size_t max_chars = 300;
    bool allow_newline = false;
};

// The field: the value, a caret when focused, a counter "12/300". Returns true when tapped.
bool text_field(Ui& ui, const std::string& key, const std::string& value, const std::string& placeholder,
                bool focused, const TextLimit& limit, float height = 0);

// The keyboard for the focused field. Applies key taps and hardware text to `value`
// (sanitised, within the limit). Returns true when the citizen taps Done.
bool keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout);

}  // namespace hall::ui
