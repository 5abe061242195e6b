#pragma once
// A demo province for the console and its benchmark: halls, kiosks with heartbeats, a
// year of feedback as real 好差评 data looks (satisfaction above 99 %, a thin tail of 差评,
// a few weak windows), and the audit trail halls write while handling the 差评 (ledger,
// answers, call-backs, appeals; some left open and overdue). Stored through put_records,
// so the console's index is filled exactly as by kiosks. Deterministic per seed.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "hub/hub_store.h"

namespace hall::hub::console {

struct DemoOptions {
    int halls = 6;
    int windows_per_hall = 10;
    int kiosks_per_hall = 2;
    std::int64_t records = 60000;  // feedback records over all halls
    int days = 365;
    std::uint32_t seed = 20261202;
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    // Queue feeds: every hall but those numbered 3, 8, 13 ... (h % 5 == 3) has one. Past days'
    // tickets served arrive as the kiosks' coverage records, today's as the hall's live feed
    // (put_queue); most ratings in such a hall carry a ticket.
    bool queue_feeds = true;
    // The benchmark's load: records go into the records table many rows per statement and the
    // console's index is built once at the end (console_index.h rebuild_index), instead of
    // put_records per batch. The same figures either way.
    bool bulk = false;
};

// Whether the demo gives hall number h (1-based) a queue feed.
inline bool demo_hall_has_feed(int h) { return h % 5 != 3; }

struct DemoResult {
    std::int64_t feedback = 0, audit = 0, coverage = 0;
};

// Hall ids are "hall-01" ...; kiosks "hall-01-k1" ...; windows "w01" ... Progress is reported
// every 100,000 records when given.
DemoResult populate_demo(HubStore& store, const DemoOptions& opts, const std::function<void(std::int64_t)>& progress = {});

}  // namespace hall::hub::console
