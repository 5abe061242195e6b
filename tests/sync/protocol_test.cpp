// Wire protocol pieces both sides share: record validation, push replies, versions,
// signed envelopes, backoff.
#include <catch2/catch.hpp>

#include "client/backoff.h"
#include "core/demo_feedback.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "support/sync_fixtures.h"

using namespace hall;
using nlohmann::json;

TEST_CASE("records of both kinds validate and bad ones say why", "[sync][protocol]") {
    std::string why;
    auto f = wire::feedback_to_json(test::sample_feedback(3));
    auto v = wire::validate_record(f, why);
    REQUIRE(v);
    CHECK(v->kind == "feedback");
    CHECK(v->hall_id == test::kHall);

    auto a = wire::audit_to_json(AuditEntry{new_uuid(), test::kHall, test::kKiosk, now_iso_utc(), "close_item", new_uuid(), R"({"state":"open"})", R"({"state":"closed"})"});
    v = wire::validate_record(a, why);
    REQUIRE(v);
    CHECK(v->kind == "audit");

    a["action"] = "";
    CHECK_FALSE(wire::validate_record(a, why));
    CHECK(why == "action: empty");
    CHECK_FALSE(wire::validate_record(json{{"kind", "spam"}, {"uuid", new_uuid()}}, why));
    CHECK(why.find("unknown record kind") != std::string::npos);
    f["rating"] = 9;
    CHECK_FALSE(wire::validate_record(f, why));
    CHECK(why == "rating: must be 1..5");
    CHECK_FALSE(wire::validate_record(json::array(), why));
}

TEST_CASE("push replies round-trip and garbage is refused", "[sync][protocol]") {
    std::vector<wire::RecordResult> rs = {{"a", wire::RecordStatus::Stored, ""},
                                          {"b", wire::RecordStatus::Duplicate, ""},
                                          {"c", wire::RecordStatus::Rejected, "rating: must be 1..5"}};
    std::string why;
    auto back = wire::push_reply_from_json(wire::push_reply_to_json(rs), why);
    REQUIRE(back);
    REQUIRE(back->size() == 3);
    CHECK((*back)[1].status == wire::RecordStatus::Duplicate);
    CHECK((*back)[2].reason == "rating: must be 1..5");
    CHECK_FALSE(wire::push_reply_from_json(json{{"results", {{{"uuid", "a"}, {"status", "maybe"}}}}}, why));
    CHECK_FALSE(wire::push_reply_from_json(json{{"ok", true}}, why));
}

TEST_CASE("content versions order numerically", "[sync][protocol]") {
    CHECK(wire::compare_versions("2026.11.20-1", "2026.11.20-2") < 0);
    CHECK(wire::compare_versions("2026.11.20-10", "2026.11.20-9") > 0);
    CHECK(wire::compare_versions("2026.12.1", "2026.11.30") > 0);
    CHECK(wire::compare_versions("2026.11.20", "2026.11.20") == 0);
    CHECK(wire::compare_versions("2026.11.20", "2026.11.20-1") < 0);
    CHECK(wire::compare_versions("007", "7") == 0);
}

TEST_CASE("a signed bundle opens only with its key and untouched", "[sync][protocol]") {
    auto key = wire::generate_signing_key();
    auto other = wire::generate_signing_key();
    const std::string bundle = bundle_to_json(test::sample_bundle("2026.11.25-1"));
    const auto env = wire::sign_bundle(bundle, key.secret_b64);
    std::string why;
    auto opened = wire::open_envelope(env, key.public_b64, why);
    REQUIRE(opened);
    CHECK(*opened == bundle);
    CHECK(wire::public_key_of(key.secret_b64) == key.public_b64);

    CHECK_FALSE(wire::open_envelope(env, other.public_b64, why));
    CHECK(why.find("does not verify") != std::string::npos);

    auto j = json::parse(env);
    auto text = j["bundle"].get<std::string>();
    text.replace(text.find("2026.11.25-1"), 12, "2026.11.25-9");
    j["bundle"] = text;
    CHECK_FALSE(wire::open_envelope(j.dump(), key.public_b64, why));
    CHECK_FALSE(wire::open_envelope("{not json", key.public_b64, why));
    CHECK_FALSE(wire::open_envelope(env, "not-a-key", why));
    CHECK_THROWS(wire::sign_bundle(bundle, "AAAA"));
}

TEST_CASE("backoff grows with jitter up to its cap and honours Retry-After", "[sync][protocol]") {
    using namespace std::chrono;
    sync::Backoff b(milliseconds(100), milliseconds(2000), 42);
    auto d1 = b.next();
    CHECK(d1 >= milliseconds(50));
    CHECK(d1 <= milliseconds(100));
    auto d2 = b.next();
    CHECK(d2 >= milliseconds(100));
    CHECK(d2 <= milliseconds(200));
    for (int i = 0; i < 50; ++i) {  // 400, 800, 1600, then capped at 2000 (drawn from [1000, 2000])
        auto d = b.next();
        CHECK(d <= milliseconds(2000));
        if (i >= 3) CHECK(d >= milliseconds(1000));
    }
    CHECK(b.next(30) >= seconds(30));
    b.reset();
    CHECK(b.failures() == 0);
    CHECK(b.next() <= milliseconds(100));
    // Two kiosks with different seeds do not retry in lockstep.
    sync::Backoff x(milliseconds(1000), milliseconds(60000), 1), y(milliseconds(1000), milliseconds(60000), 2);
    bool differ = false;
    for (int i = 0; i < 5; ++i) differ |= x.next() != y.next();
    CHECK(differ);
}

TEST_CASE("the kiosk's demo feedback is all acceptable to the hub", "[sync][protocol]") {
    HallInfo hall;
    hall.id = test::kHall;
    for (int i = 1; i <= 11; ++i) {
        Window w;
        w.id = "w" + std::to_string(i);
        hall.windows.push_back(w);
    }
    const auto records = make_demo_feedback(hall, test::kKiosk, 3000, 7, std::chrono::system_clock::now());
    int rejected = 0;
    std::string why, first_why;
    for (const auto& f : records)
        if (!wire::validate_record(wire::feedback_to_json(f), why)) {
            if (!rejected++) first_why = why;
        }
    INFO(first_why);
    CHECK(rejected == 0);
}
