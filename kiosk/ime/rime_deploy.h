#pragma once
// Rime "deployment": compiling the pinyin schemas and the kiosk's settings (page size, no
// learning) into <data folder>/rime/build. It costs far more than opening the engine, so it
// runs once (at install through `hall-ime deploy`, or on the first start) and later starts only
// compare a stamp.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/lang.h"

namespace hall::ime {

// Simplified: 袖珍简化字拼音 (rime-data-pinyin-simp). Traditional: 朙月拼音 (rime-data-luna-pinyin).
inline constexpr std::string_view kSchemaSimplified = "pinyin_simp";
inline constexpr std::string_view kSchemaTraditional = "luna_pinyin";
// The schema that follows the kiosk language (English screens type Simplified).
std::string_view schema_for(Lang lang);

inline constexpr int kCandidatesPerPage = 9;

// Free disk a deployment must find before it starts (the compiled tables are ~25 MB, written
// through mmap); with less it fails with a reason and the kiosk types letters and handwriting.
inline constexpr std::int64_t kDeployNeedsFreeBytes = 64LL * 1024 * 1024;

struct RimePaths {
    std::filesystem::path shared_dir = "/usr/share/rime-data";  // Debian's rime-data-* packages
    std::filesystem::path user_dir;                              // <kiosk data folder>/rime
};
RimePaths rime_paths_for_data_dir(const std::filesystem::path& data_dir);

struct DeployReport {
    bool ok = false;
    bool deployed = false;   // false: the stamp showed an up-to-date deployment, nothing ran
    double millis = 0;       // time spent, including the stamp check
    std::string error;       // what is wrong and what to install, when !ok
};

// Deploys into paths.user_dir unless the stamp there matches the shared data, librime's
// version and the kiosk's settings (or force). Safe against a concurrent deploy by another
// process (file lock). Fails, without touching rime, while a PinyinEngine is open in this
// process and a deployment would be needed.
DeployReport ensure_rime_deployed(const RimePaths& paths, bool force = false);

// Only the stamp check: true when ensure_rime_deployed would do nothing.
bool rime_deployment_current(const RimePaths& paths);

// Where the stamp lives (tests and `hall-ime deploy --status` read it).
std::filesystem::path rime_stamp_path(const RimePaths& paths);

}  // namespace hall::ime
