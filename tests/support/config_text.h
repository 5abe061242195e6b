#pragma once
// Hall configurations for tests: the smallest valid hall as TOML text (tests add or change
// a line to see one rule at work), and the demo hall written to a file, optionally with a
// manager PIN, for the kiosk fixture to load.
#include <string>

namespace hall::test {

struct TempDir;

// The smallest valid hall: one window, no sync, no manager PIN. `window_name` is the TOML
// value of the window's name (a plain string or an inline table of languages).
std::string minimal_hall_toml(const std::string& window_name = R"({ "zh-Hans" = "人社", "zh-Hant" = "人社" })");

// The demo hall's configuration (config/demo-hall.toml) as text.
std::string demo_hall_toml();

// Writes text to dir/hall.toml and returns the path.
std::string write_config(const TempDir& dir, const std::string& text);

// The demo hall with the manager PIN set (its Argon2id hash), written to dir/hall.toml.
// The hash is made once per PIN per run: Argon2id is slow on purpose.
std::string demo_config_with_pin(const TempDir& dir, const std::string& pin);

}  // namespace hall::test
