// Manager mode through the finger path: the real App on the headless platform, driven by
// the label-tapping driver, as a hall manager would use it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/ids.h"
#include "manager/export.h"
#include "manager/pin.h"
#include "support/config_text.h"
#include "support/files.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;

namespace {

const char* kPin = "2468";

// The demo hall with a manager PIN, written to a file the Kiosk fixture loads.
struct ManagerKiosk {
    test::TempDir cfg_dir;
    std::unique_ptr<Kiosk> k;

    ManagerKiosk() { k = std::make_unique<Kiosk>(test::demo_config_with_pin(cfg_dir, kPin)); }

    // Feedback given an hour before the kiosk's clock, as citizens would have left it.
    std::string add(const std::string& window, Rating r, const std::string& phone = "", const std::string& text = "等了很久") {
        test::FeedbackSpec s;
        s.hall = k->config.hall.id;
        s.kiosk = k->config.kiosk.id;
        s.window = window;
        s.categories = {is_good_rating(r) ? Category::Praise : Category::Attitude};
        s.rating = r;
        s.text = text;
        s.phone = phone;
        const auto wall = std::chrono::system_clock::time_point(std::chrono::milliseconds(k->clock.wall_epoch_ms() - 3'600'000));
        s.created_at = iso_utc(wall);
        const Feedback f = test::make_record(s);
        k->app->feedback_store().insert(f);
        return f.uuid;
    }

    void open_pad() {
        k->hold("#manager.corner", 3200);
        REQUIRE(k->app->manager().active());
    }

    void enter(const std::string& pin) {
        for (char c : pin) k->tap(std::string("#pin.digit.") + c);
        k->tap("#manager.pin.ok");
    }

    void unlock() {
        open_pad();
        enter(kPin);
        REQUIRE(k->app->manager().unlocked());
    }

