#include "ui/kiosk_fixture.h"

#include <catch2/catch.hpp>

namespace hall::test {

Kiosk::Kiosk(const std::string& config_path, const KioskOptions& options) {
    auto c = load_config_file(config_path);
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

void Kiosk::tap(const std::string& query) {
    std::string err;
    INFO("tap " << query);
    REQUIRE(driver->tap(query, err));
}

void Kiosk::keys(const std::string& text) {
    std::string err;
    INFO("keys " << text);
    REQUIRE(driver->type_keys(text, err));
}

std::int64_t Kiosk::count(const std::string& sql) {
    auto st = app->db().prepare(sql);
    REQUIRE(st.step());
    return st.i64(0);
}

}  // namespace hall::test
