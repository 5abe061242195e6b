#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "manager_test_support.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "store/outbox.h"

using namespace hall;
using hall::test::FeedbackSpec;
using hall::test::ManagerFixture;

namespace {

LedgerEntry entry(LedgerList list = LedgerList::Limited, const std::string& deadline = "") {
    LedgerEntry e;
    e.list = list;
    e.measure = "落实首问负责，窗口增设顶岗";
    e.responsible = "李主任";
    e.deadline = deadline;
    return e;
}

std::vector<OutboxItem> audits(Db& db) {
    std::vector<OutboxItem> out;
    for (auto& item : Outbox(db).peek(10000))
        if (item.kind == "audit") out.push_back(item);
    return out;
}

}  // namespace

TEST_CASE("a 差評 is in verification the moment it is stored, other ratings are new", "[manager_store]") {
    ManagerFixture fx;
    const auto bad = fx.add({});
    FeedbackSpec good;
    good.rating = Rating::VerySatisfied;
    good.categories = {Category::Praise};
    const auto praise = fx.add(good);
    CHECK(fx.store->detail(bad)->state == HandlingState::Verifying);
    CHECK(fx.store->detail(praise)->state == HandlingState::New);
    // The 差評 deadline: 15 working days after its local day (10 November).
    CHECK(fx.store->detail(bad)->deadline == "2026-12-01");
    CHECK(fx.store->detail(praise)->deadline.empty());
}

