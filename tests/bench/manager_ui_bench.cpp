// Manager screens benchmark: the real App, headless, with N feedback records in its store;
// unlocks manager mode through the PIN pad, then measures the CPU time of every frame while
// a finger scrolls the list and while filters are tapped. Prints `name value unit` lines.
// Not a ctest test.
//
//   manager_ui_bench [--quick] [--rows N]
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/demo_feedback.h"
#include "core/ids.h"
#include "manager/pin.h"
#include "store/feedback_store.h"
#include "store/migrations.h"
#include "ui/app.h"
#include "ui/driver.h"
#include "support/config_text.h"
#include "support/kiosk_fixture.h"
#include "ui/platform.h"

using namespace hall;
namespace fs = std::filesystem;

namespace {

struct Frames {
    std::vector<double> ms;
    double pct(double p) {
        if (ms.empty()) return 0;
        std::sort(ms.begin(), ms.end());
        return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
    }
};

void finger(ui::Platform& p, Uint32 type, float x, float y) {
    SDL_Event e = test::finger_event(type, x, y, p);
    SDL_PushEvent(&e);
}

// One frame through the driver, its CPU time as the App measures it (screens + ImGui).
double timed_frame(ui::App& app, ui::Driver& d) {
    const double before = app.frame_cpu_ms_total();
    d.frame();
    return app.frame_cpu_ms_total() - before;
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    int rows = 100000;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) rows = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: manager_ui_bench [--quick] [--rows N]\n");
            return 2;
        }
    }
    if (quick && rows == 100000) rows = 20000;  // filling the store dominates a quick run
    const fs::path tmp = fs::temp_directory_path() / ("hall-manager-ui-bench-" + new_uuid().substr(0, 8));
    fs::create_directories(tmp / "data");
    int rc = 0;
    try {
        const std::string cfg = (tmp / "hall.toml").string();
        std::ofstream(cfg) << with_pin_hash(test::demo_hall_toml(), hash_pin("2468"));
        auto loaded = load_config_file(cfg);
        if (!loaded.ok()) throw std::runtime_error(loaded.errors.front());
        {
            Db db((tmp / "data" / "kiosk.sqlite").string());
            migrate(db);
            db.exec("PRAGMA synchronous=OFF");
            const auto t0 = std::chrono::steady_clock::now();
            FeedbackStore store(db);
            for (int done = 0; done < rows; done += 10000)
                store.insert_many(make_demo_feedback(loaded.config.hall, "kiosk-01", static_cast<std::size_t>(std::min(10000, rows - done)),
                                                     static_cast<std::uint32_t>(done + 1), std::chrono::system_clock::now()),
                                  false);
            std::printf("fill_seconds %.3f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        ui::ManualClock clock(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
        ui::PlatformOptions o;
        o.headless = true;
        auto platform = ui::Platform::create(o);
        std::vector<std::string> errors;
        auto app = std::make_unique<ui::App>(loaded.config, ui::AppPaths{HALL_SOURCE_ASSETS, (tmp / "data").string()}, clock);
        if (!app->init(errors) || !platform->open(*app, errors)) throw std::runtime_error(errors.empty() ? "init" : errors.front());
        {
            ui::Driver d(*app, *platform, &clock);
            std::string err;
            d.frames(3);
            if (!d.hold("#manager.corner", 3200, err)) throw std::runtime_error(err);
            for (const char* k : {"#pin.digit.2", "#pin.digit.4", "#pin.digit.6", "#pin.digit.8", "#manager.pin.ok"})
                if (!d.tap(k, err)) throw std::runtime_error(err);
            if (!app->manager().unlocked()) throw std::runtime_error("PIN did not open manager mode");
            for (int i = 0; i < 400 && app->manager().busy(); ++i) d.frame();
            std::printf("records %lld rows\n", static_cast<long long>(app->manager().store().count({})));

            // Scrolling: a finger drags the list up, 12 px a frame, lifts, and again.
            const auto* region = [&]() -> const ui::ScrollRegionInfo* {
                for (const auto& r : app->registry().regions())
                    if (r.key == "manager.list") return &r;
                return nullptr;
            }();
            if (!region) throw std::runtime_error("no manager.list region");
            const float x = (region->min.x + region->max.x) / 2, y0 = region->max.y - 40;
            Frames scroll;
            const int strokes = quick ? 20 : 120;
            for (int s = 0; s < strokes; ++s) {
                finger(*platform, SDL_FINGERDOWN, x, y0);
                scroll.ms.push_back(timed_frame(*app, d));
                for (int f = 1; f <= 40; ++f) {
                    finger(*platform, SDL_FINGERMOTION, x, y0 - 12.f * static_cast<float>(f));
                    scroll.ms.push_back(timed_frame(*app, d));
                }
                finger(*platform, SDL_FINGERUP, x, y0 - 480);
                scroll.ms.push_back(timed_frame(*app, d));
            }
            std::printf("scroll_frames %zu frames\n", scroll.ms.size());
            std::printf("scroll_frame_cpu_p50 %.3f ms\n", scroll.pct(0.5));
            std::printf("scroll_frame_cpu_p99 %.3f ms\n", scroll.pct(0.99));
            std::printf("scroll_frame_cpu_max %.3f ms\n", scroll.pct(1.0));

            // Filters: tap the window group, then each window in turn, then each state.
            Frames filter;
            const auto tap_timed = [&](const std::string& key) {
                for (const auto& w : app->registry().widgets())
                    if (w.key == key) {
                        finger(*platform, SDL_FINGERDOWN, w.centre().x, w.centre().y);
                        filter.ms.push_back(timed_frame(*app, d));
                        finger(*platform, SDL_FINGERUP, w.centre().x, w.centre().y);
                        for (int f = 0; f < 4; ++f) filter.ms.push_back(timed_frame(*app, d));
                        for (int i = 0; i < 400 && app->manager().busy(); ++i) filter.ms.push_back(timed_frame(*app, d));
                        return;
                    }
                throw std::runtime_error("not drawn: " + key);
            };
            tap_timed("manager.filter.window");
            for (const auto& w : loaded.config.hall.windows) tap_timed("manager.filter.window." + w.id);
            tap_timed("manager.filter.all_windows");
            tap_timed("manager.filter.state");
            for (const char* s : {"manager.filter.state.verifying", "manager.filter.state.new", "manager.filter.overdue",
                                  "manager.filter.all_states"})
                tap_timed(s);
            tap_timed("manager.filter.rating");
            tap_timed("manager.filter.bad_only");
            tap_timed("manager.filter.all_ratings");
            std::printf("filter_frames %zu frames\n", filter.ms.size());
            std::printf("filter_frame_cpu_p50 %.3f ms\n", filter.pct(0.5));
            std::printf("filter_frame_cpu_p99 %.3f ms\n", filter.pct(0.99));
            std::printf("filter_frame_cpu_max %.3f ms\n", filter.pct(1.0));
        }
        app.reset();
        platform.reset();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "manager_ui_bench: %s\n", e.what());
        rc = 1;
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return rc;
}
