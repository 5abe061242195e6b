// Phone-number retention on the kiosk (privacy.phone_retention_days), on an injected clock:
// numbers go from the feedback rows and from payloads still in the outbox when their time is
// up (after the case closed, or after creation for a record that opened no case); the
// record stays, marked, and the erase is audited and synced.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "manager/manager_test_support.h"
#include "store/outbox.h"

using namespace hall;

TEST_CASE("kiosk retention: expired phone numbers are erased from rows and outbox, audited", "[durability][retention]") {
    test::ManagerFixture fx;
    *fx.clock = "2026-01-05T02:00:00Z";
    test::FeedbackSpec praise;
    praise.rating = Rating::VerySatisfied;
    praise.categories = {Category::Praise};
    praise.phone = "13812345678";
    praise.created_at = "2026-01-05T02:00:00Z";
    const std::string praised = fx.add(praise);
    test::FeedbackSpec bad;
    bad.rating = Rating::VeryDissatisfied;
    bad.phone = "13912345678";
    bad.created_at = "2026-01-05T02:00:00Z";
    const std::string open_case = fx.add(bad);
    const std::string closed_case = fx.add(bad);
    // The second 差評 is handled and closed on 1 February (ledger, call-back, answer, close).
    *fx.clock = "2026-02-01T02:00:00Z";
    LedgerEntry e;
    e.measure = "批评教育";
    e.responsible = "科长";
    REQUIRE(fx.store->put_in_ledger(closed_case, e).ok);
    CallbackAttempt a;
    a.reached = true;
    a.grade = CallbackGrade::Satisfied;
    a.who = "manager";
    REQUIRE(fx.store->record_callback(closed_case, a).ok);
    REQUIRE(fx.store->move(closed_case, HandlingState::Answered).ok);
    REQUIRE(fx.store->move(closed_case, HandlingState::Closed).ok);

    auto phone = [&](const std::string& uuid) {
        auto st = fx.db->prepare("SELECT phone, phone_erased_at FROM feedback WHERE uuid = ?");
        st.bind(1, uuid);
        REQUIRE(st.step());
        return std::make_pair(st.text(0), st.text(1));
    };
    auto outbox_phone = [&](const std::string& uuid) {
        auto st = fx.db->prepare("SELECT payload FROM outbox WHERE uuid = ?");
        st.bind(1, uuid);
        REQUIRE(st.step());
        return nlohmann::json::parse(st.text(0)).value("phone", "?");
    };

    *fx.clock = "2026-06-30T02:00:00Z";  // 176 days after the praise: nothing yet
    CHECK(fx.store->erase_expired_phones(180).records == 0);
    *fx.clock = "2026-07-05T02:00:00Z";  // 181 days: the praise's number goes; the closed case has 154 days
    auto r = fx.store->erase_expired_phones(180);
    CHECK(r.records == 1);
    CHECK(r.outbox_payloads == 1);
    CHECK(phone(praised).first.empty());
    CHECK(phone(praised).second == "2026-07-05T02:00:00Z");
    CHECK(outbox_phone(praised).empty());
    CHECK(phone(closed_case).first == "13912345678");
    CHECK(phone(open_case).first == "13912345678");
    *fx.clock = "2026-08-01T02:00:00Z";  // 181 days after the case closed
    CHECK(fx.store->erase_expired_phones(180).records == 1);
    CHECK(phone(closed_case).first.empty());
    CHECK(outbox_phone(closed_case).empty());
    *fx.clock = "2027-08-01T02:00:00Z";  // an open case keeps its number: the call-back is owed
    CHECK(fx.store->erase_expired_phones(180).records == 0);
    CHECK(phone(open_case).first == "13912345678");
    // Records stay; each run that erased something left an audit entry, itself synced.
    CHECK(fx.scalar("SELECT COUNT(*) FROM feedback") == 3);
    CHECK(fx.scalar("SELECT COUNT(*) FROM audit WHERE action = 'phone_erased'") == 2);
    CHECK(fx.scalar("SELECT COUNT(*) FROM outbox o JOIN audit a ON a.uuid = o.uuid WHERE a.action = 'phone_erased'") == 2);
}
