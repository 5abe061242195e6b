#include "app/paths.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace hall::app {
namespace fs = std::filesystem;

namespace {
fs::path exe_dir() {
    std::error_code ec;
    const auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : p.parent_path();
}
}  // namespace

std::string find_assets_dir(const std::string& override_dir) {
    if (!override_dir.empty()) return override_dir;
    if (const char* env = std::getenv("HALL_KIOSK_ASSETS")) return env;
    // Installed layout first (bin/../share/hall-kiosk), then the source tree of a build.
    const fs::path installed = exe_dir() / ".." / "share" / "hall-kiosk";
    if (fs::exists(installed / "i18n")) return fs::weakly_canonical(installed).string();
    return HALL_SOURCE_ASSETS;
}

std::string find_demo_config(const std::string& assets_dir) {
    // Packages ship the demo hall's config beside the assets; a build tree has it in config/.
    const fs::path packaged = fs::path(assets_dir) / "demo-hall.toml";
    if (fs::exists(packaged)) return packaged.string();
    return std::string(HALL_SOURCE_CONFIG) + "/demo-hall.toml";
}

}  // namespace hall::app
