// Several hall-hub processes on one PostgreSQL, as a province runs them behind a load
// balancer: batches spread across instances and re-sent to a second one at the same moment,
// an instance killed mid-batch, PostgreSQL restarted mid-run. Every record ends up stored
// exactly once and the kiosks' outboxes drain to zero.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "client/sync_engine.h"
#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_store.h"
#include "pg_cluster.h"
#include "sqlite/database.h"
#include "store/migrations.h"
#include "store/outbox.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::pgtest;
using nlohmann::json;

namespace {

json audit_record(const std::string& uuid, const std::string& hall, const std::string& kiosk) {
    return json{{"kind", "audit"}, {"uuid", uuid}, {"hall_id", hall}, {"kiosk_id", kiosk},
                {"at", now_iso_utc()},  {"action", "province-test"}};
}

struct Kiosk {
    std::string name, hall, token;
};

std::vector<Kiosk> add_kiosks(HubStore& store, int n) {
    std::vector<Kiosk> out;
    for (int i = 0; i < n; ++i) {
        Kiosk k{"kiosk-" + std::to_string(i), "hall-" + std::to_string(i % 4), ""};
        k.token = add_kiosk(store, k.name, k.hall);
        out.push_back(k);
    }
    return out;
}

std::set<std::string> stored_uuids(HubStore& store) {
    std::set<std::string> out;
    store.for_each_record("", [&](const RecordRow& r) {
        out.insert(r.uuid);
        return true;
    });
    return out;
}

}  // namespace

TEST_CASE("three hubs on one PostgreSQL store 10,000 records exactly once", "[pg][cluster]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    TempDir work;
    auto admin = open_hub_store(url);
    const auto kiosks = add_kiosks(*admin, 20);
    std::vector<std::unique_ptr<HubProcess>> hubs;
    for (int i = 0; i < 3; ++i) hubs.push_back(std::make_unique<HubProcess>(HALL_HUB_BINARY, url, work.path, "hub" + std::to_string(i)));

    constexpr int kPerKiosk = 500, kBatch = 50;
    std::mutex mu;
    std::set<std::string> sent;
    std::atomic<int> stored_replies{0}, duplicate_replies{0}, resent_batches{0}, bad_replies{0};
    std::vector<std::string> failures;

    auto post = [&](int hub, const Kiosk& k, const std::string& body) -> std::vector<std::string> {
        httplib::Client c("127.0.0.1", hubs[hub]->port());
        c.set_connection_timeout(5);
        c.set_read_timeout(30);
        auto r = c.Post("/api/v1/records", {{"Authorization", "Bearer " + k.token}}, body, "application/json");
        std::vector<std::string> st;
        if (!r || r->status != 200) {
            ++bad_replies;
            std::lock_guard lk(mu);
            failures.push_back("hub" + std::to_string(hub) + ": " + (r ? std::to_string(r->status) + " " + r->body : "no reply"));
            return st;
        }
        const auto reply = json::parse(r->body);
        for (const auto& x : reply["results"]) st.push_back(x["status"].get<std::string>());
        return st;
    };

    // 10 worker threads, each driving two kiosks; batch b of kiosk i goes to hub (i + b) % 3,
    // every fourth batch at the same moment to the next hub as well.
    std::vector<std::thread> workers;
    for (int w = 0; w < 10; ++w)
        workers.emplace_back([&, w] {
            for (int ki = w; ki < static_cast<int>(kiosks.size()); ki += 10) {
                const auto& k = kiosks[ki];
                for (int b = 0; b < kPerKiosk / kBatch; ++b) {
                    json recs = json::array();
                    {
                        std::lock_guard lk(mu);
                        for (int i = 0; i < kBatch; ++i) {
                            auto u = new_uuid();
                            sent.insert(u);
                            recs.push_back(audit_record(u, k.hall, k.name));
                        }
                    }
                    const auto body = json{{"records", recs}}.dump();
                    const int first = (ki + b) % 3;
                    if (b % 4 == 1) {
                        ++resent_batches;
                        std::vector<std::string> other;
                        std::thread twin([&] { other = post((first + 1) % 3, k, body); });
                        auto mine = post(first, k, body);
                        twin.join();
                        // Between the two replies each record is "stored" exactly once.
                        if (mine.size() != kBatch || other.size() != kBatch) continue;
                        for (int i = 0; i < kBatch; ++i) {
                            const int s = (mine[i] == "stored") + (other[i] == "stored");
                            const int d = (mine[i] == "duplicate") + (other[i] == "duplicate");
                            if (s != 1 || d != 1) ++bad_replies;
                            stored_replies += s;
                            duplicate_replies += d;
                        }
                    } else {
                        for (const auto& s : post(first, k, body)) (s == "stored" ? stored_replies : duplicate_replies)++;
                    }
                }
            }
        });
    for (auto& t : workers) t.join();

    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(bad_replies == 0);
    CHECK(resent_batches == 20 * 3);  // b = 1, 5, 9 for every kiosk
    REQUIRE(sent.size() == 10000);
    CHECK(stored_replies == 10000);
    CHECK(duplicate_replies == resent_batches * kBatch);
    CHECK(admin->record_count() == 10000);
    CHECK(stored_uuids(*admin) == sent);
    CHECK(psql(url, "SELECT count(DISTINCT uuid) FROM records") == "10000");
    CHECK(psql(url, "SELECT count(DISTINCT received_from) FROM records") == "20");
}

