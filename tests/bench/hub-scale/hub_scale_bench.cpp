// Province-scale benchmark for hall-hub (issue #9). Not a ctest test: prints one figure per
// line as `name value unit`.
//   hub_scale_bench [--quick]
// 1. Ingest: records per second pushed through 1, 2 and 3 hall-hub processes on one
//    PostgreSQL, and through one on SQLite, in the same run (same client load).
// 2. A province's kiosks: 1,000 simulated kiosks on loopback sending a heartbeat every 30 s
//    and a push every 2-4 minutes, time-compressed; push latency p50/p99, errors.
// Everything runs on this machine: a throwaway PostgreSQL cluster (fsync=off) and hub
// processes on free loopback ports, all stopped by pid at the end.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <queue>
#include <random>
#include <thread>

#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_store.h"
#include "pg_cluster.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::pgtest;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

void figure(const std::string& name, double value, const std::string& unit) {
    const bool whole = value == static_cast<double>(static_cast<long long>(value));
    std::cout << name << ' ' << std::fixed << std::setprecision(whole || value >= 100 ? 0 : 2) << value << ' ' << unit << std::endl;
}

struct Kiosk {
    std::string name, hall, token;
};

std::vector<Kiosk> add_kiosks(HubStore& store, int n) {
    std::vector<Kiosk> out;
    for (int i = 0; i < n; ++i) {
        Kiosk k{"kiosk-" + std::to_string(i), "hall-" + std::to_string(i % 300), ""};
        k.token = add_kiosk(store, k.name, k.hall);
        out.push_back(std::move(k));
    }
    return out;
}

std::string batch_body(const Kiosk& k, int n) {
    json recs = json::array();
    const auto at = now_iso_utc();
    for (int i = 0; i < n; ++i)
        recs.push_back({{"kind", "audit"}, {"uuid", new_uuid()}, {"hall_id", k.hall}, {"kiosk_id", k.name}, {"at", at},
                        {"action", "bench"}});
    return json{{"records", recs}}.dump();
}

struct Hubs {
    std::vector<std::unique_ptr<HubProcess>> procs;
    std::vector<int> ports() const {
        std::vector<int> p;
        for (const auto& h : procs) p.push_back(h->port());
        return p;
    }
};

Hubs start_hubs(const std::string& db, int n, const fs::path& work, const std::string& tag) {
    Hubs h;
    for (int i = 0; i < n; ++i) h.procs.push_back(std::make_unique<HubProcess>(HALL_HUB_BINARY, db, work, tag + std::to_string(i)));
    return h;
}