TEST_CASE("schema step 2 puts feedback stored before it into handling", "[manager_store][migration]") {
    test::TempDir dir;
    Db db(dir.file("old.sqlite"));
    {
        const auto& step1 = kiosk_migrations().front();
        Tx tx(db);
        db.exec(step1.sql);
        db.exec("PRAGMA user_version = 1");
        tx.commit();
    }
    // Rows as a schema-1 kiosk wrote them (today's FeedbackStore writes schema 5's columns).
    const auto old_row = [&](const Feedback& f) {
        db.prepare("INSERT INTO feedback(uuid, receipt, created_at, hall_id, kiosk_id, window_id, categories, rating) "
                   "VALUES(?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, f.uuid).bind(2, f.receipt).bind(3, f.created_at).bind(4, f.hall_id).bind(5, f.kiosk_id).bind(6, f.window_id)
            .bind(7, categories_to_csv(f.categories)).bind(8, static_cast<int>(f.overall)).run();
    };
    old_row(test::make_record({}));
    FeedbackSpec fair;
    fair.rating = Rating::Basic;
    old_row(test::make_record(fair));
    migrate(db);
    auto st = db.prepare("SELECT f.rating, h.state FROM feedback f JOIN handling h ON h.feedback_id = f.id ORDER BY f.rating");
    REQUIRE(st.step());
    CHECK(st.text(1) == "verifying");
    REQUIRE(st.step());
    CHECK(st.text(1) == "new");
}

TEST_CASE("a 差評 goes through verification, the ledger, a call-back and closing, every step audited", "[manager_store]") {
    ManagerFixture fx;
    FeedbackSpec s;
    s.phone = "13812341234";
    const auto uuid = fx.add(s);
    Outbox(*fx.db).ack({Outbox(*fx.db).peek(10)[0].uuid});  // the feedback itself has left

    // Fixing needs the ledger; putting it there moves it on.
    CHECK(fx.store->move(uuid, HandlingState::Fixing).error == "handling.error.ledger_required");
    CHECK(fx.store->put_in_ledger(uuid, entry(LedgerList::Limited)).ok);
    auto d = fx.store->detail(uuid);
    REQUIRE(d->ledger);
    CHECK(d->state == HandlingState::Fixing);
    CHECK(d->ledger->deadline == "2026-12-16");  // 15 working days after 25 November
    CHECK(d->ledger->responsible == "李主任");

    CHECK(fx.store->move(uuid, HandlingState::Closed).error == "handling.error.not_allowed");
    CHECK(fx.store->move(uuid, HandlingState::Answered).ok);
    // Named 差評: no closing before the call-back.
    CHECK(fx.store->move(uuid, HandlingState::Closed).error == "handling.error.callback_required");
    CallbackAttempt miss;
    miss.who = "王干事";
    for (int i = 0; i < 2; ++i) CHECK(fx.store->record_callback(uuid, miss).ok);
    CHECK(fx.store->move(uuid, HandlingState::Closed).error == "handling.error.callback_required");
    CallbackAttempt hit;
    hit.who = "王干事";
    hit.reached = true;
    CHECK(fx.store->record_callback(uuid, hit).error == "callback.error.grade_missing");
    hit.grade = CallbackGrade::Basic;
    CHECK(fx.store->record_callback(uuid, hit).ok);
    CHECK(fx.store->move(uuid, HandlingState::Closed).ok);

    d = fx.store->detail(uuid);
    CHECK(d->state == HandlingState::Closed);
    CHECK(d->callbacks.size() == 3);
    CHECK(d->callback_grade == CallbackGrade::Basic);
    CHECK(d->failed_callbacks == 2);
    CHECK(d->closed_at == *fx.clock);
    CHECK(d->feedback.phone == "138****1234");  // masked in the detail too

    // Every action: an audit row and an outbox row of kind "audit", in order.
    std::vector<std::string> actions;
    for (const auto& h : d->history) actions.push_back(h.action);
    CHECK(actions == std::vector<std::string>{"ledger", "state", "callback", "callback", "callback", "state"});
    const auto out = audits(*fx.db);
    REQUIRE(out.size() == actions.size());
    const auto j = nlohmann::json::parse(out.back().payload);
    CHECK(j["kind"] == "audit");
    CHECK(j["target_uuid"] == uuid);
    CHECK(j["before"]["state"] == "answered");
    CHECK(j["after"]["state"] == "closed");
    CHECK(j["hall_id"] == "demo-district");
    std::string why;
    // hall-hub takes it as it is (sync/protocol/api.h validates every pushed record).
    for (const auto& item : out) {
        const auto v = wire::validate_record(nlohmann::json::parse(item.payload), why);
        INFO(why);
        REQUIRE(v);
        CHECK(v->kind == "audit");
        CHECK(v->uuid == item.uuid);
    }
    const auto back = wire::audit_from_json(j, why);
    REQUIRE(back);
    CHECK(back->action == "state");
    CHECK(nlohmann::json::parse(back->after_json)["state"] == "closed");
    // The ledger action's before/after says what changed, state included.
    const auto first = nlohmann::json::parse(out.front().payload);
    CHECK(first["action"] == "ledger");
    CHECK(first["before"]["state"] == "verifying");
    CHECK(first["after"]["list"] == "limited");
    CHECK(first["after"]["state"] == "fixing");
}

TEST_CASE("three failed call-backs allow closing a named 差評", "[manager_store]") {
    ManagerFixture fx;
    FeedbackSpec s;
    s.phone = "13912345678";
    const auto uuid = fx.add(s);
    CallbackAttempt miss;
    miss.who = "王干事";
    CHECK(fx.store->record_callback(uuid, miss).error == "callback.error.too_early");  // still verifying
    REQUIRE(fx.store->put_in_ledger(uuid, entry(LedgerList::Immediate)).ok);
    REQUIRE(fx.store->move(uuid, HandlingState::Answered).ok);
    for (int i = 0; i < 3; ++i) REQUIRE(fx.store->record_callback(uuid, miss).ok);
    CHECK(fx.store->move(uuid, HandlingState::Closed).ok);
}

TEST_CASE("call-backs need a phone and a caller", "[manager_store]") {
    ManagerFixture fx;
    const auto anon = fx.add({});
    REQUIRE(fx.store->put_in_ledger(anon, entry()).ok);
    CallbackAttempt a;
    a.who = "王干事";
    CHECK(fx.store->record_callback(anon, a).error == "callback.error.no_phone");
    FeedbackSpec s;
    s.phone = "13812341234";
    const auto named = fx.add(s);
    REQUIRE(fx.store->put_in_ledger(named, entry()).ok);
    a.who = " ";
    CHECK(fx.store->record_callback(named, a).error == "callback.error.who_missing");
    CHECK(fx.store->record_callback("no-such-uuid", a).error == "handling.error.not_found");
}

TEST_CASE("a ledger entry is checked, editable, and keeps its list's default deadline", "[manager_store][ledger]") {
    ManagerFixture fx;
    const auto uuid = fx.add({});
    auto bad = entry();
    bad.responsible = "";
    CHECK(fx.store->put_in_ledger(uuid, bad).error == "ledger.error.responsible_missing");
    CHECK(fx.store->detail(uuid)->state == HandlingState::Verifying);  // nothing changed
    CHECK(fx.store->put_in_ledger(uuid, entry(LedgerList::Immediate)).ok);
    CHECK(fx.store->detail(uuid)->ledger->deadline == "2026-11-26");
    CHECK(fx.store->put_in_ledger(uuid, entry(LedgerList::LongTerm, "2027-03-01")).ok);
    const auto d = fx.store->detail(uuid);
    CHECK(d->ledger->list == LedgerList::LongTerm);
    CHECK(d->ledger->deadline == "2027-03-01");
    const auto last = nlohmann::json::parse(audits(*fx.db).back().payload);
    CHECK(last["before"]["list"] == "immediate");
    CHECK(last["after"]["list"] == "long_term");
}

TEST_CASE("a closed item gets a recheck date and result (回頭看)", "[manager_store][ledger]") {
    ManagerFixture fx;
    const auto uuid = fx.add({});
    REQUIRE(fx.store->put_in_ledger(uuid, entry()).ok);
    CHECK(fx.store->set_recheck(uuid, "2026-12-20", std::nullopt).error == "ledger.error.recheck_needs_closed");
    REQUIRE(fx.store->move(uuid, HandlingState::Answered).ok);
    REQUIRE(fx.store->move(uuid, HandlingState::Closed).ok);  // anonymous: no call-back needed
    CHECK(fx.store->set_recheck(uuid, "2026-12-32", std::nullopt).error == "ledger.error.recheck_date_invalid");
    CHECK(fx.store->set_recheck(uuid, "2026-12-20", std::nullopt).ok);
    CHECK(fx.store->set_recheck(uuid, "2026-12-20", RecheckResult::Relapsed).ok);
    const auto d = fx.store->detail(uuid);
    CHECK(d->ledger->recheck_date == "2026-12-20");
    CHECK(d->ledger->recheck_result == RecheckResult::Relapsed);
    // The problem is back: reopen.
    CHECK(fx.store->move(uuid, HandlingState::Fixing).ok);
}

TEST_CASE("an upheld appeal takes a rating out of the statistics and keeps it", "[manager_store][appeal]") {
    ManagerFixture fx;
    FeedbackSpec s;
    s.rating = Rating::VerySatisfied;
    fx.add(s);
    s.rating = Rating::Satisfied;
    fx.add(s);
    s.rating = Rating::Basic;
    fx.add(s);
    s.rating = Rating::VeryDissatisfied;
    s.indicators[static_cast<int>(Indicator::Attitude)] = Rating::VeryDissatisfied;
    const auto target = fx.add(s);
    auto before = fx.store->satisfaction("2026-11-01", "2026-11-30");
    CHECK(before.overall.total == 4);
    CHECK(*before.overall.rate() == Approx(0.5));
    CHECK(before.indicators[static_cast<int>(Indicator::Attitude)].total == 1);

    CHECK(fx.store->file_appeal(target, AppealReason::Malicious, "").error == "appeal.error.reason_missing");
    CHECK(fx.store->file_appeal(target, AppealReason::Malicious, "监控显示该时段窗口无此业务").ok);
    CHECK(fx.store->file_appeal(target, AppealReason::Mistaken, "重复").error == "appeal.error.already_pending");
    // Filing alone changes nothing.
    CHECK(fx.store->satisfaction("2026-11-01", "2026-11-30").overall.total == 4);
    CHECK(fx.store->decide_appeal(target, AppealDecision::Upheld, "中心复核组").ok);
    const auto after = fx.store->satisfaction("2026-11-01", "2026-11-30");
    CHECK(after.overall.total == 3);
    CHECK(*after.overall.rate() == Approx(2.0 / 3.0));
    CHECK(after.indicators[static_cast<int>(Indicator::Attitude)].total == 0);
    // Marked, never deleted.
    const auto d = fx.store->detail(target);
    REQUIRE(d);
    CHECK(d->excluded);
    REQUIRE(d->appeals.size() == 1);
    CHECK(d->appeals[0].decision == AppealDecision::Upheld);
    CHECK(fx.scalar("SELECT COUNT(*) FROM feedback") == 4);
    CHECK(fx.store->file_appeal(target, AppealReason::Mistaken, "再次").error == "appeal.error.already_upheld");
}

TEST_CASE("a rejected appeal leaves the rating counted", "[manager_store][appeal]") {
    ManagerFixture fx;
    const auto uuid = fx.add({});
    CHECK(fx.store->decide_appeal(uuid, AppealDecision::Rejected, "复核组").error == "appeal.error.none_pending");
    REQUIRE(fx.store->file_appeal(uuid, AppealReason::Mistaken, "评错窗口").ok);
    CHECK(fx.store->decide_appeal(uuid, AppealDecision::Rejected, "复核组").ok);
    CHECK_FALSE(fx.store->detail(uuid)->excluded);
    CHECK(fx.store->satisfaction("2026-11-01", "2026-11-30").overall.total == 1);
    // A new appeal may follow a rejected one.
    CHECK(fx.store->file_appeal(uuid, AppealReason::Malicious, "新证据").ok);
}

TEST_CASE("revealing a phone number is audited without the number", "[manager_store]") {
    ManagerFixture fx;
    FeedbackSpec s;
    s.phone = "13812341234";
    const auto uuid = fx.add(s);
    CHECK(fx.store->page({}, 0, 10)[0].phone_masked == "138****1234");
    CHECK(fx.store->reveal_phone(uuid) == "13812341234");
    const auto out = audits(*fx.db);
    REQUIRE(out.size() == 1);
    CHECK(out[0].payload.find("13812341234") == std::string::npos);
    CHECK(nlohmann::json::parse(out[0].payload)["action"] == "reveal_phone");
    // Nothing to reveal: nothing audited.
    CHECK_FALSE(fx.store->reveal_phone(fx.add({})));
    CHECK(audits(*fx.db).size() == 1);
}

TEST_CASE("an action that cannot reach the outbox leaves nothing behind", "[manager_store][fault]") {
    ManagerFixture fx;
    const auto uuid = fx.add({});
    // The outbox insert fails as a full disk would: the state change and audit row roll back.
    fx.db->exec("CREATE TEMP TRIGGER outbox_full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    CHECK_THROWS_AS(fx.store->move(uuid, HandlingState::Unfounded), StoreError);
    CHECK(fx.store->detail(uuid)->state == HandlingState::Verifying);
    CHECK(fx.scalar("SELECT COUNT(*) FROM audit") == 0);
    fx.db->exec("DROP TRIGGER outbox_full");
    CHECK(fx.store->move(uuid, HandlingState::Unfounded).ok);
    CHECK(fx.scalar("SELECT COUNT(*) FROM audit") == 1);
    CHECK(audits(*fx.db).size() == 1);
}

TEST_CASE("the list filters by date, window, category, rating, 差評 and state, newest first", "[manager_store][list]") {
    ManagerFixture fx;
    const auto add = [&](const char* at, const char* window, Rating r, Category c) {
        FeedbackSpec s;
        s.created_at = at;
        s.window = window;
        s.rating = r;
        s.categories = {c};
        return fx.add(s);
    };
    add("2026-11-01T01:00:00Z", "w01", Rating::VerySatisfied, Category::Praise);
    const auto b = add("2026-11-02T01:00:00Z", "w02", Rating::Dissatisfied, Category::LongWait);
    add("2026-11-03T01:00:00Z", "w01", Rating::VeryDissatisfied, Category::Attitude);
    add("2026-11-30T17:00:00Z", "w02", Rating::Basic, Category::Attitude);  // 1 December, local time
    const auto e = add("2026-11-04T01:00:00Z", "w03", Rating::Satisfied, Category::UnclearGuide);

    auto rows = fx.store->page({}, 0, 10);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].created_at == "2026-11-30T17:00:00Z");
    CHECK(rows[1].uuid == e);
    CHECK(fx.store->count({}) == 5);

    FeedbackFilter f;
    f.window_id = "w02";
    CHECK(fx.store->count(f) == 2);
    f = {};
    f.category = Category::Attitude;
    CHECK(fx.store->count(f) == 2);
    f = {};
    f.bad_only = true;
    CHECK(fx.store->count(f) == 2);
    f = {};
    f.rating = Rating::Satisfied;
    CHECK(fx.store->page(f, 0, 10).at(0).uuid == e);
    f = {};
    f.from_date = "2026-11-01";
    f.to_date = "2026-11-30";
    CHECK(fx.store->count(f) == 4);  // the one at 01:00 on 1 December local time is out
    f = {};
    f.state = HandlingState::Verifying;
    CHECK(fx.store->count(f) == 2);
    f.window_id = "w02";
    CHECK(fx.store->page(f, 0, 10).at(0).uuid == b);

    FeedbackFilter by_window;
    by_window.window_id = "w01";
    const auto counts = fx.store->state_counts(by_window);
    CHECK(counts.total == 2);
    CHECK(counts.by_state.at(HandlingState::New) == 1);
    CHECK(counts.by_state.at(HandlingState::Verifying) == 1);
}

