// Issue #13 beyond raw attacks (tests/abuse): token rotation picked up by the real sync
// client, revocation and expiry, plain-HTTP refusals on both sides, PostgreSQL URL defaults,
// the strict record schema and the hub's CSV formula guard.
#include <catch2/catch.hpp>

#include <sstream>

#include "client/hub_http.h"
#include "config/config.h"
#include "hub/hub_server.h"
#include "support/hub_process.h"
#include "protocol/api.h"
#include "support/sync_fixtures.h"
#include "support/config_text.h"

using namespace hall;
using nlohmann::json;

namespace {

long status_with(const std::string& url, const std::string& token) {
    sync::HttpOptions o;
    o.base_url = url;
    o.token = token;
    o.total_timeout_s = 10;
    sync::HubHttp c(o);
    return c.post_json(wire::kPathHeartbeat,
                       R"({"kiosk_version":"0.1.0","content_version":"","outbox_depth":0,"last_sync_error":"","free_disk_bytes":1,"at":"2026-11-25T01:00:00Z"})")
        .status;
}

}  // namespace

TEST_CASE("kiosk rotate: the old token works in its grace period and the kiosk picks up and keeps the new one", "[sync][hardening]") {
    test::HubFixture fx;
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    std::string new_token;
    {
        auto store = fx.hub_store();
        new_token = hub::rotate_kiosk(*store, test::kKiosk, std::chrono::hours(1)).value();
        CHECK_FALSE(hub::rotate_kiosk(*store, "no-such-kiosk", std::chrono::hours(1)));
    }
    test::fill_kiosk(fx.kiosk_db, 5);
    {
        Db db(fx.kiosk_db);
        sync::SyncEngine engine(db, fx.settings(hub.url()), test::quick_engine());
        auto rep = engine.push_outbox();  // first batch with the old token: the reply hands over the new one
        CHECK(rep.error.empty());
        CHECK(rep.acknowledged == 5);
        CHECK(db.meta("sync.rotated_token") == new_token);
    }
    // A restarted kiosk with the old token still in its config uses the kept one.
    {
        Db db(fx.kiosk_db);
        FeedbackStore(db).insert(test::sample_feedback(99));
        sync::SyncEngine engine(db, fx.settings(hub.url()), test::quick_engine());
        CHECK(engine.push_outbox().acknowledged == 1);
    }
    // The new token was used: the grace period is over for the old one.
    CHECK(status_with(hub.url(), fx.token) == 401);
    CHECK(status_with(hub.url(), new_token) == 200);
    // Revoked: 401 at once. Expired: 401.
    {
        auto store = fx.hub_store();
        REQUIRE(hub::revoke_kiosk(*store, test::kKiosk));
        const auto t = hub::add_kiosk(*store, "kiosk-04", test::kHall);
        CHECK(status_with(hub.url(), t) == 200);
        REQUIRE(store->set_token_expiry("kiosk-04", "2020-01-01T00:00:00Z"));
        CHECK(status_with(hub.url(), t) == 401);
    }
    CHECK(status_with(hub.url(), new_token) == 401);
    // A fresh token written into the kiosk's config wins over the kept (now revoked) one.
    {
        auto store = fx.hub_store();
        const auto fresh = hub::add_kiosk(*store, "kiosk-03", test::kHall);
        Db db(fx.kiosk_db);
        auto s = fx.settings(hub.url());
        s.token = fresh;
        sync::SyncEngine engine(db, s, test::quick_engine());
        CHECK(engine.send_heartbeat(""));
    }
    // The CLI: revoke and rotate by name.
    const std::string bin = test::hub_binary();
    CHECK(std::system((bin + " --db " + fx.hub_db + " kiosk revoke nobody >/dev/null 2>&1").c_str()) != 0);
    CHECK(std::system((bin + " --db " + fx.hub_db + " kiosk rotate kiosk-03 >/dev/null 2>&1").c_str()) == 0);
}

TEST_CASE("plain HTTP: the hub refuses a non-loopback address, kiosks refuse http:// to other hosts", "[sync][hardening]") {
    test::HubFixture fx;
    auto store = fx.hub_store();
    hub::HubOptions o;
    o.host = "0.0.0.0";
    CHECK_THROWS_WITH(hub::HubServer(*store, o), Catch::Contains("refusing to serve plain HTTP"));
    o.allow_plain_http = true;
    CHECK_NOTHROW(hub::HubServer(*store, o));
    o.host = "127.0.0.1";
    o.allow_plain_http = false;
    CHECK_NOTHROW(hub::HubServer(*store, o));

    sync::HttpOptions h;
    h.base_url = "http://hub.example.gov.cn:8080";
    h.token = "hk_x";
    auto r = sync::HubHttp(h).get(wire::kPathHealth);  // refused before any connection
    CHECK(r.status == 0);
    CHECK_THAT(r.error, Catch::Contains("refusing plain http://"));
    CHECK(sync::is_loopback_url("http://127.0.0.1:8080"));
    CHECK(sync::is_loopback_url("http://localhost/x"));
    CHECK(sync::is_loopback_url("http://[::1]:80"));
    CHECK_FALSE(sync::is_loopback_url("http://127.0.0.1.evil.example/"));
    CHECK_FALSE(sync::is_loopback_url("http://hub.example@10.0.0.1/"));

    const std::string hall = test::minimal_hall_toml("\"人社\"") + "[sync]\ntoken = \"hk_x\"\n";
    auto bad = load_config_string(hall + "hub_url = \"http://10.1.2.3:8080\"\n");
    CHECK_FALSE(bad.ok());
    auto allowed = load_config_string(hall + "hub_url = \"http://10.1.2.3:8080\"\nallow_plain_http = true\n");
    for (const auto& e : allowed.errors) UNSCOPED_INFO(e);
    CHECK(allowed.ok());
    CHECK(load_config_string(hall + "hub_url = \"http://127.0.0.1:8080\"\n").ok());
}