    // The list's counts come from a worker thread: draw frames until they are in (bounded).
    void settle() {
        for (int i = 0; i < 500 && k->app->manager().busy(); ++i) {
            k->driver->frame();
            if (k->app->manager().busy()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        REQUIRE_FALSE(k->app->manager().busy());
        k->driver->frames(2);
    }

    // The visible label of a widget found by key, empty when it is not drawn.
    std::string label(const std::string& key) const { return k->label(key); }
    bool shown(const std::string& key) const { return k->shown(key); }
    // A string of the kiosk's tables with its {0}, {1} filled in, in the kiosk's language.
    std::string text(const std::string& key, std::initializer_list<std::string> args) const {
        return k->app->strings().fmt(key, args);
    }
    std::string state_of(const std::string& uuid) {
        auto st = k->app->db().prepare("SELECT h.state FROM handling h JOIN feedback f ON f.id = h.feedback_id WHERE f.uuid = ?");
        st.bind(1, uuid);
        REQUIRE(st.step());
        return st.text(0);
    }
};

}  // namespace

TEST_CASE("a short touch on the corner does nothing; a long press opens the PIN pad", "[manager][ui]") {
    ManagerKiosk mk;
    mk.k->hold("#manager.corner", 800);
    CHECK_FALSE(mk.k->app->manager().active());
    mk.open_pad();
    CHECK(mk.shown("pin.digit.5"));
    mk.k->tap("#manager.pin.cancel");
    CHECK_FALSE(mk.k->app->manager().active());
    CHECK(mk.shown("home.guides"));
}

TEST_CASE("five wrong PINs lock the pad; after the lock the right PIN opens manager mode", "[manager][ui]") {
    ManagerKiosk mk;
    mk.open_pad();
    for (int i = 0; i < 4; ++i) mk.enter("1111");
    CHECK(mk.k->app->manager().pin().failures() == 4);
    CHECK(mk.label("manager.pin.ok").size() > 0);
    mk.enter("1111");
    CHECK(mk.k->app->manager().pin().failures() == 5);
    std::string err;
    // Locked: the keys are disabled and even the right PIN gets nowhere.
    CHECK_FALSE(mk.k->driver->tap("#pin.digit.2", err));
    // The pad's own message, with the lock's length: "locked, try again in 30 s".
    CHECK(mk.k->shows(mk.text("manager.pin.locked", {"30"})));
    CHECK_FALSE(mk.k->app->manager().unlocked());
    mk.k->driver->wait_ms(31'000);
    mk.enter(kPin);
    CHECK(mk.k->app->manager().unlocked());
    CHECK(mk.shown("manager.tab.list"));
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'login_failed'") == 4);
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'pin_locked'") == 1);
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'login'") == 1);
    CHECK(mk.k->count("SELECT COUNT(*) FROM outbox WHERE kind = 'audit'") == 6);
}

TEST_CASE("the list filters by window, with counts", "[manager][ui]") {
    ManagerKiosk mk;
    for (int i = 0; i < 3; ++i) mk.add("w01", Rating::VerySatisfied);
    mk.add("w02", Rating::Dissatisfied);
    mk.add("w02", Rating::Satisfied);
    mk.unlock();
    mk.settle();
    CHECK(mk.shown("manager.row.4"));
    CHECK(mk.k->shows("共 5 条"));
    mk.k->tap("#manager.filter.window");
    mk.k->tap("#manager.filter.window.w02");
    mk.settle();
    CHECK(mk.k->app->manager().list_state().filter.window_id == "w02");
    CHECK(mk.k->shows("共 2 条"));
    CHECK(mk.shown("manager.row.1"));
    CHECK_FALSE(mk.shown("manager.row.2"));
    // The state buttons count within the window: one 差評 in verification.
    mk.k->tap("#manager.filter.state");
    mk.settle();
    CHECK(mk.label("manager.filter.state.verifying").find("(1)") != std::string::npos);
    mk.k->tap("#manager.filter.state.verifying");
    mk.settle();
    CHECK(mk.k->shows("共 1 条"));
}

TEST_CASE("a 差評 goes through verification, the ledger, a call-back and closing", "[manager][ui]") {
    ManagerKiosk mk;
    const auto uuid = mk.add("w03", Rating::VeryDissatisfied, "13812341234", "窗口没人，等了半小时");
    mk.unlock();
    CHECK(mk.state_of(uuid) == "verifying");  // by itself, on the way in
    mk.k->tap("#manager.row.0");
    CHECK(mk.k->shows("138****1234"));  // masked until revealed
    mk.k->tap("#manager.action.ledger");
    mk.k->tap("#manager.ledger.list.limited");
    mk.k->tap("#manager.preset.measure.1");
    mk.k->tap("#manager.preset.responsible.2");
    mk.k->tap("#manager.ledger.save");
    CHECK(mk.state_of(uuid) == "fixing");
    mk.k->tap("#manager.to.answered");
    CHECK(mk.state_of(uuid) == "answered");
    // Named 差評: closing waits for the call-back.
    mk.k->tap("#manager.to.closed");
    CHECK(mk.state_of(uuid) == "answered");
    CHECK(mk.k->shows("实名差评须先回访"));
    mk.k->tap("#manager.action.callback");
    mk.k->tap("#manager.grade.satisfied");
    mk.k->tap("#manager.to.closed");
    CHECK(mk.state_of(uuid) == "closed");
    // The number, when the manager asks for it, and the asking is logged.
    mk.k->tap("#manager.detail.reveal_phone");
    CHECK(mk.k->shows("13812341234"));
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'reveal_phone'") == 1);
    CHECK(mk.k->count("SELECT COUNT(*) FROM ledger") == 1);
    CHECK(mk.k->count("SELECT COUNT(*) FROM callback WHERE reached = 1 AND grade = 'satisfied'") == 1);
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE target_uuid = '" + uuid + "'") == 5);  // ledger, answered, call-back, closed, reveal
}

TEST_CASE("an upheld appeal changes the satisfaction rate on the charts", "[manager][ui]") {
    ManagerKiosk mk;
    for (int i = 0; i < 3; ++i) mk.add("w01", Rating::Satisfied);
    const auto bad = mk.add("w01", Rating::VeryDissatisfied);
    mk.unlock();
    mk.k->tap("#manager.tab.charts");
    CHECK(mk.label("manager.charts.overall_rate") == mk.text("manager.charts.rate", {"75.0%", "4"}));
    mk.k->tap("#manager.tab.list");
    mk.k->tap("#manager.filter.rating");
    mk.k->tap("#manager.filter.bad_only");
    mk.k->tap("#manager.row.0");
    mk.k->tap("#manager.action.appeal");
    mk.k->tap("#manager.appeal.reason.malicious");
    mk.k->tap("#manager.preset.appeal.2");
    mk.k->tap("#manager.action.decide");
    mk.k->tap("#manager.appeal.uphold");
    CHECK(mk.k->count("SELECT excluded FROM handling h JOIN feedback f ON f.id = h.feedback_id WHERE f.uuid = '" + bad + "'") == 1);
    mk.k->tap("#manager.tab.charts");
    // 100 % of the 3 ratings left once the upheld one is taken out.
    CHECK(mk.label("manager.charts.overall_rate") == mk.text("manager.charts.rate", {"100.0%", "3"}));
    CHECK(mk.k->count("SELECT COUNT(*) FROM feedback") == 4);  // kept, only marked
}

TEST_CASE("exporting the list writes a CSV that reads back with its Chinese text", "[manager][ui]") {
    ManagerKiosk mk;
    mk.add("w05", Rating::Dissatisfied, "", "他说\"下班了\",让我明天再来");
    mk.add("w06", Rating::VerySatisfied);
    mk.unlock();
    mk.k->tap("#manager.tab.reports");
    const auto& folders = mk.k->app->manager().reports_state().folders;
    REQUIRE_FALSE(folders.empty());
    const std::string own = folders.back();  // the kiosk's own exports folder
    mk.k->tap("#manager.reports.folder." + std::to_string(folders.size() - 1));
    mk.k->tap("#manager.reports.feedback");
    const auto& res = mk.k->app->manager().reports_state();
    REQUIRE(res.result_ok);
    REQUIRE(res.result_lines.size() == 1);
    CHECK(res.result_lines[0].rfind(own, 0) == 0);
    const auto text = test::read_text(res.result_lines[0]);
    CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto rows = parse_csv(text);
    REQUIRE(rows.size() == 3);
    bool found = false;
    for (const auto& r : rows)
        if (r.size() > 10 && r[10] == "他说\"下班了\",让我明天再来") found = r[2] == "5號 司法局" && r[4] == "不满意";
    CHECK(found);
    mk.k->tap("#manager.reports.monthly_export");
    CHECK(mk.k->app->manager().reports_state().result_lines.size() == 2);
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'export'") == 2);
}

TEST_CASE("manager mode locks itself when left alone", "[manager][ui]") {
    ManagerKiosk mk;
    mk.unlock();
    mk.k->driver->wait_ms(mk.k->config.manager.lock_after_idle_s * 1000LL + 2000);
    mk.k->driver->frames(2);
    CHECK_FALSE(mk.k->app->manager().active());
    CHECK(mk.shown("home.guides"));
    CHECK(mk.k->count("SELECT COUNT(*) FROM audit WHERE action = 'lock'") == 1);
}


TEST_CASE("ratings the stuffing guard held are decided by tapping; the figures follow the decision", "[manager][ui][one_visit]") {
    ManagerKiosk mk;
    auto& k = *mk.k;
    const int n = k.config.feedback.burst_max_ratings;
    REQUIRE(n > 0);
    // A burst for w02 from this kiosk: the guard keeps every rating and flags those beyond n.
    for (int i = 0; i < n + 2; ++i) mk.add("w02", Rating::VerySatisfied, "", "");
    REQUIRE(k.count("SELECT COUNT(*) FROM feedback WHERE window_id = 'w02' AND flagged = 1") == 2);
    auto& store = k.app->manager().store();
    const auto day = local_date_of(iso_utc(std::chrono::system_clock::time_point(std::chrono::milliseconds(k.clock.wall_epoch_ms() - 3'600'000))),
                                   k.config.calendar.utc_offset_minutes);
    REQUIRE(day);
    const auto w02 = [&] { return store.satisfaction_by_window(format_date(*day), format_date(*day)).at("w02").overall.total; };
    CHECK(w02() == n);
    const auto held = store.flagged(true, 10);
    REQUIRE(held.size() == 2);

    mk.unlock();
    k.tap("#manager.tab.flags");
    CHECK(k.app->manager().screen_name() == "manager.flags");
    CHECK(mk.shown("manager.flags.confirm." + held[0].receipt));
    CHECK(mk.shown("manager.flags.reject." + held[1].receipt));

    k.tap("#manager.flags.confirm." + held[0].receipt);
    CHECK(mk.label("manager.flags.confirmed") == k.app->strings().tr("manager.flags.confirmed"));
    CHECK(w02() == n + 1);
    CHECK_FALSE(mk.shown("manager.flags.confirm." + held[0].receipt));  // decided: off the list

    k.tap("#manager.flags.reject." + held[1].receipt);
    CHECK(w02() == n + 1);  // stuffing stays out, and is kept
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE window_id = 'w02'") == n + 2);
    CHECK(k.count("SELECT COUNT(*) FROM audit WHERE action = 'flag_decision'") == 2);
    CHECK(mk.shown("manager.flags.none"));
}
