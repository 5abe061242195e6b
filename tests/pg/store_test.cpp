// The hub's store, the same cases against both backends (SQLite and PostgreSQL), plus the
// PostgreSQL-only behaviour: two stores racing on one batch, the database going away.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_retention.h"
#include "hub/hub_server.h"
#include "hub/hub_store.h"
#include "hub/pg_migrate_store.h"
#include "hub/pg_pool.h"
#include "pg_cluster.h"
#include "sqlite/database.h"
#include "wire/records.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::pgtest;

namespace {

struct TestStore {
    std::unique_ptr<TempDir> tmp;  // SQLite: the folder holding hub.db
    std::string location;
    std::unique_ptr<HubStore> store;
};

TestStore make_store(const std::string& backend, bool migrate = true) {
    TestStore t;
    if (backend == "sqlite") {
        t.tmp = std::make_unique<TempDir>();
        t.location = (t.tmp->path / "hub.db").string();
    } else {
        t.location = shared_cluster().create_database();
    }
    t.store = open_hub_store(t.location, migrate);
    return t;
}

RecordRow record(const std::string& uuid, const std::string& kind = "audit", const std::string& hall = "hall-1") {
    const auto payload = nlohmann::json{{"kind", kind}, {"uuid", uuid}, {"hall_id", hall}, {"kiosk_id", "k1"},
                                        {"at", "2026-11-25T01:00:00Z"}, {"action", "test"}}
                             .dump();
    return {uuid, kind, hall, "k1", "2026-11-25T01:00:00Z", payload, "k1", "2026-11-25T01:00:01Z"};
}

std::vector<std::string> uuids_of(HubStore& s, const std::string& kind = "") {
    std::vector<std::string> out;
    s.for_each_record(kind, [&](const RecordRow& r) {
        out.push_back(r.uuid);
        return true;
    });
    return out;
}

}  // namespace

TEST_CASE("hub store: a record is stored once, whatever the repeats", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto& s = *t.store;
        const auto a = new_uuid(), b = new_uuid(), c = new_uuid();
        CHECK(s.put_records({}).empty());
        auto out = s.put_records({record(a), record(b), record(a)});
        REQUIRE(out == std::vector<PutOutcome>{PutOutcome::Stored, PutOutcome::Stored, PutOutcome::Duplicate});
        out = s.put_records({record(b), record(c, "feedback"), record(a)});
        REQUIRE(out == std::vector<PutOutcome>{PutOutcome::Duplicate, PutOutcome::Stored, PutOutcome::Duplicate});
        CHECK(s.record_count() == 3);
        CHECK(s.record_count("audit") == 2);
        CHECK(s.record_count("feedback") == 1);
        // Oldest received first, the payload exactly as received.
        CHECK(uuids_of(s) == std::vector<std::string>{a, b, c});
        CHECK(uuids_of(s, "feedback") == std::vector<std::string>{c});
        std::string payload;
        int seen = 0;
        s.for_each_record("", [&](const RecordRow& r) {
            payload = r.payload;
            return ++seen < 1;  // stops after the first
        });
        CHECK(seen == 1);
        CHECK(payload == record(a).payload);
    }
}

TEST_CASE("hub store: paging through many records keeps order", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        std::vector<std::string> want;
        for (int batch = 0; batch < 5; ++batch) {
            std::vector<RecordRow> rows;
            for (int i = 0; i < 1000; ++i) {
                want.push_back(new_uuid());
                rows.push_back(record(want.back()));
            }
            t.store->put_records(rows);
        }
        CHECK(t.store->record_count() == 5000);
        CHECK(uuids_of(*t.store) == want);
    }
}

