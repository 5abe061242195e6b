#include "ui/startup_profile.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace hall::ui {

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

double pss_mb() {
    std::FILE* f = std::fopen("/proc/self/smaps_rollup", "r");
    if (!f) return -1;
    char line[256];
    double kb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "Pss:", 4) == 0) {
            kb = std::atof(line + 4);
            break;
        }
    std::fclose(f);
    return kb < 0 ? -1 : kb / 1024.0;
}

void StartupProfile::mark(const std::string& name) {
    const double now = ms_since_process_start();
    phases_.emplace_back(name, now - last_ms_);
    last_ms_ = now;
}

}  // namespace hall::ui
