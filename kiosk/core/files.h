#pragma once
// Reading a whole small file (configs, bundles, string tables) in one call.
#include <optional>
#include <string>

namespace hall {

// The file's bytes, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::string& path);

}  // namespace hall
