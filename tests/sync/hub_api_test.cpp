// hall-hub's API against a real hub process: authentication, hall scoping, malformed
// requests, idempotency, heartbeats, queue feed, bundles with ETags, export.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>

#include "client/hub_http.h"
#include "support/hub_process.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "support/sync_fixtures.h"
#include "support/files.h"

using namespace hall;
using nlohmann::json;

namespace {

sync::HubHttp client(const std::string& url, const std::string& token) {
    sync::HttpOptions o;
    o.base_url = url;
    o.token = token;
    o.connect_timeout_s = 2;
    o.low_speed_time_s = 5;
    o.total_timeout_s = 10;
    return sync::HubHttp(o);
}

std::string batch(const std::vector<json>& records) { return json{{"records", records}}.dump(); }

}  // namespace

TEST_CASE("hub refuses requests without a valid token and stores nothing", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    const auto body = batch({wire::feedback_to_json(test::sample_feedback(1))});
    for (const std::string& token : std::vector<std::string>{"", "hk_wrong", fx.token + "x"}) {
        auto c = client(hub.url(), token);
        auto r = c.post_json(wire::kPathRecords, body);
        CHECK(r.status == 401);
        CHECK(c.get(wire::kPathBundle).status == 401);
        CHECK(c.post_json(wire::kPathHeartbeat, "{}").status == 401);
    }
    CHECK(fx.hub_store()->record_count() == 0);
    // The token is stored hashed, never in clear.
    hub.stop();
    const std::string raw = test::read_text(fx.hub_db);
    CHECK(raw.find(fx.token) == std::string::npos);
}

TEST_CASE("a kiosk cannot write another hall's data: 403 and the whole batch is refused", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto c = client(hub.url(), fx.token);
    auto r = c.post_json(wire::kPathRecords, batch({wire::feedback_to_json(test::sample_feedback(1)),
                                                    wire::feedback_to_json(test::sample_feedback(2, "other-hall"))}));
    CHECK(r.status == 403);
    CHECK(r.body.find("other-hall") != std::string::npos);
    CHECK(fx.hub_store()->record_count() == 0);
}

TEST_CASE("malformed requests get 400/413 and invalid records are rejected one by one", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto c = client(hub.url(), fx.token);
    CHECK(c.post_json(wire::kPathRecords, "{not json").status == 400);
    CHECK(c.post_json(wire::kPathRecords, "[]").status == 400);
    CHECK(c.post_json(wire::kPathRecords, R"({"records": {}})").status == 400);
    CHECK(c.post_json(wire::kPathHeartbeat, R"({"kiosk_version": 3})").status == 400);
    std::vector<json> many(wire::kMaxBatchRecords + 1, json::object());
    CHECK(c.post_json(wire::kPathRecords, batch(many)).status == 413);
    CHECK(fx.hub_store()->record_count() == 0);

    auto good = wire::feedback_to_json(test::sample_feedback(1));
    auto bad = wire::feedback_to_json(test::sample_feedback(2));
    bad["rating"] = 0;
    auto r = c.post_json(wire::kPathRecords, batch({good, bad, json{{"kind", "feedback"}}}));
    REQUIRE(r.status == 200);
    std::string why;
    auto res = wire::push_reply_from_json(json::parse(r.body), why);
    REQUIRE(res);
    REQUIRE(res->size() == 3);
    CHECK((*res)[0].status == wire::RecordStatus::Stored);
    CHECK((*res)[1].status == wire::RecordStatus::Rejected);
    CHECK((*res)[1].reason == "rating: must be 1..5");
    CHECK((*res)[2].status == wire::RecordStatus::Rejected);
    CHECK(fx.hub_store()->record_count() == 1);
}

