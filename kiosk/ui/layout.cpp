#include "ui/layout.h"

#include <algorithm>

namespace hall::ui {

Layout choose_layout(int px_w, int px_h, const DisplaySettings& display, float dpi) {
    Layout l;
    l.px_w = static_cast<float>(std::max(px_w, 1));
    l.px_h = static_cast<float>(std::max(px_h, 1));
    switch (display.orientation) {
        case Orientation::Auto: l.portrait = l.px_h > l.px_w; break;
        case Orientation::Landscape: l.portrait = false; break;
        case Orientation::Portrait: l.portrait = true; break;
    }
    // Pixels per dp: the setting wins; then the panel's DPI (EDID, via SDL) when plausible.
    if (display.scale > 0) l.dp = display.scale;
    else if (dpi >= 50 && dpi <= 400) l.dp = dpi / 96.f;
    // Fit: the short side is 1080 units (the design size), but the smallest text and target
    // stay above their minimums on this panel.
    const float fit = std::min(l.px_w, l.px_h) / 1080.f;
    const float floor = std::max(kMinBodyDp / kBodyUnits, kMinTargetDp / kTargetUnits) * l.dp;
    l.scale = std::max(fit, floor);
    return l;
}

}  // namespace hall::ui
