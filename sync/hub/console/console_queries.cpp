#include "hub/console/console_queries.h"
#include "hub/hub_admin.h"

#include <algorithm>
#include <array>
#include <sstream>

#include "common/csv.h"
#include "core/feedback.h"
#include "core/handling.h"
#include "core/ids.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_index.h"
#include "protocol/api.h"
#include "protocol/signing.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;

json rate_json(std::int64_t good, std::int64_t total) {
    return total > 0 ? json(static_cast<double>(good) / static_cast<double>(total)) : json(nullptr);
}

struct MonthCounters {
    std::int64_t rated = 0, good = 0, r[5] = {0, 0, 0, 0, 0}, eff_good = 0, eff_total = 0, lvl_good = 0, lvl_total = 0,
                 att_good = 0, att_total = 0, bad = 0, named_bad = 0, named_called = 0, upheld = 0, repeats = 0, held = 0;
    // coverage (console_coverage): tickets served, visits rated on days with served tickets, ratings without a ticket
    std::int64_t served = 0, visits_rated = 0, unticketed = 0;
    void add_coverage(const SqlRow& row, int from) {
        served += row.i64(from);
        visits_rated += row.i64(from + 1);
        unticketed += row.i64(from + 2);
    }
    void add(const SqlRow& row, int from) {
        int i = from;
        rated += row.i64(i++);
        good += row.i64(i++);
        for (auto& x : r) x += row.i64(i++);
        eff_good += row.i64(i++);
        eff_total += row.i64(i++);
        lvl_good += row.i64(i++);
        lvl_total += row.i64(i++);
        att_good += row.i64(i++);
        att_total += row.i64(i++);
        bad += row.i64(i++);
        named_bad += row.i64(i++);
        named_called += row.i64(i++);
        upheld += row.i64(i++);
        repeats += row.i64(i++);
        held += row.i64(i++);
    }
    json to_json() const {
        return {{"ratings", rated},
                {"good", good},
                {"by_rating", {{"1", r[0]}, {"2", r[1]}, {"3", r[2]}, {"4", r[3]}, {"5", r[4]}}},
                {"satisfaction", rate_json(good, rated)},
                {"indicators",
                 {{"efficiency", rate_json(eff_good, eff_total)}, {"level", rate_json(lvl_good, lvl_total)},
                  {"attitude", rate_json(att_good, att_total)}}},
                {"bad", bad},
                {"named_bad", named_bad},
                {"named_called", named_called},
                {"callback_rate", rate_json(named_called, named_bad)},
                {"appeals_upheld", upheld},
                {"repeats", repeats},        // one visit, one rating: kept, not counted
                {"flag_held", held},         // stuffing guard: pending or rejected, not counted
                {"coverage",
                 {{"per_1000", served > 0 ? json(1000.0 * static_cast<double>(visits_rated) / static_cast<double>(served)) : json(nullptr)},
                  {"tickets_served", served},
                  {"visits_rated", visits_rated},
                  {"unticketed", unticketed}}}};
    }
};

// Coverage per group: tickets served, and the visits rated on the days and windows a feed
// reported tickets for (a rating on a day without a feed divides by nothing).
const char* kCoverageColumns = "SUM(served), SUM(CASE WHEN served > 0 THEN rated ELSE 0 END), SUM(unticketed)";

const char* kSumColumns =
    "SUM(rated), SUM(good), SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5), SUM(eff_good), SUM(eff_total), SUM(lvl_good), "
    "SUM(lvl_total), SUM(att_good), SUM(att_total), SUM(bad), SUM(named_bad), SUM(named_called), SUM(upheld), SUM(repeats), "
    "SUM(held)";

// Open: a counted 差评 not closed or found unfounded (core/handling.h is_open_state). Overdue:
// still awaiting its fix (is_awaiting_fix) after its deadline: the ledger's if set, else the
// record's local day plus the working days (last_day_overdue_by turns that into a day bound).
const char* kOpenBad = "rating <= 2 AND state NOT IN ('closed', 'unfounded') AND upheld = 0";
const char* kOverdueCase =
    "CASE WHEN state IN ('new', 'verifying', 'fixing') AND ((ledger_deadline = '' AND local_day <= ?) OR "
    "(ledger_deadline <> '' AND ledger_deadline < ?)) THEN 1 ELSE 0 END";