TEST_CASE("remote PostgreSQL defaults to verify-full and passwords never reach the log", "[sync][hardening]") {
    CHECK(hub::pg_url_with_tls_default("postgresql://hub@db.example/hallhub") == "postgresql://hub@db.example/hallhub?sslmode=verify-full");
    CHECK(hub::pg_url_with_tls_default("postgresql://hub@db.example:5432/h?application_name=x") ==
          "postgresql://hub@db.example:5432/h?application_name=x&sslmode=verify-full");
    CHECK(hub::pg_url_with_tls_default("postgresql://hub@db.example/h?sslmode=require") == "postgresql://hub@db.example/h?sslmode=require");
    CHECK(hub::pg_url_with_tls_default("postgresql://postgres@127.0.0.1:5432/h") == "postgresql://postgres@127.0.0.1:5432/h");
    CHECK(hub::pg_url_with_tls_default("postgresql://%2Fvar%2Frun%2Fpostgresql/h") == "postgresql://%2Fvar%2Frun%2Fpostgresql/h");
    CHECK(hub::redact_location("postgresql://hub:s3cret@db.example/h") == "postgresql://hub:***@db.example/h");
    CHECK(hub::redact_location("postgresql://hub@db.example/h?password=s3cret&sslmode=verify-full") ==
          "postgresql://hub@db.example/h?password=***&sslmode=verify-full");
    CHECK(hub::redact_location("/var/lib/hall-hub/hub.db") == "/var/lib/hall-hub/hub.db");
}

TEST_CASE("records are checked strictly and stored in the hub's canonical form", "[sync][hardening]") {
    const auto good = wire::feedback_to_json(test::sample_feedback(1));
    std::string why;
    auto v = wire::validate_record(good, why);
    REQUIRE(v);
    CHECK(json::parse(v->canonical) == good);  // a kiosk's own record is already canonical
    // Same fields, other order and spacing: one canonical form.
    auto shuffled = json::parse(good.dump(2));
    CHECK(wire::validate_record(shuffled, why)->canonical == v->canonical);
    const auto rejected = [&](json j) { return !wire::validate_record(j, why); };
    auto j = good;
    j["smuggled"] = json::array({1, 2});
    CHECK(rejected(j));
    CHECK_THAT(why, Catch::Contains("unknown field smuggled"));
    j = good;
    j["uuid"] = "not-a-uuid-but-36-characters-long!!!";
    CHECK(rejected(j));
    j = good;
    j["created_at"] = "last Tuesday";
    CHECK(rejected(j));
    j = good;
    j["created_at"] = "2019-12-31T23:59:59Z";
    CHECK(rejected(j));
    j = good;
    j["created_at"] = "2099-01-01T00:00:00Z";
    CHECK(rejected(j));
    j = good;
    j["created_at"] = "2026-11-25T09:00:00.123+08:00";
    CHECK_FALSE(rejected(j));
    j = good;
    j["indicators"] = {{"made_up", 3}};
    CHECK(rejected(j));
    j = good;
    j["text"] = std::string(kMaxFeedbackTextChars + 1, 'x');
    CHECK(rejected(j));
    CHECK(wire::is_uuid("0b6f3c1e-2a4d-4c3b-9f1e-7d8a9b0c1d2e"));
    CHECK_FALSE(wire::is_uuid("0b6f3c1e-2a4d-4c3b-9f1e_7d8a9b0c1d2e"));
    // Depth is refused before parsing, whatever the size.
    CHECK_FALSE(wire::parse_bounded_json(std::string(100, '[') + std::string(100, ']'), 32, why));
    CHECK(wire::parse_bounded_json(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})", 32, why));  // brackets in strings do not count
    // Every kind has one table entry.
    CHECK(wire::record_kinds().size() >= 2);
}

TEST_CASE("the hub's CSV export guards against spreadsheet formulas", "[sync][hardening]") {
    test::HubFixture fx;
    auto store = fx.hub_store();
    auto f = test::sample_feedback(1);
    f.text = "=HYPERLINK(\"http://evil.example\",\"点我\")";
    std::string why;
    auto v = wire::validate_record(wire::feedback_to_json(f), why);
    REQUIRE(v);
    store->put_records({{v->uuid, v->kind, v->hall_id, v->kiosk_id, v->created_at, v->canonical, test::kKiosk, now_iso_utc()}});
    std::ostringstream csv;
    CHECK(hub::export_records(*store, "csv", "", csv) == 1);
    CHECK(csv.str().find("'=HYPERLINK") != std::string::npos);
    CHECK(csv.str().find(",=HYPERLINK") == std::string::npos);
}
