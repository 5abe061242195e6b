#include <catch2/catch.hpp>

#include <imgui_internal.h>

#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;
using ui::Screen;

namespace {

SDL_Event finger(Uint32 type, float x, float y, const Kiosk& k) { return test::finger_event(type, x, y, *k.platform, 7); }

SDL_Event mouse(Uint32 type, float x, float y, Uint32 which) {
    SDL_Event e{};
    e.type = type;
    e.button.which = which;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = static_cast<int>(x);
    e.button.y = static_cast<int>(y);
    return e;
}

ImVec2 centre_of(Kiosk& k, const std::string& q) {
    const auto r = k.app->registry().find(q);
    INFO(r.error);
    REQUIRE(r.widget);
    return r.widget->centre();
}

void go_to_categories(Kiosk& k) {
    k.tap("#home.feedback");
    k.tap("#feedback.window.w01");
    k.tap("#feedback.next");
}

}  // namespace

TEST_CASE("a drag that starts on a button scrolls or does nothing, never taps it", "[ui][touch]") {
    Kiosk k;
    const ImVec2 c = centre_of(k, "#home.guides");
    k.driver->drag(c.x, c.y, 0, -300);
    CHECK(k.app->screen() == Screen::Home);
}

TEST_CASE("dragging a list scrolls it", "[ui][touch]") {
    Kiosk k;
    k.tap("#home.guides");
    k.driver->frames(2);  // ImGui knows a list's height from the frame before
    const auto& regions = k.app->registry().regions();
    auto it = std::find_if(regions.begin(), regions.end(), [](const ui::ScrollRegionInfo& r) { return r.key == "guides.results"; });
    REQUIRE(it != regions.end());
    REQUIRE(it->scroll_max_y > 0);
    const ImVec2 mid((it->min.x + it->max.x) / 2, (it->min.y + it->max.y) / 2);
    k.driver->drag(mid.x, mid.y + 200, 0, -400);
    auto after = std::find_if(k.app->registry().regions().begin(), k.app->registry().regions().end(),
                              [](const ui::ScrollRegionInfo& r) { return r.key == "guides.results"; });
    CHECK(after->scroll_y > 300);
    CHECK(k.app->screen() == Screen::Guides);  // no guide opened by the drag
}

TEST_CASE("the driver scrolls a clipped item into view before tapping it", "[ui][touch]") {
    Kiosk k;
    k.tap("#home.guides");
    const std::string last = k.app->guides_state().results.back();
    const auto* w = k.app->registry().find("#guide." + last).widget;
    REQUIRE(w);
    CHECK_FALSE(w->fully_visible());
    k.tap("#guide." + last);
    CHECK(k.app->screen() == Screen::GuideDetail);
}

TEST_CASE("a press and release within one frame still taps", "[ui][touch]") {
    Kiosk k;
    const ImVec2 c = centre_of(k, "#home.queue");
    SDL_Event d = finger(SDL_FINGERDOWN, c.x, c.y, k), u = finger(SDL_FINGERUP, c.x, c.y, k);
    SDL_PushEvent(&d);
    SDL_PushEvent(&u);
    k.driver->frames(4);
    CHECK(k.app->screen() == Screen::Queue);
}

TEST_CASE("a touch is counted once even when SDL also synthesises a mouse click", "[ui][touch]") {
    Kiosk k;
    go_to_categories(k);
    const ImVec2 c = centre_of(k, "#category.attitude");
    SDL_Event events[] = {finger(SDL_FINGERDOWN, c.x, c.y, k), mouse(SDL_MOUSEBUTTONDOWN, c.x, c.y, SDL_TOUCH_MOUSEID)};
    for (auto& e : events) SDL_PushEvent(&e);
    k.driver->frame();
    SDL_Event ups[] = {finger(SDL_FINGERUP, c.x, c.y, k), mouse(SDL_MOUSEBUTTONUP, c.x, c.y, SDL_TOUCH_MOUSEID)};
    for (auto& e : ups) SDL_PushEvent(&e);
    k.driver->frames(3);
    // Counted twice, the toggle would be off again.
    CHECK(k.app->feedback_state().draft.has(Category::Attitude));
}

