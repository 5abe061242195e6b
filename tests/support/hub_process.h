#pragma once
// A real hall-hub process on a loopback port for a test, stopped by its PID. Every wait is
// bounded; the destructor always stops the process (nothing is left running). One helper
// for the sync, search, abuse and PostgreSQL suites.
#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

namespace hall::test {

// The hall-hub this build made (the support library is built after it).
const char* hub_binary();

struct HubOptions {
    std::string binary;       // empty: hub_binary()
    std::string name = "hub"; // the port file and log are <work_dir>/<name>.port and .log
    std::vector<std::string> extra_args;
    int start_timeout_s = 15;
};

class HubProcess {
public:
    // db: a SQLite path or a postgresql:// URL. Port 0 (any free one) the first time; a
    // restart reuses the port it got.
    HubProcess(std::string db, std::string work_dir, std::vector<std::string> extra_args = {});
    HubProcess(const HubOptions& options, std::string db, std::string work_dir);
    ~HubProcess();
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    // Throws (with the log's tail) when the hub exits at start or does not start in time.
    void start();
    // SIGKILL: the hub dies mid-whatever, as in a power cut.
    void kill_now();
    // SIGTERM, then SIGKILL after 10 s.
    void stop();

    bool running() const { return pid_ > 0; }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string log_path() const { return dir_ + "/" + options_.name + ".log"; }
    std::string log() const;

private:
    std::string db_, dir_;
    HubOptions options_;
    int port_ = 0;
    pid_t pid_ = -1;
};

// Runs a hall-hub command (admin commands finish at once): its exit code and what it
// printed on stdout (and stderr with merge_stderr; otherwise stderr is dropped).
std::pair<int, std::string> run_hub_cli(const std::string& args, bool merge_stderr = false);

}  // namespace hall::test
