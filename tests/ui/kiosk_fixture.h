#pragma once
// The real kiosk App on the headless platform with a hand-driven clock, in a fresh data
// folder, driven by finger events through the same input path as a touch panel.
#include <memory>
#include <string>

#include "config/config.h"
#include "ui/app.h"
#include "ui/driver.h"
#include "ui/platform.h"
#include "unit/fixtures.h"

namespace hall::test {

struct KioskOptions {
    std::string data_dir;          // empty: a fresh folder of its own
    bool load_on_demand = false;   // the kiosk's mode: IME engines and atlas growth on workers
    int width = 1920, height = 1080;  // the window the kiosk lays out for
};

struct Kiosk {
    TempDir dir;
    ui::ManualClock clock{1'764'000'000'000};
    Config config;
    std::unique_ptr<ui::Platform> platform;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<ui::Driver> driver;

    explicit Kiosk(const std::string& config_path = std::string(HALL_TEST_CONFIG) + "/demo-hall.toml", const KioskOptions& options = {});
    ~Kiosk();

    // Taps and fails the test with the driver's message when the widget is missing.
    void tap(const std::string& query);
    void keys(const std::string& text);
    std::int64_t count(const std::string& sql);  // single-integer query against the kiosk's SQLite
};

}  // namespace hall::test
