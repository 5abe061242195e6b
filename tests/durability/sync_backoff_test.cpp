// The sync thread backs off on every failure path: a store that cannot be opened is retried
// on the backoff schedule, not in a hot loop that reopens SQLite (and TLS) each time round.
#include <catch2/catch.hpp>

#include <thread>

#include "client/sync_service.h"
#include "protocol/api.h"

using namespace hall;

TEST_CASE("sync thread: a store that cannot open is retried with backoff, not in a hot loop", "[durability][sync]") {
    SyncSettings s;
    s.hub_url = "http://127.0.0.1:9";  // never reached: the store fails first
    s.token = "t";
    sync::ServiceOptions o;
    o.backoff_base = std::chrono::milliseconds(40);
    o.backoff_cap = std::chrono::milliseconds(160);
    sync::SyncService svc("/nonexistent-hall-kiosk-dir/kiosk.sqlite", s, o);
    svc.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    const auto st = svc.status();
    svc.stop();
    INFO(st.last_error);
    CHECK_FALSE(st.online);
    CHECK(st.last_error.find("kiosk.sqlite") != std::string::npos);
    // 800 ms at 20..160 ms per attempt: a handful of attempts, never hundreds.
    CHECK(st.consecutive_failures >= 3);
    CHECK(st.consecutive_failures <= 25);
}

TEST_CASE("the heartbeat carries the kiosk's storage health to the hub", "[durability][sync]") {
    wire::Heartbeat h;
    h.kiosk_version = "0.1.0";
    h.free_disk_bytes = 1234;
    h.storage = "reserve_in_use";
    h.reserve_bytes = 4096;
    std::string why;
    const auto back = wire::heartbeat_from_json(wire::heartbeat_to_json(h), why);
    REQUIRE(back);
    CHECK(back->storage == "reserve_in_use");
    CHECK(back->reserve_bytes == 4096);
    // A kiosk from before the reserve sends neither: still accepted.
    auto old = wire::heartbeat_to_json(h);
    old.erase("storage");
    old.erase("reserve_bytes");
    const auto legacy = wire::heartbeat_from_json(old, why);
    REQUIRE(legacy);
    CHECK(legacy->storage.empty());
    old["reserve_bytes"] = "lots";
    CHECK_FALSE(wire::heartbeat_from_json(old, why));
    CHECK(why.find("reserve_bytes") != std::string::npos);
}
