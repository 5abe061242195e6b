#include "hub/console/guide_routes.h"

#include <nlohmann/json.hpp>

#include "content/bundle.h"
#include "core/guide.h"
#include "core/ids.h"
#include "core/workdays.h"
#include "hub/console/console_index.h"
#include "protocol/signing.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;

const std::vector<RouteInfo> kRoutes = {
    {"GET", "/console/api/guides", {200, 401, 403}},
    {"POST", "/console/api/guides/check", {200, 400, 401, 403}},
    {"POST", "/console/api/guides/publish", {200, 400, 401, 403}},
    {"POST", "/console/api/guides/import", {200, 400, 401, 403}},
    {"GET", "/console/api/guides/export", {200, 401, 403}},
    {"POST", "/console/api/guides/files", {200, 400, 401, 403}},
    {"GET", "/console/api/guides/{code}", {200, 400, 401, 403, 404}},
    {"POST", "/console/api/guides/{code}/save", {200, 400, 401, 403, 409}},
    {"POST", "/console/api/guides/{code}/submit", {200, 400, 401, 403, 409}},
    {"POST", "/console/api/guides/{code}/approve", {200, 400, 401, 403, 409}},
    {"POST", "/console/api/guides/{code}/reject", {200, 400, 401, 403, 409}},
    {"POST", "/console/api/guides/{code}/rollback", {200, 400, 401, 403}},
    {"GET", "/console/api/guides/{code}/diff", {200, 400, 401, 403}},
    {"GET", "/console/api/guides/{code}/preview", {200, 400, 401, 403, 404}},
};

HttpResponse reply(const json& body, int status = 200) {
    HttpResponse r;
    r.status = status;
    r.body = body.dump();
    return r;
}

std::string today() { return format_date(*local_date_of(now_iso_utc(), kUtcOffsetMinutes)); }

void need(const Session& s, Permission p) {
    if (!s.user.can(p)) throw Forbidden("role " + s.user.role + " may not do this");
}

json body_of(const HttpRequest& req) {
    auto b = json::parse(req.body, nullptr, false);
    if (!b.is_object()) throw BadRequest("the body must be a JSON object");
    return b;
}

std::int64_t int_param(const json& b, const char* key) {
    if (!b.contains(key) || !b[key].is_number_integer()) throw BadRequest(std::string(key) + ": a revision number");
    return b[key].get<std::int64_t>();
}

std::int64_t query_int(const HttpRequest& req, const std::string& key, std::int64_t def) {
    const auto& v = req.query_value(key);
    if (v.empty()) return def;
    try {
        std::size_t n = 0;
        const auto x = std::stoll(v, &n);
        if (n == v.size() && x >= 0) return x;
    } catch (...) {
    }
    throw BadRequest(key + ": a revision number");
}

// Conflicts (someone else saved, a state that does not fit) answer 409.
SessionHandler with_conflict(SessionHandler fn) {
    return [fn](HttpRequest& req, const Session& s) {
        try {
            return fn(req, s);
        } catch (const Conflict& e) {
            return HttpResponse::json_error(409, e.what());
        }
    };
}

}  // namespace

const std::vector<RouteInfo>& guide_api_routes() { return kRoutes; }

