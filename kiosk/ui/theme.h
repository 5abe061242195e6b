#pragma once
// The look: the only place that sets ImGuiStyle. Finger-sized targets, named colours with
// at least 4.5:1 contrast for text, and sizes that follow large-text mode.
#include <imgui.h>

namespace hall::ui {

namespace colour {
inline constexpr ImU32 kBackground = IM_COL32(244, 246, 250, 255);
inline constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kPrimary = IM_COL32(23, 84, 160, 255);       // buttons, headers (white text 6.9:1)
inline constexpr ImU32 kPrimaryDark = IM_COL32(15, 60, 120, 255);
inline constexpr ImU32 kText = IM_COL32(26, 26, 26, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(84, 90, 100, 255);     // 6.6:1 on white
inline constexpr ImU32 kGood = IM_COL32(22, 110, 50, 255);          // open, praise (5.9:1)
inline constexpr ImU32 kBad = IM_COL32(179, 38, 30, 255);           // closed, 差評 (5.9:1)
inline constexpr ImU32 kWarn = IM_COL32(138, 90, 0, 255);           // paused, overdue (5.2:1)
inline constexpr ImU32 kHighlight = IM_COL32(255, 214, 10, 255);    // chosen window on the map
inline constexpr ImU32 kSelected = IM_COL32(220, 233, 250, 255);
inline constexpr ImU32 kBorder = IM_COL32(190, 198, 210, 255);
inline constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
}  // namespace colour

struct Metrics {
    float touch = 80;       // minimum height of anything tappable (>= 64 px at 1080p)
    float gap = 16;
    float pad = 24;
    float radius = 10;
    float scrollbar = 28;
    bool portrait = false;  // the layout (ui/layout.h): screens stack instead of side by side
};

// Applies the style for the mode; returns the metrics screens lay out with.
Metrics apply_theme(bool large_text);

}  // namespace hall::ui
