// The kiosk's sync client against a real hall-hub, directly and through a proxy that
// injects faults. After every fault each record must reach the hub exactly once.
#include <catch2/catch.hpp>

#include <sstream>

#include "client/sync_service.h"
#include "fault_proxy.h"
#include "support/hub_process.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "store/guide_store.h"
#include "support/sync_fixtures.h"

using namespace hall;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Polls cond every 20 ms until it holds or the timeout passes.
template <class F>
bool eventually(F cond, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (cond()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return cond();
}

void require_exactly_once(const test::HubFixture& fx, const std::set<std::string>& sent) {
    auto [held, rows] = fx.hub_uuids();
    CHECK(rows == static_cast<std::int64_t>(sent.size()));
    CHECK(held == sent);
}

const char* fault_name(test::Fault f) {
    switch (f) {
        case test::Fault::Http500: return "HTTP 500";
        case test::Fault::Http503RetryAfter: return "HTTP 503 with Retry-After";
        case test::Fault::Hang: return "a reply that never comes";
        case test::Fault::DropReplyAfterStore: return "connection dropped after the hub stored the batch";
        case test::Fault::Garbage: return "garbage JSON";
        case test::Fault::Huge: return "a huge reply";
        default: return "pass";
    }
}

ContentBundle bundle_with_extra_guide(const std::string& version) {
    auto b = test::sample_bundle(version);
    b.guides.push_back(test::sample_guide("G-004", test::tx("出入境通行证办理", "出入境通行證辦理", "Exit-entry permit")));
    return b;
}

}  // namespace

TEST_CASE("10,000 feedback records pushed from a kiosk arrive at the hub exactly once", "[sync][client]") {
    test::HubFixture fx;
    const auto sent = test::fill_kiosk(fx.kiosk_db, 10000);
    test::SyncedKiosk k(fx);
    auto rep = k.engine.run_cycle();
    INFO(rep.error);
    CHECK(rep.ok());
    CHECK(rep.push.acknowledged == 10000);
    CHECK(rep.push.batches == 20);
    CHECK(rep.outbox_depth == 0);
    require_exactly_once(fx, sent);
    // A second cycle has nothing to send.
    CHECK(k.engine.push_outbox().batches == 0);
}

TEST_CASE("after each network fault the records all arrive exactly once", "[sync][client][faults]") {
    for (auto fault : {test::Fault::Http500, test::Fault::Http503RetryAfter, test::Fault::Hang, test::Fault::DropReplyAfterStore,
                       test::Fault::Garbage, test::Fault::Huge}) {
        DYNAMIC_SECTION("fault: " << fault_name(fault)) {
            test::HubFixture fx;
            const auto sent = test::fill_kiosk(fx.kiosk_db, 1200);
            test::HubProcess hub(fx.hub_db, fx.dir.path.string());
            hub.start();
            test::FaultProxy proxy(hub.port());
            Db db(fx.kiosk_db);
            sync::SyncEngine engine(db, fx.settings(proxy.url()), test::quick_engine());

            proxy.set(fault);
            const auto t0 = std::chrono::steady_clock::now();
            auto bad = engine.run_cycle();
            CHECK(std::chrono::steady_clock::now() - t0 < 12s);  // bounded by the client's timeouts (total 10 s)
            CHECK_FALSE(bad.ok());
            INFO(bad.error);
            CHECK(bad.push.acknowledged == 0);
            CHECK(bad.outbox_depth == 1200);  // nothing left the outbox without an acknowledgement
            if (fault == test::Fault::Http503RetryAfter) CHECK(bad.push.retry_after_s == 1);
            if (fault == test::Fault::Huge) CHECK(bad.error.find("larger than") != std::string::npos);
            if (fault == test::Fault::Garbage) CHECK(bad.error.find("unreadable") != std::string::npos);
            if (fault == test::Fault::DropReplyAfterStore) CHECK(fx.hub_store()->record_count() == 500);  // stored, reply lost

            proxy.set(test::Fault::Pass);
            auto good = engine.run_cycle();
            INFO(good.error);
            CHECK(good.ok());
            CHECK(good.outbox_depth == 0);
            require_exactly_once(fx, sent);
        }
    }
}

TEST_CASE("the hub killed mid-drain and restarted: every record once", "[sync][client][faults]") {
    test::HubFixture fx;
    const auto sent = test::fill_kiosk(fx.kiosk_db, 10000);
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    sync::ServiceOptions so;
    so.engine = test::quick_engine();
    so.engine.batch_size = 200;
    so.backoff_base = 50ms;
    so.backoff_cap = 500ms;
    sync::SyncService service(fx.kiosk_db, fx.settings(hub.url()), so);
    service.start();
    int kills = 0;
    for (int round = 0; round < 3; ++round) {
        // Let some batches through, then kill the hub while the kiosk is still pushing.
        const auto before = fx.hub_store()->record_count();
        REQUIRE(eventually([&] { return fx.hub_store()->record_count() > before; }, 30s));
        if (fx.hub_store()->record_count() >= 10000) break;
        hub.kill_now();
        ++kills;
        std::this_thread::sleep_for(300ms);
        hub.start();  // same port, same database
    }
    CHECK(kills >= 1);
    REQUIRE(eventually([&] { return test::outbox_depth(fx.kiosk_db) == 0; }, 90s));
    service.stop();
    require_exactly_once(fx, sent);
}