TEST_CASE("hub store: principals, tokens and heartbeats", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto& s = *t.store;
        s.add_principal({"k1", "hall-1", "kiosk"}, "hash-1", "2026-11-25T00:00:00Z");
        s.add_principal({"q1", "hall-1", "queue"}, "hash-2", "2026-11-25T00:00:00Z");
        CHECK_THROWS_AS(s.add_principal({"k1", "hall-2", "kiosk"}, "hash-3", "2026-11-25T00:00:00Z"), HubStoreError);
        auto p = s.principal_by_token_hash("hash-1");
        REQUIRE(p);
        CHECK(p->name == "k1");
        CHECK(p->hall_id == "hall-1");
        CHECK(p->role == "kiosk");
        CHECK_FALSE(s.principal_by_token_hash("hash-3"));
        s.touch("k1", "2026-11-25T00:01:00Z");
        s.put_heartbeat("k1", R"({"outbox_depth":3})", "2026-11-25T00:02:00Z");
        auto ks = s.kiosks();
        REQUIRE(ks.size() == 2);
        CHECK(ks[0].who.name == "k1");
        CHECK(ks[0].last_seen == "2026-11-25T00:02:00Z");
        CHECK(ks[0].last_heartbeat == R"({"outbox_depth":3})");
        CHECK(ks[1].last_seen.empty());
        std::vector<PrincipalRow> all;
        s.for_each_principal([&](const PrincipalRow& r) { all.push_back(r); });
        REQUIRE(all.size() == 2);
        CHECK(all[0].token_hash == "hash-1");
        CHECK(all[0].heartbeat_at == "2026-11-25T00:02:00Z");
        CHECK_FALSE(s.put_principal_if_absent(all[0]));
        CHECK(s.put_principal_if_absent({{"k9", "hall-9", "kiosk"}, "hash-9", "2026-11-25T00:00:00Z", "", "", ""}));
        CHECK(s.principal_by_token_hash("hash-9"));
    }
}

TEST_CASE("hub store: tokens are revoked, expire and rotate with a grace period", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto& s = *t.store;
        const std::string now = "2026-12-01T00:00:00Z";
        s.add_principal({"k1", "hall-1", "kiosk"}, "old", "2026-11-25T00:00:00Z");
        s.add_principal({"k2", "hall-1", "kiosk"}, "k2-hash", "2026-11-25T00:00:00Z");
        // Rotation: both tokens work until the grace period ends; the old one carries the new token.
        REQUIRE(s.rotate_token("k1", "new", "hk_new", "2026-12-08T00:00:00Z", ""));
        auto m = s.match_token("old", now);
        REQUIRE(m);
        CHECK(m->who.name == "k1");
        CHECK(m->previous_token);
        CHECK(m->new_token == "hk_new");
        CHECK_FALSE(s.match_token("old", "2026-12-09T00:00:00Z"));
        m = s.match_token("new", now);
        REQUIRE(m);
        CHECK_FALSE(m->previous_token);
        s.finish_rotation("k1");
        CHECK_FALSE(s.match_token("old", now));
        CHECK(s.match_token("new", now)->new_token.empty());
        // Expiry, revocation.
        REQUIRE(s.set_token_expiry("k2", "2026-12-01T12:00:00Z"));
        CHECK(s.match_token("k2-hash", now));
        CHECK_FALSE(s.match_token("k2-hash", "2026-12-01T12:00:01Z"));
        REQUIRE(s.revoke_principal("k1", now));
        CHECK_FALSE(s.match_token("new", now));
        CHECK_FALSE(s.rotate_token("k1", "newer", "hk_newer", "2026-12-08T00:00:00Z", ""));
        CHECK_FALSE(s.revoke_principal("nobody", now));
        // A revoked kiosk is not copied into another store.
        std::vector<std::string> names;
        s.for_each_principal([&](const PrincipalRow& r) { names.push_back(r.who.name); });
        CHECK(names == std::vector<std::string>{"k2"});
    }
}

