#pragma once
// hall-hub's routes independent of the HTTP library that serves them. The front (the
// listener, limits, TLS) turns a request into an HttpRequest, asks the Router, and writes
// the HttpResponse back. Handlers never see the library, so the front can change (and be
// hardened) without touching the API, and the console's routes plug in beside the kiosks'.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hall::hub {

struct HttpRequest {
    std::string method;                           // "GET", "POST", ...
    std::string path;                             // decoded path, no query string
    std::map<std::string, std::string> query;     // decoded query parameters (last one wins)
    std::map<std::string, std::string> headers;   // names lower-cased
    std::string body;                             // already decoded and size-checked by the front
    std::string peer;                             // client address, for logs and rate limits
    bool tls = false;                             // arrived over TLS
    std::map<std::string, std::string> params;    // {name} segments of the matched pattern

    // Header value by lower-case name; empty when absent.
    const std::string& header(const std::string& lower_name) const;
    const std::string& query_value(const std::string& name) const;
    const std::string& param(const std::string& name) const;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
    std::string body;
    // A body too large to build in memory (the console's CSV export): when set, the front sends
    // `body` first, then what each call returns, until a call returns ""; chunked, no
    // Content-Length. Called on the front's network thread, one call at a time; a throw ends
    // the response early (the client sees a truncated chunked body, never a false end).
    std::function<std::string()> stream;

    void set_header(std::string name, std::string value);
    static HttpResponse json_error(int status, const std::string& message);
};

using HttpHandler = std::function<HttpResponse(HttpRequest&)>;

// Exact paths and patterns with {name} segments ("/console/api/halls/{hall}"), plus
// prefix patterns ending in "/*" ("/console/*" serves static files). Exact before
// patterns, patterns in the order added.
class Router {
public:
    void add(std::string method, std::string pattern, HttpHandler handler);
    // The handler for this request (fills req.params), or nullopt: the front answers
    // 404, or 405 when the path exists for another method.
    std::optional<HttpHandler> match(HttpRequest& req) const;
    bool path_known(const std::string& path) const;
    // Dispatch with 404/405 handled: what a front calls.
    HttpResponse handle(HttpRequest& req) const;

    struct Route {
        std::string method, pattern;
        std::vector<std::string> segments;
        bool prefix = false;
        HttpHandler handler;
    };
    const std::vector<Route>& routes() const { return routes_; }

private:
    static bool matches(const Route& r, const std::string& path, std::map<std::string, std::string>* params);
    std::vector<Route> routes_;
};

}  // namespace hall::hub
