#pragma once
// Starts a real hall-hub process on a loopback port for a test and stops it by its PID.
// Every wait is bounded; the destructor always stops the process (nothing is left running).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hall::test {

class HubProcess {
public:
    // port 0: any free port the first time; a restart reuses the port it got.
    HubProcess(std::string db_path, std::string work_dir, std::vector<std::string> extra_args = {})
        : db_(std::move(db_path)), dir_(std::move(work_dir)), extra_(std::move(extra_args)) {}
    ~HubProcess() { stop(); }
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    void start() {
        if (pid_ > 0) throw std::runtime_error("hub already running");
        const auto port_file = dir_ + "/hub.port";
        std::filesystem::remove(port_file);
        std::vector<std::string> args = {HALL_HUB_BIN, "--listen", "127.0.0.1:" + std::to_string(port_), "--db", db_,
                                         "--port-file", port_file};
        args.insert(args.end(), extra_.begin(), extra_.end());
        const auto log = dir_ + "/hub.log";
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
            }
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("hall-hub exited at start; see " + log);
            }
            std::ifstream in(port_file);
            int p = 0;
            if (in >> p && p > 0) {
                port_ = p;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill_now();
        throw std::runtime_error("hall-hub did not start within 15 s; see " + log);
    }

    // SIGKILL: the hub dies mid-whatever, as in a power cut.
    void kill_now() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    // SIGTERM, then SIGKILL after 5 s.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        kill_now();
    }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

private:
    std::string db_, dir_;
    std::vector<std::string> extra_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace hall::test
