#pragma once
// On-screen keyboard and text field for a screen with no keyboard. Every key is a
// registered button, so the driver types by tapping keys as a finger would. Text typed on
// a hardware keyboard (SDL_TEXTINPUT) lands in the same field through the same limits.
//
// Chinese input (issue 5): in the Text layout the keyboard has four modes, 拼音 (pinyin
// through librime, a candidate bar above the keys), 字母 (letters), 符号 (digits and
// punctuation) and 手写 (a handwriting pad, zinnia). The engines are the kiosk's (ImeServices,
// owned by the App); without them the keyboard offers letters and symbols only. The pinyin
// schema and the handwriting script follow the kiosk language.
#include <cstddef>
#include <memory>
#include <string>

#include "ui/widgets.h"

namespace hall::ime {
class PinyinEngine;
class HandwritingEngine;
class ImeSession;
}  // namespace hall::ime

namespace hall::ui {

enum class KeyboardLayout { Text, Phone };

// The kiosk-wide Chinese input engines; either may be null. `owner` marks the keyboard whose
// composition the (single, global) pinyin engine holds, so a half-typed word never moves to
// another field or screen.
struct ImeServices {
    ime::PinyinEngine* pinyin = nullptr;
    ime::HandwritingEngine* handwriting = nullptr;
    const void* owner = nullptr;
};

struct KeyboardState {
    bool shift = false;
    // The input session (mode, pinyin composition, ink): made on first use, shared by the
    // fields this keyboard serves. A fresh KeyboardState starts over.
    std::shared_ptr<ime::ImeSession> ime;
    const std::string* target = nullptr;   // the field the session last edited
    bool pad_drawing = false;              // a finger is writing on the pad
};

struct TextLimit {
    std::size_t max_chars = 300;
    bool allow_newline = false;
    bool chinese = true;   // starts in pinyin (a description, a search); false: letters (a ticket code)
};

// The field: the value, a caret when focused, a counter "12/300". Returns true when tapped.
bool text_field(Ui& ui, const std::string& key, const std::string& value, const std::string& placeholder,
                bool focused, const TextLimit& limit, float height = 0);

// The keyboard for the focused field. Applies key taps and hardware text to `value`
// (sanitised, within the limit). Returns true when the citizen taps Done.
bool keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout);

// The keyboard docked along the bottom of the screen in its own layer, so a tap on a key never
// reaches a guide or a field lying beneath it. Screens keep their content above
// keyboard_height(). Returns true when the citizen taps Done.
float keyboard_height(const Ui& ui, KeyboardLayout layout);
bool docked_keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout);

}  // namespace hall::ui
