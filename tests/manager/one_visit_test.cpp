// One visit, one rating (issue 20) at store level: a second rating of the same visit is kept
// and marked repeat, the stuffing guard flags bursts without dropping them, a manager's
// decision on a flag is audited and moves the figures, coverage against a fixture day of
// calls, the record's new fields on the wire (older kiosks' records still valid), the queue
// feed's day of calls.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/queue.h"
#include "manager/export.h"
#include "manager_test_support.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "store/outbox.h"

using namespace hall;
using hall::test::FeedbackSpec;
using hall::test::ManagerFixture;
using nlohmann::json;

namespace {

// A rating given with a queue ticket on 10 Nov 2026 (local day), as the App makes it.
Feedback visit_rating(const std::string& ticket, const std::string& window, Rating r, const std::string& created_at,
                      const std::string& kiosk = "kiosk-01") {
    FeedbackDraft d;
    d.window_id = window;
    d.categories = {r >= Rating::Satisfied ? Category::Praise : Category::Attitude};
    d.overall = r;
    d.ticket = ticket;
    d.called_at = ticket.empty() ? "" : "2026-11-10T01:30:00Z";
    const std::string uuid = new_uuid();
    return make_feedback(d, "demo-district", kiosk, "zh-Hans", uuid, receipt_from_uuid(uuid), created_at, "2026-11-10");
}

std::string at_minute(int m) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "2026-11-10T02:%02d:00Z", m);
    return buf;
}

// The fixture day of calls: w01 called A001..A010 (A004 missed, A006 recalled), w02 B001..B005.
QueueSnapshot fixture_day() {
    QueueSnapshot q;
    q.day = "2026-11-10";
    for (int i = 1; i <= 10; ++i) {
        char t[8];
        std::snprintf(t, sizeof t, "A%03d", i);
        q.day_calls.push_back({t, "w01", i * 1000, "11000000000000-RS-001", "2026-11-10T01:00:00Z", i == 4});
        if (i == 6) q.day_calls.push_back({t, "w01", i * 1000 + 1, "11000000000000-RS-001", "2026-11-10T01:05:00Z", false});
    }
    for (int i = 1; i <= 5; ++i) {
        char t[8];
        std::snprintf(t, sizeof t, "B%03d", i);
        q.day_calls.push_back({t, "w02", 20000 + i, "", "2026-11-10T02:00:00Z", false});
    }
    return q;
}

}  // namespace

TEST_CASE("a second rating of the same visit is kept, marked repeat, and not counted", "[one_visit]") {
    ManagerFixture fx;
    FeedbackStore fs(*fx.db);
    const Feedback first = fs.insert(visit_rating("A005", "w01", Rating::VerySatisfied, at_minute(0)));
    CHECK(first.round == 1);
    CHECK(first.repeat_of.empty());
    const Feedback second = fs.insert(visit_rating("A005", "w01", Rating::VeryDissatisfied, at_minute(30)));
    CHECK(second.round == 2);
    CHECK(second.repeat_of == first.uuid);
    const Feedback third = fs.insert(visit_rating("A005", "w01", Rating::Dissatisfied, at_minute(50)));
    CHECK(third.round == 3);
    CHECK(third.repeat_of == first.uuid);
    // Not the same visit: another window, another day, no ticket at all.
    CHECK(fs.insert(visit_rating("A005", "w02", Rating::Satisfied, at_minute(31))).round == 1);
    Feedback next_day = visit_rating("A005", "w01", Rating::Satisfied, "2026-11-11T02:00:00Z");
    next_day.visit_day = "2026-11-11";
    CHECK(fs.insert(next_day).round == 1);
    CHECK(fs.insert(visit_rating("", "w01", Rating::Satisfied, at_minute(32))).round == 1);
    CHECK(fs.insert(visit_rating("", "w01", Rating::Satisfied, at_minute(33))).round == 1);

    // Kept: every rating is a row, each one on its way to the hub with its round.
    CHECK(fx.scalar("SELECT COUNT(*) FROM feedback") == 7);
    CHECK(fs.by_uuid(second.uuid)->round == 2);
    const auto payload = json::parse(Outbox(*fx.db).peek(100).at(1).payload);
    CHECK(payload["round"] == 2);
    CHECK(payload["repeat_of"] == first.uuid);
    CHECK(payload["visit_day"] == "2026-11-10");
    CHECK(payload["channel"] == "hall_terminal");

    // Not counted: the repeats' 差評 does not touch w01's satisfaction or its rank.
    const auto s = fx.store->satisfaction_by_window("2026-11-10", "2026-11-10");
    CHECK(s.at("w01").overall.total == 3);  // A005 once, two without a ticket
    CHECK(s.at("w01").overall.good == 3);
    const auto rank = fx.store->ranking("2026-11");
    REQUIRE(rank.size() == 2);
    for (const auto& r : rank) CHECK(r.satisfaction.rate() == Approx(1.0));
    CHECK(fx.store->detail(second.uuid)->repeat);
    CHECK_FALSE(fx.store->detail(second.uuid)->excluded);  // not an appeal
    CHECK_FALSE(fx.store->detail(first.uuid)->repeat);
    // The repeat 差評 is still a complaint the hall handles.
    CHECK(fx.store->detail(second.uuid)->state == HandlingState::Verifying);
    const auto report = fx.store->monthly_report("2026-11");
    CHECK(report.repeats == 2);
    CHECK(report.total == 7);
    CHECK(report.satisfaction.overall.total == 5);
    // The feedback screen learns which visits were rated today.
    const auto rated = fs.rated_visits("demo-district", "2026-11-10");
    CHECK(std::find(rated.begin(), rated.end(), "A005|w01") != rated.end());
    CHECK(std::find(rated.begin(), rated.end(), "A005|w02") != rated.end());
    CHECK(rated.size() == 2);

    // An upheld appeal on a repeat keeps both reasons: appeal shown, still not counted.
    REQUIRE(fx.store->file_appeal(second.uuid, AppealReason::Malicious, "同一人连续差评").ok);
    REQUIRE(fx.store->decide_appeal(second.uuid, AppealDecision::Upheld, "王主任").ok);
    CHECK(fx.store->detail(second.uuid)->excluded);
    CHECK(fx.store->detail(second.uuid)->repeat);
    CHECK(fx.store->monthly_report("2026-11").excluded == 1);
    CHECK(fx.store->satisfaction("2026-11-10", "2026-11-10").overall.total == 4);
}