TEST_CASE("any hub instance answers any kiosk: bundles with one ETag, heartbeats, queue feeds", "[pg][cluster]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    TempDir work;
    auto admin = open_hub_store(url);
    const auto kiosks = add_kiosks(*admin, 1);
    const auto queue_token = add_kiosk(*admin, "queue-0", "hall-0", "queue");
    admin->put_bundle({0, "*", "2026.11.25-1", "\"etag-province-1\"", R"({"signed":"envelope"})", now_iso_utc()});
    std::vector<std::unique_ptr<HubProcess>> hubs;
    for (int i = 0; i < 3; ++i) hubs.push_back(std::make_unique<HubProcess>(HALL_HUB_BINARY, url, work.path, "hub" + std::to_string(i)));
    const httplib::Headers kiosk_auth{{"Authorization", "Bearer " + kiosks[0].token}};

    std::set<std::string> etags;
    for (auto& h : hubs) {
        httplib::Client c("127.0.0.1", h->port());
        auto r = c.Get("/api/v1/bundle", kiosk_auth);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        CHECK(r->body == R"({"signed":"envelope"})");
        etags.insert(r->get_header_value("ETag"));
    }
    CHECK(etags == std::set<std::string>{"\"etag-province-1\""});
    // The ETag one instance gave is "not modified" at another.
    httplib::Client c2("127.0.0.1", hubs[2]->port());
    auto r = c2.Get("/api/v1/bundle", {{"Authorization", "Bearer " + kiosks[0].token}, {"If-None-Match", *etags.begin()}});
    REQUIRE(r);
    CHECK(r->status == 304);

    // A heartbeat to hub 0 is what `hall-hub kiosks` (any instance's database) shows.
    httplib::Client c0("127.0.0.1", hubs[0]->port());
    r = c0.Post("/api/v1/heartbeat", kiosk_auth,
                R"({"kiosk_version":"0.1.0","content_version":"2026.11.25-1","outbox_depth":7,"last_sync_error":"","free_disk_bytes":1000,"at":"2026-11-25T04:00:00Z"})",
                "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto ks = admin->kiosks();
    REQUIRE(ks.size() == 2);
    CHECK(ks[0].last_heartbeat.find("\"outbox_depth\":7") != std::string::npos);

    // The hall's queue system posts to hub 1; the kiosk reads it from hub 2.
    httplib::Client c1("127.0.0.1", hubs[1]->port());
    const auto snapshot = R"({"hall_id":"hall-0","updated_at":"2026-11-25T04:00:00Z","windows":[]})";
    r = c1.Post("/api/v1/queue", {{"Authorization", "Bearer " + queue_token}}, snapshot, "application/json");
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 200);
    r = c2.Get("/api/v1/queue", kiosk_auth);
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == admin->queue("hall-0")->snapshot);
}

