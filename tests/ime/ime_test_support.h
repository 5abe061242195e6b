#pragma once
// Data folders for the ime tests. Most tests share one deployed folder in the build tree
// (deployed by whichever test process comes first, under rime's file lock); tests about
// deployment itself use a fresh temporary folder.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "ime/rime_deploy.h"

namespace hall::test {

class ScratchDir {
public:
    ScratchDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("hall-ime-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
private:
    std::filesystem::path path_;
};

inline ime::RimePaths shared_test_rime() {
    return ime::rime_paths_for_data_dir(HALL_IME_TEST_DATA);
}

inline std::string fixture(const std::string& name) {
    return std::string(HALL_IME_FIXTURES) + "/" + name;
}

}  // namespace hall::test