TEST_CASE("overdue items stand out and can be filtered", "[manager_store][list]") {
    ManagerFixture fx;
    *fx.clock = "2026-11-25T02:00:00Z";  // 25 November local
    FeedbackSpec old;
    old.created_at = "2026-10-20T02:00:00Z";  // deadline 15 working days later: 10 November
    const auto late = fx.add(old);
    FeedbackSpec recent;
    recent.created_at = "2026-11-20T02:00:00Z";
    const auto fresh = fx.add(recent);
    FeedbackSpec listed;
    listed.created_at = "2026-11-24T02:00:00Z";
    const auto in_ledger = fx.add(listed);
    REQUIRE(fx.store->put_in_ledger(in_ledger, entry(LedgerList::Immediate, "2026-11-24")).ok);

    FeedbackFilter f;
    f.overdue_only = true;
    std::set<std::string> overdue;
    for (const auto& r : fx.store->page(f, 0, 10)) {
        CHECK(r.overdue);
        overdue.insert(r.uuid);
    }
    CHECK(overdue == std::set<std::string>{late, in_ledger});
    CHECK(fx.store->state_counts({}).overdue == 2);
    for (const auto& r : fx.store->page({}, 0, 10))
        if (r.uuid == fresh) CHECK_FALSE(r.overdue);
    // Answered: no longer late.
    REQUIRE(fx.store->move(in_ledger, HandlingState::Answered).ok);
    CHECK(fx.store->count(f) == 1);
}

