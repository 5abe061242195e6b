#include "ui/screens/screens.h"

#include <array>

namespace hall::ui {

namespace {

struct ScreenRow {
    Screen screen;
    std::string_view name;
    Intent (*draw)(Ui&, const Model&, ScreenStates&);
};

// One row per line of HALL_CITIZEN_SCREENS, in enum order (checked below).
constexpr ScreenRow kScreens[] = {
#define HALL_SCREEN_ROW(e, name, member, State, draw_fn) \
    {Screen::e, name, [](Ui& ui, const Model& m, ScreenStates& s) { return draw_fn(ui, m, s.member); }},
    HALL_CITIZEN_SCREENS(HALL_SCREEN_ROW)
#undef HALL_SCREEN_ROW
};

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < std::size(kScreens); ++i)
        if (static_cast<std::size_t>(kScreens[i].screen) != i) return false;
    return true;
}
static_assert(in_enum_order(), "kScreens is indexed by Screen");

const ScreenRow& row(Screen s) { return kScreens[static_cast<std::size_t>(s)]; }

}  // namespace

std::string_view screen_name(Screen s) { return row(s).name; }

std::optional<Screen> screen_from_name(std::string_view n) {
    for (const auto& r : kScreens)
        if (r.name == n) return r.screen;
    return std::nullopt;
}

Intent draw_screen(Screen s, Ui& ui, const Model& m, ScreenStates& states) { return row(s).draw(ui, m, states); }

}  // namespace hall::ui
