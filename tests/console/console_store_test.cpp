// The console's store side on both backends (SQLite, and PostgreSQL in its own temporary
// cluster): accounts and sessions, the feedback index folded from audit records in either
// order, overview / drill-down / ranking figures, keyset paging with filters, the CSV guard,
// token revoke and rotate, and the one place a hall-bound account is held to its hall.
#include <catch2/catch.hpp>

#include <httplib.h>

#include <sstream>
#include <thread>

#include "common/csv.h"
#include "core/ids.h"
#include "core/queue.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_index.h"
#include "hub/console/console_queries.h"
#include "hub/console/console_routes.h"
#include "hub/hub_admin.h"
#include "hub/hub_retention.h"
#include "hub/hub_server.h"
#include "hub/hub_store.h"
#include "../pg/pg_cluster.h"
#include "wire/records.h"
#include "protocol/api.h"
#include "protocol/signing.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::hub::console;
using nlohmann::json;

namespace {

struct TestStore {
    std::unique_ptr<pgtest::TempDir> tmp;
    std::unique_ptr<HubStore> store;
};

TestStore make_store(const std::string& backend) {
    TestStore t;
    if (backend == "sqlite") {
        t.tmp = std::make_unique<pgtest::TempDir>();
        t.store = open_hub_store((t.tmp->path / "hub.db").string());
    } else {
        t.store = open_hub_store(pgtest::shared_cluster().create_database());
    }
    return t;
}

// A feedback record as a kiosk pushes it. created_at "2026-11-10T02:00:00Z" is 10:00 in UTC+8.
RecordRow feedback(const std::string& hall, const std::string& window, int rating, const std::string& created_at,
                   const std::string& phone = "", Category cat = Category::Praise, const std::string& text = "") {
    Feedback f;
    f.uuid = new_uuid();
    f.receipt = receipt_from_uuid(f.uuid);
    f.created_at = created_at;
    f.hall_id = hall;
    f.kiosk_id = hall + "-k1";
    f.window_id = window;
    f.overall = *rating_from_int(rating);
    f.categories = {rating <= 3 && cat == Category::Praise ? Category::Attitude : cat};
    f.phone = phone;
    f.text = text;
    f.indicators[0] = f.overall;
    return {f.uuid, "feedback", hall, f.kiosk_id, created_at, wire::feedback_to_json(f).dump(), f.kiosk_id, created_at};
}

RecordRow audit(const RecordRow& target, const std::string& at, const std::string& action, json after) {
    AuditEntry a;
    a.uuid = new_uuid();
    a.hall_id = target.hall_id;
    a.kiosk_id = target.kiosk_id;
    a.at = at;
    a.action = action;
    a.target_uuid = target.uuid;
    a.after_json = after.dump();
    return {a.uuid, "audit", a.hall_id, a.kiosk_id, at, wire::audit_to_json(a).dump(), a.kiosk_id, at};
}

Date day(const char* s) { return *parse_date(s); }

}  // namespace

TEST_CASE("console accounts: Argon2id, lockout, disabled, idle sessions, audited", "[console]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto t = make_store(backend);
            AuthOptions o;
            o.idle_limit = std::chrono::seconds(2);
            o.failures_to_lock = 3;
            ConsoleAuth auth(t.store->sql(), o);
            CHECK_THROWS_AS(auth.add_user("m", "hall-manager", "", "long-enough-pw"), BadRequest);  // needs --hall
            CHECK_THROWS_AS(auth.add_user("a", "centre-admin", "", "short"), BadRequest);
            CHECK_THROWS_AS(auth.add_user("a", "root", "", "long-enough-pw"), BadRequest);
            auth.add_user("a", "centre-admin", "", "long-enough-pw");
            CHECK_THROWS_AS(auth.add_user("a", "centre-admin", "", "long-enough-pw"), BadRequest);

            CHECK(auth.login("a", "wrong-password", "127.0.0.1").outcome == LoginResult::Outcome::Wrong);
            CHECK(auth.login("nobody", "long-enough-pw", "127.0.0.1").outcome == LoginResult::Outcome::Wrong);
            auto ok = auth.login("a", "long-enough-pw", "127.0.0.1");
            REQUIRE(ok.outcome == LoginResult::Outcome::Ok);
            CHECK(ok.cookie_value.size() >= 40);
            auto s = auth.session(ok.cookie_value, "127.0.0.1");
            REQUIRE(s);
            CHECK(s->user.role == "centre-admin");
            CHECK_FALSE(auth.session(ok.cookie_value + "x", "127.0.0.1"));

            // Three wrong passwords lock the account; even the right one is refused then.
            for (int i = 0; i < 3; ++i) CHECK(auth.login("a", "wrong-password", "p").outcome == LoginResult::Outcome::Wrong);
            CHECK(auth.login("a", "long-enough-pw", "p").outcome == LoginResult::Outcome::Locked);
            auth.set_password("a", "another-long-pw");  // unlocks, ends sessions
            CHECK_FALSE(auth.session(ok.cookie_value, "p"));
            auto again = auth.login("a", "another-long-pw", "p");
            REQUIRE(again.outcome == LoginResult::Outcome::Ok);

            // Idle: the session ends after the limit.
            std::this_thread::sleep_for(std::chrono::milliseconds(3100));
            CHECK_FALSE(auth.session(again.cookie_value, "p"));

            auth.disable_user("a");
            CHECK(auth.login("a", "another-long-pw", "p").outcome == LoginResult::Outcome::Wrong);

            std::set<std::string> actions;
            for (const auto& r : auth.audit_log(100)) actions.insert(r.action);
            for (const char* a : {"user_add", "login", "login_failed", "login_failed_locked", "login_locked", "user_passwd",
                                  "session_expired", "user_disable"})
                CHECK(actions.count(a) == 1);
        }
    }
}

