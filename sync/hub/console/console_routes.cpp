#include "hub/console/console_routes.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/ids.h"
#include "hub/console/console_index.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;
constexpr const char* kCookie = "hall_console";

const std::vector<RouteInfo> kApiRoutes = {
    {"POST", "/console/api/login", {200, 400, 401, 403, 423}},
    {"POST", "/console/api/logout", {200, 401, 403}},
    {"GET", "/console/api/session", {200, 401, 403}},
    {"GET", "/console/api/overview", {200, 400, 401, 403}},
    {"GET", "/console/api/halls/{hall}", {200, 400, 401, 403}},
    {"GET", "/console/api/records", {200, 400, 401, 403}},
    {"GET", "/console/api/records/export", {200, 400, 401, 403}},
    {"GET", "/console/api/records/{uuid}", {200, 401, 403, 404}},
    {"POST", "/console/api/records/{uuid}/reveal", {200, 401, 403, 404}},
    {"GET", "/console/api/ranking", {200, 400, 401, 403}},
    {"GET", "/console/api/report/csv", {200, 400, 401, 403}},
    {"GET", "/console/api/fleet", {200, 400, 401, 403}},
    {"POST", "/console/api/fleet/{name}/revoke", {200, 400, 401, 403, 404}},
    {"POST", "/console/api/fleet/{name}/rotate", {200, 400, 401, 403, 404}},
    {"GET", "/console/api/audit", {200, 401, 403}},
};

bool is_loopback(const std::string& peer) {
    // A front that does not say who is asking gets no exception.
    return peer.rfind("127.", 0) == 0 || peer == "::1" || peer.rfind("::ffff:127.", 0) == 0;
}

std::string cookie_value(const HttpRequest& req) {
    const auto& h = req.header("cookie");
    const std::string key = std::string(kCookie) + "=";
    std::size_t pos = 0;
    while (pos < h.size()) {
        while (pos < h.size() && (h[pos] == ' ' || h[pos] == ';')) ++pos;
        auto end = h.find(';', pos);
        if (end == std::string::npos) end = h.size();
        if (h.compare(pos, key.size(), key) == 0) return h.substr(pos + key.size(), end - pos - key.size());
        pos = end;
    }
    return "";
}

HttpResponse json_reply(const json& body, int status = 200) {
    HttpResponse r;
    r.status = status;
    r.body = body.dump();
    r.set_header("Cache-Control", "no-store");
    return r;
}

Date today_local() {
    return *local_date_of(iso_utc(std::chrono::system_clock::now()), kUtcOffsetMinutes);
}

std::string month_param(const HttpRequest& req) {
    const auto& m = req.query_value("month");
    return m.empty() ? current_month(std::chrono::system_clock::now()) : m;
}

void security_headers(HttpResponse& r) {
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("X-Frame-Options", "DENY");
    r.set_header("Referrer-Policy", "no-referrer");
    r.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
}

const char* mime_for(const std::string& path) {
    const auto ext = std::filesystem::path(path).extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    return "application/octet-stream";
}

HttpResponse serve_file(const std::string& dir, const std::string& rel) {
    // Only plain names below dir: no "..", no hidden files, no odd bytes.
    bool ok = !rel.empty() && rel.size() < 200 && rel.find("..") == std::string::npos && rel[0] != '/';
    for (char c : rel)
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '/');
    HttpResponse r;
    std::ifstream in;
    if (ok) in.open(std::filesystem::path(dir) / rel, std::ios::binary);
    if (!ok || !in || std::filesystem::is_directory(std::filesystem::path(dir) / rel)) {
        r = HttpResponse::json_error(404, "no such file");
        security_headers(r);
        return r;
    }
    std::ostringstream s;
    s << in.rdbuf();
    r.body = s.str();
    r.content_type = mime_for(rel);
    r.set_header("Cache-Control", "no-cache");
    security_headers(r);
    return r;
}

struct Ctx {
    Session session;
    Scope scope;
};

// TLS here, or at a proxy on this machine that says so (its connection is loopback).
bool secure(const HttpRequest& req) { return req.tls || (is_loopback(req.peer) && req.header("x-forwarded-proto") == "https"); }

class Api {
public:
    explicit Api(ConsoleDeps& d) : d_(d) {}

