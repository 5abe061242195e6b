// Manager-mode store benchmark: 100,000 feedback records, then what the manager screens do
// per frame: scroll the list (pager rows for the visible range), change a filter (count,
// state counts, first page), jump with the scrollbar, draw the charts, build the report.
// Prints `name value unit` lines. Not a ctest test.
//
//   manager_bench [--quick] [--rows N] [--db FILE]
//     --db FILE  use an existing kiosk database (e.g. after `hall-kiosk demo-data --feedback 100000`),
//                read-only; a new or empty FILE is filled and kept
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/ids.h"
#include "manager/export.h"
#include "manager/feedback_pager.h"
#include "store/feedback_store.h"
#include "store/manager_store.h"
#include "store/migrations.h"

using namespace hall;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of this thread: what a frame costs the kiosk, whatever else the machine is doing.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

void print(const char* name, double v, const char* unit) { std::printf("%s %.3f %s\n", name, v, unit); }

struct Stats {
    std::vector<double> v;
    void add(double x) { v.push_back(x); }
    double pct(double p) {
        if (v.empty()) return 0;
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
    }
    double max() { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }
};

// A plausible hall: mostly content citizens, a tail of 差評, a third leaving a phone number.
void fill(Db& db, int rows) {
    std::mt19937 rng(42);
    const auto now = std::chrono::system_clock::now();
    std::uniform_int_distribution<int> window(1, 11), seconds(0, 180 * 86400), pct(0, 99), cat(0, kCategoryCount - 2);
    // One transaction and raw inserts, as a bulk demo-data load would do; the schema's
    // trigger still puts each record into handling.
    db.exec("PRAGMA cache_size = -262144");  // random-time index inserts need the index in memory
    Tx tx(db);
    auto ins = db.prepare(
        "INSERT INTO feedback(uuid, receipt, created_at, hall_id, kiosk_id, window_id, categories, rating, rating_attitude, "
        "text, phone, lang) VALUES(?, ?, ?, 'demo-district', 'kiosk-01', ?, ?, ?, ?, ?, ?, 'zh-Hans')");
    auto cat_ins = db.prepare("INSERT INTO feedback_category(feedback_id, category) VALUES(?, ?)");
    for (int i = 0; i < rows; ++i) {
        FeedbackDraft d;
        char w[8];
        std::snprintf(w, sizeof w, "w%02d", window(rng));
        d.window_id = w;
        const int p = pct(rng);
        d.overall = p < 55 ? Rating::VerySatisfied : p < 80 ? Rating::Satisfied : p < 90 ? Rating::Basic : p < 96 ? Rating::Dissatisfied
                                                                                                               : Rating::VeryDissatisfied;
        d.categories = {is_good_rating(*d.overall) && pct(rng) < 60 ? Category::Praise : static_cast<Category>(cat(rng))};
        if (pct(rng) < 30) d.categories.push_back(static_cast<Category>(cat(rng)));
        std::sort(d.categories.begin(), d.categories.end());
        d.categories.erase(std::unique(d.categories.begin(), d.categories.end()), d.categories.end());
        const bool attitude = pct(rng) < 50;
        const std::string phone = pct(rng) < 30 ? "138" + std::to_string(10000000 + i) : "";
        const std::string uuid = new_uuid();
        const auto at = iso_utc(now - std::chrono::seconds(seconds(rng)));
        ins.bind(1, uuid).bind(2, receipt_from_uuid(uuid)).bind(3, at).bind(4, d.window_id).bind(5, categories_to_csv(d.categories))
            .bind(6, static_cast<int>(*d.overall)).bind_opt(7, attitude ? std::optional<int>(static_cast<int>(*d.overall)) : std::nullopt)
            .bind(8, "窗口工作人员态度一般，等候时间较长，希望增加窗口。").bind(9, phone);
        ins.run();
        ins.reset();
        const auto id = db.last_insert_id();
        for (Category c : d.categories) {
            cat_ins.bind(1, id).bind(2, category_key(c));
            cat_ins.run();
            cat_ins.reset();
        }
    }
    // A hall that has been working: older 差評 handled, some in the ledger, some overdue.
    db.exec("UPDATE handling SET state = 'closed', closed_at = created_at WHERE rating <= 2 AND feedback_id % 4 = 0");
    db.exec("UPDATE handling SET state = 'answered' WHERE rating <= 2 AND feedback_id % 4 = 1");
    db.exec("INSERT INTO ledger(feedback_id, list, measure, responsible, deadline, created_at, updated_at) "
            "SELECT feedback_id, 'limited', '整改', '责任人', date(created_at, '+21 days'), created_at, created_at "
            "FROM handling WHERE rating <= 2 AND feedback_id % 4 = 2");
    db.exec("UPDATE handling SET state = 'fixing', ledger_deadline = date(created_at, '+21 days') "
            "WHERE rating <= 2 AND feedback_id % 4 = 2");
    db.exec("UPDATE handling SET state = 'closed', closed_at = created_at WHERE rating > 2 AND feedback_id % 3 = 0");
    tx.commit();
    db.exec("PRAGMA cache_size = -2000");  // back to SQLite's default for the measurements
    // No ANALYZE: a kiosk database never gets one, so the plans measured are the plans it runs.
}

}  // namespace