std::string mask_for_list(const std::string& phone) { return phone.empty() ? "" : mask_phone(phone); }

std::vector<std::string> category_keys(std::int64_t mask) {
    std::vector<std::string> out;
    for (auto c : all_categories())
        if (mask & (std::int64_t{1} << static_cast<int>(c))) out.emplace_back(category_key(c));
    return out;
}

}  // namespace

std::string current_month(std::chrono::system_clock::time_point now) {
    const auto d = local_date_of(iso_utc(now), kUtcOffsetMinutes);
    return d ? format_date(*d).substr(0, 7) : "1970-01";
}

bool valid_month(const std::string& m) { return m.size() == 7 && parse_date(m + "-01").has_value(); }

std::optional<std::string> previous_month(const std::string& month) {
    if (!valid_month(month)) return std::nullopt;
    int y = std::stoi(month.substr(0, 4)), mo = std::stoi(month.substr(5, 2)) - 1;
    if (mo == 0) {
        mo = 12;
        --y;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
    return std::string(buf);
}

Date ConsoleQueries::overdue_cutoff(Date today) const {
    return opts_.calendar.last_day_overdue_by(today, opts_.bad_rating_deadline_days);
}

json ConsoleQueries::overview(const std::string& hall, const std::string& month, Date today) {
    if (!valid_month(month)) throw BadRequest("month: YYYY-MM");
    const auto prev = *previous_month(month);
    const auto cutoff = format_date(overdue_cutoff(today)), today_s = format_date(today);
    std::map<std::string, json> halls;
    std::map<std::string, std::array<MonthCounters, 2>> figures;  // this month, last month
    auto hall_entry = [&](const std::string& id) -> json& {
        auto& h = halls[id];
        if (h.is_null()) {
            h = {{"hall_id", id}, {"open_bad", 0}, {"overdue_bad", 0}, {"appeals_pending", 0}, {"kiosks", 0}};
            figures[id];
        }
        return h;
    };
    const std::string where_hall = hall.empty() ? "" : " AND hall_id = ?";
    auto params = [&](std::vector<SqlValue> p) {
        if (!hall.empty()) p.emplace_back(hall);
        return p;
    };
    store_.sql().read([&](SqlConn& c) {
        for (std::size_t k = 0; k < 2; ++k) {
            const auto& m = k == 0 ? month : prev;
            c.query(std::string("SELECT hall_id, ") + kSumColumns + " FROM console_month WHERE month = ?" + where_hall +
                        " GROUP BY hall_id",
                    params({m}), [&](const SqlRow& r) {
                        hall_entry(r.text(0));
                        figures[r.text(0)][k].add(r, 1);
                    });
            c.query(std::string("SELECT hall_id, ") + kCoverageColumns + " FROM console_coverage WHERE month = ?" + where_hall +
                        " GROUP BY hall_id",
                    params({m}), [&](const SqlRow& r) {
                        hall_entry(r.text(0));
                        figures[r.text(0)][k].add_coverage(r, 1);
                    });
        }
        c.query(std::string("SELECT hall_id, COUNT(*), SUM(") + kOverdueCase + ") FROM console_feedback WHERE " + kOpenBad +
                    where_hall + " GROUP BY hall_id",
                params({cutoff, today_s}), [&](const SqlRow& r) {
                    auto& h = hall_entry(r.text(0));
                    h["open_bad"] = r.i64(1);
                    h["overdue_bad"] = r.i64(2);
                });
        c.query("SELECT hall_id, COUNT(*) FROM console_feedback WHERE appeal = 'pending'" + where_hall + " GROUP BY hall_id",
                params({}), [&](const SqlRow& r) { hall_entry(r.text(0))["appeals_pending"] = r.i64(1); });
        c.query("SELECT hall_id, COUNT(*) FROM principals WHERE role = 'kiosk'" + where_hall + " GROUP BY hall_id", params({}),
                [&](const SqlRow& r) { hall_entry(r.text(0))["kiosks"] = r.i64(1); });
    });
    if (!hall.empty()) hall_entry(hall);
    json out = {{"month", month}, {"previous_month", prev}, {"today", today_s}, {"halls", json::array()}};
    for (auto& [id, h] : halls) {
        h["this_month"] = figures[id][0].to_json();
        h["last_month"] = figures[id][1].to_json();
        out["halls"].push_back(h);
    }
    return out;
}

json ConsoleQueries::hall_windows(const std::string& hall, const std::string& month, Date today) {
    if (hall.empty()) throw BadRequest("hall: required");
    if (!valid_month(month)) throw BadRequest("month: YYYY-MM");
    const auto cutoff = format_date(overdue_cutoff(today)), today_s = format_date(today);
    std::map<std::string, json> windows;
    std::map<std::string, MonthCounters> figures;
    auto entry = [&](const std::string& id) -> json& {
        auto& w = windows[id];
        if (w.is_null()) {
            w = {{"window_id", id}, {"open_bad", 0}, {"overdue_bad", 0}};
            figures[id];
        }
        return w;
    };
    store_.sql().read([&](SqlConn& c) {
        c.query(std::string("SELECT window_id, ") + kSumColumns + " FROM console_month WHERE hall_id = ? AND month = ? GROUP BY window_id",
                {hall, month}, [&](const SqlRow& r) {
                    entry(r.text(0));
                    figures[r.text(0)].add(r, 1);
                });
        c.query(std::string("SELECT window_id, ") + kCoverageColumns +
                    " FROM console_coverage WHERE month = ? AND hall_id = ? GROUP BY window_id",
                {month, hall}, [&](const SqlRow& r) {
                    entry(r.text(0));
                    figures[r.text(0)].add_coverage(r, 1);
                });
        c.query(std::string("SELECT window_id, COUNT(*), SUM(") + kOverdueCase + ") FROM console_feedback WHERE " + kOpenBad +
                    " AND hall_id = ? GROUP BY window_id",
                {cutoff, today_s, hall}, [&](const SqlRow& r) {
                    auto& w = entry(r.text(0));
                    w["open_bad"] = r.i64(1);
                    w["overdue_bad"] = r.i64(2);
                });
    });
    json out = {{"hall_id", hall}, {"month", month}, {"windows", json::array()}};
    MonthCounters total;
    for (auto& [id, w] : windows) {
        w["month"] = figures[id].to_json();
        total.served += figures[id].served;
        total.visits_rated += figures[id].visits_rated;
        total.unticketed += figures[id].unticketed;
        out["windows"].push_back(w);
    }
    out["coverage"] = total.to_json()["coverage"];
    return out;
}

json ConsoleQueries::records(const RecordFilter& f, Date today) {
    std::string where = "1 = 1";
    std::vector<SqlValue> p;
    if (!f.hall.empty()) {
        where += " AND f.hall_id = ?";
        p.emplace_back(f.hall);
    }
    if (!f.window.empty()) {
        if (f.hall.empty()) throw BadRequest("window: needs hall");
        where += " AND f.window_id = ?";
        p.emplace_back(f.window);
    }
    if (!f.category.empty()) {
        auto c = category_from_key(f.category);
        if (!c) throw BadRequest("category: unknown " + f.category);
        // Bit test written as arithmetic: the same SQL on both backends.
        where += " AND (f.cat_mask / ?) % 2 = 1";
        p.emplace_back(std::int64_t{1} << static_cast<int>(*c));
    }
    if (f.rating) {
        if (f.rating < 1 || f.rating > 5) throw BadRequest("rating: 1..5");
        where += " AND f.rating = ?";
        p.emplace_back(std::int64_t{f.rating});
        if (f.rating <= 2) where += " AND f.rating <= 2";  // lets the 差评 partial indexes serve it
    } else if (f.bad_only) {
        where += " AND f.rating <= 2";
    }
    if (!f.state.empty()) {
        if (!handling_state_from_key(f.state)) throw BadRequest("state: unknown " + f.state);
        where += " AND f.state = ?";
        p.emplace_back(f.state);
    }
    if (f.overdue_only) {
        // The partial index's own terms first (SQLite uses a partial index only when the query
        // repeats its WHERE), then the overdue test itself.
        where += std::string(" AND f.rating <= 2 AND f.state NOT IN ('closed', 'unfounded') AND f.upheld = 0"
                             " AND f.state IN ('new', 'verifying', 'fixing') AND ((f.ledger_deadline = '' AND "
                             "f.local_day <= ?) OR (f.ledger_deadline <> '' AND f.ledger_deadline < ?))");
        p.emplace_back(format_date(overdue_cutoff(today)));
        p.emplace_back(format_date(today));
    }
    for (const auto& [v, op, name] : {std::tuple{f.from, ">=", "from"}, std::tuple{f.to, "<", "to"}}) {
        if (v.empty()) continue;
        auto d = parse_date(v);
        if (!d) throw BadRequest(std::string(name) + ": YYYY-MM-DD");
        where += std::string(" AND f.created_at ") + op + " ?";
        p.emplace_back(local_day_start_utc(std::string(name) == "to" ? *d + std::chrono::days(1) : *d, kUtcOffsetMinutes));
    }
    if (!f.after.empty()) {
        const auto bar = f.after.find('|');
        if (bar == std::string::npos || bar > 40 || f.after.size() - bar - 1 > 40) throw BadRequest("after: not a cursor");
        // A row value: both planners seek the (created_at, uuid) index to it.
        where += " AND (f.created_at, f.uuid) < (?, ?)";
        p.emplace_back(f.after.substr(0, bar));
        p.emplace_back(f.after.substr(bar + 1));
    }
    const int limit = std::clamp(f.limit, 1, 500);
    p.emplace_back(std::int64_t{limit + 1});
    const auto cutoff = format_date(overdue_cutoff(today)), today_s = format_date(today);
    json rows = json::array();
    std::string next;
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT f.uuid, f.receipt, f.created_at, f.hall_id, f.window_id, f.rating, f.cat_mask, f.state, f.appeal, f.upheld, "
                "f.has_phone, f.callback_done, f.local_day, f.ledger_deadline, r.payload FROM console_feedback f "
                "JOIN records r ON r.uuid = f.uuid WHERE " +
                    where +
                    // Overdue rows are few: read them from the partial index and sort, rather than walk
                    // the time index over every record (the expression keeps SQLite off that index).
                    (f.overdue_only ? " ORDER BY f.created_at || '' DESC, f.uuid DESC LIMIT ?" : " ORDER BY f.created_at DESC, f.uuid DESC LIMIT ?"),
                p, [&](const SqlRow& r) {
                    if (static_cast<int>(rows.size()) == limit) {
                        next = rows.back()["created_at"].get<std::string>() + "|" + rows.back()["uuid"].get<std::string>();
                        return;
                    }
                    auto payload = json::parse(r.text(14), nullptr, false);
                    const auto text = payload.is_object() && payload.contains("text") && payload["text"].is_string()
                                          ? payload["text"].get<std::string>()
                                          : std::string();
                    const auto state = r.text(7);
                    const bool open_bad = r.i64(5) <= 2 && r.i64(9) == 0 && (state == "new" || state == "verifying" || state == "fixing");
                    const auto ledger = r.text(13);
                    const bool overdue = open_bad && (ledger.empty() ? r.text(12) <= cutoff : ledger < today_s);
                    rows.push_back({{"uuid", r.text(0)},
                                    {"receipt", r.text(1)},
                                    {"created_at", r.text(2)},
                                    {"hall_id", r.text(3)},
                                    {"window_id", r.text(4)},
                                    {"rating", r.i64(5)},
                                    {"categories", category_keys(r.i64(6))},
                                    {"state", state},
                                    {"appeal", r.text(8)},
                                    {"appeal_upheld", r.i64(9) != 0},
                                    {"named", r.i64(10) != 0},
                                    {"callback_done", r.i64(11) != 0},
                                    {"overdue", overdue},
                                    {"text", text}});
                });
    });
    return {{"records", rows}, {"next", next.empty() ? json(nullptr) : json(next)}};
}

