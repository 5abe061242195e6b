#pragma once
// Reading a whole small file (configs, bundles, string tables) in one call, and rewriting one
// whole or not at all.
#include <optional>
#include <string>
#include <string_view>

namespace hall {

// The file's bytes, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::string& path);

struct FileWrite {
    bool ok = false;
    bool disk_full = false;  // ENOSPC: nothing was written
    std::string error;       // what failed, with the path
};

// Writes path through a temporary file beside it, fsync and a rename (then fsyncs the
// folder), so a crash, a pulled stick or a full disk never leaves half a file under the
// name. A file that already exists keeps its mode, owner and group: `sudo hall-kiosk
// set-pin` must leave hall.toml root:hall-kiosk 0640, readable by the kiosk it configures.
// A new file gets new_mode.
FileWrite write_file_atomic(const std::string& path, std::string_view content, unsigned new_mode = 0644);

}  // namespace hall