int main(int argc, char** argv) {
    bool quick = false;
    int rows = 100000;
    std::string db_path;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--rows") && i + 1 < argc) rows = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db_path = argv[++i];
        else {
            std::fprintf(stderr, "usage: manager_bench [--quick] [--rows N] [--db FILE]\n");
            return 2;
        }
    }
    namespace fs = std::filesystem;
    const fs::path tmp = fs::temp_directory_path() / ("hall-manager-bench-" + new_uuid().substr(0, 8));
    fs::create_directories(tmp);
    const bool own_db = db_path.empty();
    bool rows_given = false;
    for (int i = 1; i < argc; ++i) rows_given |= !std::strcmp(argv[i], "--rows");
    // --quick keeps the run under a minute on a busy 2-core machine, where filling 100,000
    // records alone takes most of it; the full run (and --db) measures 100,000.
    if (quick && !rows_given && own_db) rows = 30000;
    if (own_db) db_path = (tmp / "kiosk.sqlite").string();
    int rc = 0;
    try {
        Db db(db_path);
        migrate(db);
        // An empty database (ours, or a new file named with --db) is filled first.
        const bool empty = FeedbackStore(db).count() == 0;
        if (empty) {
            const auto t0 = Clock::now();
            fill(db, rows);
            print("fill_seconds", ms_since(t0) / 1000.0, "s");
        }
        ManagerContext ctx;
        ctx.hall_id = "demo-district";
        ctx.kiosk_id = "kiosk-01";
        ManagerStore store(db, ctx);
        print("records", static_cast<double>(FeedbackStore(db).count()), "rows");

        // Scrolling: a frame shows ~30 rows; a finger flick moves 0-40 rows a frame.
        FeedbackPager pager(store);
        pager.set_filter({});
        const int frames = quick ? 3000 : 20000;
        Stats scroll, scroll_wall;
        std::int64_t first = 0;
        for (int f = 0; f < frames; ++f) {
            first = (first + 1 + f % 40) % std::max<std::int64_t>(1, pager.size() - 30);
            const auto t0 = Clock::now();
            const double c0 = cpu_ms();
            pager.want(first, first + 30);
            for (std::int64_t i = first; i < first + 30; ++i) (void)pager.row(i);
            scroll.add(cpu_ms() - c0);
            scroll_wall.add(ms_since(t0));
        }
        print("scroll_frame_cpu_p50", scroll.pct(0.5), "ms");
        print("scroll_frame_cpu_p99", scroll.pct(0.99), "ms");
        print("scroll_frame_cpu_max", scroll.max(), "ms");
        print("scroll_frame_wall_p99", scroll_wall.pct(0.99), "ms");

        // Scrollbar jumps anywhere: one OFFSET page read.
        Stats jump;
        std::mt19937 rng(7);
        for (int j = 0; j < (quick ? 50 : 300); ++j) {
            FeedbackPager fresh(store);
            fresh.set_filter({});
            std::uniform_int_distribution<std::int64_t> at(0, std::max<std::int64_t>(0, fresh.size() - 31));
            const auto to = at(rng);
            const double c0 = cpu_ms();
            fresh.want(to, to + 30);
            jump.add(cpu_ms() - c0);
        }
        print("jump_frame_cpu_p50", jump.pct(0.5), "ms");
        print("jump_frame_cpu_max", jump.max(), "ms");

        // Changing a filter: count + state counts + the first screen of rows.
        struct Named {
            const char* name;
            FeedbackFilter f;
        };
        std::vector<Named> filters;
        filters.push_back({"none", {}});
        FeedbackFilter f;
        f.window_id = "w05";
        filters.push_back({"window", f});
        f = {};
        f.category = Category::Attitude;
        filters.push_back({"category", f});
        f = {};
        f.bad_only = true;
        filters.push_back({"bad_only", f});
        f = {};
        f.rating = Rating::Basic;
        filters.push_back({"rating", f});
        f = {};
        f.state = HandlingState::Verifying;
        filters.push_back({"state", f});
        f = {};
        f.overdue_only = true;
        filters.push_back({"overdue", f});
        const std::string today = format_date(store.today());
        f = {};
        f.from_date = format_date(store.today() - std::chrono::days(7));
        f.to_date = today;
        filters.push_back({"last_7_days", f});
        f.window_id = "w03";
        f.bad_only = true;
        filters.push_back({"week_window_bad", f});
        for (auto& nf : filters) {
            Stats s, c;
            for (int r = 0; r < (quick ? 3 : 10); ++r) {
                double c0 = cpu_ms();
                FeedbackPager p(store);
                p.set_filter(nf.f);
                p.want(0, 30);
                s.add(cpu_ms() - c0);
                c0 = cpu_ms();
                (void)store.state_counts(nf.f);
                c.add(cpu_ms() - c0);
            }
            const std::string name = std::string("filter_") + nf.name;
            print((name + "_list_cpu").c_str(), s.pct(0.5), "ms");
            print((name + "_state_counts_cpu").c_str(), c.pct(0.5), "ms");
        }

        // Charts and report.
        const std::string from30 = format_date(store.today() - std::chrono::days(29));
        const auto timed = [](const char* name, const std::function<void()>& fn) {
            const auto t0 = Clock::now();
            const double c0 = cpu_ms();
            fn();
            print((std::string(name) + "_cpu").c_str(), cpu_ms() - c0, "ms");
            print((std::string(name) + "_wall").c_str(), ms_since(t0), "ms");
        };
        timed("chart_by_window", [&] { (void)store.counts_by_window(from30, today); });
        timed("chart_by_category", [&] { (void)store.counts_by_category(from30, today); });
        timed("chart_by_day", [&] { (void)store.counts_by_day(from30, today); });
        timed("chart_satisfaction", [&] { (void)store.satisfaction_by_window(from30, today); });
        const std::string month = today.substr(0, 7);
        timed("monthly_report", [&] { (void)store.monthly_report(month); });
        auto t0 = Clock::now();

        // Detail and one audited action.
        const auto uuid = pager.row(0)->uuid;
        t0 = Clock::now();
        (void)store.detail(uuid);
        print("detail", ms_since(t0), "ms");
        if (!own_db && !empty) return rc;  // never write audit rows or files into a real kiosk database
        t0 = Clock::now();
        (void)store.reveal_phone(uuid);
        store.log("bench", uuid, "{}", "{}");
        print("audited_action", ms_since(t0), "ms");

        if (!quick) {
            t0 = Clock::now();
            HallInfo hall;
            hall.id = "demo-district";
            const auto r = export_feedback(store, hall, {}, tmp.string());
            print("export_feedback_csv_seconds", ms_since(t0) / 1000.0, "s");
            if (!r.ok) std::fprintf(stderr, "export failed: %s\n", r.error.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "manager_bench: %s\n", e.what());
        rc = 1;
    }
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return rc;
}