    using Fn = std::function<HttpResponse(HttpRequest&, Ctx&)>;
    // Logged in (401), CSRF token on writes (403), errors as their statuses.
    HttpHandler guard(Fn fn) {
        return [this, fn](HttpRequest& req) {
            HttpResponse r;
            try {
                r = run(req, fn);
            } catch (const Forbidden& e) {
                r = HttpResponse::json_error(403, e.what());
            } catch (const BadRequest& e) {
                r = HttpResponse::json_error(400, e.what());
            }
            r.set_header("Cache-Control", "no-store");
            security_headers(r);
            return r;
        };
    }

    HttpResponse login(HttpRequest& req) {
        HttpResponse r;
        if (!req.tls && !is_loopback(req.peer)) {
            r = HttpResponse::json_error(403, "the console needs TLS (--tls-cert/--tls-key) except from this machine");
        } else {
            auto body = json::parse(req.body, nullptr, false);
            if (!body.is_object() || !body.contains("user") || !body["user"].is_string() || !body.contains("password") ||
                !body["password"].is_string()) {
                r = HttpResponse::json_error(400, "body must be {\"user\": ..., \"password\": ...}");
            } else {
                const auto name = body["user"].get<std::string>(), pw = body["password"].get<std::string>();
                if (name.size() > 64 || pw.size() > 256) {
                    r = HttpResponse::json_error(400, "user or password too long");
                } else {
                    auto res = d_.auth.login(name, pw, req.peer);
                    if (res.outcome == LoginResult::Outcome::Locked) {
                        r = HttpResponse::json_error(423, "too many wrong passwords: locked until " + res.locked_until);
                    } else if (res.outcome == LoginResult::Outcome::Wrong) {
                        r = HttpResponse::json_error(401, "wrong user name or password");
                    } else {
                        r = json_reply(session_json(res.session));
                        r.set_header("Set-Cookie", std::string(kCookie) + "=" + res.cookie_value +
                                                       "; Path=/console; HttpOnly; SameSite=Strict" + (secure(req) ? "; Secure" : ""));
                    }
                }
            }
        }
        r.set_header("Cache-Control", "no-store");
        security_headers(r);
        return r;
    }

    static json session_json(const Session& s) {
        json perms = json::array();
        for (auto [p, k] : {std::pair{Permission::ViewAllHalls, "view_all_halls"}, std::pair{Permission::RevealPhone, "reveal_phone"},
                            std::pair{Permission::ManageTokens, "manage_tokens"}, std::pair{Permission::ViewAudit, "view_audit"},
                            std::pair{Permission::ViewGuides, "view_guides"}, std::pair{Permission::EditGuides, "edit_guides"},
                            std::pair{Permission::ApproveGuides, "approve_guides"}, std::pair{Permission::PublishGuides, "publish_guides"}})
            if (s.user.can(p)) perms.push_back(k);
        return {{"user", s.user.name}, {"role", s.user.role}, {"hall_id", s.user.hall_id}, {"csrf", s.csrf}, {"permissions", perms}};
    }

    ConsoleDeps& d() { return d_; }

private:
    HttpResponse run(HttpRequest& req, const Fn& fn) {
        if (!req.tls && !is_loopback(req.peer)) return HttpResponse::json_error(403, "the console needs TLS except from this machine");
        auto s = d_.auth.session(cookie_value(req), req.peer);
        if (!s) return HttpResponse::json_error(401, "not logged in, or the session has expired");
        if (req.method != "GET" && req.header("x-csrf-token") != s->csrf) {
            d_.auth.audit(s->user, "csrf_rejected", req.method + " " + req.path, "", req.peer);
            return HttpResponse::json_error(403, "missing or wrong CSRF token");
        }
        Ctx ctx{*s, Scope{s->user}};
        return fn(req, ctx);
    }
    ConsoleDeps& d_;
};

