#pragma once
// A migrated store with a fixed clock and helpers to add feedback at chosen times.
#include <memory>
#include <string>

#include "core/ids.h"
#include "support/feedback.h"
#include "support/fixtures.h"
#include "support/query.h"
#include "store/feedback_store.h"
#include "store/manager_store.h"
#include "store/migrations.h"

namespace hall::test {

// The 2026 National Day calendar, local time UTC+8, and a clock the test moves.
struct ManagerFixture {
    TempDir dir;
    std::unique_ptr<Db> db;
    std::shared_ptr<std::string> clock = std::make_shared<std::string>("2026-11-25T02:00:00Z");
    std::unique_ptr<ManagerStore> store;

    ManagerFixture() {
        db = std::make_unique<Db>(dir.file("kiosk.sqlite"));
        migrate(*db);
        ManagerContext ctx;
        ctx.hall_id = "demo-district";
        ctx.kiosk_id = "kiosk-01";
        ctx.calendar = WorkCalendar::from_strings(
            {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"}, {"2026-10-10"});
        ctx.utc_offset_minutes = 480;
        ctx.bad_rating_deadline_days = 15;
        ctx.ledger_days = {1, 15, 60};
        auto c = clock;
        ctx.now = [c] { return *c; };
        store = std::make_unique<ManagerStore>(*db, ctx);
    }

    // Records without a time are given 10 Nov 2026, 10:00 in the hall (the month most tests read).
    std::string add(FeedbackSpec s) {
        if (s.created_at.empty()) s.created_at = "2026-11-10T02:00:00Z";
        const Feedback f = make_record(s);
        FeedbackStore(*db).insert(f);
        return f.uuid;
    }

    std::int64_t scalar(const std::string& sql) { return test::scalar(*db, sql); }
};

}  // namespace hall::test
