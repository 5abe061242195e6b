#pragma once
// `hall-kiosk --demo --bench [--quick]`: start-up, memory, idle CPU and typing cost of the
// real kiosk, printed one figure per line as `name value unit`.
#include <cstdint>

namespace hall::ui {
class App;
class Platform;
}

namespace hall::app {

// Milliseconds since this process started (from /proc/self/stat), for first_frame_ms.
double ms_since_process_start();
int run_bench(ui::App& app, ui::Platform& platform, bool quick);

}  // namespace hall::app
