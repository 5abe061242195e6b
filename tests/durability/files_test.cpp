// Every atomic rewrite keeps the file's owner, group and mode: `sudo hall-kiosk set-pin`
// rewrote hall.toml as root:root and the kiosk user could no longer read its config. The
// ownership half needs root (CI runs as root); elsewhere it is reported and skipped.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "config/config.h"
#include "common/files.h"
#include "support/fixtures.h"
#include "manager/pin.h"
#include "support/config_text.h"
#include "support/files.h"

using namespace hall;

namespace {

struct stat stat_of(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st;
}

}  // namespace

TEST_CASE("atomic rewrite keeps mode, and as root owner and group", "[durability][files]") {
    test::TempDir dir;
    const std::string path = dir.file("hall.toml");
    std::ofstream(path) << "old";
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    const bool root = ::geteuid() == 0;
    if (root) REQUIRE(::chown(path.c_str(), 1234, 5678) == 0);
    else WARN("not root: owner and group are not checked");

    const FileWrite w = write_file_atomic(path, "new text");
    REQUIRE(w.ok);
    CHECK(read_file(path) == std::optional<std::string>("new text"));
    const auto st = stat_of(path);
    CHECK((st.st_mode & 07777) == 0640);
    if (root) {
        CHECK(st.st_uid == 1234u);
        CHECK(st.st_gid == 5678u);
    }
    // No temporary file is left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++files;
    CHECK(files == 1);
    // A new file gets the mode asked for.
    REQUIRE(write_file_atomic(dir.file("fresh"), "x", 0600).ok);
    CHECK((stat_of(dir.file("fresh")).st_mode & 07777) == 0600);
}

TEST_CASE("set-pin as root leaves hall.toml root:hall-kiosk 0640", "[durability][files]") {
    if (::geteuid() != 0) {
        WARN("not root: skipped");
        return;
    }
    test::TempDir dir;
    const std::string path = dir.file("hall.toml");
    REQUIRE(test::write_text(path, test::demo_hall_toml()));
    REQUIRE(::chown(path.c_str(), 0, 4321) == 0);  // as packaging installs it: root and the kiosk's group
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    REQUIRE_FALSE(set_pin_in_config(path, "2468"));
    const auto st = stat_of(path);
    CHECK(st.st_uid == 0u);
    CHECK(st.st_gid == 4321u);
    CHECK((st.st_mode & 07777) == 0640);
    const auto c = load_config_file(path);
    REQUIRE(c.ok());
    CHECK(verify_pin(c.config.manager.pin_hash, "2468"));
}