TEST_CASE("a hall-bound account is held to its hall in one place", "[console]") {
    Scope admin{User{"a", "centre-admin", "", false}};
    Scope mgr{User{"m", "hall-manager", "hall-01", false}};
    CHECK(admin.hall_filter("") == "");
    CHECK(admin.hall_filter("hall-02") == "hall-02");
    CHECK(mgr.hall_filter("") == "hall-01");
    CHECK(mgr.hall_filter("hall-01") == "hall-01");
    CHECK_THROWS_AS(mgr.hall_filter("hall-02"), Forbidden);
    CHECK(User{"a", "centre-admin", "", false}.can(Permission::RevealPhone));
    CHECK_FALSE(User{"v", "centre-viewer", "", false}.can(Permission::RevealPhone));
    CHECK_FALSE(User{"m", "hall-manager", "hall-01", false}.can(Permission::ManageTokens));
}

TEST_CASE("the feedback index: figures, handling folded from audits in any order, ranking, paging", "[console]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto t = make_store(backend);
            auto& store = *t.store;
            QueryOptions qo;
            qo.min_sample = 3;
            qo.bad_rating_deadline_days = 2;
            qo.calendar = WorkCalendar::from_strings({"2026-11-12"}, {});  // a holiday on Thursday 12 Nov
            ConsoleQueries q(store, qo);

            std::vector<RecordRow> rows;
            // hall-01 w01: 4 good in November, 4 good in October
            for (int i = 0; i < 4; ++i) rows.push_back(feedback("hall-01", "w01", 5, "2026-11-0" + std::to_string(2 + i) + "T02:00:00Z"));
            for (int i = 0; i < 4; ++i) rows.push_back(feedback("hall-01", "w01", 5, "2026-10-0" + std::to_string(2 + i) + "T02:00:00Z"));
            // hall-01 w02: 3 in November, one 差评 named; last in October too (约谈)
            rows.push_back(feedback("hall-01", "w02", 5, "2026-11-09T02:00:00Z"));
            rows.push_back(feedback("hall-01", "w02", 4, "2026-11-09T03:00:00Z"));
            auto bad = feedback("hall-01", "w02", 1, "2026-11-10T02:00:00Z", "13812345678", Category::Attitude, "=cmd|' /C calc'!A0");
            rows.push_back(bad);
            rows.push_back(feedback("hall-01", "w02", 5, "2026-10-09T02:00:00Z"));
            rows.push_back(feedback("hall-01", "w02", 2, "2026-10-09T03:00:00Z"));
            rows.push_back(feedback("hall-01", "w02", 4, "2026-10-09T04:00:00Z"));
            // hall-02: a 差评 whose appeal is upheld (audit pushed BEFORE its record), and one left open
            auto appealed = feedback("hall-02", "w01", 2, "2026-11-16T02:00:00Z", "", Category::LongWait);
            auto open = feedback("hall-02", "w01", 2, "2026-11-30T02:00:00Z", "", Category::LongWait);
            std::vector<RecordRow> early = {audit(appealed, "2026-11-17T02:00:00Z", "appeal", {{"appeal", "pending"}}),
                                            audit(appealed, "2026-11-18T02:00:00Z", "appeal_decision",
                                                  {{"appeal", "upheld"}, {"excluded", true}})};
            store.put_records(early);
            rows.push_back(appealed);
            rows.push_back(open);
            for (int i = 0; i < 3; ++i) rows.push_back(feedback("hall-02", "w01", 5, "2026-11-20T0" + std::to_string(i) + ":00:00Z"));
            store.put_records(rows);
            // The named 差评 is worked off afterwards: ledger, answer, call-back, close.
            store.put_records({audit(bad, "2026-11-10T05:00:00Z", "ledger", {{"state", "fixing"}, {"measure", "m"}}),
                               audit(bad, "2026-11-11T05:00:00Z", "state", {{"state", "answered"}}),
                               audit(bad, "2026-11-11T06:00:00Z", "callback", {{"callback_grade", "satisfied"}, {"failed_callbacks", 0}})});
            // Pushed twice: nothing doubles.
            store.put_records(rows);

            const Date today = day("2026-12-02");
            auto ov = q.overview("", "2026-11", today);
            REQUIRE(ov["halls"].size() == 2);
            const auto& h1 = ov["halls"][0];
            CHECK(h1["hall_id"] == "hall-01");
            CHECK(h1["this_month"]["ratings"] == 7);
            CHECK(h1["this_month"]["good"] == 6);
            CHECK(h1["this_month"]["bad"] == 1);
            CHECK(h1["this_month"]["named_bad"] == 1);
            CHECK(h1["this_month"]["named_called"] == 1);
            CHECK(h1["last_month"]["ratings"] == 7);
            // Open: October's 差评 (never handled) and November's (answered, not closed yet).
            CHECK(h1["open_bad"] == 2);
            CHECK(h1["overdue_bad"] == 1);  // the answered one no longer awaits its fix
            const auto& h2 = ov["halls"][1];
            CHECK(h2["this_month"]["ratings"] == 4);  // the upheld appeal is out of the figures
            CHECK(h2["this_month"]["appeals_upheld"] == 1);
            CHECK(h2["this_month"]["satisfaction"].get<double>() == Approx(0.75));
            // 30 Nov + 2 working days = 2 Dec: not overdue on 2 Dec.
            CHECK(h2["open_bad"] == 1);
            CHECK(h2["overdue_bad"] == 0);
            auto later = q.overview("hall-02", "2026-11", day("2026-12-03"));
            REQUIRE(later["halls"].size() == 1);
            CHECK(later["halls"][0]["overdue_bad"] == 1);
            CHECK(q.overview("hall-01", "2026-11", day("2026-12-03"))["halls"][0]["overdue_bad"] == 1);

            auto rec = q.record(bad.uuid, today);
            REQUIRE(rec);
            CHECK((*rec)["record"]["phone"] == "138****5678");
            CHECK((*rec)["state"] == "answered");
            CHECK((*rec)["callback_done"] == true);
            CHECK((*rec)["history"].size() == 3);
            // 10 Nov + 2 working days, 12 Nov a holiday: due 13 Nov.
            CHECK((*rec)["due"] == "2026-11-13");
            CHECK(q.record_phone(bad.uuid) == "13812345678");
            auto ap = q.record(appealed.uuid, today);
            CHECK((*ap)["appeal"] == "upheld");
            CHECK((*ap)["appeal_upheld"] == true);

            auto w = q.hall_windows("hall-01", "2026-11", today);
            REQUIRE(w["windows"].size() == 2);
            CHECK(w["windows"][1]["window_id"] == "w02");
            CHECK(w["windows"][1]["month"]["bad"] == 1);

            // Ranking: w02 is last in November and in October: 约谈. Fewer than 3 ratings: not ranked.
            auto rk = q.ranking("", "2026-11");
            REQUIRE(rk["rows"].size() == 3);
            CHECK(rk["rows"][0]["rank"] == 1);
            const auto& last = rk["rows"][2];
            CHECK(last["hall_id"] == "hall-01");
            CHECK(last["window_id"] == "w02");
            CHECK(last["interview"] == true);
            CHECK(q.ranking("hall-02", "2026-11")["rows"].size() == 1);
            qo.min_sample = 5;
            CHECK(ConsoleQueries(store, qo).ranking("", "2026-11")["rows"].size() == 0);

            // Records: newest first, keyset pages that neither skip nor repeat, filters.
            std::set<std::string> seen;
            ConsoleQueries::RecordFilter f;
            f.limit = 4;
            std::string prev_time = "9999";
            for (int page = 0; page < 10; ++page) {
                auto p = q.records(f, today);
                for (const auto& r : p["records"]) {
                    CHECK(seen.insert(r["uuid"].get<std::string>()).second);
                    CHECK(r["created_at"].get<std::string>() <= prev_time);
                    prev_time = r["created_at"].get<std::string>();
                }
                if (p["next"].is_null()) break;
                f.after = p["next"].get<std::string>();
            }
            CHECK(seen.size() == 19);
            ConsoleQueries::RecordFilter bad_only;
            bad_only.bad_only = true;
            CHECK(q.records(bad_only, today)["records"].size() == 4);
            bad_only.hall = "hall-02";
            bad_only.category = "long_wait";
            CHECK(q.records(bad_only, today)["records"].size() == 2);
            bad_only.state = "closed";
            CHECK(q.records(bad_only, today)["records"].size() == 0);
            ConsoleQueries::RecordFilter dates;
            dates.from = "2026-11-09";
            dates.to = "2026-11-10";  // local days, inclusive
            CHECK(q.records(dates, today)["records"].size() == 3);
            ConsoleQueries::RecordFilter overdue;
            overdue.overdue_only = true;
            CHECK(q.records(overdue, day("2026-12-03"))["records"].size() == 2);  // not the upheld appeal
            CHECK(q.records(overdue, day("2026-12-02"))["records"].size() == 1);
            ConsoleQueries::RecordFilter badf;
            badf.category = "nonsense";
            CHECK_THROWS_AS(q.records(badf, today), BadRequest);
            badf = {};
            badf.after = "no-cursor";
            CHECK_THROWS_AS(q.records(badf, today), BadRequest);

            // CSV: BOM, and the formula in the complaint text is defused.
            std::ostringstream csv;
            ConsoleQueries::RecordFilter all_bad;
            all_bad.rating = 1;
            CHECK(q.records_csv(all_bad, today, csv) == 1);
            CHECK(csv.str().rfind("\xEF\xBB\xBF", 0) == 0);
            CHECK(parse_csv(csv.str()).at(1).back() == "'=cmd|' /C calc'!A0");  // the common writer's guard
            CHECK(csv.str().find("13812345678") == std::string::npos);

            // Fleet: revoke stops the token at once; rotate issues a working one.
            const auto token = add_kiosk(store, "hall-01-k1", "hall-01");
            CHECK(store.principal_by_token_hash(wire::blake2b_hex(token)));
            CHECK(q.revoke_kiosk("hall-01-k1", "a"));
            CHECK_FALSE(store.principal_by_token_hash(wire::blake2b_hex(token)));
            auto fl = q.fleet("hall-01", std::chrono::system_clock::now());
            REQUIRE(fl["kiosks"].size() == 1);
            CHECK(fl["kiosks"][0]["revoked_by"] == "a");
            CHECK(fl["kiosks"][0]["silent"] == false);
            // A revoked kiosk stays revoked (its replacement gets `kiosk add`); an active one is
            // rotated: the new token works at once.
            CHECK_FALSE(q.rotate_kiosk("hall-01-k1", "a"));
            add_kiosk(store, "hall-01-k2", "hall-01");
            auto fresh = q.rotate_kiosk("hall-01-k2", "a");
            REQUIRE(fresh);
            CHECK(store.principal_by_token_hash(wire::blake2b_hex(*fresh))->name == "hall-01-k2");
            const auto all = q.fleet("", std::chrono::system_clock::now());
            bool seen_k2 = false;
            for (const auto& k : all["kiosks"])
                if (k["name"] == "hall-01-k2") {
                    seen_k2 = true;
                    CHECK(k["silent"] == true);  // never seen
                }
            CHECK(seen_k2);
            CHECK_FALSE(q.revoke_kiosk("nobody", "a"));
            CHECK(q.fleet("hall-02", std::chrono::system_clock::now())["kiosks"].empty());
        }
    }
}