TEST_CASE("hub store: bundles per hall and queue feeds", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto& s = *t.store;
        CHECK_FALSE(s.latest_bundle("hall-1"));
        s.put_bundle({0, "*", "1", "\"e1\"", "{env1}", "2026-11-25T00:00:00Z"});
        s.put_bundle({0, "hall-2", "2", "\"e2\"", "{env2}", "2026-11-25T00:01:00Z"});
        auto b1 = s.latest_bundle("hall-1");
        REQUIRE(b1);
        CHECK(b1->etag == "\"e1\"");
        CHECK(b1->envelope == "{env1}");
        auto b2 = s.latest_bundle("hall-2");
        REQUIRE(b2);
        CHECK(b2->version == "2");
        CHECK_FALSE(s.put_bundle_if_absent(*b2));
        CHECK(s.put_bundle_if_absent({0, "*", "3", "\"e3\"", "{env3}", "2026-11-25T00:02:00Z"}));
        CHECK(s.latest_bundle("hall-2")->etag == "\"e3\"");
        int n = 0;
        s.for_each_bundle([&](const BundleRow&) { ++n; });
        CHECK(n == 3);

        CHECK_FALSE(s.queue("hall-1"));
        s.put_queue({"hall-1", R"({"a":1})", "2026-11-25T00:00:00Z"});
        s.put_queue({"hall-1", R"({"a":2})", "2026-11-25T00:00:05Z"});
        auto q = s.queue("hall-1");
        REQUIRE(q);
        CHECK(q->snapshot == R"({"a":2})");
        CHECK(q->updated_at == "2026-11-25T00:00:05Z");
    }
}

TEST_CASE("hub store: versioned schema, a newer one is refused", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend, false);
        auto& s = *t.store;
        CHECK(s.schema_version() == 0);
        s.migrate();
        CHECK(s.schema_version() == s.known_schema_version());
        s.migrate();  // nothing left to do
        CHECK(s.schema_version() == s.known_schema_version());
        const auto newer = std::to_string(s.known_schema_version() + 1);
        if (backend == "sqlite") {
            Db db(t.location);
            db.exec("PRAGMA user_version = " + newer);
        } else {
            psql(t.location, "INSERT INTO hub_schema_versions(version, description) VALUES(" + newer + ", 'from the future')");
        }
        try {
            open_hub_store(t.location);
            FAIL("a schema newer than this build was accepted");
        } catch (const HubStoreError& e) {
            CHECK_THAT(e.what(), Catch::Contains("newer than this build knows"));
        }
    }
}

TEST_CASE("hub store: copying a store is complete and repeatable", "[pg][store]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        // From this backend into the other one.
        auto from = make_store(backend);
        auto to = make_store(backend == "sqlite" ? "postgresql" : "sqlite");
        from.store->add_principal({"k1", "hall-1", "kiosk"}, "hash-1", "2026-11-25T00:00:00Z");
        from.store->put_bundle({0, "*", "1", "\"e1\"", "{env1}", "2026-11-25T00:00:00Z"});
        from.store->put_queue({"hall-1", R"({"a":1})", "2026-11-25T00:00:00Z"});
        std::vector<RecordRow> rows;
        for (int i = 0; i < 2500; ++i) rows.push_back(record(new_uuid()));
        from.store->put_records(rows);
        // A record the target already has (a kiosk pushed it to the province meanwhile).
        to.store->put_records({rows[7]});

        auto r1 = copy_hub_store(*from.store, *to.store);
        CHECK(r1.principals_copied == 1);
        CHECK(r1.bundles_copied == 1);
        CHECK(r1.queues_copied == 1);
        CHECK(r1.records_copied == 2499);
        CHECK(r1.records_present == 1);
        auto r2 = copy_hub_store(*from.store, *to.store);
        CHECK(r2.principals_copied == 0);
        CHECK(r2.principals_present == 1);
        CHECK(r2.bundles_copied == 0);
        CHECK(r2.queues_copied == 0);
        CHECK(r2.records_copied == 0);
        CHECK(r2.records_present == 2500);
        CHECK(to.store->record_count() == 2500);
        CHECK(to.store->principal_by_token_hash("hash-1"));
        CHECK(to.store->latest_bundle("hall-1")->etag == "\"e1\"");
    }
}

