#include "support/hub_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "support/files.h"

namespace hall::test {

namespace {

std::string tail(const std::string& s, std::size_t n = 2000) { return s.size() > n ? s.substr(s.size() - n) : s; }

// Waits up to limit for pid to exit; true when it has (and is reaped).
bool reaped_within(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        const pid_t r = ::waitpid(pid, nullptr, WNOHANG);
        if (r == pid || r < 0) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

HubOptions with_args(std::vector<std::string> extra_args) {
    HubOptions o;
    o.extra_args = std::move(extra_args);
    return o;
}

}  // namespace

const char* hub_binary() { return HALL_HUB_BIN; }

HubProcess::HubProcess(const HubOptions& options, std::string db, std::string work_dir)
    : db_(std::move(db)), dir_(std::move(work_dir)), options_(options) {
    if (options_.binary.empty()) options_.binary = hub_binary();
}

HubProcess::HubProcess(std::string db, std::string work_dir, std::vector<std::string> extra_args)
    : HubProcess(with_args(std::move(extra_args)), std::move(db), std::move(work_dir)) {}

HubProcess::~HubProcess() { stop(); }

std::string HubProcess::log() const { return read_text(log_path()); }

void HubProcess::start() {
    if (pid_ > 0) throw std::runtime_error("hall-hub " + options_.name + " already running");
    const auto port_file = dir_ + "/" + options_.name + ".port";
    std::error_code ec;
    std::filesystem::remove(port_file, ec);
    std::vector<std::string> args = {options_.binary, "--listen", "127.0.0.1:" + std::to_string(port_), "--db", db_,
                                     "--port-file", port_file};
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    const auto log_file = log_path();
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlives a test that crashed
        if (::getppid() != parent) ::_exit(125);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options_.start_timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("hall-hub " + options_.name + " exited at start: " + tail(log()));
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
    throw std::runtime_error("hall-hub " + options_.name + " did not start within " + std::to_string(options_.start_timeout_s) +
                             " s: " + tail(log()));
}

void HubProcess::kill_now() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    reaped_within(pid_, std::chrono::seconds(10));
    pid_ = -1;
}

void HubProcess::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    if (!reaped_within(pid_, std::chrono::seconds(10))) kill_now();
    pid_ = -1;
}

std::pair<int, std::string> run_hub_cli(const std::string& args, bool merge_stderr) {
    const std::string cmd = std::string(hub_binary()) + " " + args + (merge_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return {-1, ""};
    std::string out;
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    const int st = ::pclose(p);
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

}  // namespace hall::test