TEST_CASE("the hub's phone-number erasures are in the console's audit log", "[console]") {
    auto t = make_store("sqlite");
    ConsoleAuth auth(t.store->sql(), AuthOptions{});
    const auto uuid = new_uuid();
    const auto payload = nlohmann::json{{"kind", "feedback"}, {"uuid", uuid}, {"hall_id", "hall-01"}, {"kiosk_id", "k1"},
                                        {"created_at", "2026-01-05T02:00:00Z"}, {"window_id", "w1"}, {"rating", 5},
                                        {"categories", nlohmann::json::array({"praise"})}, {"phone", "13812345678"}}
                             .dump();
    t.store->put_records({RecordRow{uuid, "feedback", "hall-01", "k1", "2026-01-05T02:00:00Z", payload, "k1", "2026-01-05T02:00:01Z"}});
    const auto r = run_phone_retention(*t.store, 180, *hall::parse_iso_utc(std::string("2026-12-01T00:00:00Z")));
    REQUIRE(r.erased == 1);
    audit_phone_erasure(auth, r.erased, 180);
    audit_phone_erasure(auth, 0, 180);  // nothing erased: nothing to say
    const auto log = auth.audit_log(10);
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == "phone_erase");
    CHECK(log[0].user == "hall-hub");
    CHECK(log[0].detail.find("1 phone number") != std::string::npos);
}

