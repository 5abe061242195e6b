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
};

struct DemoResult {
    std::int64_t feedback = 0, audit = 0;
};

// Hall ids are "hall-01" ...; kiosks "hall-01-k1" ...; windows "w01" ... Progress is reported
// every 100,000 records when given.
DemoResult populate_demo(HubStore& store, const DemoOptions& opts, const std::function<void(std::int64_t)>& progress = {});

}  // namespace hall::hub::console
