#pragma once
// The layout the kiosk draws for: chosen from the window it is given (cage gives it the
// panel's own mode), never assumed. Screens lay out in *layout units*: the frame is scaled
// so the panel's short side is about 1080 units (a 1920x1080 panel draws 1:1, a 4K panel
// 2:1), but never so small that the 適老化 minimums break: body text >= 18 dp and touch
// targets >= 60 dp, where 1 dp = 1/96 inch of the real panel (from its DPI when SDL knows it,
// else the `display.scale` setting, else 1 px). Portrait is its own layout, not a squeezed
// landscape one.
#include "config/config.h"

namespace hall::ui {

struct Layout {
    float px_w = 1920, px_h = 1080;  // the window in pixels
    float scale = 1;                 // pixels per layout unit
    float dp = 1;                    // pixels per dp on this panel
    bool portrait = false;
    float width() const { return px_w / scale; }   // in layout units
    float height() const { return px_h / scale; }
    // A length in dp, in layout units (for checking minimums).
    float units(float dp_length) const { return dp_length * dp / scale; }
};

// Minimums (GB/T 37668 and the 適老化 guidance the halls follow).
inline constexpr float kMinBodyDp = 18;
inline constexpr float kMinTargetDp = 60;
// The theme's smallest body font and target, in layout units (theme.cpp, fonts.cpp).
inline constexpr float kBodyUnits = 24;   // the "small" font, the smallest text a citizen reads
inline constexpr float kTargetUnits = 80;

// dpi: the panel's diagonal DPI from SDL, 0 when unknown or implausible.
Layout choose_layout(int px_w, int px_h, const DisplaySettings& display, float dpi);

}  // namespace hall::ui