TEST_CASE("console routes: TLS or loopback, cookie flags, CSRF on writes, JSON 404", "[console]") {
    auto t = make_store("sqlite");
    ConsoleAuth auth(t.store->sql());
    auth.add_user("a", "centre-admin", "", "long-enough-pw");
    ConsoleQueries q(*t.store, {});
    ConsoleDeps deps{*t.store, auth, q, {}};
    deps.options.web_dir = default_web_dir();
    Router router;
    add_console_routes(router, deps);
    const auto call = [&](const std::string& method, const std::string& path, const std::string& peer, bool tls,
                          std::map<std::string, std::string> headers = {}, const std::string& body = "") {
        HttpRequest r;
        r.method = method;
        r.path = path;
        r.peer = peer;
        r.tls = tls;
        r.headers = std::move(headers);
        r.body = body;
        return router.handle(r);
    };
    const std::string login = R"({"user":"a","password":"long-enough-pw"})";
    // Plain HTTP from another machine: refused before any password is checked.
    CHECK(call("POST", "/console/api/login", "10.0.0.5", false, {}, login).status == 403);
    CHECK(call("POST", "/console/api/login", "", false, {}, login).status == 403);
    auto over_tls = call("POST", "/console/api/login", "10.0.0.5", true, {}, login);
    REQUIRE(over_tls.status == 200);
    std::string cookie;
    for (const auto& [k, v] : over_tls.headers)
        if (k == "Set-Cookie") cookie = v;
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Secure") != std::string::npos);
    auto local = call("POST", "/console/api/login", "127.0.0.1", false, {}, login);
    REQUIRE(local.status == 200);
    std::string local_cookie;
    for (const auto& [k, v] : local.headers)
        if (k == "Set-Cookie") local_cookie = v;
    CHECK(local_cookie.find("; Secure") == std::string::npos);  // the loopback exception, plain HTTP
    auto proxied = call("POST", "/console/api/login", "127.0.0.1", false, {{"x-forwarded-proto", "https"}}, login);
    for (const auto& [k, v] : proxied.headers)
        if (k == "Set-Cookie") CHECK(v.find("; Secure") != std::string::npos);

    const auto session = "hall_console=" + cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
    const auto csrf = json::parse(over_tls.body)["csrf"].get<std::string>();
    CHECK(call("GET", "/console/api/overview", "10.0.0.5", true, {{"cookie", session}}).status == 200);
    CHECK(call("GET", "/console/api/overview", "10.0.0.5", false, {{"cookie", session}}).status == 403);
    CHECK(call("GET", "/console/api/overview", "10.0.0.5", true).status == 401);
    {
        HttpRequest r;  // the front parses the query string; here it is given parsed
        r.method = "GET";
        r.path = "/console/api/overview";
        r.query = {{"month", "2026-13"}};
        r.peer = "10.0.0.5";
        r.tls = true;
        r.headers = {{"cookie", session}};
        CHECK(router.handle(r).status == 400);
    }
    CHECK(call("POST", "/console/api/logout", "10.0.0.5", true, {{"cookie", session}}).status == 403);
    CHECK(call("POST", "/console/api/logout", "10.0.0.5", true, {{"cookie", session}, {"x-csrf-token", "x"}}).status == 403);
    CHECK(call("POST", "/console/api/logout", "10.0.0.5", true, {{"cookie", session}, {"x-csrf-token", csrf}}).status == 200);
    CHECK(call("GET", "/console/api/overview", "10.0.0.5", true, {{"cookie", session}}).status == 401);
    auto missing = call("GET", "/console/api/nothing", "127.0.0.1", false);
    CHECK(missing.status == 404);
    CHECK(missing.content_type == "application/json");
    CHECK(call("GET", "/console/../../etc/passwd", "127.0.0.1", false).status == 404);
    auto page = call("GET", "/console/", "127.0.0.1", false);
    CHECK(page.status == 200);
    CHECK(page.content_type.rfind("text/html", 0) == 0);
}