ConsoleQueries::RecordFilter record_filter(const HttpRequest& req, const Scope& scope) {
    ConsoleQueries::RecordFilter f;
    f.hall = scope.hall_filter(req.query_value("hall"));
    f.window = req.query_value("window");
    f.category = req.query_value("category");
    f.state = req.query_value("state");
    f.from = req.query_value("from");
    f.to = req.query_value("to");
    f.after = req.query_value("after");
    const auto& rating = req.query_value("rating");
    if (rating == "bad") f.bad_only = true;
    else if (!rating.empty()) {
        if (rating.size() != 1 || rating[0] < '1' || rating[0] > '5') throw BadRequest("rating: 1..5 or bad");
        f.rating = rating[0] - '0';
    }
    f.overdue_only = req.query_value("overdue") == "1";
    if (!req.query_value("limit").empty()) {
        try {
            f.limit = std::stoi(req.query_value("limit"));
        } catch (...) {
            throw BadRequest("limit: a number");
        }
    }
    return f;
}

void require(const Ctx& ctx, Permission p) {
    if (!ctx.session.user.can(p)) throw Forbidden("role " + ctx.session.user.role + " may not do this");
}

}  // namespace

const std::vector<RouteInfo>& console_api_routes() { return kApiRoutes; }

HttpHandler console_guard(ConsoleDeps& deps, SessionHandler fn) {
    auto api = std::make_shared<Api>(deps);
    auto h = api->guard([fn](HttpRequest& req, Ctx& ctx) { return fn(req, ctx.session); });
    return [api, h](HttpRequest& req) { return h(req); };
}

std::string default_web_dir() {
    const std::string installed = "/usr/share/hall-hub/console";
    if (std::filesystem::exists(installed + "/index.html")) return installed;
#ifdef HALL_SOURCE_DIR
    return std::string(HALL_SOURCE_DIR) + "/sync/hub/console/web";
#else
    return installed;
#endif
}

