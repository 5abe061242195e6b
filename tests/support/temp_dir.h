#pragma once
// A fresh temporary folder for one test, removed with everything in it when the test ends.
#include <filesystem>
#include <string>

namespace hall::test {

struct TempDir {
    std::filesystem::path path;
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace hall::test