TEST_CASE("a burst from one kiosk for one window is flagged, not dropped, until a manager decides", "[one_visit]") {
    ManagerFixture fx;
    FeedbackStore fs(*fx.db, RatingGuard{4, 10});
    std::vector<Feedback> stored;
    // Four ratings in four minutes: a busy window, nothing flagged.
    for (int m = 0; m < 4; ++m) stored.push_back(fs.insert(visit_rating("", "w01", Rating::Satisfied, at_minute(m))));
    for (const auto& f : stored) CHECK_FALSE(f.flagged);
    const auto before = fx.store->satisfaction_by_window("2026-11-10", "2026-11-10").at("w01").overall;
    CHECK(before.total == 4);
    CHECK(before.good == 4);
    // The fifth and sixth within ten minutes: flagged, kept, not counted.
    const Feedback fifth = fs.insert(visit_rating("", "w01", Rating::VeryDissatisfied, at_minute(5)));
    const Feedback sixth = fs.insert(visit_rating("", "w01", Rating::VeryDissatisfied, at_minute(6)));
    CHECK(fifth.flagged);
    CHECK(sixth.flagged);
    // Another kiosk and another window are not part of this kiosk's burst on w01.
    CHECK_FALSE(fs.insert(visit_rating("", "w01", Rating::Satisfied, at_minute(6), "kiosk-02")).flagged);
    CHECK_FALSE(fs.insert(visit_rating("", "w02", Rating::Satisfied, at_minute(6))).flagged);
    CHECK(fx.scalar("SELECT COUNT(*) FROM feedback WHERE window_id = 'w01' AND kiosk_id = 'kiosk-01'") == 6);
    REQUIRE(fs.by_uuid(fifth.uuid));
    CHECK(wire::feedback_to_json(*fs.by_uuid(fifth.uuid))["flag"] == "pending");

    auto w01 = [&] { return fx.store->satisfaction_by_window("2026-11-10", "2026-11-10").at("w01").overall; };
    CHECK(w01().total == 5);  // four of kiosk-01, one of kiosk-02: the two flagged ones are out
    CHECK(w01().good == 5);
    CHECK(fx.store->flagged_pending_count() == 2);
    const auto flagged = fx.store->flagged(true, 10);
    REQUIRE(flagged.size() == 2);
    CHECK(flagged[0].uuid == sixth.uuid);  // newest first
    CHECK(flagged[0].held);
    CHECK(fx.store->detail(fifth.uuid)->flag == RatingFlag::Pending);
    CHECK(fx.store->monthly_report("2026-11").flag_pending == 2);

    // Confirmed: counted again. Rejected: stays out, kept. Each audited and on its way to the hub.
    REQUIRE(fx.store->resolve_flag(fifth.uuid, true, "核实为两位群众先后评价").ok);
    CHECK(w01().total == 6);
    CHECK(w01().good == 5);
    REQUIRE(fx.store->resolve_flag(sixth.uuid, false, "同一人连续点击").ok);
    CHECK(w01().total == 6);
    CHECK(fx.store->detail(sixth.uuid)->flag == RatingFlag::Rejected);
    CHECK(fx.store->flagged(true, 10).empty());
    CHECK(fx.store->flagged(false, 10).size() == 2);
    const auto again = fx.store->resolve_flag(sixth.uuid, true, "");
    CHECK_FALSE(again.ok);
    CHECK(again.error == "flag.error.not_pending");
    CHECK(fx.store->resolve_flag("00000000-0000-4000-8000-000000000000", true, "").error == "handling.error.not_found");
    CHECK(fx.scalar("SELECT COUNT(*) FROM audit WHERE action = 'flag_decision'") == 2);
    int flag_audits = 0;
    for (const auto& item : Outbox(*fx.db).peek(100))
        if (item.kind == "audit") {
            const auto j = json::parse(item.payload);
            if (j["action"] == "flag_decision") {
                ++flag_audits;
                CHECK((j["after"]["flag"] == "confirmed" || j["after"]["flag"] == "rejected"));
            }
        }
    CHECK(flag_audits == 2);
    const auto rep = fx.store->monthly_report("2026-11");
    CHECK(rep.flag_pending == 0);
    CHECK(rep.flag_rejected == 1);

    // Ten minutes after the burst the window is open again.
    CHECK_FALSE(fs.insert(visit_rating("", "w01", Rating::Satisfied, at_minute(17))).flagged);
}