TEST_CASE("a real mouse works the same way", "[ui][touch]") {
    Kiosk k;
    go_to_categories(k);
    const ImVec2 c = centre_of(k, "#category.praise");
    SDL_Event d = mouse(SDL_MOUSEBUTTONDOWN, c.x, c.y, 0);
    SDL_PushEvent(&d);
    k.driver->frame();
    SDL_Event u = mouse(SDL_MOUSEBUTTONUP, c.x, c.y, 0);
    SDL_PushEvent(&u);
    k.driver->frames(3);
    CHECK(k.app->feedback_state().draft.has(Category::Praise));
}

TEST_CASE("nothing stays highlighted after a finger lifts", "[ui][touch]") {
    Kiosk k;
    k.tap("#home.guides");
    const ImGuiIO& io = ImGui::GetIO();
    CHECK(io.MousePos.x < -1e30f);
    CHECK_FALSE(io.MouseDown[0]);
    CHECK(GImGui->HoveredId == 0);  // nothing hovered in the frame just drawn
}

TEST_CASE("a second finger does not move the pointer", "[ui][touch]") {
    Kiosk k;
    const ImVec2 a = centre_of(k, "#home.queue");
    const ImVec2 b = centre_of(k, "#home.feedback");
    SDL_Event d1 = finger(SDL_FINGERDOWN, a.x, a.y, k);
    SDL_Event d2 = finger(SDL_FINGERDOWN, b.x, b.y, k);
    d2.tfinger.fingerId = 8;
    SDL_PushEvent(&d1);
    SDL_PushEvent(&d2);
    k.driver->frame();
    SDL_Event u2 = finger(SDL_FINGERUP, b.x, b.y, k);
    u2.tfinger.fingerId = 8;
    SDL_Event u1 = finger(SDL_FINGERUP, a.x, a.y, k);
    SDL_PushEvent(&u2);
    SDL_PushEvent(&u1);
    k.driver->frames(3);
    CHECK(k.app->screen() == Screen::Queue);
}

TEST_CASE("every tappable thing is at least 64 px tall at 1920x1080", "[ui][touch]") {
    Kiosk k;
    auto check_screen = [&](const char* name) {
        k.driver->frames(2);
        int targets = 0;
        for (const auto& w : k.app->registry().widgets()) {
            if (!w.tappable) continue;
            ++targets;
            INFO(name << ": " << w.key << " '" << w.label << "'");
            CHECK(w.max.y - w.min.y >= 64.f);
            CHECK(w.max.x - w.min.x >= 64.f);
        }
        INFO(name << ": no tappable targets drawn, nothing was checked");
        CHECK(targets > 0);
    };
    check_screen("home");
    k.tap("#home.guides");
    check_screen("guides");
    k.tap("#guides.search");
    check_screen("guides+keyboard");
    k.tap("#key.done");
    k.tap("#guide." + k.app->guides_state().results.at(0));
    check_screen("guide");
    k.tap("#common.home");
    k.tap("#home.queue");
    k.tap("#queue.window.w01");
    check_screen("queue");
    k.tap("#queue.show_on_map");
    check_screen("map");
    k.tap("#common.home");
    k.tap("#home.feedback");
    check_screen("feedback.window");
    k.tap("#feedback.window.w01");
    k.tap("#feedback.next");
    check_screen("feedback.category");
    k.tap("#category.praise");
    k.tap("#feedback.next");
    check_screen("feedback.rating");
    k.tap("#rate.overall.satisfied");
    k.tap("#feedback.next");
    k.tap("#feedback.callback");
    check_screen("feedback.details+keypad");
}
