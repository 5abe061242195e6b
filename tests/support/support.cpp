// The plain helpers of the test-support library: temporary folders, files, single values.
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>

#include "support/files.h"
#include "support/query.h"
#include "support/temp_dir.h"

namespace hall::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("hall-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

std::optional<std::int64_t> try_scalar(Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    if (!st.step()) return std::nullopt;
    return st.i64(0);
}

std::optional<std::string> try_scalar_text(Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

}  // namespace hall::test