RecordsCsv::RecordsCsv(ConsoleQueries& q, ConsoleQueries::RecordFilter f, Date today, int page_rows)
    : q_(q), f_(std::move(f)), today_(today) {
    f_.limit = std::clamp(page_rows, 1, 500);
    f_.after.clear();
}

std::string RecordsCsv::next() {
    if (done_) return {};
    std::string out;
    if (pages_ == 0) {
        out = std::string(kUtf8Bom);  // Excel and WPS read the file as UTF-8
        out += csv_line({"receipt", "created_at", "hall_id", "window_id", "rating", "categories", "state", "appeal", "appeal_upheld",
                         "named", "callback_done", "overdue", "text"});
    }
    const auto page = q_.records(f_, today_);
    ++pages_;
    const auto& rows = page["records"];
    largest_page_ = std::max(largest_page_, static_cast<int>(rows.size()));
    for (const auto& r : rows) {
        std::string cats;
        for (const auto& c : r["categories"]) cats += (cats.empty() ? "" : ";") + c.get<std::string>();
        const auto flag = [&](const char* k) { return std::string(r[k].get<bool>() ? "1" : "0"); };
        out += csv_line({r["receipt"], r["created_at"], r["hall_id"], r["window_id"], std::to_string(r["rating"].get<int>()), cats,
                         r["state"], r["appeal"], flag("appeal_upheld"), flag("named"), flag("callback_done"), flag("overdue"),
                         r["text"]});
        ++rows_;
    }
    if (page["next"].is_null()) done_ = true;
    else f_.after = page["next"].get<std::string>();
    // The last page may be empty: the header (or "") still goes out, and done_ ends the stream.
    if (out.empty() && !done_) return next();
    return out;
}

