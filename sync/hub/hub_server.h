#pragma once
// hall-hub's HTTP API (sync/openapi.json) over a HubStore, served by libmicrohttpd: an
// epoll thread pool where an idle or slow client costs a socket, never a worker, with every
// limit enforced by the hub itself (no reverse proxy needed). Plain HTTP for loopback,
// TLS (GnuTLS) when a certificate and key are given. docs/sync.md lists the limits.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hub/http_router.h"
#include "hub/hub_store.h"

namespace hall::hub {

class GroupCommit;

struct HubOptions {
    std::string host = "127.0.0.1";
    int port = 0;                 // 0: any free port (see HubServer::bind)
    std::string tls_cert;         // PEM files; both empty: plain HTTP
    std::string tls_key;
    // Plain HTTP on an address other than loopback must be asked for (--allow-plain-http).
    bool allow_plain_http = false;

    // --- limits (each one an attack in tests/abuse) ---
    std::size_t max_body_bytes = 4 * 1024 * 1024;   // after chunked decoding; 413 beyond
    std::size_t max_head_bytes = 32 * 1024;         // request line + headers; 431 beyond
    unsigned max_connections = 4096;                // in total; more are refused at accept
    unsigned max_connections_per_ip = 256;          // a hall's kiosks behind one NAT fit; 0 = no cap
    int head_timeout_s = 15;      // a request head must be complete this long after the connection
                                  // opened or answered its previous request (= keep-alive idle limit)
    int request_timeout_s = 60;   // head to last body byte and answer
    unsigned keepalive_max_requests = 1000;  // then the answer says Connection: close
    unsigned threads = 4;         // epoll workers, each serving many connections (sockets only)
    unsigned handler_threads = 32;  // run the handlers (store calls: an fsync, a PostgreSQL round
                                    // trip) while their connection waits suspended; 0 = inline
    // Per-token rate limit (token bucket): sustained requests per second and burst.
    double rate_per_s = 20;
    double rate_burst = 200;
    // A rotated kiosk's previous token keeps working this long (it picks the new one up
    // through sync meanwhile).
    int rotate_grace_s = 7 * 24 * 3600;
};

// One documented route: what the server registers, what the OpenAPI test checks.
struct RouteInfo {
    std::string method;           // "GET", "POST"
    std::string path;
    std::vector<int> statuses;    // every status the handler can answer with
};
const std::vector<RouteInfo>& hub_routes();

// Reply header carrying a kiosk's new token after `hall-hub kiosk rotate` (docs/sync.md).
inline constexpr const char* kNewTokenHeader = "X-Hall-New-Token";

class HubServer {
public:
    HubServer(HubStore& store, HubOptions opts);
    ~HubServer();
    // Binds the socket; returns the port (useful with port 0). Throws std::runtime_error.
    int bind();
    // Serves until stop(); call bind() first.
    void run();
    // Async-signal-safe: a signal handler may call it.
    void stop();
    // The one route table: the kiosk API is registered here by the constructor; the
    // console adds its routes beside them. Fill before run().
    Router& extra_routes() { return routes_; }
    Router& routes() { return routes_; }

    struct Front;  // libmicrohttpd state (hub_server.cpp)
    struct Seen;   // kiosks' last_seen, written in batches

private:
    void install_routes();
    void flush_seen();
    HubStore& store_;
    HubOptions opts_;
    Router routes_;
    int listen_fd_ = -1;
    int stop_pipe_[2] = {-1, -1};
    std::unique_ptr<Front> front_;
    std::shared_ptr<Seen> seen_;
    std::unique_ptr<GroupCommit> commits_;  // SQLite: pushed records, many batches per transaction
};

}  // namespace hall::hub
