#pragma once
// Where start-up time goes: named phases in the order they ran, each in ms, measured from
// the moment the kernel started the process (so dynamic linking counts too). The benchmark
// prints them; nothing else depends on them.
#include <string>
#include <utility>
#include <vector>

namespace hall::ui {

// Milliseconds since this process started (from /proc/self/stat).
double ms_since_process_start();
// Proportional set size of this process in MB (/proc/self/smaps_rollup); -1 when unknown.
double pss_mb();

class StartupProfile {
public:
    // Ends the current phase under `name` (it began where the last one ended).
    void mark(const std::string& name);
    const std::vector<std::pair<std::string, double>>& phases() const { return phases_; }

private:
    std::vector<std::pair<std::string, double>> phases_;
    double last_ms_ = 0;
};

}  // namespace hall::ui