TEST_CASE("paging by offset and by cursor give the same rows", "[manager_store][list]") {
    ManagerFixture fx;
    for (int i = 0; i < 120; ++i) {
        FeedbackSpec s;
        char at[32];
        // Pairs share a timestamp: the id must break the tie the same way in both.
        std::snprintf(at, sizeof at, "2026-11-%02dT%02d:00:00Z", 1 + (i / 2) % 28, (i / 56) % 24);
        s.created_at = at;
        s.window = i % 3 == 0 ? "w01" : "w02";
        s.rating = static_cast<Rating>(1 + i % 5);
        fx.add(s);
    }
    FeedbackFilter f;
    f.window_id = "w02";
    const auto total = fx.store->count(f);
    CHECK(total == 80);
    std::vector<std::string> by_offset, by_cursor;
    for (std::int64_t off = 0; off < total; off += 25)
        for (const auto& r : fx.store->page(f, off, 25)) by_offset.push_back(r.uuid);
    auto page = fx.store->page(f, 0, 25);
    while (!page.empty()) {
        for (const auto& r : page) by_cursor.push_back(r.uuid);
        page = fx.store->page_after(f, {page.back().created_at, page.back().id}, 25);
    }
    CHECK(by_offset.size() == 80);
    CHECK(by_offset == by_cursor);
}