std::int64_t ConsoleQueries::records_csv(RecordFilter f, Date today, std::ostream& out) {
    RecordsCsv csv(*this, std::move(f), today);
    for (auto piece = csv.next(); !piece.empty(); piece = csv.next()) out << piece;
    return csv.rows();
}

std::optional<std::string> ConsoleQueries::record_hall(const std::string& uuid) {
    std::optional<std::string> h;
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT hall_id FROM console_feedback WHERE uuid = ?", {uuid}, [&](const SqlRow& r) { h = r.text(0); });
    });
    return h;
}

std::optional<std::string> ConsoleQueries::record_phone(const std::string& uuid) {
    std::optional<std::string> phone;
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT payload FROM records WHERE uuid = ? AND kind = 'feedback'", {uuid}, [&](const SqlRow& r) {
            auto j = json::parse(r.text(0), nullptr, false);
            phone = j.is_object() && j.contains("phone") && j["phone"].is_string() ? j["phone"].get<std::string>() : "";
        });
    });
    return phone;
}

std::optional<json> ConsoleQueries::record(const std::string& uuid, Date today) {
    std::optional<json> out;
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT f.state, f.appeal, f.upheld, f.callback_done, f.failed_callbacks, f.ledger_deadline, f.local_day, "
                "r.payload, r.received_at, f.rating FROM console_feedback f JOIN records r ON r.uuid = f.uuid WHERE f.uuid = ?",
                {uuid}, [&](const SqlRow& r) {
                    auto p = json::parse(r.text(7), nullptr, false);
                    if (!p.is_object()) p = json::object();
                    // Phone numbers leave the hub masked; a reveal is its own audited call.
                    if (p.contains("phone") && p["phone"].is_string()) p["phone"] = mask_for_list(p["phone"].get<std::string>());
                    const auto state = r.text(0);
                    std::string due;
                    if (r.i64(9) <= 2) {
                        auto day = parse_date(r.text(6));
                        due = !r.text(5).empty() ? r.text(5)
                                                 : (day ? format_date(opts_.calendar.add_working_days(*day, opts_.bad_rating_deadline_days)) : "");
                    }
                    const bool open_bad = r.i64(9) <= 2 && r.i64(2) == 0 && (state == "new" || state == "verifying" || state == "fixing");
                    out = json{{"record", p},
                               {"state", state},
                               {"appeal", r.text(1)},
                               {"appeal_upheld", r.i64(2) != 0},
                               {"callback_done", r.i64(3) != 0},
                               {"failed_callbacks", r.i64(4)},
                               {"due", due.empty() ? json(nullptr) : json(due)},
                               {"overdue", open_bad && !due.empty() && due < format_date(today)},
                               {"received_at", r.text(8)},
                               {"history", json::array()}};
                });
        if (!out) return;
        c.query("SELECT at, action, before_json, after_json, kiosk_id FROM console_audit_index WHERE target_uuid = ? ORDER BY at, uuid",
                {uuid}, [&](const SqlRow& r) {
                    auto before = json::parse(r.text(2), nullptr, false), after = json::parse(r.text(3), nullptr, false);
                    (*out)["history"].push_back({{"at", r.text(0)},
                                                 {"action", r.text(1)},
                                                 {"before", before.is_discarded() ? json::object() : before},
                                                 {"after", after.is_discarded() ? json::object() : after},
                                                 {"kiosk_id", r.text(4)}});
                });
    });
    return out;
}

