// Search misses from a kiosk to hall-hub (issue #14): closed days leave the kiosk as
// search_miss records through the ordinary push route of a real hall-hub process on
// loopback, and `hall-hub search-misses` lists the top missed queries per hall.
#include <catch2/catch.hpp>

#include <cstdio>

#include "core/search_query.h"
#include "support/hub_process.h"
#include "wire/records.h"
#include "store/search_log.h"
#include "support/sync_fixtures.h"

using namespace hall;

TEST_CASE("missed searches reach hall-hub once and search-misses lists the top ones per hall", "[search][misses][sync]") {
    test::HubFixture fx;
    {
        Db db(fx.kiosk_db);
        migrate(db);
        SearchLog log(db);
        // Two days on this kiosk: 护照 missed 3 + 2 times, 签证 once, a phone number never kept.
        for (int i = 0; i < 3; ++i) log.note_miss("护照", "2026-11-30");
        log.note_miss("签证", "2026-11-30");
        for (int i = 0; i < 2; ++i) log.note_miss("护照", "2026-12-01");
        log.note_miss("营业执照", "2026-12-01");
        log.note_miss("13800138000", "2026-12-01");
        log.note_miss("今天的", "2026-12-02");  // today: stays on the kiosk
        REQUIRE(log.flush_closed_days("2026-12-02", test::kHall, test::kKiosk) == 4);
    }
    // Another hall's kiosk, stored directly: the listing is per hall.
    {
        auto store = fx.hub_store();
        SearchMiss other{new_uuid(), "other-hall", "k9", "2026-12-01", "公积金", 7};
        const auto payload = wire::search_miss_to_json(other).dump();
        REQUIRE(store->put_records({{other.uuid, wire::kKindSearchMiss, other.hall_id, other.kiosk_id, other.day, payload, "k9",
                                     "2026-12-02T00:00:00Z"}})
                    .front() == hub::PutOutcome::Stored);
    }

    {
        test::SyncedKiosk k(fx);
        auto rep = k.engine.run_cycle();
        INFO(rep.error);
        REQUIRE(rep.ok());
        CHECK(rep.push.acknowledged == 4);
        CHECK(rep.outbox_depth == 0);
        CHECK(k.engine.run_cycle().push.acknowledged == 0);  // nothing twice
    }

    auto store = fx.hub_store();
    CHECK(store->record_count("search_miss") == 5);
    const auto rows = store->search_misses(test::kHall, 10);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].query == "护照");
    CHECK(rows[0].count == 5);
    CHECK(rows[0].days == 2);
    CHECK(rows[0].last_day == "2026-12-01");
    CHECK(rows[1].count == 1);
    CHECK(store->search_misses(test::kHall, 1).size() == 1);
    CHECK(store->search_misses("", 10).size() == 4);

    const auto [all_code, all] = test::run_hub_cli("--db " + fx.hub_db + " search-misses", true);
    CHECK(all_code == 0);
    std::printf("%s", all.c_str());  // the demo listing (ctest -V shows it)
    CHECK(all.find("hall demo-district") != std::string::npos);
    CHECK(all.find("hall other-hall") != std::string::npos);
    CHECK(all.find("公积金") != std::string::npos);
    CHECK(all.find("护照") < all.find("签证"));
    CHECK(all.find("13800138000") == std::string::npos);
    const auto [one_code, one] = test::run_hub_cli("--db " + fx.hub_db + " search-misses --hall other-hall", true);
    CHECK(one_code == 0);
    CHECK(one.find("护照") == std::string::npos);
    CHECK(one.find("公积金") != std::string::npos);
}