TEST_CASE("rejected records are parked, not resent, and sync --once reports them", "[sync][client]") {
    test::HubFixture fx;
    const auto sent = test::fill_kiosk(fx.kiosk_db, 3);
    {
        Db db(fx.kiosk_db);
        auto bad = wire::feedback_to_json(test::sample_feedback(9));
        bad["rating"] = 7;
        Outbox(db).enqueue(bad["uuid"].get<std::string>(), "feedback", bad.dump(), now_iso_utc());
    }
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    Config cfg;
    cfg.sync = fx.settings(hub.url());
    cfg.kiosk.data_dir = fx.dir.path.string();
    std::ostringstream out;
    CHECK(sync::run_sync_once(cfg, fx.kiosk_db, out) == 1);
    CHECK(out.str().find("1 rejected") != std::string::npos);
    require_exactly_once(fx, sent);
    Db db(fx.kiosk_db);
    Outbox ob(db);
    CHECK(ob.depth() == 1);
    CHECK(ob.rejected_count() == 1);
    CHECK(ob.peek(10).empty());
    sync::SyncEngine engine(db, cfg.sync, test::quick_engine());
    CHECK(engine.push_outbox().batches == 0);  // not offered again
}

TEST_CASE("sync --once exits 0 when drained, non-zero when anything is left", "[sync][client]") {
    test::HubFixture fx;
    const auto sent = test::fill_kiosk(fx.kiosk_db, 50);
    Config cfg;
    cfg.kiosk.data_dir = fx.dir.path.string();
    std::ostringstream out;
    CHECK(sync::run_sync_once(cfg, fx.kiosk_db, out) == 2);  // no hub configured

    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    const auto url = hub.url();
    hub.stop();
    cfg.sync = fx.settings(url);
    CHECK(sync::run_sync_once(cfg, fx.kiosk_db, out) == 1);  // hub down: all 50 stay
    CHECK(test::outbox_depth(fx.kiosk_db) == 50);
    hub.start();
    std::ostringstream ok;
    CHECK(sync::run_sync_once(cfg, fx.kiosk_db, ok) == 0);
    CHECK(ok.str().find("pushed 50 record(s)") != std::string::npos);
    require_exactly_once(fx, sent);
    // The hub heard the kiosk's heartbeat.
    auto kiosks = fx.hub_store()->kiosks();
    REQUIRE(kiosks.size() == 1);
    CHECK(json::parse(kiosks[0].last_heartbeat)["outbox_depth"] == 0);
}

TEST_CASE("published content reaches the kiosk and tampered, foreign-key or older bundles are refused", "[sync][client][content]") {
    test::HubFixture fx;
    { Db db(fx.kiosk_db); migrate(db); }
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    Db db(fx.kiosk_db);
    GuideStore guides(db);
    sync::SyncEngine engine(db, fx.settings(hub.url()), test::quick_engine());
    CHECK(engine.pull_content().outcome == sync::ContentOutcome::NoBundle);

    REQUIRE(fx.publish(test::sample_bundle("2026.11.25-1")));
    auto r = engine.pull_content();
    INFO(r.error);
    REQUIRE(r.outcome == sync::ContentOutcome::Updated);
    CHECK(guides.version() == "2026.11.25-1");
    CHECK(guides.load()->guides.size() == 3);
    CHECK(engine.pull_content().outcome == sync::ContentOutcome::Unchanged);  // 304

    auto store = fx.hub_store();
    const auto keep_three = [&] {
        CHECK(guides.version() == "2026.11.25-1");
        CHECK(guides.load()->guides.size() == 3);
    };
    SECTION("tampered bundle") {
        auto env = json::parse(wire::sign_bundle(bundle_to_json(bundle_with_extra_guide("2026.11.26-1")), fx.key.secret_b64));
        auto text = env["bundle"].get<std::string>();
        text.replace(text.find("G-004"), 5, "G-666");
        env["bundle"] = text;
        store->put_bundle({0, "*", "2026.11.26-1", "\"tampered\"", env.dump(), now_iso_utc()});
        auto t = engine.pull_content();
        CHECK(t.outcome == sync::ContentOutcome::Refused);
        CHECK(t.error.find("does not verify") != std::string::npos);
        keep_three();
    }
    SECTION("bundle signed by another key") {
        auto other = wire::generate_signing_key();
        REQUIRE(hub::publish_bundle(*store, bundle_to_json(bundle_with_extra_guide("2026.11.26-1")), other.secret_b64).ok);
        auto t = engine.pull_content();
        CHECK(t.outcome == sync::ContentOutcome::Refused);
        keep_three();
    }
    SECTION("older version (rollback)") {
        REQUIRE(hub::publish_bundle(*store, bundle_to_json(bundle_with_extra_guide("2026.11.01-1")), fx.key.secret_b64, test::kHall).ok);
        auto t = engine.pull_content();
        CHECK(t.outcome == sync::ContentOutcome::Refused);
        CHECK(t.error.find("older") != std::string::npos);
        keep_three();
    }
    SECTION("signed but not a valid bundle") {
        auto env = wire::sign_bundle(R"({"format": "hall-kiosk-bundle", "schema": 99, "version": "2026.12.1"})", fx.key.secret_b64);
        store->put_bundle({0, "*", "2026.12.1", "\"bad-schema\"", env, now_iso_utc()});
        auto t = engine.pull_content();
        CHECK(t.outcome == sync::ContentOutcome::Refused);
        keep_three();
    }
    SECTION("garbage envelope") {
        store->put_bundle({0, "*", "2026.12.1", "\"garbage\"", "{\"format\": 1", now_iso_utc()});
        CHECK(engine.pull_content().outcome == sync::ContentOutcome::Refused);
        keep_three();
    }
    SECTION("a newer good bundle replaces the guides") {
        REQUIRE(fx.publish(bundle_with_extra_guide("2026.11.26-1")));
        CHECK(engine.pull_content().outcome == sync::ContentOutcome::Updated);
        CHECK(guides.load()->guides.size() == 4);
        CHECK(guides.search("出入境").size() == 1);
    }
}

