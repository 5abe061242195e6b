#pragma once
// The handwriting pad: a finger writes one character; strokes go to the IME session, which
// recognises them after every stroke. Strokes come from the kiosk's own input layer
// (TouchInput), not from ImGui: a finger that moves past the tap threshold is a drag there,
// and ImGui sees no pointer at all while it lasts. So a stroke can never press a key.
#include <string>

#include "ui/widgets.h"

namespace hall::ime {
class ImeSession;
}

namespace hall::ui {

// Draws a size-sized pad at the cursor with a 米-grid guide and the ink so far.
// `drawing` persists between frames (a KeyboardState member).
void handwriting_pad(Ui& ui, const std::string& key, ime::ImeSession& session, ImVec2 size, bool& drawing);

}  // namespace hall::ui