TEST_CASE("coverage: ratings per ticket served, per window and day, from a fixture day of calls", "[one_visit]") {
    const QueueSnapshot day = fixture_day();
    const auto served = served_by_window(day);
    CHECK(served.at("w01") == 9);  // ten called, A004 missed, A006's recall counted once
    CHECK(served.at("w02") == 5);

    ManagerFixture fx;
    FeedbackStore fs(*fx.db);
    fs.note_served(day.day, served);
    fs.note_served(day.day, {{"w01", 3}});  // a feed restarted mid-day never lowers the count
    for (const char* t : {"A001", "A002", "A003"}) fs.insert(visit_rating(t, "w01", Rating::Satisfied, at_minute(1)));
    fs.insert(visit_rating("A002", "w01", Rating::Dissatisfied, at_minute(2)));  // repeat
    fs.insert(visit_rating("", "w01", Rating::Basic, at_minute(3)));             // no ticket
    fs.insert(visit_rating("B001", "w02", Rating::VerySatisfied, at_minute(4)));

    const auto rows = fx.store->coverage("2026-11-10", "2026-11-10");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].window_id == "w01");
    CHECK(rows[0].served == 9);
    CHECK(rows[0].rated == 3);
    CHECK(rows[0].repeats == 1);
    CHECK(rows[0].unticketed == 1);
    CHECK(*rows[0].coverage() == Approx(3.0 / 9.0));
    CHECK(rows[1].window_id == "w02");
    CHECK(rows[1].served == 5);
    CHECK(rows[1].rated == 1);
    CHECK(*rows[1].coverage() == Approx(0.2));
    CHECK(fx.store->coverage("2026-11-11", "2026-11-30").empty());

    // In the monthly report, in its own section.
    const auto report = fx.store->monthly_report("2026-11");
    REQUIRE(report.coverage.size() == 2);
    HallInfo hall;
    hall.windows = {Window{"w01", "1", {}, "", "A", {}}, Window{"w02", "2", {}, "", "B", {}}};
    const auto csv = monthly_report_csv(report, hall);
    CHECK(csv.find("评价覆盖率") != std::string::npos);
    CHECK(csv.find("33.3%") != std::string::npos);
    CHECK(csv.find("20.0%") != std::string::npos);
    CHECK(monthly_report_html(report, hall).find("一次一评与评价覆盖率") != std::string::npos);
    const auto table = coverage_table_text(rows, hall);
    CHECK(table.find("33.3%") != std::string::npos);
    CHECK(table.find("total") != std::string::npos);
    CHECK(table.find("28.6%") != std::string::npos);  // 4 of 14 over the day
}