TEST_CASE("a repeated record is acknowledged as duplicate and stored once", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto c = client(hub.url(), fx.token);
    auto f = wire::feedback_to_json(test::sample_feedback(1));
    auto a = wire::audit_to_json(AuditEntry{new_uuid(), test::kHall, test::kKiosk, now_iso_utc(), "mark_handled", f["uuid"].get<std::string>(), R"({"status":"new"})", R"({"status":"handled"})"});
    std::string why;
    auto first = wire::push_reply_from_json(json::parse(c.post_json(wire::kPathRecords, batch({f, a, f})).body), why);
    REQUIRE(first);
    CHECK((*first)[0].status == wire::RecordStatus::Stored);
    CHECK((*first)[1].status == wire::RecordStatus::Stored);
    CHECK((*first)[2].status == wire::RecordStatus::Duplicate);
    auto again = wire::push_reply_from_json(json::parse(c.post_json(wire::kPathRecords, batch({f, a})).body), why);
    REQUIRE(again);
    CHECK((*again)[0].status == wire::RecordStatus::Duplicate);
    CHECK((*again)[1].status == wire::RecordStatus::Duplicate);
    auto store = fx.hub_store();
    CHECK(store->record_count("feedback") == 1);
    CHECK(store->record_count("audit") == 1);

    std::ostringstream csv, jsonl;
    CHECK(hub::export_records(*store, "csv", "", csv) == 2);
    CHECK(csv.str().find("audit," + a["uuid"].get<std::string>()) != std::string::npos);
    CHECK(csv.str().find("mark_handled") != std::string::npos);
    CHECK(hub::export_records(*store, "jsonl", "audit", jsonl) == 1);
    CHECK(json::parse(jsonl.str())["after"]["status"] == "handled");
}

TEST_CASE("heartbeats are kept and silent kiosks are flagged", "[sync][hub]") {
    test::HubFixture fx;
    std::string queue_token, other_token;
    {
        auto store = fx.hub_store();
        other_token = hub::add_kiosk(*store, "kiosk-02", test::kHall);
        CHECK_THROWS_AS(hub::add_kiosk(*store, "kiosk-02", test::kHall), hub::HubStoreError);
    }
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto c = client(hub.url(), fx.token);
    wire::Heartbeat h{"0.1.0", "2026.11.20-1", 3, "push: timeout", 123456789, now_iso_utc(), "", -1};
    CHECK(c.post_json(wire::kPathHeartbeat, wire::heartbeat_to_json(h).dump()).status == 200);
    hub.stop();
    auto store = fx.hub_store();
    std::ostringstream out;
    CHECK(hub::list_kiosks(*store, out, std::chrono::seconds(600)) == 1);  // kiosk-02 never called
    const auto text = out.str();
    CHECK(text.find("kiosk-01\tdemo-district\tkiosk\t") != std::string::npos);
    CHECK(text.find("\tok\t2026.11.20-1\t3\tpush: timeout") != std::string::npos);
    CHECK(text.find("kiosk-02\tdemo-district\tkiosk\tnever\tSILENT") != std::string::npos);
    // An hour later kiosk-01 is silent too.
    std::ostringstream later;
    CHECK(hub::list_kiosks(*store, later, std::chrono::seconds(600), std::chrono::system_clock::now() + std::chrono::hours(1)) == 2);
}

TEST_CASE("the hall's queue system posts the queue and kiosks of that hall read it", "[sync][hub]") {
    test::HubFixture fx;
    std::string feed_token, far_token;
    {
        auto store = fx.hub_store();
        feed_token = hub::add_kiosk(*store, "queue-demo", test::kHall, "queue");
        far_token = hub::add_kiosk(*store, "kiosk-far", "far-hall");
    }
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto kiosk = client(hub.url(), fx.token);
    auto feed = client(hub.url(), feed_token);
    CHECK(kiosk.get(wire::kPathQueue).status == 404);
    QueueSnapshot q;
    q.windows.push_back({"w01", true, false, "A005", 4, 12});
    q.recent_calls.push_back({"A005", "w01", 1000, "", "", false});
    q.updated_ms = 1000;
    CHECK(kiosk.post_json(wire::kPathQueue, wire::queue_to_json(q).dump()).status == 403);  // kiosks do not feed
    CHECK(feed.post_json(wire::kPathQueue, R"({"windows": [{"window_id": "w01", "waiting": -1}]})").status == 400);
    CHECK(feed.post_json(wire::kPathQueue, wire::queue_to_json(q).dump()).status == 200);
    CHECK(feed.post_json(wire::kPathRecords, batch({})).status == 403);  // feeds do not push records
    auto r = kiosk.get(wire::kPathQueue);
    REQUIRE(r.status == 200);
    std::string why;
    auto back = wire::queue_from_json(json::parse(r.body), why);
    REQUIRE(back);
    CHECK(back->windows.at(0).serving == "A005");
    CHECK(back->windows.at(0).waiting == 4);
    CHECK(client(hub.url(), far_token).get(wire::kPathQueue).status == 404);  // another hall sees its own only
}

