#pragma once
// A raw-socket HTTP client for the abuse suite: sends exactly the bytes an attacker would
// (idle sockets, a head one byte at a time, bodies with lying framing) to a hub on loopback.
// Every wait is bounded by poll() timeouts.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

namespace hall::abuse {

// Allows the test to hold many sockets at once (the hub raises its own limit).
inline void raise_fd_limit() {
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

// A TCP connection to 127.0.0.1:port from source address `from` (another loopback address
// stands for another client machine). -1 when refused.
inline int connect_to(int port, const char* from = "127.0.0.1") {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in src{};
    src.sin_family = AF_INET;
    inet_pton(AF_INET, from, &src.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
        ::close(fd);
        return -1;
    }
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Sends everything or gives up (peer closed, or no progress for timeout_ms).
inline bool send_all(int fd, const std::string& bytes, int timeout_ms = 5000) {
    std::size_t off = 0;
    while (off < bytes.size()) {
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, timeout_ms) <= 0 || (p.revents & (POLLERR | POLLHUP))) return false;
        const auto n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads one HTTP response (head + Content-Length body), or what arrived before the peer
// closed or timeout_ms passed.
inline std::string read_response(int fd, int timeout_ms = 5000) {
    std::string in;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        const auto head_end = in.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            std::size_t want = 0;
            auto cl = in.find("Content-Length:");
            if (cl == std::string::npos) cl = in.find("content-length:");
            if (cl != std::string::npos && cl < head_end) want = std::stoul(in.substr(cl + 15));
            if (in.size() >= head_end + 4 + want) return in;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) return in;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return in;
        char buf[65536];
        const auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return in;
        in.append(buf, static_cast<std::size_t>(n));
    }
}

// The status code of a response, 0 when none arrived.
inline int status_of(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.c_str() + 9);
}

// True once the peer has closed (EOF or reset) within timeout_ms.
inline bool closed_by_peer(int fd, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
        char buf[4096];
        const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) return true;
    }
}

// One request on a fresh connection; returns the response.
inline std::string roundtrip(int port, const std::string& request, int timeout_ms = 10000) {
    const int fd = connect_to(port);
    if (fd < 0) return "";
    send_all(fd, request, timeout_ms);
    auto r = read_response(fd, timeout_ms);
    ::close(fd);
    return r;
}

inline std::string post(const std::string& path, const std::string& token, const std::string& body, const std::string& extra_headers = "") {
    std::string r = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
    if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
    r += extra_headers;
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return r;
}

}  // namespace hall::abuse