// One visit, one rating and the stuffing guard at the hub (issue 20), on both backends: of
// the ratings of one visit (hall + visit day + ticket + window) the earliest counts, whichever
// kiosk sent it and whatever order they arrive in; a flagged rating counts only once the
// kiosk's manager confirms it; older kiosks' records (no visit day) are never repeats.
TEST_CASE("the feedback index: repeats and flagged ratings are out of satisfaction and ranking", "[console][one_visit]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto t = make_store(backend);
            auto& store = *t.store;
            QueryOptions qo;
            qo.min_sample = 2;
            ConsoleQueries q(store, qo);
            const auto visit = [](const std::string& window, int rating, const std::string& created_at, const std::string& ticket,
                                  const std::string& kiosk, bool flagged = false) {
                RecordRow r = feedback("hall-01", window, rating, created_at);
                auto f = *wire::feedback_from_json(json::parse(r.payload), r.received_from);
                f.kiosk_id = kiosk;
                f.ticket = ticket;
                f.visit_day = ticket.empty() ? "" : "2026-11-10";
                f.channel = kChannelHallTerminal;
                f.flagged = flagged;
                r.kiosk_id = r.received_from = kiosk;
                r.payload = wire::feedback_to_json(f).dump();
                return r;
            };
            // w01: A005 rated 非常满意 at kiosk k1 (10:00) and 非常不满意 at k2 (10:30). The later one
            // arrives FIRST: it counts until the earlier one arrives, then it is the repeat.
            auto later = visit("w01", 1, "2026-11-10T02:30:00Z", "A005", "k2");
            auto first = visit("w01", 5, "2026-11-10T02:00:00Z", "A005", "k1");
            store.put_records({later});
            auto w01 = [&] { return q.hall_windows("hall-01", "2026-11", day("2026-11-30"))["windows"][0]["month"]; };
            CHECK(w01()["ratings"] == 1);
            CHECK(w01()["bad"] == 1);
            store.put_records({first});
            CHECK(w01()["ratings"] == 1);
            CHECK(w01()["good"] == 1);
            CHECK(w01()["bad"] == 0);
            CHECK(w01()["repeats"] == 1);
            // Same ticket at another window, another ticket, a ticket-less and an old kiosk's record: all counted.
            std::vector<RecordRow> rows{visit("w02", 5, "2026-11-10T02:40:00Z", "A005", "k1"),
                                        visit("w01", 4, "2026-11-10T03:00:00Z", "A006", "k1"),
                                        visit("w01", 4, "2026-11-10T03:10:00Z", "", "k1"),
                                        feedback("hall-01", "w01", 4, "2026-11-10T03:20:00Z")};
            // A burst flagged by kiosk k1: two 差评 held out.
            auto held1 = visit("w02", 1, "2026-11-10T04:00:00Z", "", "k1", true);
            auto held2 = visit("w02", 1, "2026-11-10T04:01:00Z", "", "k1", true);
            rows.push_back(held1);
            rows.push_back(held2);
            store.put_records(rows);
            store.put_records(rows);  // pushed twice: nothing doubles
            CHECK(w01()["ratings"] == 4);
            CHECK(w01()["satisfaction"].get<double>() == Approx(1.0));
            auto w02 = [&] { return q.hall_windows("hall-01", "2026-11", day("2026-11-30"))["windows"][1]["month"]; };
            CHECK(w02()["ratings"] == 1);
            CHECK(w02()["flag_held"] == 2);
            CHECK(w02()["satisfaction"].get<double>() == Approx(1.0));
            // Ranking: w02's held 差评 do not make it last; both windows on 100 %.
            auto rk = q.ranking("hall-01", "2026-11");
            REQUIRE(rk["rows"].size() == 1);  // w02 has one counted rating, below the sample
            CHECK(rk["rows"][0]["window_id"] == "w01");
            // The kiosk's manager decides: one confirmed (counted again), one rejected (stays out).
            store.put_records({audit(held1, "2026-11-11T01:00:00Z", "flag_decision", {{"flag", "confirmed"}, {"note", "两位群众"}}),
                               audit(held2, "2026-11-11T01:05:00Z", "flag_decision", {{"flag", "rejected"}, {"note", "连续点击"}})});
            CHECK(w02()["ratings"] == 2);
            CHECK(w02()["flag_held"] == 1);
            CHECK(w02()["bad"] == 1);
            CHECK(w02()["satisfaction"].get<double>() == Approx(0.5));
            rk = q.ranking("hall-01", "2026-11");
            REQUIRE(rk["rows"].size() == 2);
            CHECK(rk["rows"][1]["window_id"] == "w02");
            auto ov = q.overview("hall-01", "2026-11", day("2026-11-30"));
            CHECK(ov["halls"][0]["this_month"]["ratings"] == 6);
            CHECK(ov["halls"][0]["this_month"]["repeats"] == 1);
            CHECK(ov["halls"][0]["this_month"]["flag_held"] == 1);
        }
    }
}