json ConsoleQueries::ranking(const std::string& hall, const std::string& month) {
    if (!valid_month(month)) throw BadRequest("month: YYYY-MM");
    const auto prev = *previous_month(month);
    std::map<std::string, Satisfaction> cur, before;
    std::map<std::string, std::int64_t> bad;
    store_.sql().read([&](SqlConn& c) {
        for (auto* m : {&cur, &before}) {
            c.query("SELECT hall_id, window_id, rated, good, bad FROM console_month WHERE month = ?" +
                        std::string(hall.empty() ? "" : " AND hall_id = ?"),
                    hall.empty() ? std::vector<SqlValue>{m == &cur ? month : prev}
                                 : std::vector<SqlValue>{m == &cur ? month : prev, hall},
                    [&](const SqlRow& r) {
                        // Key "hall/window": windows of all halls in one ranking.
                        Satisfaction s;
                        s.total = static_cast<int>(r.i64(2));
                        s.good = static_cast<int>(r.i64(3));
                        const auto key = r.text(0) + "/" + r.text(1);
                        if (m == &cur) bad[key] = r.i64(4);
                        if (s.total > 0) (*m)[key] = s;
                    });
        }
    });
    // Minimum sample: too few counted ratings say nothing about a window; it is listed, not ranked.
    json too_few = json::array();
    for (auto* m : {&cur, &before})
        for (auto it = m->begin(); it != m->end();) {
            if (it->second.total < opts_.min_sample) {
                if (m == &cur) too_few.push_back({{"hall_id", it->first.substr(0, it->first.find('/'))},
                                                  {"window_id", it->first.substr(it->first.find('/') + 1)},
                                                  {"ratings", it->second.total}});
                it = m->erase(it);
            } else {
                ++it;
            }
        }
    json rows = json::array();
    for (const auto& r : rank_windows(cur, before)) {
        const auto slash = r.window_id.find('/');
        rows.push_back({{"rank", r.rank},
                        {"hall_id", r.window_id.substr(0, slash)},
                        {"window_id", r.window_id.substr(slash + 1)},
                        {"ratings", r.satisfaction.total},
                        {"good", r.satisfaction.good},
                        {"satisfaction", r.satisfaction.rate() ? json(*r.satisfaction.rate()) : json(nullptr)},
                        {"bad", bad[r.window_id]},
                        {"last", r.last},
                        {"interview", r.last_twice}});
    }
    return {{"month", month}, {"previous_month", prev}, {"min_sample", opts_.min_sample}, {"rows", rows}, {"too_few", too_few}};
}

