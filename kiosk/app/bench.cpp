#include "app/bench.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
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

// The real main loop for a fixed time, untouched; returns frames drawn.
std::uint64_t idle_for(ui::App& app, ui::Platform& platform, double seconds) {
    const std::uint64_t before = app.frames_drawn();
    const double end = wall_seconds() + seconds;
    while (wall_seconds() < end) {
        const int left_ms = static_cast<int>((end - wall_seconds()) * 1000) + 1;
        const int timeout = app.needs_frame() ? 0 : static_cast<int>(std::min<std::int64_t>({app.ms_until_next_change(), 1000, left_ms}));
        platform.pump(app, timeout);
        if (!app.needs_frame()) continue;
        platform.begin_frame(app);
        app.frame();
        platform.end_frame(app);
    }
    return app.frames_drawn() - before;
}

}  // namespace

double ms_since_process_start() {
    std::ifstream in("/proc/self/stat");
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = content.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream rest(content.substr(close + 2));
    std::string field;
    // Fields after the command name start at field 3; starttime is field 22.
    for (int i = 3; i <= 22 && rest >> field; ++i) {
    }
    const double start_s = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return (ts.tv_sec + ts.tv_nsec / 1e9 - start_s) * 1000.0;
}

int run_bench(ui::App& app, ui::Platform& platform, bool quick) {
    // First frame: everything up to a presented frame.
    platform.pump(app, 0);
    platform.begin_frame(app);
    app.frame();
    platform.end_frame(app);
    std::printf("first_frame_ms %.0f ms\n", ms_since_process_start());
    const auto& fs = app.fonts().stats();
    std::printf("atlas_width %d px\natlas_height %d px\natlas_glyphs %d glyphs\natlas_build_ms %.1f ms\n", fs.atlas_width,
                fs.atlas_height, fs.glyphs, fs.build_ms);
    std::fflush(stdout);

    const double idle_s = quick ? 5.0 : 30.0;
    ui::Driver driver(app, platform, nullptr);
    std::string err;

    // Untouched on Home.
    double c0 = cpu_seconds();
    std::uint64_t frames = idle_for(app, platform, idle_s);
    std::printf("idle_home_cpu_percent %.2f %%\nidle_home_frames %llu frames\n", (cpu_seconds() - c0) / idle_s * 100.0,
                static_cast<unsigned long long>(frames));
    std::fflush(stdout);

    // Untouched on the queue board (the feed changes every few seconds).
    if (!driver.tap("#home.queue", err)) {
        std::fprintf(stderr, "bench: %s\n", err.c_str());
        return 1;
    }
    idle_for(app, platform, 0.5);
    c0 = cpu_seconds();
    frames = idle_for(app, platform, idle_s);
    std::printf("idle_queue_cpu_percent %.2f %%\nidle_queue_frames %llu frames\n", (cpu_seconds() - c0) / idle_s * 100.0,
                static_cast<unsigned long long>(frames));
    std::fflush(stdout);

    // Typing a guide search on the on-screen keyboard: CPU per frame while results follow.
    if (!driver.tap("#common.home", err) || !driver.tap("#home.guides", err) || !driver.tap("#guides.search", err)) {
        std::fprintf(stderr, "bench: %s\n", err.c_str());
        return 1;
    }
    const std::string query = quick ? "shebao" : "shehuibaozhangka";
    const std::uint64_t f0 = app.frames_drawn();
    const double ui0 = app.frame_cpu_ms_total();
    c0 = cpu_seconds();
    const double w0 = wall_seconds();
    if (!driver.type_keys(query, err)) {
        std::fprintf(stderr, "bench: %s\n", err.c_str());
        return 1;
    }
    const double typed_frames = static_cast<double>(app.frames_drawn() - f0);
    // Whole process (Mesa's software rasteriser included) and the UI's own share.
    std::printf("typing_cpu_per_frame_ms %.2f ms\ntyping_ui_cpu_per_frame_ms %.2f ms\ntyping_wall_per_frame_ms %.2f ms\n",
                (cpu_seconds() - c0) * 1000.0 / typed_frames, (app.frame_cpu_ms_total() - ui0) / typed_frames,
                (wall_seconds() - w0) * 1000.0 / typed_frames);

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak_rss_mb %.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}

}  // namespace hall::app
