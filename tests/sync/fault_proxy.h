#pragma once
// A loopback HTTP proxy between the kiosk client and hall-hub that misbehaves on request:
// answers 500/503, never answers, drops the connection after the hub has stored the
// batch (the reply is lost), answers garbage JSON, or an endless reply. It understands
// just enough HTTP/1.1 (Content-Length bodies, keep-alive) for our client and hub.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hall::test {

enum class Fault { Pass, Http500, Http503RetryAfter, Hang, DropReplyAfterStore, Garbage, Huge };

class FaultProxy {
public:
    explicit FaultProxy(int upstream_port) : upstream_port_(upstream_port) {
        lfd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        if (bind(lfd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || listen(lfd_, 16) != 0)
            throw std::runtime_error("proxy: cannot listen");
        socklen_t len = sizeof a;
        getsockname(lfd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        acceptor_ = std::thread([this] { accept_loop(); });
    }
    ~FaultProxy() {
        stop_ = true;
        acceptor_.join();
        std::lock_guard lk(mu_);
        for (auto& t : handlers_) t.join();
        close(lfd_);
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    // Applies to every request from now on (including those on open connections).
    void set(Fault f) { fault_ = f; }
    void set_upstream(int port) { upstream_port_ = port; }
    int faults_served() const { return faults_served_; }

private:
    // Waits for readability, in slices, until stop or the deadline.
    bool wait_readable(int fd, int timeout_ms) {
        for (int waited = 0; waited < timeout_ms && !stop_; waited += 100) {
            pollfd p{fd, POLLIN, 0};
            int r = poll(&p, 1, 100);
            if (r > 0) return true;
            if (r < 0) return false;
        }
        return false;
    }

    // Reads one HTTP message (headers + Content-Length body). nullopt on EOF/timeout.
    std::optional<std::string> read_message(int fd, std::string& buf, bool no_body_allowed = false) {
        for (;;) {
            auto hdr_end = buf.find("\r\n\r\n");
            if (hdr_end != std::string::npos) {
                std::size_t cl = 0;
                std::string head = buf.substr(0, hdr_end);
                for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                auto p = head.find("content-length:");
                if (p != std::string::npos) cl = std::stoul(head.substr(p + 15));
                const std::size_t total = hdr_end + 4 + cl;
                if (buf.size() >= total) {
                    auto msg = buf.substr(0, total);
                    buf.erase(0, total);
                    return msg;
                }
            }
            if (!wait_readable(fd, 10000)) return std::nullopt;
            char tmp[65536];
            ssize_t n = recv(fd, tmp, sizeof tmp, 0);
            if (n <= 0) return std::nullopt;
            buf.append(tmp, static_cast<std::size_t>(n));
        }
    }

    static bool send_all(int fd, const std::string& s) {
        std::size_t off = 0;
        while (off < s.size()) {
            ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return false;
            off += static_cast<std::size_t>(n);
        }
        return true;
    }

    int connect_upstream() {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(static_cast<uint16_t>(upstream_port_.load()));
        if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            close(fd);
            return -1;
        }
        return fd;
    }

    void handle(int cfd) {
        std::string cbuf, ubuf;
        int ufd = -1;
        for (;;) {
            auto req = read_message(cfd, cbuf);
            if (!req) break;
            const Fault f = fault_;
            if (f != Fault::Pass) ++faults_served_;
            if (f == Fault::Http500) {
                send_all(cfd, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                break;
            }
            if (f == Fault::Http503RetryAfter) {
                send_all(cfd, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                break;
            }
            if (f == Fault::Garbage) {
                const std::string body = "{\"results\": [{\"uuid\": tru";
                send_all(cfd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                                  "\r\n\r\n" + body);
                continue;
            }
            if (f == Fault::Huge) {
                // No Content-Length: the body runs until we close, far past any sane cap.
                send_all(cfd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"results\":[");
                const std::string chunk(64 * 1024, ' ');
                for (int i = 0; i < 4096 && !stop_; ++i)
                    if (!send_all(cfd, chunk)) break;
                break;
            }
            if (f == Fault::Hang) {
                // Hold the connection silently until the client gives up or the test ends.
                char tmp[1024];
                while (wait_readable(cfd, 60000) && recv(cfd, tmp, sizeof tmp, 0) > 0) {}
                break;
            }
            if (ufd < 0) ufd = connect_upstream();
            if (ufd < 0 || !send_all(ufd, *req)) break;
            auto reply = read_message(ufd, ubuf);
            if (!reply) break;
            if (f == Fault::DropReplyAfterStore) break;  // the hub has committed; the kiosk never hears
            if (!send_all(cfd, *reply)) break;
        }
        if (ufd >= 0) close(ufd);
        close(cfd);
    }

    void accept_loop() {
        while (!stop_) {
            pollfd p{lfd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            int cfd = accept(lfd_, nullptr, nullptr);
            if (cfd < 0) continue;
            std::lock_guard lk(mu_);
            handlers_.emplace_back([this, cfd] { handle(cfd); });
        }
    }

    std::atomic<int> upstream_port_;
    int lfd_ = -1;
    int port_ = 0;
    std::atomic<Fault> fault_{Fault::Pass};
    std::atomic<bool> stop_{false};
    std::atomic<int> faults_served_{0};
    std::mutex mu_;
    std::vector<std::thread> handlers_;
    std::thread acceptor_;
};

}  // namespace hall::test
