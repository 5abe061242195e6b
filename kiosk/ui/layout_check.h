#pragma once
// The layout check: what a frame drew (the Registry: targets, text, scroll regions, layers)
// against the rules a touch kiosk must keep on every panel:
//   - no two tappable targets on the same layer overlap (a layer above, like the keyboard, is
//     its own window and takes every tap inside it);
//   - every target lies inside the screen (or its scroll region, sideways) and is at least
//     60 dp in both directions;
//   - no text leaves its panel (button, card, field, scroll region, screen), none lies under a
//     target it does not belong to, and none is smaller than 18 dp.
// `hall-kiosk --check-layout` runs it on every screen of the screenshot tour.
#include <string>
#include <vector>

#include "ui/layout.h"
#include "ui/registry.h"

namespace hall::ui {

std::vector<std::string> check_layout(const Registry& registry, const Layout& layout);

}  // namespace hall::ui