void ConsoleQueries::report_csv(const std::string& hall, const std::string& month, Date today, std::ostream& out) {
    const auto ov = overview(hall, month, today);
    const auto rk = ranking(hall, month);
    out << kUtf8Bom;
    out << csv_line({"section", "hall_id", "window_id", "rank", "ratings", "satisfaction", "efficiency", "level", "attitude", "bad",
                     "open_bad", "overdue_bad", "callback_rate", "appeals_pending", "interview", "coverage_per_1000",
                     "tickets_served", "unticketed"});
    const auto pct = [](const json& v) {
        if (v.is_null()) return std::string();
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.2f%%", v.get<double>() * 100);
        return std::string(buf);
    };
    const auto n = [](const json& v) { return std::to_string(v.get<std::int64_t>()); };
    for (const auto& h : ov["halls"]) {
        const auto& m = h["this_month"];
        const auto& cov = m["coverage"];
        char per[32] = "";
        if (!cov["per_1000"].is_null()) std::snprintf(per, sizeof per, "%.1f", cov["per_1000"].get<double>());
        out << csv_line({"hall", h["hall_id"], "", "", n(m["ratings"]), pct(m["satisfaction"]), pct(m["indicators"]["efficiency"]),
                         pct(m["indicators"]["level"]), pct(m["indicators"]["attitude"]), n(m["bad"]), n(h["open_bad"]),
                         n(h["overdue_bad"]), pct(m["callback_rate"]), n(h["appeals_pending"]), "", per, n(cov["tickets_served"]),
                         n(cov["unticketed"])});
    }
    for (const auto& r : rk["rows"])
        out << csv_line({"window", r["hall_id"], r["window_id"], std::to_string(r["rank"].get<int>()), std::to_string(r["ratings"].get<int>()),
                         pct(r["satisfaction"]), "", "", "", n(r["bad"]), "", "", "", "", r["interview"].get<bool>() ? "1" : "0", "", "",
                         ""});
}

