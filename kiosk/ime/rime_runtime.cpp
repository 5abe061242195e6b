#include "ime/rime_runtime.h"

#include <filesystem>

#include "ime/ime_libraries.h"

namespace hall::ime::detail {

bool rime_available(std::string& error) { return load_rime(error) != nullptr; }

RimeApi& rime() {
    std::string error;
    return *load_rime(error);   // callers asked rime_available() first
}

std::mutex& rime_mutex() {
    static std::mutex m;
    return m;
}

bool& engine_live() {
    static bool live = false;
    return live;
}

void fill_traits(RimeTraitsHolder& h, const std::string& shared_dir, const std::string& user_dir) {
    h.shared_dir = shared_dir;
    h.user_dir = user_dir;
    h.staging_dir = (std::filesystem::path(user_dir) / "build").string();
    h.log_dir = (std::filesystem::path(user_dir) / "log").string();
    RIME_STRUCT_INIT(RimeTraits, h.traits);
    h.traits.shared_data_dir = h.shared_dir.c_str();
    h.traits.user_data_dir = h.user_dir.c_str();
    h.traits.distribution_name = "Hall Kiosk";
    h.traits.distribution_code_name = "hall-kiosk";
    h.traits.distribution_version = "0.1";
    h.traits.app_name = "rime.hall-kiosk";
    // Errors only: INFO lines would log every deployment step, and a kiosk's disk is small.
    h.traits.min_log_level = 2;
    h.traits.log_dir = h.log_dir.c_str();
    // Always under the user folder: the prebuilt tables stay read-only in the shared folder.
    h.traits.staging_dir = h.staging_dir.c_str();
}

void setup_once(RimeTraitsHolder& h) {
    static std::once_flag once;
    std::call_once(once, [&] {
        std::error_code ec;
        std::filesystem::create_directories(h.log_dir, ec);
        rime().setup(&h.traits);
    });
}

}  // namespace hall::ime::detail