TEST_CASE("a hub killed mid-batch and PostgreSQL restarted: every record once, outboxes drain", "[pg][cluster]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    TempDir work;
    auto admin = open_hub_store(url);
    const auto kiosks = add_kiosks(*admin, 12);
    std::vector<std::unique_ptr<HubProcess>> hubs;
    for (int i = 0; i < 3; ++i) hubs.push_back(std::make_unique<HubProcess>(HALL_HUB_BINARY, url, work.path, "hub" + std::to_string(i)));

    // The load balancer: kiosks are sent round-robin to the instances it believes alive.
    std::mutex lb_mu;
    std::vector<int> live_ports{hubs[0]->port(), hubs[1]->port(), hubs[2]->port()};
    std::atomic<unsigned> rr{0};
    auto pick = [&] {
        std::lock_guard lk(lb_mu);
        return live_ports[rr++ % live_ports.size()];
    };

    constexpr int kRounds = 50, kPerRound = 5;  // 12 kiosks x 250 records = 3,000
    std::atomic<int> push_errors{0}, produced{0};
    std::mutex mu;
    std::set<std::string> sent;
    std::vector<std::int64_t> depth(kiosks.size(), -1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(150);

    std::vector<std::thread> threads;
    for (std::size_t ki = 0; ki < kiosks.size(); ++ki)
        threads.emplace_back([&, ki] {
            const auto& k = kiosks[ki];
            Db db((work.path / (k.name + ".db")).string());
            hall::migrate(db);
            Outbox outbox(db);
            int round = 0;
            while (std::chrono::steady_clock::now() < deadline) {
                // Citizens keep giving feedback for the first kRounds rounds.
                if (round < kRounds) {
                    Tx tx(db);
                    for (int i = 0; i < kPerRound; ++i) {
                        const auto u = new_uuid();
                        outbox.enqueue(u, "audit", audit_record(u, k.hall, k.name).dump(), now_iso_utc());
                        std::lock_guard lk(mu);
                        sent.insert(u);
                    }
                    tx.commit();
                    produced += kPerRound;
                }
                ++round;
                SyncSettings s;
                s.hub_url = "http://127.0.0.1:" + std::to_string(pick());
                s.token = k.token;
                sync::EngineOptions opts;
                opts.batch_size = 10;
                sync::SyncEngine engine(db, s, opts);
                auto rep = engine.push_outbox();
                if (!rep.error.empty()) ++push_errors;
                if (round >= kRounds && outbox.depth() == 0) break;
                // Time-compressed backoff: the kiosk's Retry-After in milliseconds.
                std::this_thread::sleep_for(std::chrono::milliseconds(rep.error.empty() ? 40 : 100));
            }
            depth[ki] = outbox.depth();
        });

    // Mid-run failures, triggered by progress at the hub.
    auto wait_count = [&](std::int64_t n) {
        while (std::chrono::steady_clock::now() < deadline) {
            try {
                if (std::stoll(psql(url, "SELECT count(*) FROM records")) >= n) return true;
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    };
    CHECK(wait_count(600));
    hubs[0]->kill_now();  // SIGKILL, wherever it is: likely inside a batch
    {
        std::lock_guard lk(lb_mu);
        live_ports = {hubs[1]->port(), hubs[2]->port()};  // the balancer's health check notices
    }
    CHECK(wait_count(1200));
    const int errors_before = push_errors;
    cluster.stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    cluster.start();
    const int errors_during = push_errors - errors_before;
    hubs[0]->start();  // back on its port
    {
        std::lock_guard lk(lb_mu);
        live_ports = {hubs[0]->port(), hubs[1]->port(), hubs[2]->port()};
    }
    for (auto& t : threads) t.join();

    CHECK(produced == 3000);
    CHECK(errors_during > 0);  // the kiosks did meet the outage
    for (std::size_t ki = 0; ki < kiosks.size(); ++ki) {
        INFO(kiosks[ki].name);
        CHECK(depth[ki] == 0);
    }
    REQUIRE(sent.size() == 3000);
    CHECK(admin->record_count() == 3000);
    CHECK(stored_uuids(*admin) == sent);
    CHECK(psql(url, "SELECT count(DISTINCT uuid) FROM records") == "3000");
    // The instances that survived say they met the outage and kept running.
    CHECK(hubs[1]->running());
    const auto log = hubs[1]->log();
    CHECK((log.find("PostgreSQL unreachable") != std::string::npos || log.find("PostgreSQL unavailable") != std::string::npos));
}
