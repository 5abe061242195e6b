// SQLite-style fault simulation (STYLE.md points 5 and 12, after SQLite's do_faultsim_test):
// for the feedback commit, two manager actions and the content import, fail the 1st, 2nd,
// ... Nth write or sync until no fault fires. After each: the commit happened whole or not
// at all (as this connection sees it and as a fresh one sees it after "restart"),
// PRAGMA integrity_check is ok, and the store still takes the next write.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <iostream>

#include "fault_vfs.h"
#include "manager/manager_test_support.h"
#include "store/guide_store.h"
#include "store/outbox.h"

using namespace hall;
using hall::test::FaultVfs;

namespace {

std::int64_t scalar(Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE(st.step());
    return st.i64(0);
}

std::string integrity(Db& db) {
    auto st = db.prepare("PRAGMA integrity_check");
    REQUIRE(st.step());
    return st.text(0);
}

struct FaultCounts {
    int runs = 0;         // faults injected (the 1st ... Nth write failed)
    int refused = 0;      // the operation reported the failure (nothing committed)
    int committed = 0;    // the operation still committed (the fault hit after the commit point)
};

// Runs body once per n = 1, 2, ... on a fresh copy of `base`, failing its nth write or sync.
// body returns true when it reported success. check(db, ok) asserts the store's state.
FaultCounts faultsim(const std::string& name, const std::string& base, const std::function<bool(Db&)>& body,
                     const std::function<void(Db&, bool)>& check, const std::function<void(Db&)>& next_write) {
    namespace fs = std::filesystem;
    auto& vfs = FaultVfs::install();
    FaultCounts counts;
    const std::string work = base + ".work";
    // Transient (one write fails) and persistent (that write and every later one fail), as
    // SQLite's own fault tests do.
    for (const bool persist : {false, true})
    for (int n = 1; n < 5000; ++n) {
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(work + ext);
        fs::copy_file(base, work);
        bool ok = false;
        {
            Db db(work);
            vfs.arm(n, persist);
            try {
                ok = body(db);
            } catch (const StoreError&) {
                ok = false;
            }
            const bool fired = vfs.fired();
            vfs.disarm();
            if (!fired) {
                INFO(name << ": no fault fired at write " << n << (persist ? " (persistent)" : ""));
                check(db, ok);
                REQUIRE(ok);
                break;
            }
            ++counts.runs;
            ok ? ++counts.committed : ++counts.refused;
            INFO(name << ": write " << n << (persist ? " and every later one" : "") << " failed, operation "
                      << (ok ? "committed" : "refused"));
            REQUIRE(integrity(db) == "ok");
            check(db, ok);
            next_write(db);  // the store is still usable
            check(db, ok);
        }
        Db reopened(work);  // after a restart: the same answer, from the file alone
        INFO(name << ": write " << n << ", reopened");
        REQUIRE(integrity(reopened) == "ok");
        check(reopened, ok);
    }
    std::cout << "faultsim " << name << ": " << counts.runs << " runs (each write failed in turn, once and persistently), " << counts.refused << " refused whole, "
              << counts.committed << " committed whole, 0 inconsistent\n";
    return counts;
}

// A migrated store with a few records, checkpointed into one file.
std::string make_base(test::TempDir& dir, const std::function<void(Db&)>& fill = {}) {
    const std::string path = dir.file("base.sqlite");
    Db db(path);
    migrate(db);
    FeedbackStore fs(db);
    for (int i = 0; i < 20; ++i) {
        test::FeedbackSpec s;
        s.created_at = "2026-11-1" + std::to_string(i % 10) + "T02:00:00Z";
        fs.insert(test::make_record(s));
    }
    if (fill) fill(db);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return path;
}

void insert_one_more(Db& db) {
    test::FeedbackSpec s;
    s.text = "after the fault";
    FeedbackStore(db).insert(test::make_record(s));
}

}  // namespace

TEST_CASE("faultsim: a feedback commit is whole or absent whichever write fails", "[durability][faultsim]") {
    test::TempDir dir;
    const std::string base = make_base(dir);
    test::FeedbackSpec spec;
    spec.categories = {Category::Attitude, Category::LongWait};
    spec.phone = "13800138000";
    const Feedback f = test::make_record(spec);
    const auto counts = faultsim(
        "feedback commit", base,
        [&](Db& db) {
            FeedbackStore(db).insert(f);
            return true;
        },
        [&](Db& db, bool ok) {
            const auto rows = scalar(db, "SELECT COUNT(*) FROM feedback WHERE uuid = '" + f.uuid + "'");
            CHECK(rows == (ok ? 1 : 0));
            CHECK(scalar(db, "SELECT COUNT(*) FROM outbox WHERE uuid = '" + f.uuid + "'") == rows);
            CHECK(scalar(db, "SELECT COUNT(*) FROM feedback_category c JOIN feedback f ON f.id = c.feedback_id WHERE f.uuid = '" +
                                 f.uuid + "'") == rows * 2);
            CHECK(scalar(db, "SELECT COUNT(*) FROM handling h JOIN feedback f ON f.id = h.feedback_id WHERE f.uuid = '" + f.uuid +
                                 "'") == rows);
        },
        insert_one_more);
    CHECK(counts.runs >= 2);
}

