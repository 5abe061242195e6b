// Province-scale benchmark for hall-hub (issue #9). Not a ctest test: prints one figure per
// line as `name value unit`.
//   hub_scale_bench [--quick]
// 1. Ingest: records per second pushed through 1, 2 and 3 hall-hub processes on one
//    PostgreSQL, and through one on SQLite, in the same run (same client load).
// 2. A province's kiosks: 1,000 simulated kiosks on loopback sending a heartbeat every 30 s
//    and a push every 2-4 minutes, time-compressed; push latency p50/p99, errors.
// 3. Keep-alive (issue #13): 1,000 kiosks each holding one keep-alive connection (as
//    libcurl does), polling the queue feed every second and pushing every fifth poll, on
//    one hub on SQLite: timeouts (5 s) and p99 latencies.
//   hub_scale_bench [--quick] [--sqlite-only]; HALL_HUB_BIN=path measures another hall-hub
//   build (e.g. main's, for before/after figures).
// Everything runs on this machine: a throwaway PostgreSQL cluster (fsync=off) and hub
// processes on free loopback ports, all stopped by pid at the end.
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <queue>
#include <random>
#include <sstream>
#include <thread>

#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_store.h"
#include "sqlite/database.h"
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

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

std::string hub_binary() {
    const char* env = std::getenv("HALL_HUB_BIN");
    return env && *env ? env : HALL_HUB_BINARY;
}

// The hardened hub caps connections per client address (256) for a hall behind one NAT;
// every simulated kiosk here shares 127.0.0.1, so the cap is lifted. A hub from before
// issue #13 has no such option and gets none.
std::vector<std::string> hub_args() {
    if (std::getenv("HALL_HUB_BIN") && *std::getenv("HALL_HUB_BIN")) return {};
    std::vector<std::string> args = {"--max-connections-per-ip", "0"};
    // HALL_HUB_ARGS="--threads 8": more options for the hub under test, space-separated.
    if (const char* extra = std::getenv("HALL_HUB_ARGS")) {
        std::istringstream in(extra);
        for (std::string a; in >> a;) args.push_back(a);
    }
    return args;
}

Hubs start_hubs(const std::string& db, int n, const fs::path& work, const std::string& tag) {
    // A hub built before issue #13 knows SQLite schema step 1 only; step 2 adds columns it
    // never reads, so the store is labelled step 1 for it.
    if (!hub_args().size() && !is_pg_location(db)) Db(db).exec("PRAGMA user_version = 1");
    // The same on PostgreSQL, where the versions are rows.
    if (!hub_args().size() && is_pg_location(db)) psql(db, "DELETE FROM hub_schema_versions WHERE version > 1");
    Hubs h;
    for (int i = 0; i < n; ++i)
        h.procs.push_back(std::make_unique<HubProcess>(hub_binary(), db, work, tag + std::to_string(i), hub_args()));
    return h;
}

// 1,000 kiosks, one keep-alive connection each, for run_s seconds. The kiosks are driven by
// two event-loop threads (epoll, raw HTTP/1.1) rather than a thread each, so the figures are
// the hub's latency, not this machine's scheduling of a thousand client threads.
struct KeepAliveKiosk {
    int fd = -1;
    int index = 0;
    std::string in;
    bool busy = false, push = false;
    int sent_count = 0;
    Clock::time_point sent_at, next_at;
};

int connect_loopback(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        if (fd >= 0) ::close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// Length of a complete response at the start of `in` (head + Content-Length body), or 0.
std::size_t complete_response(const std::string& in, int& status) {
    const auto head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos) return 0;
    std::size_t len = 0;
    for (const char* name : {"Content-Length:", "content-length:"})
        if (auto p = in.find(name); p != std::string::npos && p < head_end) len = std::strtoul(in.c_str() + p + 15, nullptr, 10);
    if (in.size() < head_end + 4 + len) return 0;
    status = in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
    return head_end + 4 + len;
}

