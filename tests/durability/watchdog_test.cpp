// The watchdog: the store goes bad under a running kiosk (every write fails, as on storage
// that turned read-only; then pages read back damaged). The kiosk keeps serving guides and
// the queue board, says in words that feedback cannot be saved and keeps the form, and the
// manager's PIN pad says why it cannot open instead of taking the process down.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "fault_vfs.h"
#include "manager/pin.h"
#include "support/kiosk_fixture.h"
#include "support/config_text.h"

using namespace hall;
using hall::test::FaultVfs;
using hall::test::Kiosk;
using ui::Screen;

namespace {

void fill_feedback_form(Kiosk& k) {
    k.tap("#home.feedback");
    k.tap("#feedback.window.w03");
    k.tap("#feedback.next");
    k.tap("#category.long_wait");
    k.tap("#feedback.next");
    k.tap("#rate.overall.very_dissatisfied");
    k.tap("#feedback.next");
    k.tap("#feedback.next");
    REQUIRE(k.app->feedback_state().step == ui::FeedbackStep::Review);
}

// Guides (list, search, detail) and the queue board, all still there.
void serves_guides_and_queue(Kiosk& k, bool search_works) {
    k.tap("#home.guides");
    REQUIRE(k.app->screen() == Screen::Guides);
    k.tap("#dept.public_security");
    CHECK(k.app->guides_state().results.size() >= 3);
    k.tap("#guides.search");
    k.driver->type("身份证");
    CHECK(k.app->guides_state().results.empty() == !search_works);
    k.tap("#key.done");
    k.tap("#common.home");
    k.tap("#home.guides");
    k.tap("#dept.public_security");
    k.tap("居民身份证换领");
    REQUIRE(k.app->screen() == Screen::GuideDetail);
    CHECK(k.shows("申请材料（请一次带齐）"));
    k.tap("#common.home");
    k.tap("#home.queue");
    REQUIRE(k.app->screen() == Screen::Queue);
    CHECK(k.shows("#queue.window.w07"));
    k.tap("#common.home");
}

std::string config_with_pin(test::TempDir& dir, const std::string& pin) {
    return test::demo_config_with_pin(dir, pin);
}

}  // namespace

TEST_CASE("watchdog: storage fails mid-run, the kiosk serves guides and the queue and says feedback cannot be saved",
          "[durability][watchdog]") {
    auto& vfs = FaultVfs::install();  // before the kiosk opens its store
    struct Disarm {
        FaultVfs& v;
        ~Disarm() { v.disarm(); }  // also when an assertion ends the test early
    } disarm{vfs};
    test::TempDir cfg;
    Kiosk k(config_with_pin(cfg, "2468"));
    std::string err;

    SECTION("every write fails") {
        fill_feedback_form(k);
        vfs.fail_all_writes(true);
        const auto before = k.count("SELECT COUNT(*) FROM feedback");
        k.tap("#feedback.submit");
        CHECK(k.app->screen() == Screen::Feedback);
        CHECK(k.app->feedback_state().store_error_key == "feedback.error.store");
        CHECK(k.shows(k.app->strings().tr("feedback.error.store")));
        CHECK(k.app->feedback_state().draft.window_id == "w03");  // the form is kept
        CHECK(k.count("SELECT COUNT(*) FROM feedback") == before);
        k.tap("#common.home");
        serves_guides_and_queue(k, true);

        // The manager's PIN pad: the PIN checks out but the store cannot record the login.
        k.hold("#manager.corner", 3200);
        for (char c : std::string("2468")) k.tap(std::string("#pin.digit.") + c);
        k.tap("#manager.pin.ok");
        CHECK(k.app->manager().active());
        CHECK_FALSE(k.app->manager().unlocked());
        CHECK(k.app->manager().store_error_key() == "store.error.other");
        CHECK(k.shows(k.app->strings().tr("manager.store_error") + " " + k.app->strings().tr("store.error.other")));
        k.tap("#manager.pin.cancel");
        CHECK_FALSE(k.app->manager().active());

        // The storage comes back: the same kiosk takes the complaint.
        vfs.disarm();
        fill_feedback_form(k);
        k.tap("#feedback.submit");
        CHECK(k.app->screen() == Screen::Thanks);
        CHECK(k.count("SELECT COUNT(*) FROM feedback") == before + 1);
    }

    SECTION("a damaged page under the open manager screens") {
        k.hold("#manager.corner", 3200);
        for (char c : std::string("2468")) k.tap(std::string("#pin.digit.") + c);
        k.tap("#manager.pin.ok");
        REQUIRE(k.app->manager().unlocked());
        k.app->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        vfs.corrupt_reads(true);
        sqlite3_db_release_memory(k.app->db().raw());
        // Each tab reads the store mid-frame (tables, child windows): the frame is unwound,
        // the manager told, the tabs and the lock still work.
        for (const char* tab : {"#manager.tab.ledger", "#manager.tab.charts", "#manager.tab.sync", "#manager.tab.rejected"}) {
            INFO(tab);
            k.tap(tab);
            k.driver->frames(2);
            CHECK(k.app->manager().store_error_key() == "store.error.corrupt");
        }
        k.tap("#manager.lock");
        CHECK_FALSE(k.app->manager().active());
        vfs.disarm();
        sqlite3_db_release_memory(k.app->db().raw());
        serves_guides_and_queue(k, true);
    }

    SECTION("a damaged page") {
        k.app->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        vfs.corrupt_reads(true);
        vfs.fail_all_writes(true);
        sqlite3_db_release_memory(k.app->db().raw());  // the next reads reach the damaged file
        serves_guides_and_queue(k, false);
        fill_feedback_form(k);
        k.tap("#feedback.submit");
        CHECK(k.app->screen() == Screen::Feedback);
        CHECK_FALSE(k.app->feedback_state().store_error_key.empty());
        CHECK(k.shows(k.app->strings().tr(k.app->feedback_state().store_error_key)));
        k.tap("#common.home");
        // The manager list cannot be read: the manager is told, the kiosk goes on.
        k.hold("#manager.corner", 3200);
        // The lockout cannot be read: the keys stay off, the reason and Cancel are shown.
        CHECK(k.app->manager().store_error_key() == "store.error.corrupt");
        CHECK(k.shows(k.app->strings().tr("manager.store_error") + " " + k.app->strings().tr("store.error.corrupt")));
        CHECK_FALSE(k.driver->tap("#pin.digit.2", err));  // the driver refuses a disabled key
        CHECK_FALSE(k.app->manager().unlocked());
        k.tap("#manager.pin.cancel");
        CHECK_FALSE(k.app->manager().active());
        CHECK(k.app->screen() == Screen::Home);
    }
}
