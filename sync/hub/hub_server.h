#pragma once
// hall-hub's HTTP API (sync/openapi.json) over a HubStore. Plain HTTP for loopback tests,
// TLS when a certificate and key are given.
#include <memory>
#include <string>
#include <vector>

#include "hub/http_router.h"
#include "hub/hub_store.h"

namespace httplib { class Server; }

namespace hall::hub {

struct HubOptions {
    std::string host = "127.0.0.1";
    int port = 0;                 // 0: any free port (see HubServer::bind)
    std::string tls_cert;         // PEM files; both empty: plain HTTP
    std::string tls_key;
    std::size_t max_body_bytes = 16 * 1024 * 1024;
};

// One documented route: what the server registers, what the OpenAPI test checks.
struct RouteInfo {
    std::string method;           // "GET", "POST"
    std::string path;
    std::vector<int> statuses;    // every status the handler can answer with
};
const std::vector<RouteInfo>& hub_routes();

class HubServer {
public:
    HubServer(HubStore& store, HubOptions opts);
    ~HubServer();
    // Binds the socket; returns the port (useful with port 0). Throws std::runtime_error.
    int bind();
    // Serves until stop(); call bind() first.
    void run();
    void stop();
    // Routes beyond the kiosk API (the console): library-neutral handlers, served after
    // the API routes on the same listener. Fill before run().
    Router& extra_routes() { return extra_; }

private:
    void install_routes();
    HubStore& store_;
    HubOptions opts_;
    std::unique_ptr<httplib::Server> srv_;
    Router extra_;
};

}  // namespace hall::hub
