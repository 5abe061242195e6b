#pragma once
// Test fixtures for the province hub: a throwaway PostgreSQL 15 cluster and hall-hub child
// processes, both started on free loopback ports and stopped by their process id.
//
// The cluster: initdb into a fresh temporary folder, postgres listening on 127.0.0.1 only
// (no Unix socket), fsync=off (a test cluster need not survive a power cut; everything
// else, synchronous_commit included, stays at its default). initdb refuses to run as root,
// so when we are root (CI) both programs run as `nobody`. Every child gets PDEATHSIG so a
// crashed test leaves nothing running; the destructors stop them by pid and delete the folder.
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/hub_process.h"
#include "support/temp_dir.h"

namespace hall::pgtest {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline const char* pg_bin_dir() {
    const char* env = std::getenv("HALL_PG_BINDIR");
    return env && *env ? env : "/usr/lib/postgresql/15/bin";
}

// A port nobody listens on right now (the kernel's choice for port 0).
inline int free_port() {
    int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(s);
        throw std::runtime_error("cannot bind a loopback port");
    }
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

inline std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string tail(const std::string& s, std::size_t n = 2000) { return s.size() > n ? s.substr(s.size() - n) : s; }

struct Unprivileged {
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
};
inline Unprivileged unprivileged_user() {
    Unprivileged u;
    if (::geteuid() != 0) return u;
    const passwd* pw = ::getpwnam("nobody");
    if (!pw) throw std::runtime_error("running as root and there is no user 'nobody' to run PostgreSQL as");
    u.drop = true;
    u.uid = pw->pw_uid;
    u.gid = pw->pw_gid;
    return u;
}

// fork + exec with stdout/stderr appended to log; optionally as another user. The child
// dies with the thread that started it (PR_SET_PDEATHSIG).
inline pid_t spawn(const std::vector<std::string>& argv, const fs::path& log, const Unprivileged& as = {}) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        if (as.drop) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(as.gid) != 0 || ::setuid(as.uid) != 0) ::_exit(126);
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // after setuid: a credential change clears it
        if (::getppid() != parent) ::_exit(125);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

// Waits up to `limit` for pid to exit; returns its status, or -1 when still running.
inline int wait_exit(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        int status = 0;
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0) return 0;  // already reaped
        if (std::chrono::steady_clock::now() > deadline) return -1;
        std::this_thread::sleep_for(20ms);
    }
}

// Stops pid with sig, then SIGKILL if it does not go within limit.
inline void stop_pid(pid_t pid, int sig, std::chrono::milliseconds limit) {
    if (pid <= 0) return;
    ::kill(pid, sig);
    if (wait_exit(pid, limit) == -1) {
        ::kill(pid, SIGKILL);
        wait_exit(pid, 10s);
    }
}

// One SQL statement through libpq; returns the first value of the first row ("" if none).
inline std::string psql(const std::string& url, const std::string& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        std::string why = PQerrorMessage(c);
        PQfinish(c);
        throw std::runtime_error("connect " + url + ": " + why);
    }
    PGresult* r = PQexec(c, sql.c_str());
    const auto st = PQresultStatus(r);
    std::string out;
    if (st == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
    std::string err = (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) ? "" : PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    if (!err.empty()) throw std::runtime_error(sql + ": " + err);
    return out;
}

class PgCluster {
public:
    PgCluster() : as_(unprivileged_user()) {
        char tmpl[] = "/tmp/hall-pg-XXXXXX";
        if (!::mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
        if (as_.drop && ::chown(dir_.c_str(), as_.uid, as_.gid) != 0) throw std::runtime_error("chown " + dir_.string());
        const auto initdb = std::string(pg_bin_dir()) + "/initdb";
        pid_t pid = spawn({initdb, "-D", (dir_ / "data").string(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                           "--no-locale", "--no-sync"},
                          dir_ / "initdb.log", as_);
        int st = wait_exit(pid, 120s);
        if (st == -1) {
            stop_pid(pid, SIGKILL, 5s);
            cleanup();
            throw std::runtime_error("initdb did not finish in 120 s");
        }
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            auto log = read_text(dir_ / "initdb.log");
            cleanup();
            throw std::runtime_error("initdb failed (is " + initdb + " installed?): " + tail(log));
        }
        port_ = free_port();
        try {
            start();
        } catch (...) {
            cleanup();
            throw;
        }
    }
    ~PgCluster() { cleanup(); }
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    void start() {
        if (pid_ > 0) return;
        pid_ = spawn({std::string(pg_bin_dir()) + "/postgres", "-D", (dir_ / "data").string(), "-p", std::to_string(port_),
                      "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
                      "-c", "max_connections=200", "-c", "shared_buffers=64MB"},
                     dir_ / "postgres.log", as_);
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        const auto ping = "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=postgres connect_timeout=2";
        while (PQping(ping.c_str()) != PQPING_OK) {
            int st = 0;
            if (::waitpid(pid_, &st, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("postgres exited at start: " + tail(read_text(dir_ / "postgres.log")));
            }
            if (std::chrono::steady_clock::now() > deadline) {
                stop();
                throw std::runtime_error("postgres not ready in 60 s: " + tail(read_text(dir_ / "postgres.log")));
            }
            std::this_thread::sleep_for(50ms);
        }
    }

    // Fast shutdown (SIGINT): open sessions are cut, like a restart in production.
    void stop() {
        stop_pid(pid_, SIGINT, 30s);
        pid_ = -1;
    }
    void restart() {
        stop();
        start();
    }
    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    std::string url(const std::string& db = "postgres") const {
        return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
    }
    // A fresh database for one test case; returns its URL.
    std::string create_database(const std::string& prefix = "t") {
        const auto name = prefix + "_" + std::to_string(++databases_);
        psql(url(), "CREATE DATABASE " + name);
        return url(name);
    }
    const fs::path& dir() const { return dir_; }

private:
    void cleanup() {
        stop();
        std::error_code ec;
        if (!dir_.empty()) fs::remove_all(dir_, ec);
    }

    Unprivileged as_;
    fs::path dir_;
    pid_t pid_ = -1;
    int port_ = 0;
    int databases_ = 0;
};

// One cluster per test executable (each ctest case is its own process, so in practice one
// per case that asks for it); started on first use, stopped at exit.
inline PgCluster& shared_cluster() {
    static std::unique_ptr<PgCluster> c = std::make_unique<PgCluster>();
    return *c;
}

// A hall-hub child process serving `db` (a postgresql:// URL or a SQLite path) on a free
// loopback port, started at once: the support library's HubProcess (tests/support), with
// the time a hub on a fresh cluster may need to start.
class HubProcess : public test::HubProcess {
public:
    HubProcess(const std::string& hub_binary, const std::string& db, const fs::path& workdir, const std::string& name,
               std::vector<std::string> extra_args = {})
        : test::HubProcess(test::HubOptions{hub_binary, name, std::move(extra_args), 30}, db, workdir.string()) {
        start();
    }
};

// A temporary folder removed with everything in it (tests/support).
using TempDir = test::TempDir;

}  // namespace hall::pgtest