TEST_CASE("list queries pick their page on a covering index, in order, without sorting", "[manager_store][list]") {
    ManagerFixture fx;
    fx.add({});
    // No ANALYZE: the planner then assumes big tables, as a kiosk database is never analysed.
    const auto check = [&](const FeedbackFilter& f, const char* index) {
        const auto plan = fx.store->explain_page(f);
        INFO(plan);
        CHECK(plan.find(index) != std::string::npos);
        // The inner page query reads no table and sorts nothing; only the outer query
        // orders its own page of rows.
        CHECK(plan.find("SCAN h\n") == std::string::npos);
        CHECK(plan.find("TEMP B-TREE FOR ORDER BY") == plan.rfind("TEMP B-TREE FOR ORDER BY"));
        CHECK(plan.find("RIGHT PART OF ORDER BY") == std::string::npos);
    };
    check({}, "COVERING INDEX handling_by_time");
    FeedbackFilter f;
    f.window_id = "w01";
    check(f, "COVERING INDEX handling_by_window");
    f = {};
    f.state = HandlingState::Fixing;
    check(f, "COVERING INDEX handling_by_state");
    f = {};
    f.bad_only = true;
    check(f, "COVERING INDEX handling_bad");
    f = {};
    f.overdue_only = true;
    check(f, "COVERING INDEX handling_open_work");
}