TEST_CASE("faultsim: manager actions are whole or absent whichever write fails", "[durability][faultsim]") {
    test::TempDir dir;
    std::string target;
    const std::string base = make_base(dir, [&](Db& db) {
        test::FeedbackSpec s;
        s.rating = Rating::VeryDissatisfied;  // a named 差評: in verification, to be called back
        s.phone = "13800138000";
        const Feedback f = test::make_record(s);
        FeedbackStore(db).insert(f);
        target = f.uuid;
        ManagerContext ctx;
        ctx.now = [] { return std::string("2026-11-20T02:00:00Z"); };
        LedgerEntry e;
        e.measure = "谈话提醒";
        e.responsible = "科长";
        REQUIRE(ManagerStore(db, ctx).put_in_ledger(target, e).ok);  // now fixing: call-backs allowed
    });
    auto manager = [](Db& db) {
        ManagerContext ctx;
        ctx.hall_id = "demo-district";
        ctx.kiosk_id = "kiosk-01";
        ctx.now = [] { return std::string("2026-11-25T02:00:00Z"); };
        return ManagerStore(db, ctx);
    };
    auto audit_rows = [&](Db& db) {
        return scalar(db, "SELECT COUNT(*) FROM audit WHERE target_uuid = '" + target + "'");
    };
    auto synced_audits = [&](Db& db) {
        return scalar(db, "SELECT COUNT(*) FROM outbox o JOIN audit a ON a.uuid = o.uuid WHERE a.target_uuid = '" + target + "'");
    };
    const auto move = faultsim(
        "manager move", base,
        [&](Db& db) { return manager(db).move(target, HandlingState::Answered).ok; },
        [&](Db& db, bool ok) {
            auto st = db.prepare("SELECT h.state FROM handling h JOIN feedback f ON f.id = h.feedback_id WHERE f.uuid = ?");
            st.bind(1, target);
            REQUIRE(st.step());
            CHECK(st.text(0) == (ok ? "answered" : "fixing"));
            CHECK(audit_rows(db) == (ok ? 2 : 1));  // the ledger entry's, and the move's
            CHECK(synced_audits(db) == audit_rows(db));
        },
        insert_one_more);
    CHECK(move.runs >= 2);
    const auto callback = faultsim(
        "manager call-back", base,
        [&](Db& db) {
            CallbackAttempt a;
            a.reached = true;
            a.grade = CallbackGrade::Satisfied;
            a.who = "manager";
            return manager(db).record_callback(target, a).ok;
        },
        [&](Db& db, bool ok) {
            CHECK(scalar(db, "SELECT COUNT(*) FROM callback c JOIN feedback f ON f.id = c.feedback_id WHERE f.uuid = '" + target +
                                 "'") == (ok ? 1 : 0));
            CHECK(audit_rows(db) == (ok ? 2 : 1));
            CHECK(synced_audits(db) == audit_rows(db));
        },
        insert_one_more);
    CHECK(callback.runs >= 2);
}

TEST_CASE("faultsim: a content import keeps the old content or holds the new one whole", "[durability][faultsim]") {
    test::TempDir dir;
    const std::string base = make_base(dir, [](Db& db) { REQUIRE(GuideStore(db).import(bundle_to_json(test::sample_bundle("2026.1"))).ok); });
    ContentBundle next = test::sample_bundle("2026.2");
    next.guides.push_back(test::sample_guide("G-004", test::tx("出入境证件办理", "出入境證件辦理", "Travel documents")));
    const std::string text = bundle_to_json(next);
    const auto counts = faultsim(
        "content import", base, [&](Db& db) { return GuideStore(db).import(text).ok; },
        [&](Db& db, bool ok) {
            GuideStore guides(db);
            const auto held = guides.load();
            REQUIRE(held);
            CHECK(held->version == (ok ? "2026.2" : "2026.1"));
            CHECK(held->guides.size() == (ok ? 4u : 3u));
            // The search index follows the content it belongs to.
            CHECK(guides.search("出入境证件").size() == (ok ? 1u : 0u));
            CHECK(guides.search("居民身份证").size() == 1u);
        },
        insert_one_more);
    CHECK(counts.runs >= 2);
}