void add_console_routes(Router& router, ConsoleDeps& deps) {
    auto api = std::make_shared<Api>(deps);
    auto& d = deps;
    router.add("POST", "/console/api/login", [api](HttpRequest& req) { return api->login(req); });
    router.add("POST", "/console/api/logout", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        d.auth.logout(ctx.session, req.peer);
        auto r = json_reply({{"ok", true}});
        r.set_header("Set-Cookie", std::string(kCookie) + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0");
        return r;
    }));
    router.add("GET", "/console/api/session", api->guard([](HttpRequest&, Ctx& ctx) { return json_reply(Api::session_json(ctx.session)); }));
    router.add("GET", "/console/api/overview", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        return json_reply(d.queries.overview(ctx.scope.hall_filter(req.query_value("hall")), month_param(req), today_local()));
    }));
    router.add("GET", "/console/api/halls/{hall}", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        return json_reply(d.queries.hall_windows(ctx.scope.hall_filter(req.param("hall")), month_param(req), today_local()));
    }));
    router.add("GET", "/console/api/records", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        return json_reply(d.queries.records(record_filter(req, ctx.scope), today_local()));
    }));
    router.add("GET", "/console/api/records/export", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        auto f = record_filter(req, ctx.scope);
        // Streamed a keyset page at a time (RecordsCsv): the first page is read here, so a bad
        // filter is a 400 before anything is sent; the rest as the client reads.
        auto csv = std::make_shared<RecordsCsv>(d.queries, f, today_local());
        HttpResponse r;
        r.body = csv->next();
        std::string filter;
        for (const auto& [k, v] : req.query) filter += (filter.empty() ? "" : "&") + k + "=" + v;
        d.auth.audit(ctx.session.user, "export_records", f.hall.empty() ? "*" : f.hall, "streamed; " + req.path + (filter.empty() ? "" : "?" + filter),
                     req.peer);
        r.stream = [csv] { return csv->next(); };
        r.content_type = "text/csv; charset=utf-8";
        r.set_header("Content-Disposition", "attachment; filename=\"records.csv\"");
        return r;
    }));
    router.add("GET", "/console/api/records/{uuid}", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        const auto hall = d.queries.record_hall(req.param("uuid"));
        if (!hall) return HttpResponse::json_error(404, "no such record");
        ctx.scope.hall_filter(*hall);  // another hall's record: 403
        auto rec = d.queries.record(req.param("uuid"), today_local());
        if (!rec) return HttpResponse::json_error(404, "no such record");
        (*rec)["can_reveal"] = ctx.session.user.can(Permission::RevealPhone);
        return json_reply(*rec);
    }));
    router.add("POST", "/console/api/records/{uuid}/reveal", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        require(ctx, Permission::RevealPhone);
        const auto hall = d.queries.record_hall(req.param("uuid"));
        if (!hall) return HttpResponse::json_error(404, "no such record");
        ctx.scope.hall_filter(*hall);
        const auto phone = d.queries.record_phone(req.param("uuid"));
        d.auth.audit(ctx.session.user, "reveal_phone", req.param("uuid"), "hall " + *hall, req.peer);
        return json_reply({{"phone", phone.value_or("")}});
    }));
    router.add("GET", "/console/api/ranking", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        return json_reply(d.queries.ranking(ctx.scope.hall_filter(req.query_value("hall")), month_param(req)));
    }));
    router.add("GET", "/console/api/report/csv", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        const auto hall = ctx.scope.hall_filter(req.query_value("hall"));
        const auto month = month_param(req);
        std::ostringstream out;
        d.queries.report_csv(hall, month, today_local(), out);
        d.auth.audit(ctx.session.user, "export_report", hall.empty() ? "*" : hall, month, req.peer);
        HttpResponse r;
        r.content_type = "text/csv; charset=utf-8";
        r.body = out.str();
        r.set_header("Content-Disposition", "attachment; filename=\"report-" + month + ".csv\"");
        return r;
    }));
    router.add("GET", "/console/api/fleet", api->guard([&d](HttpRequest& req, Ctx& ctx) {
        return json_reply(d.queries.fleet(ctx.scope.hall_filter(req.query_value("hall")), std::chrono::system_clock::now()));
    }));
    for (const char* action : {"revoke", "rotate"}) {
        router.add("POST", std::string("/console/api/fleet/{name}/") + action, api->guard([&d, action](HttpRequest& req, Ctx& ctx) {
            require(ctx, Permission::ManageTokens);
            const auto name = req.param("name");
            const auto hall = d.queries.kiosk_hall(name);
            if (!hall) return HttpResponse::json_error(404, "no such kiosk");
            ctx.scope.hall_filter(*hall);
            // The confirmation: the body repeats the kiosk's name, as typed by the person.
            auto body = json::parse(req.body, nullptr, false);
            if (!body.is_object() || !body.contains("confirm") || body["confirm"] != name)
                throw BadRequest("confirm: type the kiosk's name to confirm");
            if (std::string(action) == "revoke") {
                d.queries.revoke_kiosk(name, ctx.session.user.name);
                d.auth.audit(ctx.session.user, "kiosk_revoke", name, "hall " + *hall, req.peer);
                return json_reply({{"ok", true}});
            }
            auto token = d.queries.rotate_kiosk(name, ctx.session.user.name);
            d.auth.audit(ctx.session.user, "kiosk_rotate", name, "hall " + *hall, req.peer);
            return json_reply({{"ok", true}, {"token", token.value_or("")}});
        }));
    }
    router.add("GET", "/console/api/audit", api->guard([&d](HttpRequest&, Ctx& ctx) {
        require(ctx, Permission::ViewAudit);
        json rows = json::array();
        for (const auto& a : d.auth.audit_log(200))
            rows.push_back({{"at", a.at}, {"user", a.user}, {"role", a.role}, {"hall_id", a.hall_id}, {"action", a.action},
                            {"target", a.target}, {"detail", a.detail}, {"peer", a.peer}});
        return json_reply({{"entries", rows}});
    }));
    // Unknown API paths answer JSON 404, not a page.
    for (const char* m : {"GET", "POST"})
        router.add(m, "/console/api/*", [](HttpRequest&) { return HttpResponse::json_error(404, "no such console API"); });
    // Chart.js from the libjs-chart.js package (a dependency of hall-hub's .deb).
    router.add("GET", "/console/lib/chart.js", [&d](HttpRequest&) { return serve_file(d.options.chartjs_dir, "chart.min.js"); });
    router.add("GET", "/console", [&d](HttpRequest& req) {
        // The router matches "/console/" here too (empty segments are dropped).
        if (!req.path.empty() && req.path.back() == '/') return serve_file(d.options.web_dir, "index.html");
        HttpResponse r;
        r.status = 302;
        r.set_header("Location", "/console/");
        return r;
    });
    router.add("GET", "/console/*", [&d](HttpRequest& req) {
        std::string rel = req.path.substr(std::string("/console/").size());
        if (rel.empty()) rel = "index.html";
        return serve_file(d.options.web_dir, rel);
    });
}

}  // namespace hall::hub::console
