#include "support/config_text.h"

#include <map>

#include "manager/pin.h"
#include "support/files.h"
#include "support/temp_dir.h"

namespace hall::test {

std::string minimal_hall_toml(const std::string& window_name) {
    return R"toml(
[hall]
id = "h1"
name = { "zh-Hans" = "中心", "zh-Hant" = "中心" }
[map]
width = 50
height = 40
[[windows]]
id = "w01"
number = "1"
department = "hrss"
name = )toml" + window_name + R"toml(
ticket_prefix = "A"
map = { x = 1, y = 1, w = 10, h = 5 }
)toml";
}

std::string demo_hall_toml() { return read_text(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml"); }

std::string write_config(const TempDir& dir, const std::string& text) {
    const std::string path = dir.file("hall.toml");
    write_text(path, text);
    return path;
}

std::string demo_config_with_pin(const TempDir& dir, const std::string& pin) {
    static std::map<std::string, std::string> hashes;
    auto it = hashes.find(pin);
    if (it == hashes.end()) it = hashes.emplace(pin, hash_pin(pin)).first;
    return write_config(dir, with_pin_hash(demo_hall_toml(), it->second));
}

}  // namespace hall::test
