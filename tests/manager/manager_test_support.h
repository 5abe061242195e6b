#pragma once
// A migrated store with a fixed clock and helpers to add feedback at chosen times.
#include <memory>
#include <string>

#include "core/ids.h"
#include "fixtures.h"
#include "store/feedback_store.h"
#include "store/manager_store.h"
#include "store/migrations.h"

namespace hall::test {

struct FeedbackSpec {
    std::string created_at = "2026-11-10T02:00:00Z";
    std::string window = "w01";
    Rating rating = Rating::Dissatisfied;
    std::vector<Category> categories{Category::Attitude};
    std::string phone;
    std::string text = "窗口工作人员态度冷漠";
    std::array<std::optional<Rating>, kIndicatorCount> indicators{};
};

inline Feedback make_record(const FeedbackSpec& s) {
    FeedbackDraft d;
    d.window_id = s.window;
    d.categories = s.categories;
    d.overall = s.rating;
    d.indicators = s.indicators;
    d.text = s.text;
    d.anonymous = s.phone.empty();
    d.phone = s.phone;
    const std::string uuid = new_uuid();
    return make_feedback(d, "demo-district", "kiosk-01", "zh-Hans", uuid, receipt_from_uuid(uuid), s.created_at);
}

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

    std::string add(const FeedbackSpec& s) {
        const Feedback f = make_record(s);
        FeedbackStore(*db).insert(f);
        return f.uuid;
    }

    std::int64_t scalar(const std::string& sql) {
        auto st = db->prepare(sql);
        st.step();
        return st.i64(0);
    }
};

}  // namespace hall::test
