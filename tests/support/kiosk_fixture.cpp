#include "support/kiosk_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include "support/query.h"

namespace hall::test {

std::string demo_config_path() { return std::string(HALL_TEST_CONFIG) + "/demo-hall.toml"; }

Kiosk::Kiosk(const std::string& config_path, const KioskOptions& options) {
    auto c = load_config_file(config_path);
    for (const auto& e : c.errors) UNSCOPED_INFO(config_path << ": " << e);
    REQUIRE(c.ok());
    config = c.config;
    ui::PlatformOptions o;
    o.headless = true;
    o.width = options.width;
    o.height = options.height;
    platform = ui::Platform::create(o);
    app = std::make_unique<ui::App>(config, ui::AppPaths{HALL_TEST_ASSETS, options.data_dir.empty() ? dir.file("data") : options.data_dir},
                                    clock);
    app->set_load_on_demand(options.load_on_demand);
    std::vector<std::string> errors;
    const bool ok = app->init(errors);
    for (const auto& e : errors) UNSCOPED_INFO(e);
    REQUIRE(ok);
    REQUIRE(errors.empty());
    REQUIRE(platform->open(*app, errors));
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    driver = std::make_unique<ui::Driver>(*app, *platform, &clock);
    driver->frames(3);
}

Kiosk::~Kiosk() {
    driver.reset();
    app.reset();  // before the platform: it owns the ImGui context
    platform.reset();
}

namespace {
// Ends the test when a driver step failed, with the step and the driver's own message.
void require_step(bool ok, const std::string& step, const std::string& driver_error) {
    INFO(step << ": " << driver_error);
    REQUIRE(ok);
}
}  // namespace

void Kiosk::tap(const std::string& query) {
    std::string err;
    require_step(driver->tap(query, err), "tap " + query, err);
}

void Kiosk::hold(const std::string& query, int ms) {
    std::string err;
    require_step(driver->hold(query, ms, err), "hold " + query + " for " + std::to_string(ms) + " ms", err);
}

void Kiosk::keys(const std::string& text) {
    std::string err;
    require_step(driver->type_keys(text, err), "keys " + text, err);
}

bool Kiosk::shows(const std::string& text, bool present) {
    std::string err;
    const bool ok = driver->expect_text(text, present, err);
    if (!ok) UNSCOPED_INFO((present ? "expected on screen: " : "expected gone: ") << text << ": " << err);
    return ok;
}

std::int64_t Kiosk::count(const std::string& sql) { return scalar(app->db(), sql); }

std::string Kiosk::label(const std::string& key) const {
    for (const auto& w : app->registry().widgets())
        if (w.key == key) return w.label;
    return "";
}

bool Kiosk::shown(const std::string& key) const {
    const auto& ws = app->registry().widgets();
    return std::any_of(ws.begin(), ws.end(), [&](const ui::WidgetInfo& w) { return w.key == key; });
}

int Kiosk::tappable_count() const {
    const auto& ws = app->registry().widgets();
    return static_cast<int>(std::count_if(ws.begin(), ws.end(), [](const ui::WidgetInfo& w) { return w.tappable; }));
}

void Kiosk::open_feedback_text(bool from_home) {
    if (from_home) tap("#home.feedback");
    for (const char* q : {"#feedback.window.hall", "#feedback.next", "#category.broken_equipment", "#feedback.next",
                          "#rate.overall.basic", "#feedback.next", "#feedback.text"})
        tap(q);
}

void Kiosk::wait_for_ime() {
    // Bounded: 60 s under a loaded CI machine (a first start also deploys the schemas).
    for (int i = 0; i < 6000 && app->ime_loading(); ++i) {
        SDL_Delay(10);
        driver->frame();
    }
    REQUIRE_FALSE(app->ime_loading());
    driver->frames(2);
}

void Kiosk::finger(Uint32 type, float x, float y, SDL_FingerID id) {
    SDL_Event e = finger_event(type, x, y, *platform, id);
    SDL_PushEvent(&e);
    driver->frame();
}

std::vector<std::string> Kiosk::candidate_labels() const {
    std::vector<std::string> out;
    for (int i = 0; i < 9; ++i) {
        const auto found = app->registry().find("#key.cand." + std::to_string(i));
        if (!found.widget) break;
        out.push_back(found.widget->label);
    }
    return out;
}

void Kiosk::write_on_pad(const WrittenCharacter& ch) {
    const auto pad = app->registry().find("#key.pad");
    INFO(pad.error);
    REQUIRE(pad.widget);
    const ImVec2 min = pad.widget->min, max = pad.widget->max;
    const float side = std::min(max.x - min.x, max.y - min.y) * 0.9f;
    const float scale = side / std::max(ch.width, ch.height);
    const float ox = (min.x + max.x - side) / 2, oy = (min.y + max.y - side) / 2;
    for (const auto& stroke : ch.strokes) {
        finger(SDL_FINGERDOWN, ox + stroke[0].x * scale, oy + stroke[0].y * scale);
        for (std::size_t i = 1; i < stroke.size(); ++i) finger(SDL_FINGERMOTION, ox + stroke[i].x * scale, oy + stroke[i].y * scale);
        finger(SDL_FINGERUP, ox + stroke.back().x * scale, oy + stroke.back().y * scale);
        driver->frames(2);
    }
}

}  // namespace hall::test
