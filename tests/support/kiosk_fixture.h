#pragma once
// The real kiosk App on the headless platform with a hand-driven clock, in a fresh data
// folder, driven by finger events through the same input path as a touch panel. Built once
// (library hall_test_kiosk) for every suite that drives the kiosk.
//
// Every helper that taps, holds, types or looks for text fails the test with the driver's
// own message ("not found: 'X'; tappable now: ..."), so a failing step shows why.
#include <SDL.h>

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "support/feedback.h"
#include "support/fixtures.h"
#include "support/handwriting.h"
#include "ui/app.h"
#include "ui/driver.h"
#include "ui/platform.h"

namespace hall::test {

struct KioskOptions {
    std::string data_dir;          // empty: a fresh folder of its own
    bool load_on_demand = false;   // the kiosk's mode: IME engines and atlas growth on workers
    int width = 1920, height = 1080;  // the window the kiosk lays out for
};

// The demo hall's configuration file.
std::string demo_config_path();

// A finger event at window pixel (x, y), as SDL delivers a touch panel's (normalised).
SDL_Event finger_event(Uint32 type, float x, float y, const ui::Platform& platform, SDL_FingerID finger = 1);

struct Kiosk {
    TempDir dir;
    ui::ManualClock clock{1'764'000'000'000};
    Config config;
    std::unique_ptr<ui::Platform> platform;
    std::unique_ptr<ui::App> app;
    std::unique_ptr<ui::Driver> driver;

    explicit Kiosk(const std::string& config_path = demo_config_path(), const KioskOptions& options = {});
    ~Kiosk();

    // Taps (holds) the widget; fails the test with the driver's message when it cannot.
    void tap(const std::string& query);
    void hold(const std::string& query, int ms);
    // Types on the on-screen keyboard through finger taps.
    void keys(const std::string& text);
    // True when the text is (present) or is not (!present) on screen; when not, the driver's
    // message is logged with the test's next check.
    bool shows(const std::string& text, bool present = true);

    // Single-integer query against the kiosk's SQLite; fails the test when there is no row.
    std::int64_t count(const std::string& sql);

    // The visible label of the widget with this key (no '#'), empty when it is not drawn.
    std::string label(const std::string& key) const;
    bool shown(const std::string& key) const;
    // How many tappable widgets the last frame drew (a screen with none cannot be checked).
    int tappable_count() const;

    // The feedback text field by the shortest path: the hall as the window, broken equipment,
    // a basic rating. From Home, or (from_home false) from the window step.
    void open_feedback_text(bool from_home = true);
    // Draws frames until the IME engines loading on a worker are in (bounded: 60 s).
    void wait_for_ime();

    // One finger event pushed through SDL, then a frame.
    void finger(Uint32 type, float x, float y, SDL_FingerID id = 1);
    // The keyboard's candidate bar, left to right.
    std::vector<std::string> candidate_labels() const;
    // Writes a fixture character on the handwriting pad with one finger, a frame per point.
    void write_on_pad(const WrittenCharacter& ch);
};

}  // namespace hall::test
