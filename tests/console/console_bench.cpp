// Console API benchmark (issue #17): 1,000,000 feedback records over 50 halls, then the
// console's API endpoints over HTTP on loopback, as the pages call them, logged in as a
// centre-admin. Prints `name value unit` lines (p50 / p95 per endpoint; goal p95 <= 200 ms).
//   console_bench [--records N] [--halls H] [--backend sqlite|pg] [--iterations K] [--db PATH]
// --db keeps a SQLite store between runs (filled once). PostgreSQL runs in a temporary
// cluster (tests/pg/pg_cluster.h).
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "../pg/pg_cluster.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_demo.h"
#include "hub/console/console_queries.h"
#include "hub/console/console_routes.h"
#include "hub/hub_server.h"

using namespace hall;
using namespace hall::hub;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    std::int64_t records = 1000000;
    int halls = 50, iterations = 40;
    std::string backend = "sqlite", db;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--records") records = std::stoll(v);
        else if (a == "--halls") halls = std::stoi(v);
        else if (a == "--backend") backend = v;
        else if (a == "--iterations") iterations = std::stoi(v);
        else if (a == "--db") db = v;
        else {
            std::cerr << "unknown option " << a << '\n';
            return 2;
        }
    }
    std::unique_ptr<pgtest::TempDir> tmp;
    if (backend == "pg") {
        db = pgtest::shared_cluster().create_database();
    } else if (db.empty()) {
        tmp = std::make_unique<pgtest::TempDir>();
        db = (tmp->path / "hub.db").string();
    }
    auto store = open_hub_store(db);
    const auto label = "console_" + backend;
    if (store->record_count("feedback") == 0) {
        console::DemoOptions o;
        o.halls = halls;
        o.records = records;
        o.windows_per_hall = 12;
        // The load is set-up, not what is measured: records go into the store's own records
        // table many rows per statement and the console's index is built once from them
        // (console_index.h rebuild_index: the same fold and counters as ingest), instead of
        // put_records' per-record index writes (~500 records/s on PostgreSQL here). On SQLite
        // it also skips fsync (the queries below run on the same file as a hub serves it).
        o.bulk = true;
        if (backend == "sqlite")
            store->sql().read([](SqlConn& c) { c.script("PRAGMA synchronous = OFF; PRAGMA wal_autocheckpoint = 100000"); });
        const auto t0 = Clock::now();
        auto r = console::populate_demo(*store, o, [](std::int64_t n) { std::cerr << "  " << n << " records\n"; });
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("%s_fill_records %lld records\n%s_fill_seconds %.1f s\n%s_fill_rate %.0f records/s\n", label.c_str(),
                    static_cast<long long>(r.feedback), label.c_str(), s, label.c_str(), static_cast<double>(r.feedback) / s);
        std::fflush(stdout);
        console::ConsoleAuth(store->sql()).add_user("bench", "centre-admin", "", "bench-password");
    }
    console::ConsoleAuth auth(store->sql());
    console::QueryOptions qo;
    console::ConsoleQueries queries(*store, qo);
    HubServer server(*store, HubOptions{});
    console::ConsoleDeps deps{*store, auth, queries, {}};
    deps.options.web_dir = console::default_web_dir();
    console::add_console_routes(server.extra_routes(), deps);
    const int port = server.bind();
    std::thread th([&] { server.run(); });

    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(60, 0);
    auto login = cli.Post("/console/api/login", R"({"user":"bench","password":"bench-password"})", "application/json");
    if (!login || login->status != 200) {
        std::cerr << "login failed\n";
        server.stop();
        th.join();
        return 1;
    }
    const auto set_cookie = login->get_header_value("Set-Cookie");
    const httplib::Headers h = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    const auto month = console::current_month(std::chrono::system_clock::now());
    const auto last = *console::previous_month(month);
    // A cursor deep in the list: page 200 of the unfiltered records.
    std::string deep;
    {
        std::string after;
        for (int p = 0; p < 200; ++p) {
            auto r = cli.Get("/console/api/records?limit=50" + (after.empty() ? "" : "&after=" + httplib::detail::encode_query_param(after)), h);
            auto j = nlohmann::json::parse(r->body);
            if (j["next"].is_null()) break;
            after = j["next"].get<std::string>();
        }
        deep = httplib::detail::encode_query_param(after);
    }
    const std::vector<std::pair<std::string, std::string>> endpoints = {
        {"overview", "/console/api/overview?month=" + month},
        {"hall", "/console/api/halls/hall-07?month=" + last},
        {"ranking", "/console/api/ranking?month=" + last},
        {"records_first_page", "/console/api/records?limit=50"},
        {"records_deep_page", "/console/api/records?limit=50&after=" + deep},
        {"records_bad_one_hall", "/console/api/records?limit=50&hall=hall-07&rating=bad"},
        {"records_window_category", "/console/api/records?limit=50&hall=hall-07&window=w03&category=long_wait"},
        {"records_overdue", "/console/api/records?limit=50&overdue=1"},
        {"fleet", "/console/api/fleet"},
        // Streamed CSV: the whole body read (a hall's 差评 of the year, a few hundred rows).
        {"export_bad_one_hall", "/console/api/records/export?hall=hall-07&rating=bad"},
    };
    for (const auto& [name, path] : endpoints) {
        std::vector<double> ms;
        for (int i = 0; i < iterations; ++i) {
            const auto t0 = Clock::now();
            auto r = cli.Get(path, h);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (!r || r->status != 200) {
                std::cerr << name << ": " << (r ? r->status : 0) << ' ' << (r ? r->body : "") << '\n';
                break;
            }
        }
        std::sort(ms.begin(), ms.end());
        const auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
        std::printf("%s_%s_p50 %.1f ms\n%s_%s_p95 %.1f ms\n", label.c_str(), name.c_str(), pct(0.5), label.c_str(), name.c_str(), pct(0.95));
        std::fflush(stdout);
    }
    server.stop();
    th.join();
    return 0;
}