TEST_CASE("schema 5 keeps feedback stored before it, an upheld appeal still out of the figures", "[one_visit][migration]") {
    test::TempDir dir;
    Db db(dir.file("old.sqlite"));
    {
        Tx tx(db);
        for (const auto& step : kiosk_migrations())
            if (step.version <= 4) db.exec(step.sql);
        db.exec("PRAGMA user_version = 4");
        tx.commit();
    }
    const Feedback old = test::make_record({});
    db.prepare("INSERT INTO feedback(uuid, receipt, created_at, hall_id, kiosk_id, window_id, categories, rating, ticket) "
               "VALUES(?, ?, ?, 'demo-district', 'kiosk-01', 'w01', 'attitude', 2, 'A005 或 2026-1')")
        .bind(1, old.uuid).bind(2, old.receipt).bind(3, old.created_at).run();
    db.exec("UPDATE handling SET excluded = 1");
    migrate(db);
    CHECK(schema_version(db) >= 5);
    FeedbackStore fs(db);
    const auto f = fs.by_uuid(old.uuid);
    REQUIRE(f);
    CHECK(f->round == 1);
    CHECK(f->visit_day.empty());
    CHECK(f->ticket == "A005 或 2026-1");
    ManagerContext ctx;
    ctx.hall_id = "demo-district";
    ctx.now = [] { return std::string("2026-11-25T02:00:00Z"); };
    ManagerStore ms(db, ctx);
    CHECK(ms.detail(old.uuid)->excluded);
    CHECK_FALSE(ms.detail(old.uuid)->repeat);
    CHECK(ms.satisfaction("2026-11-01", "2026-11-30").overall.total == 0);
}

TEST_CASE("the record's visit fields on the wire: only when set, validated, older records unchanged", "[one_visit][sync]") {
    const Feedback f = visit_rating("A005", "w01", Rating::Satisfied, "2026-11-10T02:00:00Z");
    auto j = wire::feedback_to_json(f);
    CHECK(j["ticket"] == "A005");
    CHECK(j["called_at"] == "2026-11-10T01:30:00Z");
    CHECK_FALSE(j.contains("round"));  // 1 is the default
    CHECK_FALSE(j.contains("flag"));
    std::string why;
    auto v = wire::validate_record(j, why);
    REQUIRE(v);
    auto back = wire::feedback_from_json(json::parse(v->canonical), why);
    REQUIRE(back);
    CHECK(back->visit_day == "2026-11-10");
    CHECK(back->channel == "hall_terminal");

    // An older kiosk's record (none of the new fields) validates, canonical form unchanged.
    json old = j;
    for (const char* k : {"channel", "called_at", "visit_day", "case_number"}) old.erase(k);
    auto ov = wire::validate_record(old, why);
    REQUIRE(ov);
    CHECK(json::parse(ov->canonical) == old);

    // Bad values are refused with a reason naming the field.
    const auto refused = [&](json bad, const char* field) {
        std::string w;
        INFO(bad.dump());
        CHECK_FALSE(wire::validate_record(bad, w));
        CHECK(w.find(field) != std::string::npos);
    };
    json b1 = j; b1["visit_day"] = "10/11/2026"; refused(b1, "visit_day");
    json b2 = j; b2["round"] = 2; refused(b2, "repeat_of");
    json b3 = j; b3["round"] = 0; refused(b3, "round");
    json b4 = j; b4["flag"] = "rejected"; refused(b4, "flag");
    json b5 = j; b5["called_at"] = "yesterday"; refused(b5, "called_at");
    json b6 = j; b6["repeat_of"] = "not-a-uuid"; b6["round"] = 2; refused(b6, "repeat_of");
    json ok = j; ok["round"] = 2; ok["repeat_of"] = new_uuid(); ok["flag"] = "pending";
    auto okv = wire::validate_record(ok, why);
    REQUIRE(okv);
    auto okf = wire::feedback_from_json(json::parse(okv->canonical), why);
    CHECK(okf->round == 2);
    CHECK(okf->flagged);
}

