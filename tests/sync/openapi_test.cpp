// sync/openapi.json is the contract: every route the hub serves and every call the client
// makes must be documented with its statuses, and what a live hub answers must match it.
#include <catch2/catch.hpp>

#include <fstream>

#include "client/hub_http.h"
#include "hub/console/console_routes.h"
#include "hub/console/guide_routes.h"
#include "hub/hub_server.h"
#include "support/hub_process.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "support/sync_fixtures.h"

using namespace hall;
using nlohmann::json;

namespace {

json load_spec() {
    std::ifstream in(HALL_OPENAPI);
    REQUIRE(in);
    return json::parse(in);
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const json* operation(const json& spec, const std::string& method, const std::string& path) {
    if (!spec["paths"].contains(path)) return nullptr;
    const auto& p = spec["paths"][path];
    if (!p.contains(lower(method))) return nullptr;
    return &p[lower(method)];
}

const json& resolve(const json& spec, const json& schema) {
    if (!schema.contains("$ref")) return schema;
    auto ref = schema["$ref"].get<std::string>();
    const std::string prefix = "#/components/schemas/";
    REQUIRE(ref.rfind(prefix, 0) == 0);
    return spec["components"]["schemas"][ref.substr(prefix.size())];
}

// Checks a live reply: the status the case expects (a bad request must get its own error,
// not any documented one), that status documented for the route, required fields present.
void check_reply(const json& spec, const std::string& method, const std::string& path, int expected, const sync::HttpReply& r) {
    INFO(method << " " << path << " -> " << r.status << " " << r.body.substr(0, 200));
    CHECK(r.status == expected);
    const json* op = operation(spec, method, path);
    REQUIRE(op);
    const auto code = std::to_string(r.status);
    REQUIRE((*op)["responses"].contains(code));
    const auto& resp = (*op)["responses"][code];
    if (!resp.contains("content")) return;
    const auto& schema = resolve(spec, resp["content"]["application/json"]["schema"]);
    auto body = json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(body.is_discarded());
    if (schema.contains("required"))
        for (const auto& k : schema["required"]) CHECK(body.contains(k.get<std::string>()));
}

}  // namespace

TEST_CASE("the OpenAPI document is versioned and names every route the hub serves, both ways", "[sync][openapi]") {
    const auto spec = load_spec();
    CHECK(spec["openapi"].get<std::string>().rfind("3.", 0) == 0);
    std::set<std::pair<std::string, std::string>> served;
    // The kiosks' API under /api/v1/ and the console's under /console/api/ (issue #17).
    std::vector<hub::RouteInfo> routes = hub::hub_routes();
    for (const auto& r : hub::console::console_api_routes()) routes.push_back(r);
    for (const auto& r : hub::console::guide_api_routes()) routes.push_back(r);  // issue #18
    for (const auto& r : routes) {
        INFO(r.method << " " << r.path);
        CHECK((r.path.rfind("/api/v1/", 0) == 0 || r.path.rfind("/console/api/", 0) == 0));
        served.insert({lower(r.method), r.path});
        const json* op = operation(spec, r.method, r.path);
        REQUIRE(op);
        std::set<int> documented;
        for (const auto& [code, _] : (*op)["responses"].items()) documented.insert(std::stoi(code));
        CHECK(documented == std::set<int>(r.statuses.begin(), r.statuses.end()));
    }
    for (const auto& [path, ops] : spec["paths"].items())
        for (const auto& [method, _] : ops.items()) {
            INFO("documented but not served: " << method << " " << path);
            CHECK(served.count({method, path}) == 1);
        }
}

TEST_CASE("every call the kiosk client makes is documented with the statuses it handles", "[sync][openapi]") {
    const auto spec = load_spec();
    for (const auto& e : sync::client_endpoints()) {
        INFO(e.method << " " << e.path);
        const json* op = operation(spec, e.method, e.path);
        REQUIRE(op);
        for (int s : e.handled_statuses) CHECK((*op)["responses"].contains(std::to_string(s)));
    }
}

TEST_CASE("a live hub answers as the OpenAPI document says", "[sync][openapi]") {
    const auto spec = load_spec();
    test::HubFixture fx;
    std::string feed_token;
    {
        auto store = fx.hub_store();
        feed_token = hub::add_kiosk(*store, "queue-demo", test::kHall, "queue");
    }
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    const auto mk = [&](const std::string& token) {
        sync::HttpOptions o;
        o.base_url = hub.url();
        o.token = token;
        o.total_timeout_s = 10;
        return std::make_unique<sync::HubHttp>(o);
    };
    auto kiosk = mk(fx.token), feed = mk(feed_token), nobody = mk("hk_nobody");
    const auto rec = wire::feedback_to_json(test::sample_feedback(1));
    const auto other = wire::feedback_to_json(test::sample_feedback(2, "elsewhere"));

    check_reply(spec, "GET", wire::kPathHealth, 200, nobody->get(wire::kPathHealth));
    check_reply(spec, "POST", wire::kPathRecords, 200, kiosk->post_json(wire::kPathRecords, json{{"records", {rec}}}.dump()));
    check_reply(spec, "POST", wire::kPathRecords, 400, kiosk->post_json(wire::kPathRecords, "nope"));  // not JSON
    check_reply(spec, "POST", wire::kPathRecords, 401, nobody->post_json(wire::kPathRecords, "{}"));  // unknown token
    check_reply(spec, "POST", wire::kPathRecords, 403, kiosk->post_json(wire::kPathRecords, json{{"records", {other}}}.dump()));  // another hall
    check_reply(spec, "POST", wire::kPathRecords, 413,  // one record over the batch limit
                kiosk->post_json(wire::kPathRecords, json{{"records", std::vector<json>(1001, json::object())}}.dump()));
    check_reply(spec, "GET", wire::kPathBundle, 404, kiosk->get(wire::kPathBundle));  // nothing published yet
    REQUIRE(fx.publish(test::sample_bundle("2026.11.25-1")));
    auto b = kiosk->get(wire::kPathBundle);
    check_reply(spec, "GET", wire::kPathBundle, 200, b);
    check_reply(spec, "GET", wire::kPathBundle, 304, kiosk->get(wire::kPathBundle, {"If-None-Match: " + b.etag}));
    check_reply(spec, "GET", wire::kPathBundle, 403, feed->get(wire::kPathBundle));  // a queue feed's token
    check_reply(spec, "GET", wire::kPathQueue, 404, kiosk->get(wire::kPathQueue));  // no status posted yet
    QueueSnapshot q;
    q.windows.push_back({"w01", true, false, "A001", 2, 8});
    check_reply(spec, "POST", wire::kPathQueue, 200, feed->post_json(wire::kPathQueue, wire::queue_to_json(q).dump()));
    check_reply(spec, "POST", wire::kPathQueue, 400, feed->post_json(wire::kPathQueue, "[]"));  // not a snapshot
    check_reply(spec, "POST", wire::kPathQueue, 403, kiosk->post_json(wire::kPathQueue, "{}"));  // kiosks only read it
    check_reply(spec, "GET", wire::kPathQueue, 200, kiosk->get(wire::kPathQueue));
    wire::Heartbeat h{"0.1.0", "", 0, "", 1, now_iso_utc(), "", -1};
    check_reply(spec, "POST", wire::kPathHeartbeat, 200, kiosk->post_json(wire::kPathHeartbeat, wire::heartbeat_to_json(h).dump()));
    check_reply(spec, "POST", wire::kPathHeartbeat, 400, kiosk->post_json(wire::kPathHeartbeat, "{}"));  // fields missing
    check_reply(spec, "POST", wire::kPathHeartbeat, 403, feed->post_json(wire::kPathHeartbeat, "{}"));  // a feed is no kiosk
}
