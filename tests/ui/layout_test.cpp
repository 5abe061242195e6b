// Layouts for the panels halls have (issue 19): the layout chosen from the window, the
// minimums it keeps, and the reported bugs replayed through the finger input path.
#include <catch2/catch.hpp>

#include "support/kiosk_fixture.h"
#include "ui/layout.h"
#include "ui/layout_check.h"

using namespace hall;
using hall::test::Kiosk;
using ui::Screen;

namespace {
const std::string kConfig = std::string(HALL_TEST_CONFIG) + "/demo-hall.toml";

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& p : v) s += p + "\n";
    return s;
}

// The layout check's findings on the screen the kiosk shows; a screen without a single
// tappable target is a finding too (the check would pass having looked at nothing).
std::string layout_problems(Kiosk& k, const std::string& where) {
    std::string found = joined(k.driver->check_layout(where));
    if (k.tappable_count() == 0) found += where + ": no tappable targets drawn\n";
    return found;
}
}  // namespace

TEST_CASE("the layout follows the window and keeps the minimums on every panel", "[ui][layout]") {
    DisplaySettings d;
    SECTION("portrait when taller than wide, unless the config says otherwise") {
        CHECK(ui::choose_layout(1080, 1920, d, 0).portrait);
        CHECK_FALSE(ui::choose_layout(1920, 1080, d, 0).portrait);
        d.orientation = Orientation::Landscape;
        CHECK_FALSE(ui::choose_layout(1080, 1920, d, 0).portrait);
        d.orientation = Orientation::Portrait;
        CHECK(ui::choose_layout(1920, 1080, d, 0).portrait);
    }
    SECTION("1080p draws 1:1; 4K doubles; small panels shrink only down to the minimums") {
        CHECK(ui::choose_layout(1920, 1080, d, 0).scale == Approx(1));
        CHECK(ui::choose_layout(3840, 2160, d, 0).scale == Approx(2));
        for (auto [w, h, dpi] : {std::tuple{1366, 768, 100.5f}, {1280, 720, 0.f}, {1280, 1024, 96.4f}, {3840, 2160, 137.7f},
                                 {1920, 1080, 40.f}, {1080, 1920, 102.5f}}) {
            const ui::Layout l = ui::choose_layout(w, h, d, dpi);
            INFO(w << "x" << h << " at " << dpi << " dpi: " << l.scale << " px/unit");
            CHECK(ui::kTargetUnits * l.scale >= ui::kMinTargetDp * l.dp - 0.01f);  // px
            CHECK(ui::kBodyUnits * l.scale >= ui::kMinBodyDp * l.dp - 0.01f);
            CHECK(l.width() >= 1080 - 0.5f);  // never narrower than the portrait design width
        }
    }
    SECTION("display.scale overrides the DPI") {
        d.scale = 2;
        const ui::Layout l = ui::choose_layout(1920, 1080, d, 96);
        CHECK(l.dp == Approx(2));
        CHECK(l.scale == Approx(1.5));  // 60 dp targets of 80 units need 1.5 px per unit
    }
}

TEST_CASE("at 1366x768 the keyboard's Done closes the keyboard and never opens a guide beneath it", "[ui][layout]") {
    Kiosk k(kConfig, hall::test::KioskOptions{.data_dir = "", .load_on_demand = false, .width = 1366, .height = 768});
    k.tap("#home.guides");
    k.tap("#guides.search");
    k.driver->type("证");
    REQUIRE(k.app->guides_state().typing);
    REQUIRE(k.app->guides_state().results.size() > 3);
    // Every result card a finger can reach lies above the keyboard.
    const auto& reg = k.app->registry();
    REQUIRE(reg.layers().size() == 1);
    const auto& kb = reg.layers()[0];
    int reachable = 0;
    for (const auto& w : reg.widgets()) {
        if (w.layer != 0 || !w.tappable) continue;
        const float visible_bottom = std::min(w.max.y, w.clip_max.y);
        if (visible_bottom <= w.clip_min.y) continue;  // scrolled out of sight
        ++reachable;
        INFO(w.key << " ends at " << visible_bottom << ", keyboard starts at " << kb.min.y);
        CHECK((visible_bottom <= kb.min.y + 1 || w.max.x <= kb.min.x || w.min.x >= kb.max.x));
    }
    CHECK(reachable > 0);  // the result cards and the top bar were looked at, not nothing
    k.tap("#key.done");
    CHECK(k.app->screen() == Screen::Guides);
    CHECK_FALSE(k.app->guides_state().typing);
    CHECK(layout_problems(k, "guides").empty());
}

TEST_CASE("a tap on the keyboard goes to the key even where a target lies beneath it", "[ui][layout]") {
    // The keyboard is its own layer: tap every key of the letter rows on the guides screen,
    // whose result list ran under the keyboard before; only the query changes.
    Kiosk k(kConfig, hall::test::KioskOptions{.data_dir = "", .load_on_demand = false, .width = 1366, .height = 768});
    k.tap("#home.guides");
    k.tap("#guides.search");
    k.tap("#key.letters");
    for (const char* key : {"#key.q", "#key.a", "#key.z", "#key.m", "#key.l", "#key.p"}) k.tap(key);
    CHECK(k.app->screen() == Screen::Guides);
    CHECK(k.app->guides_state().query == "qazmlp");
}

