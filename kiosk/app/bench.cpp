#include "app/bench.h"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <ctime>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/driver.h"
#include "ui/platform.h"

namespace hall::app {
namespace {

double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double wall_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

// The real main loop for a fixed time, untouched; returns frames drawn. Tracks the longest
// frame (input to presented) in *longest_ms when given.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

std::uint64_t idle_for(ui::App& app, ui::Platform& platform, double seconds, double* longest_ms = nullptr,
                       double* longest_cpu_ms = nullptr, double* max_cpu_ms = nullptr, std::string* longest_steps = nullptr) {
    const std::uint64_t before = app.frames_drawn();
    const double end = wall_seconds() + seconds;
    while (wall_seconds() < end) {
        const int left_ms = static_cast<int>((end - wall_seconds()) * 1000) + 1;
        const int timeout = app.needs_frame() ? 0 : static_cast<int>(std::min<std::int64_t>({app.ms_until_next_change(), 1000, left_ms}));
        platform.pump(app, timeout);
        if (!app.needs_frame()) continue;
        const double t0 = wall_seconds(), c0 = thread_cpu_ms();
        platform.begin_frame(app);
        app.frame();
        platform.end_frame(app);
        const double ms = (wall_seconds() - t0) * 1000.0;
        const double cpu = thread_cpu_ms() - c0;
        if (longest_ms && ms > *longest_ms) {
            *longest_ms = ms;
            if (longest_cpu_ms) *longest_cpu_ms = cpu;
            if (longest_steps) *longest_steps = platform.last_frame_steps();
        }
        if (max_cpu_ms) *max_cpu_ms = std::max(*max_cpu_ms, cpu);
    }
    return app.frames_drawn() - before;
}

// For profiling memory: the environment variable names a file for this moment's /proc/self/smaps.
void keep_smaps(const char* variable) {
    if (const char* out = std::getenv(variable)) {
        std::ifstream in("/proc/self/smaps");
        std::ofstream(out) << in.rdbuf();
    }
}

bool fail(const std::string& err) {
    std::fprintf(stderr, "bench: %s\n", err.c_str());
    return false;
}

// Pinyin and handwriting once in the feedback comment field, at a person's pace; returns the
// longest frame (the atlas grows for every new candidate page) and says on stderr which step
// drew it.
bool use_ime_keyboards(ui::App& app, ui::Platform& platform, ui::Driver& driver, double& longest_ms, double& max_cpu_ms) {
    std::string err;
    for (const char* k : {"#common.home", "#home.feedback", "#feedback.window.hall", "#feedback.next", "#category.broken_equipment",
                          "#feedback.next", "#rate.overall.basic", "#feedback.next", "#feedback.text"})
        if (!driver.tap(k, err)) return fail(err);
    driver.set_human_speed(true);
    std::string worst;
    // One citizen's action and the 0.3 s after it, as the real loop draws them.
    auto step = [&](const std::string& what, auto&& action) {
        driver.reset_longest_frame();
        double idle_longest = 0, idle_cpu = 0;
        std::string idle_steps;
        const bool ok = action();
        idle_for(app, platform, 0.3, &idle_longest, &idle_cpu, &max_cpu_ms, &idle_steps);
        max_cpu_ms = std::max(max_cpu_ms, driver.max_frame_cpu_ms());
        const double m = std::max(driver.longest_frame_ms(), idle_longest);
        if (m > longest_ms) {
            longest_ms = m;
            worst = what + (driver.longest_frame_ms() >= idle_longest
                                ? " (UI thread CPU " + std::to_string(static_cast<int>(driver.longest_frame_cpu_ms())) + " ms)"
                                : " (a frame after it, UI thread CPU " + std::to_string(static_cast<int>(idle_cpu)) + " ms)");
            // Where that frame's wall time went, step by step (ms).
            const std::string& steps = driver.longest_frame_ms() >= idle_longest ? driver.longest_frame_steps() : idle_steps;
            if (!steps.empty()) worst += "; steps: " + steps;
        }
        return ok;
    };
    // The engines may still be loading: a person reads the form before typing.
    // (The loader started when the feedback screen opened; a person takes seconds to get here.)
    step("reading the form", [&] {
        for (int i = 0; i < 200 && app.ime_loading(); ++i) idle_for(app, platform, 0.05);
        return true;
    });
    // Single syllables: many pages of candidates, most of them rare characters.
    for (const char* word : {"shi", "ji", "yu"}) {
        for (const char* c = word; *c; ++c)
            if (!step(std::string("key ") + *c, [&] { return driver.tap(std::string("#key.") + *c, err); })) return fail(err);
        // Later pages hold rarer characters, which the atlas does not have yet.
        for (int page = 0; page < 4; ++page)
            if (!step("next page", [&] { return driver.tap("#key.page_down", err); })) break;   // the last page
        if (!step("pick", [&] { return driver.tap("#key.cand.0", err); })) return fail(err);
    }
    if (!step("handwriting mode", [&] { return driver.tap("#key.handwriting", err); })) return fail(err);
    // Two characters by finger: 十 (two strokes) and 口 (four), then the first candidate.
    for (int ch = 0; ch < 2; ++ch) {
        const auto pad = app.registry().find("#key.pad");
        if (!pad.widget) return fail(pad.error);
        const ImVec2 a = pad.widget->min, b = pad.widget->max;
        const float cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2, r = std::min(b.x - a.x, b.y - a.y) * 0.3f;
        step("writing", [&] {
            if (ch == 0) {
                driver.drag(cx - r, cy, 2 * r, 0);
                driver.drag(cx, cy - r, 0, 2 * r);
            } else {
                driver.drag(cx - r, cy - r, 0, 2 * r);
                driver.drag(cx - r, cy - r, 2 * r, 0);
                driver.drag(cx + r, cy - r, 0, 2 * r);
                driver.drag(cx - r, cy + r, 2 * r, 0);
            }
            return true;
        });
        if (!step("pick", [&] { return driver.tap("#key.cand.0", err); })) return fail(err);
    }
    driver.set_human_speed(false);
    std::fprintf(stderr, "bench: the longest IME frame (%.0f ms) came with: %s\n", longest_ms, worst.c_str());
    return true;
}

}  // namespace

double ms_since_process_start() { return ui::ms_since_process_start(); }

int run_bench(ui::App& app, ui::Platform& platform, ui::StartupProfile& profile, BenchClock& clock, bool quick, bool startup_only) {
    // First frame: everything up to a presented frame.
    platform.pump(app, 0);
    platform.begin_frame(app);
    app.frame();
    platform.end_frame(app);
    profile.mark("first_frame");
    const double first_frame = ms_since_process_start();
    for (const auto& [name, ms] : profile.phases()) std::printf("phase_%s_ms %.1f ms\n", name.c_str(), ms);
    std::printf("first_frame_ms %.0f ms\n", first_frame);
    const auto& fs = app.fonts().stats();
    std::printf("atlas_width %d px\natlas_height %d px\natlas_glyphs %d glyphs\natlas_build_ms %.1f ms\n", fs.atlas_width,
                fs.atlas_height, fs.glyphs, fs.build_ms);
    std::printf("pss_first_frame_mb %.1f MB\n", ui::pss_mb());
    std::fflush(stdout);
    if (startup_only) return 0;

    ui::Driver driver(app, platform, nullptr);
    std::string err;

    // Untouched on Home until 10 s after start (the memory figure of the goals table).
    double c0 = cpu_seconds();
    double w0 = wall_seconds();
    std::uint64_t frames = idle_for(app, platform, std::max(1.0, 10.0 - ms_since_process_start() / 1000.0));
    std::printf("idle_home_cpu_percent %.2f %%\nidle_home_frames %llu frames\n", (cpu_seconds() - c0) / (wall_seconds() - w0) * 100.0,
                static_cast<unsigned long long>(frames));
    std::printf("pss_home_10s_mb %.1f MB\n", ui::pss_mb());
    keep_smaps("HALL_BENCH_SMAPS_HOME");
    std::fflush(stdout);

    // Untouched on the queue board (the feed changes every few seconds).
    const double idle_s = quick ? 5.0 : 30.0;
    if (!driver.tap("#home.queue", err)) return fail(err), 1;
    idle_for(app, platform, 0.5);
    c0 = cpu_seconds();
    frames = idle_for(app, platform, idle_s);
    std::printf("idle_queue_cpu_percent %.2f %%\nidle_queue_frames %llu frames\n", (cpu_seconds() - c0) / idle_s * 100.0,
                static_cast<unsigned long long>(frames));
    std::fflush(stdout);

    // Typing a guide search on the on-screen keyboard: CPU per frame while results follow.
    if (!driver.tap("#common.home", err) || !driver.tap("#home.guides", err) || !driver.tap("#guides.search", err)) return fail(err), 1;
    const std::string query = quick ? "shebao" : "shehuibaozhangka";
    const std::uint64_t f0 = app.frames_drawn();
    const double ui0 = app.frame_cpu_ms_total();
    c0 = cpu_seconds();
    w0 = wall_seconds();
    if (!driver.type_keys(query, err)) return fail(err), 1;
    const double typed_frames = static_cast<double>(app.frames_drawn() - f0);
    // Whole process (Mesa's software rasteriser included) and the UI's own share.
    std::printf("typing_cpu_per_frame_ms %.2f ms\ntyping_ui_cpu_per_frame_ms %.2f ms\ntyping_wall_per_frame_ms %.2f ms\n",
                (cpu_seconds() - c0) * 1000.0 / typed_frames, (app.frame_cpu_ms_total() - ui0) / typed_frames,
                (wall_seconds() - w0) * 1000.0 / typed_frames);
    std::fflush(stdout);

    // Pinyin and handwriting once: the longest frame while new characters reach the atlas,
    // memory with the engines in use, and after the idle reset has sent the kiosk home.
    double longest = 0, max_cpu = 0;
    if (!use_ime_keyboards(app, platform, driver, longest, max_cpu)) return 1;
    std::printf("ime_longest_frame_ms %.1f ms\n", longest);
    // The UI thread's own work in its heaviest frame: what the frame costs without the wait
    // for a loaded machine's other processes (the wall figure above includes that wait).
    std::printf("ime_max_frame_ui_cpu_ms %.1f ms\n", max_cpu);
    idle_for(app, platform, 1.0);
    std::printf("pss_after_ime_mb %.1f MB\n", ui::pss_mb());
    keep_smaps("HALL_BENCH_SMAPS_IME");
    std::fflush(stdout);
    const auto& k = app.config().kiosk;
    clock.skip((k.idle_timeout_s + k.idle_countdown_s) * 1000LL + 1000);
    idle_for(app, platform, 2.0);
    if (app.screen() != ui::Screen::Home) return fail("the idle reset did not return to Home"), 1;
    std::printf("pss_after_idle_reset_mb %.1f MB\n", ui::pss_mb());
    // For profiling memory: HALL_BENCH_SMAPS=FILE keeps this moment's /proc/self/smaps.
    keep_smaps("HALL_BENCH_SMAPS");

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak_rss_mb %.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}

}  // namespace hall::app