TEST_CASE("SyncService: background content updates, queue feed, status, prompt stop", "[sync][client][service]") {
    test::HubFixture fx;
    const auto sent = test::fill_kiosk(fx.kiosk_db, 20);
    std::string feed_token;
    {
        auto store = fx.hub_store();
        feed_token = hub::add_kiosk(*store, "queue-demo", test::kHall, "queue");
    }
    REQUIRE(fx.publish(test::sample_bundle("2026.11.25-1")));
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    {
        sync::HttpOptions o;
        o.base_url = hub.url();
        o.token = feed_token;
        sync::HubHttp feed(o);
        QueueSnapshot q;
        q.windows.push_back({"w03", true, false, "C015", 6, 18});
        REQUIRE(feed.post_json(wire::kPathQueue, wire::queue_to_json(q).dump()).status == 200);
    }
    sync::ServiceOptions so;
    so.engine = test::quick_engine();
    so.backoff_base = 50ms;
    so.backoff_cap = 300ms;
    so.queue_interval_s = 1;
    auto settings = fx.settings(hub.url());
    settings.interval_s = 1;
    sync::SyncService service(fx.kiosk_db, settings, so);
    CHECK(service.status().configured);
    service.start();
    REQUIRE(eventually([&] { return service.content_generation() == 1; }, 10s));
    REQUIRE(eventually([&] { return service.status().outbox_depth == 0 && service.status().online; }, 10s));
    CHECK(service.status().content_version == "2026.11.25-1");
    CHECK_FALSE(service.status().last_success.empty());
    require_exactly_once(fx, sent);

    // The queue board's source: poll() on the UI thread picks up what the thread fetched.
    auto queue = service.queue_source();
    REQUIRE(eventually([&] { queue->poll(0); return !queue->snapshot().windows.empty(); }, 5s));
    CHECK(queue->snapshot().find("w03")->serving == "C015");
    CHECK_FALSE(queue->snapshot().stale);

    // A new publication shows without a restart: the generation moves, the store has it.
    REQUIRE(fx.publish(bundle_with_extra_guide("2026.11.26-1")));
    service.sync_now();
    REQUIRE(eventually([&] { return service.content_generation() == 2; }, 10s));
    {
        Db db(fx.kiosk_db);
        CHECK(GuideStore(db).load()->guides.size() == 4);
    }

    // Hub gone: the board says its numbers are stale, the status says offline.
    hub.kill_now();
    REQUIRE(eventually([&] { queue->poll(0); return queue->snapshot().stale; }, 10s));
    CHECK(queue->snapshot().find("w03")->serving == "C015");  // last known numbers stay
    {
        Db db(fx.kiosk_db);
        FeedbackStore(db).insert(test::sample_feedback(99));
    }
    service.sync_now();
    REQUIRE(eventually([&] { return !service.status().online && !service.status().last_error.empty(); }, 10s));

    const auto t0 = std::chrono::steady_clock::now();
    service.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 3s);
}

TEST_CASE("stopping the service does not wait for a reply that never comes", "[sync][client][service]") {
    test::HubFixture fx;
    test::fill_kiosk(fx.kiosk_db, 5);
    test::HubProcess hub(fx.hub_db, fx.dir.path.string());
    hub.start();
    test::FaultProxy proxy(hub.port());
    proxy.set(test::Fault::Hang);
    sync::ServiceOptions so;  // default (long) timeouts on purpose
    sync::SyncService service(fx.kiosk_db, fx.settings(proxy.url()), so);
    service.start();
    REQUIRE(eventually([&] { return proxy.faults_served() > 0; }, 5s));
    const auto t0 = std::chrono::steady_clock::now();
    service.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 3s);
    CHECK(test::outbox_depth(fx.kiosk_db) == 5);
}
