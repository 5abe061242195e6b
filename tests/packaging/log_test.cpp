#include <catch2/catch.hpp>

#include <spdlog/details/log_msg.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>

#include "log/log.h"

using namespace hall;

namespace {
std::string format(bool journal, spdlog::level::level_enum level, const std::string& text) {
    auto f = log::make_formatter(journal);
    spdlog::details::log_msg msg("hall-kiosk", level, text);
    spdlog::memory_buf_t out;
    f->format(msg, out);
    return fmt::to_string(out);
}

// Restores JOURNAL_STREAM as it was, whatever a test sets.
struct JournalEnv {
    std::string saved;
    bool had = false;
    JournalEnv() {
        if (const char* v = std::getenv("JOURNAL_STREAM")) {
            had = true;
            saved = v;
        }
    }
    ~JournalEnv() {
        if (had) setenv("JOURNAL_STREAM", saved.c_str(), 1);
        else unsetenv("JOURNAL_STREAM");
    }
};
}  // namespace

TEST_CASE("log levels are parsed by name and unknown names refused", "[log]") {
    CHECK(log::parse_level("debug") == spdlog::level::debug);
    CHECK(log::parse_level("info") == spdlog::level::info);
    CHECK(log::parse_level("warn") == spdlog::level::warn);
    CHECK(log::parse_level("warning") == spdlog::level::warn);
    CHECK(log::parse_level("error") == spdlog::level::err);
    CHECK(log::parse_level("off") == spdlog::level::off);
    CHECK_FALSE(log::parse_level("verbose"));
    CHECK_FALSE(log::parse_level("INFO"));
    CHECK_FALSE(log::parse_level(""));
}

TEST_CASE("journal lines carry the syslog priority of their level", "[log]") {
    CHECK(format(true, spdlog::level::err, "disk full") == "<3>disk full\n");
    CHECK(format(true, spdlog::level::warn, "hub unreachable") == "<4>hub unreachable\n");
    CHECK(format(true, spdlog::level::info, "started") == "<6>started\n");
    CHECK(format(true, spdlog::level::debug, "frame") == "<7>frame\n");
    CHECK(format(true, spdlog::level::critical, "abort") == "<2>abort\n");
}

TEST_CASE("terminal lines carry time, program and level name, no priority prefix", "[log]") {
    const auto line = format(false, spdlog::level::err, "disk full");
    CHECK(line.find("hall-kiosk") != std::string::npos);
    CHECK(line.find("error: disk full") != std::string::npos);
    CHECK(line.rfind("<", 0) == std::string::npos);
    CHECK(line.substr(0, 2) == "20");  // starts with the year
}

TEST_CASE("stderr counts as the journal only when JOURNAL_STREAM names it", "[log]") {
    JournalEnv restore;
    struct stat st {};
    REQUIRE(fstat(2, &st) == 0);
    const std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);

    unsetenv("JOURNAL_STREAM");
    CHECK_FALSE(log::stderr_is_journal());
    setenv("JOURNAL_STREAM", mine.c_str(), 1);
    CHECK(log::stderr_is_journal());
    // A child whose stderr went elsewhere inherits the variable but is not the journal.
    const std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
    setenv("JOURNAL_STREAM", other.c_str(), 1);
    CHECK_FALSE(log::stderr_is_journal());
    setenv("JOURNAL_STREAM", "garbage", 1);
    CHECK_FALSE(log::stderr_is_journal());
}

TEST_CASE("init makes a default logger at the asked level, and may run again", "[log]") {
    log::init("hall-test", spdlog::level::warn);
    CHECK(spdlog::default_logger()->name() == "hall-test");
    CHECK_FALSE(spdlog::default_logger()->should_log(spdlog::level::info));
    CHECK(spdlog::default_logger()->should_log(spdlog::level::err));
    log::init("hall-test", spdlog::level::debug);
    CHECK(spdlog::default_logger()->should_log(spdlog::level::debug));
}