TEST_CASE("bundles are served with an ETag and 304 when unchanged", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    auto c = client(hub.url(), fx.token);
    CHECK(c.get(wire::kPathBundle).status == 404);
    REQUIRE(fx.publish(test::sample_bundle("2026.11.25-1")));
    auto r = c.get(wire::kPathBundle);
    REQUIRE(r.status == 200);
    REQUIRE_FALSE(r.etag.empty());
    std::string why;
    CHECK(wire::open_envelope(r.body, fx.key.public_b64, why));
    CHECK(c.get(wire::kPathBundle, {"If-None-Match: " + r.etag}).status == 304);
    // Publishing refuses a bundle that is not newer, or not a valid bundle.
    auto store = fx.hub_store();
    CHECK_FALSE(hub::publish_bundle(*store, bundle_to_json(test::sample_bundle("2026.11.24-1")), fx.key.secret_b64).ok);
    CHECK_FALSE(hub::publish_bundle(*store, R"({"format": "hall-kiosk-bundle"})", fx.key.secret_b64).ok);
    REQUIRE(fx.publish(test::sample_bundle("2026.11.25-2")));
    auto r2 = c.get(wire::kPathBundle, {"If-None-Match: " + r.etag});
    CHECK(r2.status == 200);
    CHECK(r2.etag != r.etag);
}

TEST_CASE("the hub's queue simulator feeds the demo hall", "[sync][hub]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string(), {"--simulate-queue", std::string(HALL_TEST_CONFIG) + "/demo-hall.toml"});
    hub.start();
    auto c = client(hub.url(), fx.token);
    sync::HttpReply r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while ((r = c.get(wire::kPathQueue)).status != 200 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(r.status == 200);
    std::string why;
    auto q = wire::queue_from_json(json::parse(r.body), why);
    REQUIRE(q);
    CHECK(q->windows.size() == 11);
}

using test::run_hub_cli;

TEST_CASE("hall-hub admin CLI: keygen, kiosk add, publish, kiosks, export", "[sync][hub][cli]") {
    test::TempDir dir;
    const auto db = dir.file("hub.sqlite");
    const auto key = dir.file("bundle.key");
    auto [rc, out] = run_hub_cli("keygen --out " + key);
    REQUIRE(rc == 0);
    CHECK(out.find("public key") != std::string::npos);
    std::tie(rc, out) = run_hub_cli("--db " + db + " kiosk add kiosk-01 --hall demo-district");
    REQUIRE(rc == 0);
    const auto token = out.substr(0, out.find('\n'));
    CHECK(token.rfind("hk_", 0) == 0);
    CHECK(run_hub_cli("--db " + db + " kiosk add kiosk-01 --hall demo-district").first == 1);  // name taken
    const auto bundle = dir.file("b.json");
    std::ofstream(bundle) << bundle_to_json(test::sample_bundle("2026.11.25-1"));
    std::tie(rc, out) = run_hub_cli("--db " + db + " publish " + bundle + " --key " + key);
    CHECK(rc == 0);
    CHECK(out.find("published version 2026.11.25-1") != std::string::npos);
    CHECK(run_hub_cli("--db " + db + " publish " + bundle + " --key " + key).first == 1);  // not newer
    std::ofstream(dir.file("bad.json")) << R"({"format": "hall-kiosk-bundle", "schema": 1})";
    CHECK(run_hub_cli("--db " + db + " publish " + dir.file("bad.json") + " --key " + key).first == 1);
    std::tie(rc, out) = run_hub_cli("--db " + db + " kiosks");
    CHECK(rc == 0);
    CHECK(out.find("kiosk-01\tdemo-district\tkiosk\tnever\tSILENT") != std::string::npos);
    std::tie(rc, out) = run_hub_cli("--db " + db + " export --format csv");
    CHECK(rc == 0);
    CHECK(out.rfind("kind,uuid,hall_id", 0) == 0);
    CHECK(run_hub_cli("--db " + db + " export --format xml").first != 0);
    // Options from a TOML config file.
    std::ofstream(dir.file("hub.toml")) << "db = \"" << db << "\"\n";
    std::tie(rc, out) = run_hub_cli("--config " + dir.file("hub.toml") + " kiosks");
    CHECK(rc == 0);
    CHECK(out.find("kiosk-01") != std::string::npos);
}
