#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "support/feedback.h"
#include "support/fixtures.h"
#include "store/feedback_store.h"
#include "store/guide_store.h"
#include "store/migrations.h"
#include "store/outbox.h"

using namespace hall;

namespace {

Feedback sample_feedback(Category c, Rating r) {
    test::FeedbackSpec s;
    s.hall = "demo";
    s.window = "w03";
    s.categories = {c};
    s.rating = r;
    s.text = "窗口无人";
    return test::make_record(s);
}

}  // namespace

TEST_CASE("migrations create the schema once and refuse a newer file", "[store]") {
    test::TempDir dir;
    {
        Db db(dir.file("k.sqlite"));
        CHECK(migrate(db).size() == kiosk_migrations().size());
        CHECK(migrate(db).empty());
        CHECK(schema_version(db) == kiosk_migrations().back().version);
        db.exec("PRAGMA user_version = 999");
    }
    Db db(dir.file("k.sqlite"));
    CHECK_THROWS_WITH(migrate(db), Catch::Contains("newer than this build knows"));
}

TEST_CASE("a feedback record and its outbox row are written together and survive reopening", "[store]") {
    test::TempDir dir;
    const Feedback f = sample_feedback(Category::EmptyWindow, Rating::VeryDissatisfied);
    {
        Db db(dir.file("k.sqlite"));
        migrate(db);
        FeedbackStore(db).insert(f);
    }
    Db db(dir.file("k.sqlite"));
    FeedbackStore store(db);
    Outbox outbox(db);
    CHECK(store.count() == 1);
    auto back = store.by_uuid(f.uuid);
    REQUIRE(back);
    CHECK(back->text == "窗口无人");
    CHECK(back->categories == std::vector<Category>{Category::EmptyWindow});
    CHECK(back->overall == Rating::VeryDissatisfied);
    CHECK(store.by_receipt(f.receipt)->uuid == f.uuid);
    auto items = outbox.peek(10);
    REQUIRE(items.size() == 1);
    CHECK(items[0].uuid == f.uuid);
    CHECK(nlohmann::json::parse(items[0].payload)["categories"][0] == "empty_window");
}

TEST_CASE("the same UUID is never stored twice", "[store]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    FeedbackStore store(db);
    const Feedback f = sample_feedback(Category::Attitude, Rating::Dissatisfied);
    store.insert(f);
    CHECK_THROWS_AS(store.insert(f), StoreError);
    CHECK(store.count() == 1);
    CHECK(Outbox(db).depth() == 1);
}

TEST_CASE("a full disk fails the whole insert and loses nothing already stored", "[store][fault]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    FeedbackStore store(db);
    store.insert(sample_feedback(Category::Praise, Rating::VerySatisfied));
    // Freeze the file at its current size: the next page allocation fails with SQLITE_FULL.
    auto pc = db.prepare("PRAGMA page_count");
    pc.step();
    db.exec("PRAGMA max_page_count = " + std::to_string(pc.i64(0)));
    bool saw_full = false;
    for (int i = 0; i < 200 && !saw_full; ++i) {
        try {
            Feedback big = sample_feedback(Category::LongWait, Rating::Dissatisfied);
            big.text = std::string(280, 'x');
            store.insert(big);
        } catch (const StoreError& e) {
            saw_full = e.disk_full();
        }
    }
    REQUIRE(saw_full);
    const auto n = store.count();
    CHECK(Outbox(db).depth() == n);  // every stored record has its outbox row, no orphan
    auto check = db.prepare("PRAGMA integrity_check");
    check.step();
    CHECK(check.text(0) == "ok");
}

TEST_CASE("outbox: peek oldest first, ack removes, failures are counted", "[store][outbox]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    FeedbackStore store(db);
    std::vector<Feedback> fs;
    for (int i = 0; i < 5; ++i) {
        fs.push_back(sample_feedback(Category::Delay, Rating::Basic));
        store.insert(fs.back());
    }
    Outbox outbox(db);
    auto batch = outbox.peek(3);
    REQUIRE(batch.size() == 3);
    CHECK(batch[0].uuid == fs[0].uuid);
    outbox.attempt_failed({batch[0].id}, "timeout");
    CHECK(outbox.peek(1)[0].attempts == 1);
    outbox.ack({fs[0].uuid, fs[1].uuid, "not-a-known-uuid"});
    CHECK(outbox.depth() == 3);
    CHECK(outbox.peek(1)[0].uuid == fs[2].uuid);
    CHECK(store.count() == 5);  // acknowledging never deletes the record itself
}

TEST_CASE("guide search finds Chinese substrings in either script and English", "[store][search]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    GuideStore guides(db);
    REQUIRE(guides.import(bundle_to_json(test::sample_bundle("v1"))).ok);
    CHECK(guides.search("身份证") == std::vector<std::string>{"G-001"});   // Simplified, 3 chars: trigram index
    CHECK(guides.search("身份證") == std::vector<std::string>{"G-001"});   // Traditional
    CHECK(guides.search("户口").front() == "G-002");  // 2 chars: scan, name matches first
    CHECK(guides.search("迁").size() == 1);
    CHECK(guides.search("criminal") == std::vector<std::string>{"G-003"});
    CHECK(guides.search("CRIMINAL") == std::vector<std::string>{"G-003"});
    CHECK(guides.search("护照").empty());
    CHECK(guides.search("\"quote").empty());  // FTS syntax characters are plain text
    CHECK(guides.search("100%").empty());
    CHECK(guides.search("   ").empty());
}

TEST_CASE("a bad bundle is refused and the old guides stay", "[store][content]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    GuideStore guides(db);
    REQUIRE(guides.import(bundle_to_json(test::sample_bundle("v1"))).ok);
    auto r = guides.import("{\"format\": \"hall-kiosk-bundle\", \"schema\": 1, \"version\": \"v2\", \"guides\": 5}");
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.errors.empty());
    CHECK(guides.version() == "v1");
    auto loaded = guides.load();
    REQUIRE(loaded);
    CHECK(loaded->guides.size() == 3);
    CHECK(guides.search("身份证").size() == 1);

    auto v2 = test::sample_bundle("v2");
    v2.guides.pop_back();
    REQUIRE(guides.import(bundle_to_json(v2)).ok);
    CHECK(guides.version() == "v2");
    CHECK(guides.search("犯罪").empty());  // the index follows the new content
}
