// Sync benchmark: a real hall-hub on loopback, kiosk stores with a backlog.
// Prints `name value unit` lines:
//   drain_seconds            time for one kiosk to drain a 10,000-record backlog
//   drain_records_per_s      the same as a rate
//   bytes_per_record         request bytes (headers + body) sent per record while draining
//   hub_ingest_records_per_s records/s the hub stores with 4 kiosks pushing at once
// --quick keeps the run well under a minute (a smaller concurrent-ingest load).
#include <cstdio>
#include <cstring>
#include <thread>

#include "client/sync_engine.h"
#include "support/hub_process.h"
#include "support/sync_fixtures.h"

using namespace hall;
using clk = std::chrono::steady_clock;

int main(int argc, char** argv) {
    bool quick = false;
    int backlog = 10000;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--records") && i + 1 < argc) backlog = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: sync_bench [--quick] [--records N]\n");
            return 2;
        }
    }
    const int kiosks = 4;
    const int per_kiosk = quick ? 2500 : 10000;
    try {
        test::HubFixture fx;
        test::fill_kiosk(fx.kiosk_db, backlog);
        std::vector<std::string> dbs;
        std::vector<std::string> tokens;
        {
            auto store = fx.hub_store();
            for (int k = 0; k < kiosks; ++k) {
                dbs.push_back(fx.dir.file("kiosk" + std::to_string(k) + ".sqlite"));
                tokens.push_back(hub::add_kiosk(*store, "bench-" + std::to_string(k), test::kHall));
                test::fill_kiosk(dbs.back(), per_kiosk);
            }
        }
        test::HubProcess hub(fx.hub_db, fx.dir.path.string());
        hub.start();

        // One kiosk, one backlog.
        {
            Db db(fx.kiosk_db);
            sync::SyncEngine engine(db, fx.settings(hub.url()));
            const auto t0 = clk::now();
            auto rep = engine.push_outbox();
            const double s = std::chrono::duration<double>(clk::now() - t0).count();
            if (!rep.error.empty() || rep.acknowledged != backlog) {
                std::fprintf(stderr, "drain failed: %s (%lld acknowledged)\n", rep.error.c_str(), static_cast<long long>(rep.acknowledged));
                return 1;
            }
            std::printf("drain_seconds %.3f s\n", s);
            std::printf("drain_records_per_s %.0f records/s\n", backlog / s);
            std::printf("bytes_per_record %.0f bytes\n", static_cast<double>(rep.bytes_sent) / backlog);
        }

        // Several kiosks at once: what the hub ingests.
        const auto before = fx.hub_store()->record_count();
        std::vector<std::thread> pushers;
        std::atomic<int> failures{0};
        const auto t0 = clk::now();
        for (int k = 0; k < kiosks; ++k)
            pushers.emplace_back([&, k] {
                Db db(dbs[static_cast<std::size_t>(k)]);
                auto settings = fx.settings(hub.url());
                settings.token = tokens[static_cast<std::size_t>(k)];
                sync::SyncEngine engine(db, settings);
                if (!engine.push_outbox().error.empty()) ++failures;
            });
        for (auto& t : pushers) t.join();
        const double s = std::chrono::duration<double>(clk::now() - t0).count();
        const auto stored = fx.hub_store()->record_count() - before;
        if (failures || stored != kiosks * per_kiosk) {
            std::fprintf(stderr, "concurrent ingest failed: %lld stored of %d\n", static_cast<long long>(stored), kiosks * per_kiosk);
            return 1;
        }
        std::printf("hub_ingest_records_per_s %.0f records/s\n", stored / s);
        std::printf("hub_ingest_kiosks %d kiosks\n", kiosks);
        hub.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sync_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