namespace {

// A rating from a kiosk of the new kind: with a ticket (and its visit day) or without.
RecordRow ticketed(const std::string& hall, const std::string& window, int rating, const std::string& created_at,
                   const std::string& ticket, const std::string& kiosk, bool flagged = false) {
    RecordRow r = feedback(hall, window, rating, created_at);
    std::string why;
    auto f = *wire::feedback_from_json(json::parse(r.payload), why);
    f.kiosk_id = kiosk;
    f.ticket = ticket;
    f.visit_day = ticket.empty() ? "" : created_at.substr(0, 10);  // 02:00Z is 10:00 the same day in UTC+8
    f.channel = kChannelHallTerminal;
    f.flagged = flagged;
    r.kiosk_id = r.received_from = kiosk;
    r.payload = wire::feedback_to_json(f).dump();
    return r;
}

RecordRow coverage_record(const std::string& hall, const std::string& kiosk, const std::string& day, const std::string& window,
                          std::int64_t served, std::int64_t rated) {
    wire::CoverageRecord c{new_uuid(), hall, kiosk, day, window, served, rated, 0, 0, 0};
    return {c.uuid, wire::kKindCoverage, hall, kiosk, day + "T00:00:00Z", wire::coverage_to_json(c).dump(), kiosk, day + "T00:00:00Z"};
}

// A queue feed's day of calls: `served` tickets called at the window, `missed` more called and never came.
void add_calls(QueueSnapshot& q, const std::string& window, char letter, int served, int missed) {
    for (int i = 1; i <= served + missed; ++i) {
        char t[16];
        std::snprintf(t, sizeof t, "%c%03d", letter, i);
        CallEvent c;
        c.ticket = t;
        c.window_id = window;
        c.missed = i > served;
        q.day_calls.push_back(c);
        if (i == 3) q.day_calls.push_back(c);  // a recall of A003: one ticket, counted once
    }
    WindowQueue w;
    w.window_id = window;
    w.open = true;
    q.windows.push_back(w);
}

// Every row of the console's index tables, as text, all-zero counter rows left out: what
// rebuild_index must reproduce.
std::vector<std::string> index_dump(HubStore& store) {
    std::vector<std::string> out;
    store.sql().read([&](SqlConn& c) {
        const auto dump = [&](const std::string& sql, int first_counter) {
            c.query(sql, {}, [&](const SqlRow& r) {
                std::string line;
                bool any = first_counter < 0;
                for (int i = 0; i < r.columns(); ++i) {
                    line += r.text(i) + "|";
                    if (first_counter >= 0 && i >= first_counter && r.i64(i) != 0) any = true;
                }
                if (any) out.push_back(line);
            });
        };
        dump("SELECT * FROM console_month ORDER BY hall_id, window_id, month", 3);
        dump("SELECT hall_id, window_id, day, month, served, rated, unticketed FROM console_coverage ORDER BY hall_id, window_id, day", 4);
        dump("SELECT uuid, hall_id, window_id, local_day, month, rating, state, upheld, appeal, callback_done, ledger_deadline, "
             "handled_at, visit_key, is_repeat, flag FROM console_feedback ORDER BY uuid", -1);
        dump("SELECT uuid, target_uuid, action, at FROM console_audit_index ORDER BY uuid", -1);
    });
    return out;
}

}  // namespace