TEST_CASE("figures per window, category and day, and the monthly ranking", "[manager_store][stats]") {
    ManagerFixture fx;
    const auto add = [&](const char* at, const char* window, Rating r) {
        FeedbackSpec s;
        s.created_at = at;
        s.window = window;
        s.rating = r;
        return fx.add(s);
    };
    // October: w02 last.
    add("2026-10-12T02:00:00Z", "w01", Rating::VerySatisfied);
    add("2026-10-12T02:00:00Z", "w02", Rating::Dissatisfied);
    // November: w02 last again, w03 middle.
    add("2026-11-02T02:00:00Z", "w01", Rating::Satisfied);
    add("2026-11-03T02:00:00Z", "w02", Rating::VeryDissatisfied);
    add("2026-11-03T03:00:00Z", "w02", Rating::Satisfied);
    add("2026-11-04T02:00:00Z", "w03", Rating::Satisfied);
    add("2026-11-04T02:00:00Z", "w03", Rating::Basic);
    add("2026-11-04T02:00:00Z", "w03", Rating::VerySatisfied);

    const auto by_window = fx.store->counts_by_window("2026-11-01", "2026-11-30");
    CHECK(by_window == std::vector<std::pair<std::string, std::int64_t>>{{"w01", 1}, {"w02", 2}, {"w03", 3}});
    const auto days = fx.store->counts_by_day("2026-11-01", "2026-11-30");
    REQUIRE(days.size() == 30);
    CHECK(days[0].count == 0);
    CHECK(days[2].day == "2026-11-03");
    CHECK(days[2].count == 2);
    const auto cats = fx.store->counts_by_category("2026-11-01", "2026-11-30");
    for (const auto& [c, n] : cats) CHECK(n == (c == Category::Attitude ? 6 : 0));

    auto ranking = fx.store->ranking("2026-11");
    REQUIRE(ranking.size() == 3);
    CHECK(ranking[0].window_id == "w01");
    CHECK(ranking.back().window_id == "w02");
    CHECK(ranking.back().last_twice);
    // Appeal w02's 非常不滿意: 1 of 1, now top; the flag goes.
    FeedbackFilter nov3;
    nov3.from_date = nov3.to_date = "2026-11-03";
    nov3.bad_only = true;
    auto rows = fx.store->page(nov3, 0, 5);
    REQUIRE(rows.size() == 1);
    REQUIRE(fx.store->file_appeal(rows[0].uuid, AppealReason::Malicious, "恶意差评").ok);
    REQUIRE(fx.store->decide_appeal(rows[0].uuid, AppealDecision::Upheld, "复核组").ok);
    ranking = fx.store->ranking("2026-11");
    CHECK(ranking.back().window_id == "w03");
    for (const auto& r : ranking) CHECK_FALSE(r.last_twice);
}

TEST_CASE("the monthly report counts call-backs, timely closing and the open ledger", "[manager_store][report]") {
    ManagerFixture fx;
    *fx.clock = "2026-11-02T02:00:00Z";
    FeedbackSpec named;
    named.created_at = "2026-11-02T01:00:00Z";
    named.phone = "13812341234";
    const auto a = fx.add(named);  // closed in time after a call-back
    const auto b = fx.add(named);  // named, never called
    FeedbackSpec anon;
    anon.created_at = "2026-11-02T01:00:00Z";
    const auto c = fx.add(anon);   // in the ledger, overdue by the end
    REQUIRE(fx.store->put_in_ledger(a, entry()).ok);
    REQUIRE(fx.store->move(a, HandlingState::Answered).ok);
    CallbackAttempt hit;
    hit.who = "王干事";
    hit.reached = true;
    hit.grade = CallbackGrade::Satisfied;
    REQUIRE(fx.store->record_callback(a, hit).ok);
    REQUIRE(fx.store->move(a, HandlingState::Closed).ok);
    REQUIRE(fx.store->put_in_ledger(c, entry(LedgerList::Immediate)).ok);  // due 3 November
    *fx.clock = "2026-11-25T02:00:00Z";
    (void)b;

    const auto r = fx.store->monthly_report("2026-11");
    CHECK(r.total == 3);
    CHECK(r.bad == 3);
    CHECK(r.bad_with_phone == 2);
    CHECK(r.called_back == 1);
    CHECK(r.bad_closed_in_time == 1);
    CHECK(r.ledger_open == 1);
    CHECK(r.ledger_overdue == 1);
    REQUIRE(r.overdue_items.size() == 1);
    CHECK(r.overdue_items[0].feedback.uuid == c);
    CHECK(r.satisfaction.overall.total == 3);
    CHECK(r.satisfaction.overall.good == 0);
}

TEST_CASE("months parse and step back across a year", "[manager_store]") {
    CHECK(previous_month("2026-01") == "2025-12");
    CHECK(format_date(month_days("2026-02")->second) == "2026-02-28");
    CHECK_FALSE(month_days("2026-13"));
    CHECK_FALSE(month_days("2026-1"));
}