json ConsoleQueries::fleet(const std::string& hall, std::chrono::system_clock::time_point now) {
    json out = json::array();
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT p.name, p.hall_id, p.role, p.created_at, p.last_seen, p.heartbeat, p.heartbeat_at, v.at, v.by_user "
                "FROM principals p LEFT JOIN console_revoked v ON v.name = p.name" +
                    std::string(hall.empty() ? "" : " WHERE p.hall_id = ?") + " ORDER BY p.hall_id, p.name",
                hall.empty() ? std::vector<SqlValue>{} : std::vector<SqlValue>{hall}, [&](const SqlRow& r) {
                    json k = {{"name", r.text(0)}, {"hall_id", r.text(1)}, {"role", r.text(2)}, {"created_at", r.text(3)},
                              {"last_seen", r.text(4)}, {"last_heartbeat", r.text(6)}, {"revoked_at", r.text(7)},
                              {"revoked_by", r.text(8)}};
                    std::string why;
                    auto hb = json::parse(r.text(5), nullptr, false);
                    auto h = hb.is_object() ? wire::heartbeat_from_json(hb, why) : std::nullopt;
                    k["kiosk_version"] = h ? h->kiosk_version : "";
                    k["content_version"] = h ? h->content_version : "";
                    k["outbox_depth"] = h ? json(h->outbox_depth) : json(nullptr);
                    k["free_disk_bytes"] = h && h->free_disk_bytes >= 0 ? json(h->free_disk_bytes) : json(nullptr);
                    k["last_sync_error"] = h ? h->last_sync_error : "";
                    const auto seen = parse_iso_utc(r.text(4));
                    k["silent"] = r.text(7).empty() && (!seen || now - *seen > opts_.silent_after);
                    out.push_back(k);
                });
    });
    return {{"kiosks", out}, {"silent_after_s", opts_.silent_after.count()}};
}

std::optional<std::string> ConsoleQueries::kiosk_hall(const std::string& name) {
    std::optional<std::string> h;
    store_.sql().read([&](SqlConn& c) {
        c.query("SELECT hall_id FROM principals WHERE name = ?", {name}, [&](const SqlRow& r) { h = r.text(0); });
    });
    return h;
}

// Revoke and rotate are the hub's own token lifecycle (hub_admin.h), the same as
// `hall-hub kiosk revoke|rotate`; the console adds who did it.
bool ConsoleQueries::revoke_kiosk(const std::string& name, const std::string& by) {
    if (!hub::revoke_kiosk(store_, name)) return false;
    store_.sql().transaction([&](SqlConn& c) {
        c.exec("INSERT INTO console_revoked(name, at, by_user) VALUES(?, ?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at, "
               "by_user = excluded.by_user",
               {name, iso_utc(std::chrono::system_clock::now()), by});
    });
    return true;
}

std::optional<std::string> ConsoleQueries::rotate_kiosk(const std::string& name, const std::string& by) {
    // A week's grace: the kiosk picks the new token up through sync (X-Hall-New-Token).
    auto token = hub::rotate_kiosk(store_, name, std::chrono::hours(24 * 7));
    if (token) store_.sql().transaction([&](SqlConn& c) { c.exec("DELETE FROM console_revoked WHERE name = ?", {name}); });
    (void)by;
    return token;
}

}  // namespace hall::hub::console