TEST_CASE("tickets: the hall's format, the feed's day of calls, on the wire and back", "[one_visit][queue]") {
    const TicketFormat fmt{"ABCDEF", 3};
    CHECK(normalize_ticket("a005", fmt) == "A005");
    CHECK(normalize_ticket(" C 015 ", fmt) == "C015");
    CHECK_FALSE(normalize_ticket("G005", fmt));   // not a letter of this hall
    CHECK_FALSE(normalize_ticket("A05", fmt));    // too few digits
    CHECK_FALSE(normalize_ticket("A0055", fmt));
    CHECK_FALSE(normalize_ticket("AA05", fmt));
    CHECK_FALSE(normalize_ticket("", fmt));
    CHECK(fmt.example() == "A005");

    const QueueSnapshot day = fixture_day();
    const CallEvent* c = find_call(day, "A006");
    REQUIRE(c);
    CHECK(c->called_at == "2026-11-10T01:05:00Z");  // the latest call: the recall
    CHECK(c->service_code == "11000000000000-RS-001");
    CHECK_FALSE(find_call(day, "A011"));
    CHECK(local_hhmm("2026-11-10T01:05:00Z", 480) == "09:05");
    CHECK(local_hhmm("2026-11-10T20:30:00Z", 480) == "04:30");
    CHECK(local_hhmm("", 480).empty());

    std::string why;
    auto back = wire::queue_from_json(wire::queue_to_json(day), why);
    REQUIRE(back);
    CHECK(back->day == "2026-11-10");
    REQUIRE(back->day_calls.size() == day.day_calls.size());
    CHECK(back->day_calls[3].missed);
    CHECK(served_by_window(*back) == served_by_window(day));
    // A feed of an older bridge: recent calls only.
    auto old = wire::queue_from_json(json::parse(R"({"windows":[{"window_id":"w01","waiting":2}],"recent_calls":[{"ticket":"A001","window_id":"w01"}]})"), why);
    REQUIRE(old);
    CHECK(old->day_calls.empty());
    CHECK(find_call(*old, "A001"));
    auto bad = wire::queue_from_json(json::parse(R"({"windows":[],"day_calls":[{"ticket":"A001","window_id":"w01","called_at":"noon"}]})"), why);
    CHECK_FALSE(bad);
    CHECK(why.find("called_at") != std::string::npos);
}

TEST_CASE("the demo simulator calls tickets with their service and wall time, the day's calls kept", "[one_visit][queue]") {
    HallInfo hall;
    hall.windows = {Window{"w01", "1", {}, "d1", "A", {}}, Window{"w02", "2", {}, "d1", "B", {}}};
    const std::int64_t mono0 = 1000, wall0 = 1'794'276'000'000;  // 2026-11-10T02:00:00Z = 10:00 local
    QueueSimulator sim(hall, 7u, mono0);
    sim.set_wall_clock(wall0 - mono0, 480);
    sim.set_services({{"w01", {"S1", "S2"}}, {"w02", {"S3"}}});
    sim.warm_up(mono0 + 3 * 3'600'000);
    const auto& q = sim.snapshot();
    REQUIRE(q.day_calls.size() > 10);
    CHECK(q.day == "2026-11-10");
    for (const auto& c : q.day_calls) {
        CHECK_FALSE(c.called_at.empty());
        CHECK((c.window_id == "w01" ? (c.service_code == "S1" || c.service_code == "S2") : c.service_code == "S3"));
        CHECK(find_call(q, c.ticket) != nullptr);
    }
    CHECK(q.recent_calls.size() <= 6);
    CHECK(q.recent_calls.front().at_ms == q.day_calls.back().at_ms);
}

TEST_CASE("closed days' coverage leaves for the hub once, as valid coverage records", "[one_visit][sync]") {
    ManagerFixture fx;
    FeedbackStore fs(*fx.db);
    fs.note_served("2026-11-10", served_by_window(fixture_day()));
    fs.insert(visit_rating("A001", "w01", Rating::Satisfied, at_minute(1)));
    fs.note_served("2026-11-11", {{"w01", 7}});  // today: not closed yet
    CHECK(fs.flush_coverage("2026-11-11", "demo-district", "kiosk-01") == 2);
    CHECK(fs.flush_coverage("2026-11-11", "demo-district", "kiosk-01") == 0);  // sent once
    std::vector<json> sent;
    for (const auto& item : Outbox(*fx.db).peek(100))
        if (item.kind == "coverage") sent.push_back(json::parse(item.payload));
    REQUIRE(sent.size() == 2);
    std::string why;
    for (const auto& j : sent) {
        INFO(j.dump());
        auto v = wire::validate_record(j, why);
        REQUIRE(v);
        CHECK(v->kind == "coverage");
        CHECK(j["day"] == "2026-11-10");
    }
    CHECK(sent[0]["window_id"] == "w01");
    CHECK(sent[0]["served"] == 9);
    CHECK(sent[0]["rated"] == 1);
    CHECK(sent[1]["served"] == 5);
    // The next day closes: only it is sent.
    CHECK(fs.flush_coverage("2026-11-12", "demo-district", "kiosk-01") == 1);
    json bad = sent[0];
    bad["served"] = -1;
    CHECK_FALSE(wire::validate_record(bad, why));
    CHECK(why.find("served") != std::string::npos);
    bad = sent[0];
    bad["extra"] = 1;
    CHECK_FALSE(wire::validate_record(bad, why));
}
