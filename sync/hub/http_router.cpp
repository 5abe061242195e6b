#include "hub/http_router.h"

#include <nlohmann/json.hpp>

namespace hall::hub {

namespace {
const std::string kEmpty;

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') { ++i; continue; }
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.emplace_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

const std::string& lookup(const std::map<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? kEmpty : it->second;
}
}  // namespace

const std::string& HttpRequest::header(const std::string& lower_name) const { return lookup(headers, lower_name); }
const std::string& HttpRequest::query_value(const std::string& name) const { return lookup(query, name); }
const std::string& HttpRequest::param(const std::string& name) const { return lookup(params, name); }

void HttpResponse::set_header(std::string name, std::string value) {
    for (auto& h : headers)
        if (h.first == name) { h.second = std::move(value); return; }
    headers.emplace_back(std::move(name), std::move(value));
}

HttpResponse HttpResponse::json_error(int status, const std::string& message) {
    HttpResponse r;
    r.status = status;
    // Messages may quote request bytes (a path, a header): invalid UTF-8 is replaced, never thrown.
    r.body = nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

void Router::add(std::string method, std::string pattern, HttpHandler handler) {
    Route r;
    r.method = std::move(method);
    r.prefix = pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "/*") == 0;
    r.segments = split_path(r.prefix ? std::string_view(pattern).substr(0, pattern.size() - 2) : std::string_view(pattern));
    r.pattern = std::move(pattern);
    r.handler = std::move(handler);
    routes_.push_back(std::move(r));
}

bool Router::matches(const Route& r, const std::string& path, std::map<std::string, std::string>* params) {
    const auto segs = split_path(path);
    if (r.prefix ? segs.size() < r.segments.size() : segs.size() != r.segments.size()) return false;
    std::map<std::string, std::string> got;
    for (std::size_t i = 0; i < r.segments.size(); ++i) {
        const auto& p = r.segments[i];
        if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
            if (segs[i].empty()) return false;
            got[p.substr(1, p.size() - 2)] = segs[i];
        } else if (p != segs[i]) {
            return false;
        }
    }
    if (params) *params = std::move(got);
    return true;
}

std::optional<HttpHandler> Router::match(HttpRequest& req) const {
    // Exact (no parameters, no prefix) routes win over patterns.
    for (const auto& r : routes_)
        if (r.method == req.method && !r.prefix && r.pattern == req.path) {
            req.params.clear();
            return r.handler;
        }
    for (const auto& r : routes_)
        if (r.method == req.method && matches(r, req.path, &req.params)) return r.handler;
    return std::nullopt;
}

bool Router::path_known(const std::string& path) const {
    for (const auto& r : routes_)
        if (matches(r, path, nullptr)) return true;
    return false;
}

HttpResponse Router::handle(HttpRequest& req) const {
    if (auto h = match(req)) return (*h)(req);
    if (path_known(req.path)) return HttpResponse::json_error(405, "method " + req.method + " not allowed on " + req.path);
    return HttpResponse::json_error(404, "no such route: " + req.path);
}

}  // namespace hall::hub