void add_guide_routes(Router& router, GuideDeps& d) {
    auto& c = d.console;
    const auto add = [&](const char* method, const char* path, SessionHandler fn) {
        router.add(method, path, console_guard(c, with_conflict(std::move(fn))));
    };
    add("GET", "/console/api/guides", [&d](HttpRequest&, const Session& s) {
        need(s, Permission::ViewGuides);
        return reply({{"guides", d.guides.list(today())},
                      {"directory", d.guides.directory().to_json()},
                      {"rules", check_rules()},
                      {"publications", d.guides.publications(20)},
                      {"signing", !d.signing_key.empty()}});
    });
    add("POST", "/console/api/guides/check", [&d](HttpRequest& req, const Session& s) {
        need(s, Permission::ViewGuides);
        auto b = body_of(req);
        const auto f = check_guide(b.value("doc", json()), d.guides.context(today()));
        return reply({{"checks", findings_json(f)}, {"blocking", blocking_count(f)}});
    });
    add("GET", "/console/api/guides/{code}", [&d](HttpRequest& req, const Session& s) {
        need(s, Permission::ViewGuides);
        auto g = d.guides.get(req.param("code"), query_int(req, "rev", 0), today());
        if (!g) return HttpResponse::json_error(404, "no such guide or revision");
        return reply(*g);
    });
    add("POST", "/console/api/guides/{code}/save", [&d](HttpRequest& req, const Session& s) {
        auto b = body_of(req);
        const auto rev = d.guides.save(s.user, req.param("code"), b.value("doc", json()), int_param(b, "base_rev"), req.peer);
        const auto f = check_guide(b.value("doc", json()), d.guides.context(today()));
        return reply({{"rev", rev}, {"checks", findings_json(f)}, {"blocking", blocking_count(f)}});
    });
    add("POST", "/console/api/guides/{code}/submit", [&d](HttpRequest& req, const Session& s) {
        d.guides.submit(s.user, req.param("code"), int_param(body_of(req), "rev"), today(), req.peer);
        return reply({{"ok", true}});
    });
    add("POST", "/console/api/guides/{code}/approve", [&d](HttpRequest& req, const Session& s) {
        d.guides.approve(s.user, req.param("code"), int_param(body_of(req), "rev"), today(), req.peer);
        return reply({{"ok", true}});
    });
    add("POST", "/console/api/guides/{code}/reject", [&d](HttpRequest& req, const Session& s) {
        auto b = body_of(req);
        d.guides.reject(s.user, req.param("code"), int_param(b, "rev"), b.value("note", ""), req.peer);
        return reply({{"ok", true}});
    });
    add("POST", "/console/api/guides/{code}/rollback", [&d](HttpRequest& req, const Session& s) {
        const auto rev = d.guides.rollback(s.user, req.param("code"), int_param(body_of(req), "to"), req.peer);
        return reply({{"rev", rev}});
    });
    add("GET", "/console/api/guides/{code}/diff", [&d](HttpRequest& req, const Session& s) {
        need(s, Permission::ViewGuides);
        return reply({{"changes", d.guides.diff(req.param("code"), query_int(req, "from", 0), query_int(req, "to", 0))}});
    });
    add("GET", "/console/api/guides/{code}/preview", [&d](HttpRequest& req, const Session& s) {
        need(s, Permission::ViewGuides);
        auto g = d.guides.get(req.param("code"), query_int(req, "rev", 0), today());
        if (!g) return HttpResponse::json_error(404, "no such guide or revision");
        // What the kiosk will show, through the kiosk's own parser; the QR code carries the
        // materials checklist the kiosk encodes (core/guide.h).
        auto kg = guide_for_kiosk((*g)["doc"], (*g)["updated"].get<std::string>().empty() ? today() : (*g)["updated"].get<std::string>());
        json dept_name = {{"zh-Hans", kg.value("department", "")}, {"zh-Hant", kg.value("department", "")}};
        for (const auto& dep : d.guides.directory().departments)
            if (dep.id == kg.value("department", "")) dept_name = dep.name;
        json b = {{"format", kBundleFormat}, {"schema", kBundleSchema}, {"version", "preview"},
                  {"departments", json::array({{{"id", kg.value("department", "-")}, {"name", dept_name}}})}, {"guides", json::array({kg})}};
        auto parsed = parse_bundle(b.dump());
        json qr = json::object();
        if (parsed.ok())
            for (Lang l : kAllLangs) qr[std::string(lang_code(l))] = materials_checklist(parsed.bundle.guides.front(), l);
        return reply({{"guide", kg}, {"department", dept_name}, {"qr", qr}, {"kiosk_errors", parsed.errors}});
    });
    add("POST", "/console/api/guides/publish", [&d, &c](HttpRequest& req, const Session& s) {
        need(s, Permission::PublishGuides);
        auto b = body_of(req);
        const auto hall = b.value("hall", "*");
        // The password again: a session cookie (and CSRF token) alone never signs a bundle.
        if (!b.contains("password") || !b["password"].is_string() ||
            !c.auth.reauthenticate(s.user, b["password"].get<std::string>(), "guide_publish " + hall, req.peer))
            throw Forbidden("publishing needs your password typed again; it was wrong or missing");
        auto out = d.guides.publish(c.store, s.user, hall, d.signing_key, now_iso_utc(), today(), req.peer);
        return reply({{"version", out.version}, {"etag", out.etag}, {"guides", out.guides}, {"changed", out.changed},
                      {"bundle_bytes", out.bundle_bytes}, {"hall", out.hall_id}});
    });
    add("POST", "/console/api/guides/import", [&d](HttpRequest& req, const Session& s) {
        auto b = body_of(req);
        if (!b.contains("csv") || !b["csv"].is_string()) throw BadRequest("csv: the file's text");
        auto rep = d.guides.import_csv(s.user, b["csv"].get<std::string>(), req.peer);
        json problems = json::array();
        for (const auto& p : rep.problems) problems.push_back({{"row", p.row}, {"code", p.code}, {"reason", p.reason}});
        return reply({{"rows", rep.rows}, {"imported", rep.imported}, {"problems", problems}});
    });
    add("GET", "/console/api/guides/export", [&d, &c](HttpRequest& req, const Session& s) {
        need(s, Permission::ViewGuides);
        HttpResponse r;
        r.content_type = "text/csv; charset=utf-8";
        r.body = d.guides.export_csv();
        r.set_header("Content-Disposition", "attachment; filename=\"guides.csv\"");
        c.auth.audit(s.user, "guide_export", "csv", std::to_string(r.body.size()) + " bytes", req.peer);
        return r;
    });
    add("POST", "/console/api/guides/files", [&d](HttpRequest& req, const Session& s) {
        auto b = body_of(req);
        auto bytes = wire::base64_decode(b.value("data", ""));
        if (!bytes) throw BadRequest("data: the file in base64");
        return reply({{"url", d.guides.put_file(s.user, b.value("name", "file"), b.value("mime", ""), *bytes, req.peer)}});
    });
    // Uploaded forms and samples: public, as the kiosk's QR codes point citizens' phones here.
    router.add("GET", "/guide-files/{id}/{name}", [&d](HttpRequest& req) {
        auto f = d.guides.file(req.param("id"));
        if (!f) return HttpResponse::json_error(404, "no such file");
        HttpResponse r;
        r.content_type = f->mime;
        r.body = f->bytes;
        r.set_header("Cache-Control", "public, max-age=86400");
        r.set_header("X-Content-Type-Options", "nosniff");
        r.set_header("Content-Disposition", "inline; filename=\"" + f->name + "\"");
        return r;
    });
}

}  // namespace hall::hub::console