TEST_CASE("pg store: two stores racing on the same batch store it once", "[pg][store]") {
    const auto url = shared_cluster().create_database();
    constexpr int kStores = 4, kRounds = 20, kBatch = 200;
    std::vector<std::unique_ptr<HubStore>> stores;
    for (int i = 0; i < kStores; ++i) stores.push_back(open_hub_store(url));  // also: concurrent migrate is once
    for (int round = 0; round < kRounds; ++round) {
        std::vector<RecordRow> batch;
        for (int i = 0; i < kBatch; ++i) batch.push_back(record(new_uuid()));
        // Every store gets the same batch, half of them in reverse order (lock order differs).
        std::vector<int> stored(kStores, 0);
        std::vector<std::thread> threads;
        for (int k = 0; k < kStores; ++k)
            threads.emplace_back([&, k] {
                auto mine = batch;
                if (k % 2) std::reverse(mine.begin(), mine.end());
                for (auto o : stores[k]->put_records(mine)) stored[k] += o == PutOutcome::Stored;
            });
        for (auto& th : threads) th.join();
        int total = 0;
        for (int n : stored) total += n;
        REQUIRE(total == kBatch);
    }
    CHECK(stores[0]->record_count() == kRounds * kBatch);
    CHECK(psql(url, "SELECT count(DISTINCT uuid) FROM records") == std::to_string(kRounds * kBatch));
}

TEST_CASE("pg store: database down means 503 + Retry-After, and it recovers by itself", "[pg][store]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    auto store = open_hub_store(url);
    const auto token = add_kiosk(*store, "k1", "hall-1");
    HubServer server(*store, HubOptions{});
    const int port = server.bind();
    std::thread serving([&] { server.run(); });
    struct Stop {
        HubServer& s;
        std::thread& t;
        ~Stop() { s.stop(); t.join(); }
    } stop_server{server, serving};

    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(5);
    client.set_read_timeout(15);
    const httplib::Headers auth{{"Authorization", "Bearer " + token}};
    auto body_of = [](const std::vector<std::string>& uuids) {
        nlohmann::json recs = nlohmann::json::array();
        for (const auto& u : uuids) recs.push_back(nlohmann::json::parse(record(u).payload));
        return nlohmann::json{{"records", recs}}.dump();
    };
    auto statuses = [](const httplib::Result& r) {
        std::vector<std::string> out;
        const auto reply = nlohmann::json::parse(r->body);
        for (const auto& x : reply["results"]) out.push_back(x["status"].get<std::string>());
        return out;
    };
    const std::vector<std::string> first{new_uuid(), new_uuid()}, second{new_uuid()};
    auto r = client.Post("/api/v1/records", auth, body_of(first), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);

    cluster.stop();
    r = client.Post("/api/v1/records", auth, body_of(second), "application/json");
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(r->get_header_value("Retry-After") == "2");
    CHECK_THROWS_AS(store->record_count(), HubStoreUnavailable);
    r = client.Get("/api/v1/bundle", auth);
    REQUIRE(r);
    CHECK(r->status == 503);

    cluster.start();
    // The first request after the restart already works: stale pooled connections are
    // dropped and the statement runs on a fresh one.
    r = client.Post("/api/v1/records", auth, body_of({first[0], second[0]}), "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    INFO(r->body);
    CHECK(statuses(r) == std::vector<std::string>{"duplicate", "stored"});
    CHECK(store->record_count() == 3);
}

TEST_CASE("hub store: search misses summed per hall and query, top ones first", "[pg][store][search]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto& s = *t.store;
        const auto miss = [](const std::string& hall, const std::string& day, const std::string& query, int count) {
            const auto uuid = new_uuid();
            const auto payload = nlohmann::json{{"kind", "search_miss"}, {"uuid", uuid}, {"hall_id", hall}, {"kiosk_id", "k1"},
                                                {"day", day}, {"query", query}, {"count", count}}
                                     .dump();
            return RecordRow{uuid, "search_miss", hall, "k1", day, payload, "k1", day + "T00:00:01Z"};
        };
        s.put_records({miss("h1", "2026-11-30", "护照", 3), miss("h1", "2026-12-01", "护照", 2), miss("h1", "2026-12-01", "签证", 4),
                       miss("h1", "2026-12-01", "公积金", 1), miss("h2", "2026-12-01", "护照", 9), record(new_uuid())});
        auto rows = s.search_misses("h1", 10);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0].query == "护照");
        CHECK(rows[0].count == 5);
        CHECK(rows[0].days == 2);
        CHECK(rows[0].last_day == "2026-12-01");
        CHECK(rows[1].query == "签证");
        CHECK(rows[2].query == "公积金");
        CHECK(s.search_misses("h1", 2).size() == 2);
        rows = s.search_misses("", 1);
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].hall_id == "h1");
        CHECK(rows[1].hall_id == "h2");
        CHECK(rows[1].count == 9);
        CHECK(s.search_misses("nobody", 10).empty());
    }
}