TEST_CASE("portrait Home stacks the three entries over the whole screen", "[ui][layout]") {
    Kiosk k(kConfig, hall::test::KioskOptions{.data_dir = "", .load_on_demand = false, .width = 1080, .height = 1920});
    REQUIRE(k.app->layout().portrait);
    const auto& reg = k.app->registry();
    const ui::WidgetInfo* cards[3] = {reg.find("#home.guides").widget, reg.find("#home.queue").widget, reg.find("#home.feedback").widget};
    for (auto* c : cards) REQUIRE(c);
    for (int i = 0; i < 2; ++i) CHECK(cards[i]->max.y <= cards[i + 1]->min.y);  // stacked, in order
    for (auto* c : cards) CHECK(c->max.x - c->min.x > 900);                      // full width
    // Together they fill the middle of the screen: no empty lower half.
    CHECK(cards[2]->max.y > 1920 * 0.8f);
    CHECK(cards[0]->min.y < 1920 * 0.3f);
    CHECK(layout_problems(k, "home").empty());
    k.tap("#home.queue");
    CHECK(k.app->screen() == Screen::Queue);
}

TEST_CASE("the guide screen's title is clear of the language buttons on a portrait panel", "[ui][layout]") {
    Kiosk k(kConfig, hall::test::KioskOptions{.data_dir = "", .load_on_demand = false, .width = 1080, .height = 1920});
    k.tap("#lang.en");
    k.tap("#common.large_text");
    k.tap("#home.guides");
    const auto& reg = k.app->registry();
    const ui::TextInfo* title = nullptr;
    for (const auto& t : reg.texts())
        if (t.panel == "top_bar.title") title = &t;
    REQUIRE(title);
    int lang_buttons = 0;
    for (const auto& w : reg.widgets()) {
        if (!w.tappable || w.key.rfind("lang.", 0) != 0) continue;
        ++lang_buttons;
        INFO(w.key);
        CHECK((title->max.x <= w.min.x || title->min.x >= w.max.x || title->max.y <= w.min.y || title->min.y >= w.max.y));
    }
    CHECK(lang_buttons == 3);  // 简 繁 EN: all three were checked
    CHECK(layout_problems(k, "guides").empty());
}

TEST_CASE("at 1280x720 (cage's headless output) the clock and all three Home entries are on screen", "[ui][layout]") {
    Kiosk k(kConfig, hall::test::KioskOptions{.data_dir = "", .load_on_demand = false, .width = 1280, .height = 720});
    const auto& reg = k.app->registry();
    const ui::Layout& l = k.app->layout();
    for (const char* key : {"#home.guides", "#home.queue", "#home.feedback"}) {
        const auto* w = reg.find(key).widget;
        REQUIRE(w);
        CHECK(w->max.x <= l.width() + 1);
        CHECK(w->max.y <= l.height() + 1);
    }
    bool clock_seen = false;
    for (const auto& t : reg.texts())
        if (t.text.size() == 5 && t.text[2] == ':') {
            clock_seen = true;
            CHECK(t.max.x <= l.width() + 1);
        }
    CHECK(clock_seen);
    CHECK(layout_problems(k, "home").empty());
}

TEST_CASE("the layout check finds what it is for", "[ui][layout]") {
    // A registry drawn wrong on purpose: the check must name each fault.
    ui::Registry reg;
    reg.begin_frame();
    auto target = [&](const char* key, ImVec2 a, ImVec2 b) {
        ui::WidgetInfo w;
        w.key = key;
        w.label = key;
        w.min = a;
        w.max = b;
        w.clip_min = ImVec2(0, 0);
        w.clip_max = ImVec2(1920, 1080);
        reg.add(w);
    };
    target("a", ImVec2(100, 100), ImVec2(300, 200));
    target("b", ImVec2(250, 150), ImVec2(400, 250));     // overlaps a
    target("tiny", ImVec2(500, 100), ImVec2(530, 200));  // 30 wide
    target("off", ImVec2(1850, 100), ImVec2(2000, 200)); // past the right edge
    ui::TextInfo t;
    t.text = "cut";
    t.min = ImVec2(600, 100);
    t.max = ImVec2(800, 130);
    t.panel = "box";
    t.panel_min = ImVec2(600, 100);
    t.panel_max = ImVec2(700, 180);
    t.clip_min = ImVec2(0, 0);
    t.clip_max = ImVec2(1920, 1080);
    t.font_size = 30;
    reg.add_text(t);
    t.text = "small";
    t.min = ImVec2(900, 100);
    t.max = ImVec2(950, 110);
    t.panel.clear();
    t.panel_min = ImVec2(0, 0);
    t.panel_max = ImVec2(1920, 1080);
    t.font_size = 10;
    reg.add_text(t);
    ui::Layout l;
    const std::string found = joined(ui::check_layout(reg, l));
    INFO(found);
    CHECK(found.find("targets 'a' (#a) and 'b' (#b) overlap") != std::string::npos);
    CHECK(found.find("'tiny' (#tiny)") != std::string::npos);
    CHECK(found.find("'off' (#off)") != std::string::npos);
    CHECK(found.find("text 'cut'") != std::string::npos);
    CHECK(found.find("text 'small' is 10 dp") != std::string::npos);
    // Two layers: the same overlap is fine when b is in a window above a.
    ui::Registry layered;
    layered.begin_frame();
    ui::WidgetInfo a, b;
    a.key = a.label = "a";
    a.min = ImVec2(100, 100);
    a.max = ImVec2(300, 200);
    a.clip_min = ImVec2(0, 0);
    a.clip_max = ImVec2(1920, 1080);
    b = a;
    b.key = b.label = "b";
    b.min = ImVec2(250, 150);
    b.max = ImVec2(400, 250);
    b.layer = layered.add_layer({"keyboard", ImVec2(200, 140), ImVec2(500, 300)});
    layered.add(a);
    layered.add(b);
    CHECK(ui::check_layout(layered, l).empty());
}
