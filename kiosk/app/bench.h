#pragma once
// `hall-kiosk --demo --bench [--quick]`: start-up, memory, idle CPU and typing cost of the
// real kiosk, printed one figure per line as `name value unit`.
#include <atomic>
#include <cstdint>

#include "ui/app.h"

namespace hall::ui {
class Platform;
}

namespace hall::app {

// The real clock, which the benchmark can move ahead to let the idle timer expire (the idle
// reset happens through the App's own timer, as in a hall, without waiting 105 s).
class BenchClock final : public ui::Clock {
public:
    std::int64_t now_ms() override { return real_.now_ms() + skipped_; }
    std::int64_t wall_epoch_ms() override { return real_.wall_epoch_ms() + skipped_; }
    void skip(std::int64_t ms) { skipped_ += ms; }

private:
    ui::SteadyClock real_;
    std::int64_t skipped_ = 0;
};

// Milliseconds since this process started (from /proc/self/stat), for first_frame_ms.
double ms_since_process_start();
// startup_only: print the start-up profile and the first frame, then return.
int run_bench(ui::App& app, ui::Platform& platform, ui::StartupProfile& profile, BenchClock& clock, bool quick,
              bool startup_only);

}  // namespace hall::app