// Pushes `total` records in batches of `batch` from `clients` threads, spread round-robin
// over the hubs; returns records per second, or -1 when any push failed.
double ingest(const std::vector<int>& ports, const std::vector<Kiosk>& kiosks, int total, int batch, int clients) {
    std::atomic<int> next{0}, failed{0};
    // Bodies built before the clock starts: the figure is the hub's, not the JSON encoder's.
    std::vector<std::pair<int, std::string>> bodies;
    for (int b = 0; b < total / batch; ++b) bodies.push_back({b % static_cast<int>(kiosks.size()), batch_body(kiosks[b % kiosks.size()], batch)});
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c)
        threads.emplace_back([&, c] {
            // One keep-alive connection per client and hub, as a kiosk draining its backlog does.
            std::vector<std::unique_ptr<httplib::Client>> conns;
            for (int p : ports) {
                conns.push_back(std::make_unique<httplib::Client>("127.0.0.1", p));
                conns.back()->set_keep_alive(true);
                conns.back()->set_read_timeout(60);
            }
            for (int b; (b = next++) < static_cast<int>(bodies.size());) {
                const auto& k = kiosks[bodies[b].first];
                auto& cl = *conns[(b + c) % conns.size()];
                auto r = cl.Post("/api/v1/records", {{"Authorization", "Bearer " + k.token}}, bodies[b].second, "application/json");
                if (!r || r->status != 200) ++failed;
            }
        });
    for (auto& t : threads) t.join();
    const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (failed) std::cerr << "hub-scale: " << failed << " ingest pushes failed\n";
    return failed ? -1 : total / secs;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const int ingest_total = quick ? 10000 : 50000;
    const int clients = 8, batch = 100;
    try {
        PgCluster cluster;
        TempDir work;
        figure("ingest_batch_size", batch, "records");
        figure("ingest_clients", clients, "connections");

        {
            const auto db = (work.path() / "hub.sqlite").string();
            auto store = open_hub_store(db);
            const auto kiosks = add_kiosks(*store, 16);
            auto hubs = start_hubs(db, 1, work.path(), "sqlite");
            figure("ingest_sqlite_1_hub", ingest(hubs.ports(), kiosks, ingest_total, batch, clients), "records/s");
            if (store->record_count() != ingest_total) throw std::runtime_error("sqlite: records missing");
        }
        for (int n = 1; n <= 3; ++n) {
            const auto db = cluster.create_database("ingest");
            auto store = open_hub_store(db);
            const auto kiosks = add_kiosks(*store, 16);
            auto hubs = start_hubs(db, n, work.path(), "pg" + std::to_string(n) + "_");
            figure("ingest_pg_" + std::to_string(n) + "_hubs", ingest(hubs.ports(), kiosks, ingest_total, batch, clients), "records/s");
            if (store->record_count() != ingest_total) throw std::runtime_error("postgresql: records missing");
        }

        // --- 1,000 kiosks, time-compressed -------------------------------------------
        const int kiosk_count = 1000;
        const double compression = 30;                  // 30 s of a hall in 1 s
        const double run_s = quick ? 15 : 45;           // wall time (= 7.5 / 22.5 hall minutes)
        const auto db = cluster.create_database("province");
        auto store = open_hub_store(db);
        const auto kiosks = add_kiosks(*store, kiosk_count);
        auto hubs = start_hubs(db, 3, work.path(), "province");
        const auto ports = hubs.ports();
        figure("kiosks_simulated", kiosk_count, "kiosks");
        figure("kiosks_hub_instances", 3, "instances");
        figure("kiosks_time_compression", compression, "x");

        struct Event {
            double at;  // seconds since start, wall
            int kiosk;
            bool push;
            bool operator>(const Event& o) const { return at > o.at; }
        };
        std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
        std::mt19937 rng(9);
        std::uniform_real_distribution<double> u01(0, 1);
        const double hb_every = 30 / compression;
        auto push_gap = [&] { return (120 + 120 * u01(rng)) / compression; };  // every 2-4 minutes
        for (int k = 0; k < kiosk_count; ++k) {
            events.push({hb_every * u01(rng), k, false});
            events.push({push_gap() * u01(rng), k, true});
        }
        std::mutex mu;
        std::vector<double> push_ms, hb_ms;
        std::atomic<int> errors{0}, pushed_records{0};
        std::atomic<int> late{0};
        const auto t0 = Clock::now();
        auto now_s = [&] { return std::chrono::duration<double>(Clock::now() - t0).count(); };
        std::vector<std::thread> workers;
        for (int w = 0; w < 24; ++w)
            workers.emplace_back([&, w] {
                std::mt19937 wrng(w * 7919u);
                for (;;) {
                    Event e;
                    {
                        std::unique_lock lk(mu);
                        if (events.empty() || events.top().at > run_s) return;
                        e = events.top();
                        events.pop();
                        if (e.push) events.push({e.at + push_gap(), e.kiosk, true});
                        else events.push({e.at + hb_every, e.kiosk, false});
                    }
                    const double wait = e.at - now_s();
                    if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
                    else if (wait < -1) ++late;
                    const auto& k = kiosks[e.kiosk];
                    // A kiosk opens a connection per sync (its keep-alive does not outlast 30 s).
                    httplib::Client cl("127.0.0.1", ports[e.kiosk % ports.size()]);
                    cl.set_connection_timeout(10);
                    cl.set_read_timeout(30);
                    const httplib::Headers auth{{"Authorization", "Bearer " + k.token}};
                    const int n = 1 + static_cast<int>(wrng() % 8);
                    const auto body = e.push ? batch_body(k, n)
                                             : json{{"kiosk_version", "0.1.0"}, {"content_version", "2026.11.20-1"},
                                                    {"outbox_depth", 0}, {"last_sync_error", ""}, {"free_disk_bytes", 1 << 30},
                                                    {"at", now_iso_utc()}}
                                                   .dump();
                    const auto s0 = Clock::now();
                    auto r = cl.Post(e.push ? "/api/v1/records" : "/api/v1/heartbeat", auth, body, "application/json");
                    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - s0).count();
                    if (!r || r->status != 200) {
                        ++errors;
                        continue;
                    }
                    std::lock_guard lk(mu);
                    if (e.push) {
                        push_ms.push_back(ms);
                        pushed_records += n;
                    } else {
                        hb_ms.push_back(ms);
                    }
                }
            });
        for (auto& t : workers) t.join();
        const double wall = now_s();
        figure("kiosks_hall_minutes_simulated", run_s * compression / 60, "min");
        figure("kiosks_pushes", static_cast<double>(push_ms.size()), "requests");
        figure("kiosks_heartbeats", static_cast<double>(hb_ms.size()), "requests");
        figure("kiosks_request_rate", (push_ms.size() + hb_ms.size()) / wall, "requests/s");
        figure("kiosks_push_latency_p50", percentile(push_ms, 0.50), "ms");
        figure("kiosks_push_latency_p99", percentile(push_ms, 0.99), "ms");
        figure("kiosks_heartbeat_latency_p99", percentile(hb_ms, 0.99), "ms");
        figure("kiosks_errors", errors, "requests");
        figure("kiosks_late_events", late, "events");
        const auto stored = store->record_count();
        figure("kiosks_records_stored", static_cast<double>(stored), "records");
        if (stored != pushed_records) {
            std::cerr << "hub-scale: " << pushed_records << " records acknowledged, " << stored << " stored\n";
            return 1;
        }
        return errors ? 1 : 0;
    } catch (const std::exception& e) {
        std::cerr << "hub-scale: " << e.what() << '\n';
        return 2;
    }
}