// Coverage (issue 17 on issue 20's data), on both backends: tickets served from the queue feed
// the hub relays (the day's calls: distinct tickets called and not missed) and from the kiosks'
// coverage records of closed days (the larger wins); visits rated = counted first ratings with a
// ticket over every kiosk of the hall, on days and windows a feed reported tickets for. A hall
// without a feed has no coverage (null, shown "—"); ratings without a ticket are counted apart.
TEST_CASE("coverage: visits rated per 1,000 tickets served, where a queue feed exists", "[console][coverage]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto t = make_store(backend);
            auto& store = *t.store;
            ConsoleQueries q(store, {});
            // hall-01's feed on 2026-11-10: w01 40 served (and 2 missed), w02 10 served.
            QueueSnapshot snap;
            snap.day = "2026-11-10";
            add_calls(snap, "w01", 'A', 40, 2);
            add_calls(snap, "w02", 'B', 10, 0);
            store.put_queue({"hall-01", wire::queue_to_json(snap).dump(), "2026-11-10T05:00:00Z"});
            // An earlier snapshot arriving late (fewer calls) does not lower the count.
            QueueSnapshot early;
            early.day = "2026-11-10";
            add_calls(early, "w01", 'A', 12, 0);
            store.put_queue({"hall-01", wire::queue_to_json(early).dump(), "2026-11-10T02:00:00Z"});
            // 2026-11-09, a closed day: the two kiosks' coverage records, the larger served wins.
            store.put_records({coverage_record("hall-01", "k1", "2026-11-09", "w01", 30, 2),
                               coverage_record("hall-01", "k2", "2026-11-09", "w01", 28, 1)});
            // Ratings: on the 10th A001..A003 at w01 from two kiosks, A003 again (a repeat), one
            // without a ticket; on the 9th A001, A002 at w01; on the 12th (no feed that day) A001.
            std::vector<RecordRow> rows{ticketed("hall-01", "w01", 5, "2026-11-10T02:00:00Z", "A001", "k1"),
                                        ticketed("hall-01", "w01", 5, "2026-11-10T02:10:00Z", "A002", "k2"),
                                        ticketed("hall-01", "w01", 4, "2026-11-10T02:20:00Z", "A003", "k1"),
                                        ticketed("hall-01", "w01", 1, "2026-11-10T02:30:00Z", "A003", "k2"),
                                        ticketed("hall-01", "w01", 5, "2026-11-10T02:40:00Z", "", "k1"),
                                        ticketed("hall-01", "w01", 5, "2026-11-09T02:00:00Z", "A001", "k1"),
                                        ticketed("hall-01", "w01", 5, "2026-11-09T03:00:00Z", "A002", "k2"),
                                        ticketed("hall-01", "w01", 5, "2026-11-12T02:00:00Z", "A001", "k1"),
                                        // hall-02: kiosks, ratings, no queue feed at all
                                        ticketed("hall-02", "w01", 5, "2026-11-10T02:00:00Z", "", "h2k1"),
                                        ticketed("hall-02", "w01", 5, "2026-11-10T02:05:00Z", "C001", "h2k1")};
            auto held = ticketed("hall-01", "w02", 1, "2026-11-10T03:00:00Z", "B004", "k1", true);
            rows.push_back(held);
            store.put_records(rows);
            const auto windows = [&] { return q.hall_windows("hall-01", "2026-11", day("2026-11-30")); };
            auto hw = windows();
            REQUIRE(hw["windows"].size() == 2);
            const auto& w01 = hw["windows"][0]["month"]["coverage"];
            CHECK(w01["tickets_served"] == 70);  // 40 + 30
            CHECK(w01["visits_rated"] == 5);     // A001-A003 on the 10th, A001-A002 on the 9th; not the repeat, not the 12th
            CHECK(w01["unticketed"] == 1);
            CHECK(w01["per_1000"].get<double>() == Approx(5000.0 / 70));
            const auto& w02 = hw["windows"][1]["month"]["coverage"];
            CHECK(w02["tickets_served"] == 10);
            CHECK(w02["visits_rated"] == 0);  // B004 is held by the stuffing guard
            CHECK(w02["per_1000"].get<double>() == Approx(0.0));
            CHECK(hw["coverage"]["per_1000"].get<double>() == Approx(5000.0 / 80));
            // The kiosk's manager confirms the held rating: it counts, and so does its visit.
            store.put_records({audit(held, "2026-11-11T01:00:00Z", "flag_decision", {{"flag", "confirmed"}, {"note", "确有其事"}})});
            hw = windows();
            CHECK(hw["windows"][1]["month"]["coverage"]["visits_rated"] == 1);
            CHECK(hw["coverage"]["per_1000"].get<double>() == Approx(6000.0 / 80));
            // The overview: hall-01 with its figure, hall-02 without a feed (null: the page shows "—").
            auto ov = q.overview("", "2026-11", day("2026-11-30"));
            REQUIRE(ov["halls"].size() == 2);
            CHECK(ov["halls"][0]["this_month"]["coverage"]["per_1000"].get<double>() == Approx(75.0));
            CHECK(ov["halls"][0]["last_month"]["coverage"]["per_1000"].is_null());
            CHECK(ov["halls"][1]["hall_id"] == "hall-02");
            CHECK(ov["halls"][1]["this_month"]["coverage"]["per_1000"].is_null());
            CHECK(ov["halls"][1]["this_month"]["coverage"]["visits_rated"] == 0);
            CHECK(ov["halls"][1]["this_month"]["coverage"]["unticketed"] == 1);
            // The monthly 通报 CSV carries it: 75.0 for hall-01, empty for hall-02.
            std::ostringstream csv;
            q.report_csv("", "2026-11", day("2026-11-30"), csv);
            const auto table = parse_csv(csv.str());
            REQUIRE(table.size() >= 3);
            REQUIRE(table[0][15] == "coverage_per_1000");
            CHECK(table[1][1] == "hall-01");
            CHECK(table[1][15] == "75.0");
            CHECK(table[1][16] == "80");
            CHECK(table[2][1] == "hall-02");
            CHECK(table[2][15] == "");
            // Rebuilt from the records (the upgrade and the benchmark's load), the index is the same:
            // the rebuild keeps the served counts only the hub's feed relay knows.
            const auto before = index_dump(store);
            store.sql().transaction([](SqlConn& c) { rebuild_index(c); });
            CHECK(index_dump(store) == before);
        }
    }
}

