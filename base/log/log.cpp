#include "log/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>

namespace hall::log {

namespace {

// %* in a pattern: the "<N>" syslog priority prefix systemd-journald reads off stream lines.
class PriorityFlag : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
        const auto text = fmt::format("<{}>", syslog_priority(msg.level));
        dest.append(text.data(), text.data() + text.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<PriorityFlag>(); }
};

}  // namespace

std::optional<spdlog::level::level_enum> parse_level(const std::string& name) {
    using namespace spdlog::level;
    if (name == "trace") return trace;
    if (name == "debug") return debug;
    if (name == "info") return info;
    if (name == "warn" || name == "warning") return warn;
    if (name == "error") return err;
    if (name == "critical") return critical;
    if (name == "off") return off;
    return std::nullopt;
}

const char* level_names() { return "trace, debug, info, warn, error, critical, off"; }

int syslog_priority(spdlog::level::level_enum level) {
    switch (level) {
    case spdlog::level::critical: return 2;
    case spdlog::level::err: return 3;
    case spdlog::level::warn: return 4;
    case spdlog::level::info: return 6;
    default: return 7;
    }
}

bool stderr_is_journal() {
    // systemd.exec(5): JOURNAL_STREAM is "DEV:INODE" of the journal stream; compare it with
    // stderr itself, since a child whose stderr was redirected inherits the variable.
    const char* env = std::getenv("JOURNAL_STREAM");
    if (!env) return false;
    unsigned long long dev = 0, ino = 0;
    if (std::sscanf(env, "%llu:%llu", &dev, &ino) != 2) return false;
    struct stat st {};
    if (fstat(2, &st) != 0) return false;
    return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

std::unique_ptr<spdlog::formatter> make_formatter(bool journal) {
    if (journal) {
        auto f = std::make_unique<spdlog::pattern_formatter>();
        f->add_flag<PriorityFlag>('*').set_pattern("%*%v");
        return f;
    }
    return std::make_unique<spdlog::pattern_formatter>("%Y-%m-%d %H:%M:%S.%e %n %^%l%$: %v");
}

void init(const std::string& program, spdlog::level::level_enum level) {
    // Not through the registry's factory, so init can run again (tests, a changed level).
    auto logger = std::make_shared<spdlog::logger>(program, std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    logger->set_formatter(make_formatter(stderr_is_journal()));
    logger->set_level(level);
    // A kiosk may be cut off any moment; warnings and errors reach the journal at once.
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace hall::log
