// The library-neutral router: exact before patterns, {name} parameters, prefix routes,
// 404 for unknown paths and 405 for a known path with another method.
#include <catch2/catch.hpp>

#include "hub/http_router.h"

using namespace hall::hub;

namespace {
HttpRequest req(std::string method, std::string path) {
    HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}
HttpHandler says(std::string what) {
    return [what](HttpRequest& r) {
        HttpResponse out;
        out.body = what + (r.params.empty() ? "" : ":" + r.params.begin()->second);
        return out;
    };
}
}  // namespace

TEST_CASE("router picks exact routes before patterns and fills parameters") {
    Router rt;
    rt.add("GET", "/console/api/halls/{hall}", says("hall"));
    rt.add("GET", "/console/api/halls/summary", says("summary"));
    rt.add("GET", "/console/*", says("static"));
    auto a = req("GET", "/console/api/halls/summary");
    CHECK(rt.handle(a).body == "summary");
    auto b = req("GET", "/console/api/halls/h-01");
    CHECK(rt.handle(b).body == "hall:h-01");
    auto c = req("GET", "/console/app.js");
    CHECK(rt.handle(c).body == "static");
    auto d = req("GET", "/console/api/halls/h-01/extra");
    CHECK(rt.handle(d).body == "static");  // the prefix route catches deeper paths
}

TEST_CASE("router answers 404 for unknown paths and 405 for the wrong method") {
    Router rt;
    rt.add("POST", "/console/api/login", says("login"));
    auto a = req("GET", "/console/api/login");
    CHECK(rt.handle(a).status == 405);
    auto b = req("GET", "/nowhere");
    auto out = rt.handle(b);
    CHECK(out.status == 404);
    CHECK(out.body.find("/nowhere") != std::string::npos);
    auto c = req("POST", "/console/api/login");
    CHECK(rt.handle(c).status == 200);
}
