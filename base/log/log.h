#pragma once
// Logging for the hall programs: spdlog to stderr, with levels. Under systemd stderr is the
// journal (JOURNAL_STREAM names it), so each line starts with its syslog priority ("<3>")
// and carries no time of its own: the journal keeps both. On a terminal a line carries the
// time, the program and the level name.
#include <spdlog/formatter.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <string>

namespace hall::log {

// "trace", "debug", "info", "warn" (or "warning"), "error", "critical", "off"; nullopt otherwise.
std::optional<spdlog::level::level_enum> parse_level(const std::string& name);
// The names parse_level accepts, for --help and error messages.
const char* level_names();

// Syslog priority of a level: error 3, warn 4, info 6, debug and trace 7.
int syslog_priority(spdlog::level::level_enum level);

// True when stderr is the stream systemd connected to the journal.
bool stderr_is_journal();

// The line format: journal (priority prefix, message) or terminal (time, program, level).
std::unique_ptr<spdlog::formatter> make_formatter(bool journal);

// Makes a stderr logger named `program` the default one (spdlog::info etc. write to it).
void init(const std::string& program, spdlog::level::level_enum level);

}  // namespace hall::log
