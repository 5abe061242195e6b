#pragma once
// Data folders for the ime tests. Most tests share one deployed folder in the build tree
// (deployed by whichever test process comes first, under rime's file lock); tests about
// deployment itself use a fresh temporary folder.
#include <string>

#include "ime/rime_deploy.h"
#include "support/temp_dir.h"

namespace hall::test {

inline ime::RimePaths shared_test_rime() {
    return ime::rime_paths_for_data_dir(HALL_IME_TEST_DATA);
}

inline std::string fixture(const std::string& name) {
    return std::string(HALL_IME_FIXTURES) + "/" + name;
}

}  // namespace hall::test