void keepalive_case(const std::string& db, const fs::path& work, double run_s) {
    auto store = open_hub_store(db);
    const int n = 1000, loops = 2;
    const auto kiosks = add_kiosks(*store, n);
    for (int h = 0; h < 300; ++h)
        store->put_queue({"hall-" + std::to_string(h), R"({"windows":[],"recent_calls":[],"updated_ms":0})", now_iso_utc()});
    auto hubs = start_hubs(db, 1, work, "keepalive");
    const int port = hubs.ports()[0];
    std::mutex mu;
    std::vector<double> poll_ms, push_ms;
    std::atomic<int> timeouts{0}, failures{0}, reconnects{0};
    const auto start = Clock::now();
    const auto until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(run_s));
    std::vector<std::thread> threads;
    for (int t = 0; t < loops; ++t)
        threads.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t + 1));
            std::vector<KeepAliveKiosk> ks;
            for (int k = t; k < n; k += loops) {
                KeepAliveKiosk c;
                c.index = k;
                c.fd = connect_loopback(port);
                if (c.fd < 0) ++failures;
                c.next_at = start + std::chrono::milliseconds(rng() % 1000);  // kiosks are not in step
                ks.push_back(std::move(c));
            }
            const int ep = epoll_create1(EPOLL_CLOEXEC);
            for (std::size_t i = 0; i < ks.size(); ++i) {
                epoll_event ev{EPOLLIN, {.u64 = i}};
                if (ks[i].fd >= 0) epoll_ctl(ep, EPOLL_CTL_ADD, ks[i].fd, &ev);
            }
            std::vector<double> mine_poll, mine_push;
            const auto reconnect = [&](std::size_t i) {
                auto& c = ks[i];
                if (c.fd >= 0) ::close(c.fd);
                c.fd = connect_loopback(port);
                c.in.clear();
                c.busy = false;
                ++reconnects;
                epoll_event ev{EPOLLIN, {.u64 = i}};
                if (c.fd >= 0) epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
            };
            while (Clock::now() < until) {
                const auto now = Clock::now();
                for (std::size_t i = 0; i < ks.size(); ++i) {
                    auto& c = ks[i];
                    if (c.busy && now - c.sent_at > std::chrono::seconds(5)) {
                        ++timeouts;
                        reconnect(i);
                        c.next_at = now;
                    }
                    if (c.busy || c.fd < 0 || c.next_at > now) continue;
                    const auto& k = kiosks[c.index];
                    c.push = c.sent_count % 5 == 4;
                    std::string req;
                    if (c.push) {
                        const auto body = batch_body(k, 1 + static_cast<int>(rng() % 3));
                        req = "POST /api/v1/records HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + k.token +
                              "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
                    } else {
                        req = "GET /api/v1/queue HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + k.token + "\r\n\r\n";
                    }
                    c.sent_at = Clock::now();
                    // Small requests: the socket buffer takes them whole.
                    if (::send(c.fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
                        ++failures;
                        reconnect(i);
                        c.next_at = now + std::chrono::milliseconds(100);
                        continue;
                    }
                    c.busy = true;
                    ++c.sent_count;
                }
                epoll_event evs[256];
                const int got = epoll_wait(ep, evs, 256, 5);
                for (int e = 0; e < got; ++e) {
                    const auto i = static_cast<std::size_t>(evs[e].data.u64);
                    auto& c = ks[i];
                    char buf[16384];
                    const auto r = ::recv(c.fd, buf, sizeof buf, 0);
                    if (r <= 0) {
                        if (r < 0 && errno == EAGAIN) continue;
                        if (c.busy) ++failures;  // closed while a request was out
                        const auto next = c.next_at;
                        reconnect(i);
                        c.next_at = next;
                        continue;
                    }
                    c.in.append(buf, static_cast<std::size_t>(r));
                    int status = 0;
                    if (const auto len = complete_response(c.in, status)) {
                        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - c.sent_at).count();
                        c.in.erase(0, len);
                        if (c.busy) {
                            if (status == 200) (c.push ? mine_push : mine_poll).push_back(ms);
                            else ++failures;
                        }
                        c.busy = false;
                        c.next_at = Clock::now() + std::chrono::milliseconds(900 + rng() % 200);
                    }
                }
            }
            for (auto& c : ks)
                if (c.fd >= 0) ::close(c.fd);
            ::close(ep);
            std::lock_guard lk(mu);
            poll_ms.insert(poll_ms.end(), mine_poll.begin(), mine_poll.end());
            push_ms.insert(push_ms.end(), mine_push.begin(), mine_push.end());
        });
    for (auto& t : threads) t.join();
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    figure("keepalive_kiosks", n, "kiosks");
    figure("keepalive_requests", static_cast<double>(poll_ms.size() + push_ms.size()), "requests");
    figure("keepalive_request_rate", (poll_ms.size() + push_ms.size()) / wall, "requests/s");
    figure("keepalive_queue_p50", percentile(poll_ms, 0.50), "ms");
    figure("keepalive_queue_p99", percentile(poll_ms, 0.99), "ms");
    figure("keepalive_push_p99", percentile(push_ms, 0.99), "ms");
    figure("keepalive_timeouts", timeouts, "requests");
    figure("keepalive_failures", failures, "requests");
    figure("keepalive_reconnects", reconnects, "connections");
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


}  // namespace

int main(int argc, char** argv) {
    bool quick = false, sqlite_only = false;
    for (int i = 1; i < argc; ++i) {
        quick = quick || std::strcmp(argv[i], "--quick") == 0;
        sqlite_only = sqlite_only || std::strcmp(argv[i], "--sqlite-only") == 0;
    }
    const int ingest_total = quick ? 10000 : 50000;
    const int clients = 8, batch = 100;
    try {
        TempDir work;
        if (sqlite_only) {
            figure("ingest_batch_size", batch, "records");
            {
                const auto db = (work.path / "hub.sqlite").string();
                auto store = open_hub_store(db);
                const auto kiosks = add_kiosks(*store, 16);
                auto hubs = start_hubs(db, 1, work.path, "sqlite");
                figure("ingest_sqlite_1_hub", ingest(hubs.ports(), kiosks, ingest_total, batch, clients), "records/s");
                if (store->record_count() != ingest_total) throw std::runtime_error("sqlite: records missing");
            }
            keepalive_case((work.path / "keepalive.sqlite").string(), work.path, quick ? 10 : 30);
            return 0;
        }
        PgCluster cluster;
        figure("ingest_batch_size", batch, "records");
        figure("ingest_clients", clients, "connections");

        {
            const auto db = (work.path / "hub.sqlite").string();
            auto store = open_hub_store(db);
            const auto kiosks = add_kiosks(*store, 16);
            auto hubs = start_hubs(db, 1, work.path, "sqlite");
            figure("ingest_sqlite_1_hub", ingest(hubs.ports(), kiosks, ingest_total, batch, clients), "records/s");
            if (store->record_count() != ingest_total) throw std::runtime_error("sqlite: records missing");
        }
        for (int n = 1; n <= 3; ++n) {
            const auto db = cluster.create_database("ingest");
            auto store = open_hub_store(db);
            const auto kiosks = add_kiosks(*store, 16);
            auto hubs = start_hubs(db, n, work.path, "pg" + std::to_string(n) + "_");
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
        auto hubs = start_hubs(db, 3, work.path, "province");
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
        hubs.procs.clear();
        keepalive_case((work.path / "keepalive.sqlite").string(), work.path, quick ? 10 : 30);
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