TEST_CASE("hub store: phone numbers are erased after the retention period, records stay", "[pg][store][retention]") {
    const std::string backend = GENERATE("sqlite", "postgresql");
    DYNAMIC_SECTION(backend) {
        auto t = make_store(backend);
        auto feedback = [](const std::string& uuid, int rating, const std::string& created) {
            const auto payload = nlohmann::json{{"kind", "feedback"}, {"uuid", uuid}, {"hall_id", "hall-1"}, {"kiosk_id", "k1"},
                                                {"created_at", created}, {"rating", rating}, {"phone", "13812345678"}}
                                     .dump();
            return RecordRow{uuid, "feedback", "hall-1", "k1", created, payload, "k1", created};
        };
        auto closed = [](const std::string& uuid, const std::string& target, const std::string& at) {
            // As a kiosk sends it: the wire writer's own form (before/after are objects).
            const auto payload = wire::audit_to_json(AuditEntry{uuid, "hall-1", "k1", at, "state", target,
                                                                R"({"state":"answered"})", R"({"state":"closed"})"})
                                     .dump();
            return RecordRow{uuid, "audit", "hall-1", "k1", at, payload, "k1", at};
        };
        const std::string praise = new_uuid(), open_bad = new_uuid(), closed_bad = new_uuid(), recent = new_uuid();
        t.store->put_records({feedback(praise, 5, "2026-01-05T02:00:00Z"), feedback(open_bad, 1, "2026-01-05T02:00:00Z"),
                              feedback(closed_bad, 1, "2026-01-05T02:00:00Z"), feedback(recent, 5, "2026-06-20T02:00:00Z"),
                              closed(new_uuid(), closed_bad, "2026-02-01T02:00:00Z")});
        auto phone_of = [&](const std::string& uuid) {
            std::string phone = "?";
            t.store->for_each_record("feedback", [&](const RecordRow& r) {
                if (r.uuid == uuid) phone = nlohmann::json::parse(r.payload).value("phone", "");
                return true;
            });
            return phone;
        };
        // Injected clock: 2026-07-10 with 180 days. Praise from 5 January (186 days): erased; the
        // 差評 whose case closed on 1 February: not yet (159 days); the open case: kept.
        auto rep = run_phone_retention(*t.store, 180, *parse_iso_utc("2026-07-10T00:00:00Z"));
        CHECK(rep.erased == 1);
        CHECK(rep.kept_open == 1);
        CHECK(phone_of(praise).empty());
        CHECK(phone_of(closed_bad) == "13812345678");
        CHECK(phone_of(open_bad) == "13812345678");
        CHECK(phone_of(recent) == "13812345678");
        // A month later the closed case is 180 days past its closing too.
        rep = run_phone_retention(*t.store, 180, *parse_iso_utc("2026-08-01T00:00:00Z"));
        CHECK(rep.erased == 1);
        CHECK(phone_of(closed_bad).empty());
        CHECK(phone_of(open_bad) == "13812345678");
        CHECK(t.store->record_count("feedback") == 4);  // records stay
        t.store->for_each_record("feedback", [&](const RecordRow& r) {
            const auto j = nlohmann::json::parse(r.payload);
            if (r.uuid == praise) CHECK(j.value("phone_erased_at", "") == "2026-07-10T00:00:00Z");
            return true;
        });
        // The JSONL export never carries a full number.
        std::ostringstream out;
        export_records(*t.store, "jsonl", "feedback", out);
        CHECK(out.str().find("13812345678") == std::string::npos);
        CHECK(out.str().find("138****5678") != std::string::npos);
    }
}
