// A demo day's coverage table (issue 20), not a test: the demo hall's queue simulator runs a
// day (08:30-17:30 local), citizens rate some of the visits they were called for (some twice,
// some without a ticket), one kiosk sees a burst at one window; everything goes through the
// kiosk store's rules (FeedbackStore with the config's guard) and the table is the store's
// coverage query, printed with coverage_table_text.
//
//   one_visit_demo [CONFIG]   (default: the demo hall's config)
#include <cstdio>
#include <random>

#include "config/config.h"
#include "core/ids.h"
#include "core/queue.h"
#include "manager/export.h"
#include "store/feedback_store.h"
#include "store/manager_store.h"
#include "store/migrations.h"
#include "support/temp_dir.h"

using namespace hall;

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : std::string(HALL_TEST_CONFIG) + "/demo-hall.toml";
    const auto cfg = load_config_file(path);
    if (!cfg.ok()) {
        for (const auto& e : cfg.errors) std::fprintf(stderr, "%s\n", e.c_str());
        return 2;
    }
    const Config& c = cfg.config;
    test::TempDir dir;
    Db db(dir.file("demo.sqlite"));
    migrate(db);
    FeedbackStore store(db, RatingGuard{c.feedback.burst_max_ratings, c.feedback.burst_minutes});

    // 2026-11-10 08:30 local (UTC+8) = 00:30 UTC; the simulator's source clock starts at 0.
    const std::int64_t open_wall = 1'794'270'600'000;
    QueueSimulator sim(c.hall, 20261110u, 0);
    sim.set_wall_clock(open_wall, c.calendar.utc_offset_minutes);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    std::size_t seen = 0;
    int ratings = 0;
    const auto rate = [&](const std::string& ticket, const std::string& window, const std::string& called_at, std::int64_t at_ms) {
        FeedbackDraft d;
        d.window_id = window;
        d.overall = u(rng) < 0.9 ? Rating::VerySatisfied : u(rng) < 0.5 ? Rating::Basic : Rating::Dissatisfied;
        d.categories = {*d.overall >= Rating::Satisfied ? Category::Praise : Category::LongWait};
        d.ticket = ticket;
        d.called_at = called_at;
        const std::string uuid = new_uuid();
        const auto created = iso_utc(std::chrono::system_clock::time_point(std::chrono::milliseconds(open_wall + at_ms)));
        store.insert(make_feedback(d, c.hall.id, c.kiosk.id, "zh-Hans", uuid, receipt_from_uuid(uuid), created, "2026-11-10"));
        ++ratings;
    };
    // Nine hours, a minute at a time: each citizen called may walk to the kiosk a few minutes later.
    for (std::int64_t t = 60'000; t <= 9 * 3'600'000; t += 60'000) {
        sim.poll(t);
        const auto& q = sim.snapshot();
        for (; seen < q.day_calls.size(); ++seen) {
            const CallEvent& call = q.day_calls[seen];
            const std::int64_t at = t + 5 * 60'000;
            if (u(rng) < 0.30) {
                rate(call.ticket, call.window_id, call.called_at, at);
                if (u(rng) < 0.08) rate(call.ticket, call.window_id, call.called_at, at + 60'000);  // the same visit again
            } else if (u(rng) < 0.06) {
                rate("", call.window_id, "", at);  // rated without the ticket
            }
        }
        if (t == 6 * 3'600'000)  // 14:30: someone taps w03's 非常滿意 eight times in two minutes
            for (int i = 0; i < 8; ++i) rate("", "w03", "", t + i * 15'000);
        store.note_served(q.day, served_by_window(q));
    }
    const auto rows = store.coverage("2026-11-10", "2026-11-10");
    std::printf("Demo day 2026-11-10, %s, kiosk %s: %d ratings; guard: more than %d per window within %d min flagged\n\n",
                c.hall.id.c_str(), c.kiosk.id.c_str(), ratings, c.feedback.burst_max_ratings, c.feedback.burst_minutes);
    std::fputs(coverage_table_text(rows, c.hall).c_str(), stdout);
    std::puts("\nserved: tickets called and not missed (queue feed); rated: first ratings with a ticket, counted;\n"
              "no-ticket: counted ratings without a ticket; repeats: same visit again (kept, not counted);\n"
              "held: flagged by the stuffing guard, out of the figures until a manager confirms.");
    return 0;
}