// The export streams: RecordsCsv reads one keyset page per piece, so memory holds a page
// whatever the size of the set (asserted on the pages read, not on timings), and the bytes
// are the same whatever the page size. Over HTTP the body goes out chunked.
TEST_CASE("the records export streams a keyset page at a time, same bytes, BOM and formula guard", "[console]") {
    auto t = make_store("sqlite");
    auto& store = *t.store;
    std::vector<RecordRow> rows;
    for (int i = 0; i < 1234; ++i) {
        char at[32];
        std::snprintf(at, sizeof at, "2026-11-%02dT0%d:%02d:%02dZ", 1 + i % 28, 1 + i % 8, i % 60, (i * 7) % 60);
        const std::string text = i == 7 ? "=HYPERLINK(\"http://x\",\"点我\")" : i % 10 == 0 ? "排队\n太久, \"两小时\"" : "";
        rows.push_back(feedback("hall-0" + std::to_string(1 + i % 3), "w0" + std::to_string(1 + i % 4), i % 50 == 0 ? 1 : 5, at, "",
                                i % 50 == 0 ? Category::LongWait : Category::Praise, text));
    }
    store.put_records(rows);
    ConsoleQueries q(store, {});
    std::ostringstream whole;
    CHECK(q.records_csv({}, day("2026-11-30"), whole) == 1234);

    RecordsCsv csv(q, {}, day("2026-11-30"), 100);
    std::string streamed = csv.next();
    CHECK(streamed.rfind(std::string(kUtf8Bom) + "receipt,created_at,", 0) == 0);
    CHECK(csv.pages() == 1);  // the first piece read one page, not the set
    CHECK(csv.rows() == 100);
    for (int calls = 1; calls < 100; ++calls) {
        auto piece = csv.next();
        if (piece.empty()) break;
        CHECK(csv.pages() == calls + 1);  // one page per piece
        streamed += piece;
    }
    CHECK(csv.rows() == 1234);
    CHECK(csv.pages() == 13);
    CHECK(csv.largest_page() == 100);  // never more than a page in hand
    CHECK(streamed == whole.str());
    const auto table = parse_csv(streamed);
    REQUIRE(table.size() == 1235);
    int guarded = 0, multiline = 0;
    for (const auto& r : table) {
        if (r.back().rfind("'=HYPERLINK(", 0) == 0) ++guarded;
        if (r.back() == "排队\n太久, \"两小时\"") ++multiline;
    }
    CHECK(guarded == 1);
    CHECK(multiline == 124);

    // Over HTTP: chunked, no Content-Length, the same bytes; a bad filter is a 400 before any byte.
    ConsoleAuth auth(store.sql());
    auth.add_user("a", "centre-admin", "", "long-enough-pw");
    HubServer server(store, HubOptions{});
    ConsoleDeps deps{store, auth, q, {}};
    deps.options.web_dir = default_web_dir();
    add_console_routes(server.extra_routes(), deps);
    const int port = server.bind();
    std::thread th([&] { server.run(); });
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(30, 0);
    auto login = cli.Post("/console/api/login", R"({"user":"a","password":"long-enough-pw"})", "application/json");
    REQUIRE(login);
    REQUIRE(login->status == 200);
    const auto set_cookie = login->get_header_value("Set-Cookie");
    const httplib::Headers h = {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}};
    auto r = cli.Get("/console/api/records/export", h);
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Transfer-Encoding") == "chunked");
    CHECK_FALSE(r->has_header("Content-Length"));
    // The route's "today" is the hall's today (overdue flags depend on it).
    std::ostringstream now_whole;
    q.records_csv({}, *local_date_of(iso_utc(std::chrono::system_clock::now()), kUtcOffsetMinutes), now_whole);
    CHECK(r->body == now_whole.str());
    auto bad = cli.Get("/console/api/records/export?category=nope", h);
    REQUIRE(bad);
    CHECK(bad->status == 400);
    server.stop();
    th.join();
}

// One visit rated three times in one batch, the latest listed first, the earliest in the
// index's first 400-record chunk and the middle one in the second; an audit listed before its
// record: the index is the same as for the records pushed one at a time, and as a rebuild.
TEST_CASE("the feedback index: a batch settles its own visits as records pushed one by one would", "[console][one_visit]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto batch = make_store(backend);
            auto single = make_store(backend);
            std::vector<RecordRow> rows;
            auto held = ticketed("hall-05", "w02", 1, "2026-11-10T01:00:00Z", "A901", "k1", true);
            rows.push_back(audit(held, "2026-11-11T01:00:00Z", "flag_decision", {{"flag", "confirmed"}, {"note", "两位群众"}}));
            rows.push_back(held);
            for (int i = 0; i < 396; ++i) {
                char at[32], ticket[8];
                std::snprintf(at, sizeof at, "2026-11-10T%02d:%02d:00Z", 2 + i / 60, i % 60);
                std::snprintf(ticket, sizeof ticket, "B%03d", i);
                rows.push_back(ticketed("hall-05", i % 2 ? "w01" : "w02", 1 + i % 5, at, ticket, "k1"));
            }
            rows.push_back(ticketed("hall-05", "w01", 1, "2026-11-10T09:00:00Z", "A900", "k2"));  // the latest, first
            rows.push_back(ticketed("hall-05", "w01", 5, "2026-11-10T08:00:00Z", "A900", "k1"));  // the earliest: counts
            rows.push_back(ticketed("hall-05", "w01", 2, "2026-11-10T08:30:00Z", "A900", "k1"));  // record 401: 2nd chunk
            const auto outcomes = batch.store->put_records(rows);
            REQUIRE(outcomes.size() == rows.size());
            for (const auto& r : rows) single.store->put_records({r});
            const auto dump = index_dump(*batch.store);
            CHECK(dump == index_dump(*single.store));
            std::vector<std::string> counted;
            batch.store->sql().read([&](SqlConn& c) {
                c.query("SELECT rating FROM console_feedback WHERE visit_key LIKE '%|A900|%' AND is_repeat = 0", {},
                        [&](const SqlRow& r) { counted.push_back(r.text(0)); });
            });
            CHECK(counted == std::vector<std::string>{"5"});
            ConsoleQueries q(*batch.store, QueryOptions{});
            auto ov = q.overview("hall-05", "2026-11", day("2026-11-30"));
            CHECK(ov["halls"][0]["this_month"]["ratings"] == 398);  // 396 + A900 once + the confirmed 差评
            CHECK(ov["halls"][0]["this_month"]["repeats"] == 2);
            CHECK(ov["halls"][0]["this_month"]["flag_held"] == 0);
            batch.store->sql().transaction([](SqlConn& c) { rebuild_index(c); });
            CHECK(index_dump(*batch.store) == dump);
        }
    }
}
