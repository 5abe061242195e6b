#include "store/feedback_store.h"

#include <chrono>

#include "core/ids.h"
#include "wire/records.h"
#include "store/outbox.h"

namespace hall {
namespace {

constexpr const char* kColumns =
    "uuid, receipt, created_at, hall_id, kiosk_id, window_id, categories, rating, rating_efficiency, rating_level, "
    "rating_attitude, service_code, ticket, text, phone, lang, channel, case_number, called_at, visit_day, eval_round, "
    "repeat_of, flagged";

std::optional<int> opt_rating(const std::optional<Rating>& r) {
    return r ? std::optional<int>(static_cast<int>(*r)) : std::nullopt;
}

}  // namespace

Feedback read_feedback_row(const Stmt& st, int c) {
    Feedback f;
    f.uuid = st.text(c + 0);
    f.receipt = st.text(c + 1);
    f.created_at = st.text(c + 2);
    f.hall_id = st.text(c + 3);
    f.kiosk_id = st.text(c + 4);
    f.window_id = st.text(c + 5);
    f.categories = categories_from_csv(st.text(c + 6));
    f.overall = rating_from_int(st.i32(c + 7)).value_or(Rating::Basic);
    for (int i = 0; i < kIndicatorCount; ++i)
        if (!st.is_null(c + 8 + i)) f.indicators[static_cast<std::size_t>(i)] = rating_from_int(st.i32(c + 8 + i));
    f.service_code = st.text(c + 11);
    f.ticket = st.text(c + 12);
    f.text = st.text(c + 13);
    f.phone = st.text(c + 14);
    f.lang = st.text(c + 15);
    return f;
}

void read_feedback_visit(const Stmt& st, int c, Feedback& f) {
    f.channel = st.text(c + 0);
    f.case_number = st.text(c + 1);
    f.called_at = st.text(c + 2);
    f.visit_day = st.text(c + 3);
    f.round = st.i32(c + 4);
    f.repeat_of = st.text(c + 5);
    f.flagged = st.i32(c + 6) != 0;
}

namespace {
Feedback read_full(const Stmt& st) {
    Feedback f = read_feedback_row(st, 0);
    read_feedback_visit(st, 16, f);
    return f;
}
}  // namespace



Feedback FeedbackStore::insert(const Feedback& f) {
    Tx tx(db_);
    Feedback stored = insert_row(f, true, true);
    tx.commit();
    return stored;
}

Feedback FeedbackStore::insert(const Feedback& f, Reserve* reserve) {
    for (;;) {
        try {
            return insert(f);
        } catch (const StoreError& e) {
            // Nothing was written (the transaction rolled back); free room and try again.
            // Only a full disk: a failing or read-only disk is not helped by the reserve.
            if (e.kind() != StoreFailure::DiskFull || !reserve || !reserve->release_slice()) throw;
        }
    }
}

void FeedbackStore::insert_many(const std::vector<Feedback>& fs, bool enqueue) {
    Tx tx(db_);
    for (const auto& f : fs) insert_row(f, enqueue, false);
    tx.commit();
}

Feedback FeedbackStore::insert_row(const Feedback& in, bool enqueue, bool apply_rules) {
    Feedback f = in;
    if (apply_rules) {
        // One visit, one rating: an earlier rating of the same visit makes this one a repeat.
        f.round = 1;
        f.repeat_of.clear();
        if (!visit_key(f.hall_id, f.visit_day, f.ticket, f.window_id).empty()) {
            auto st = db_.prepare("SELECT uuid, (SELECT COUNT(*) FROM feedback WHERE hall_id = ?1 AND visit_day = ?2 AND ticket = ?3 "
                                  "AND window_id = ?4 AND ticket <> '' AND visit_day <> '') FROM feedback "
                                  "WHERE hall_id = ?1 AND visit_day = ?2 AND ticket = ?3 AND window_id = ?4 AND ticket <> '' "
                                  "AND visit_day <> '' ORDER BY id LIMIT 1");
            st.bind(1, f.hall_id).bind(2, f.visit_day).bind(3, f.ticket).bind(4, f.window_id);
            if (st.step()) {
                f.repeat_of = st.text(0);
                f.round = st.i32(1) + 1;
            }
        }
        // The stuffing guard: this kiosk's ratings for this window in the last burst_minutes.
        f.flagged = false;
        if (guard_.burst_max > 0 && guard_.burst_minutes > 0) {
            if (const auto t = parse_iso_utc(f.created_at)) {
                auto st = db_.prepare("SELECT COUNT(*) FROM feedback WHERE kiosk_id = ? AND window_id = ? AND created_at > ? AND created_at <= ?");
                st.bind(1, f.kiosk_id).bind(2, f.window_id).bind(3, iso_utc(*t - std::chrono::minutes(guard_.burst_minutes))).bind(4, f.created_at);
                st.step();
                f.flagged = st.i64(0) >= guard_.burst_max;
            }
        }
    }
    db_.prepare(std::string("INSERT INTO feedback(") + kColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, f.uuid).bind(2, f.receipt).bind(3, f.created_at).bind(4, f.hall_id).bind(5, f.kiosk_id)
        .bind(6, f.window_id).bind(7, categories_to_csv(f.categories)).bind(8, static_cast<int>(f.overall))
        .bind_opt(9, opt_rating(f.indicators[0])).bind_opt(10, opt_rating(f.indicators[1]))
        .bind_opt(11, opt_rating(f.indicators[2])).bind(12, f.service_code).bind(13, f.ticket).bind(14, f.text)
        .bind(15, f.phone).bind(16, f.lang).bind(17, f.channel).bind(18, f.case_number).bind(19, f.called_at)
        .bind(20, f.visit_day).bind(21, f.round).bind(22, f.repeat_of).bind(23, f.flagged ? 1 : 0)
        .run();
    const auto id = db_.last_insert_id();
    // Out of the statistics from the start (handling.excluded bits: 2 repeat, 4 held by the guard).
    if (f.is_repeat() || f.flagged)
        db_.prepare("UPDATE handling SET excluded = excluded | ?, flag = ? WHERE feedback_id = ?")
            .bind(1, (f.is_repeat() ? 2 : 0) | (f.flagged ? 4 : 0)).bind(2, f.flagged ? "pending" : "").bind(3, id).run();
    auto cat = db_.prepare("INSERT INTO feedback_category(feedback_id, category) VALUES(?, ?)");
    for (Category c : f.categories) {
        cat.bind(1, id).bind(2, category_key(c));
        cat.run();
        cat.reset();
    }
    if (enqueue) Outbox(db_).enqueue(f.uuid, wire::kKindFeedback, wire::feedback_to_json(f).dump(), f.created_at);
    return f;
}

std::int64_t FeedbackStore::count() {
    auto st = db_.prepare("SELECT COUNT(*) FROM feedback");
    st.step();
    return st.i64(0);
}

std::optional<Feedback> FeedbackStore::by_uuid(const std::string& uuid) {
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback WHERE uuid = ?");
    st.bind(1, uuid);
    if (st.step()) return read_full(st);
    return std::nullopt;
}

std::optional<Feedback> FeedbackStore::by_receipt(const std::string& receipt) {
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback WHERE receipt = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, receipt);
    if (st.step()) return read_full(st);
    return std::nullopt;
}

std::vector<Feedback> FeedbackStore::recent(int limit) {
    std::vector<Feedback> out;
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    while (st.step()) out.push_back(read_full(st));
    return out;
}

int FeedbackStore::flush_coverage(const std::string& today, const std::string& hall_id, const std::string& kiosk_id) {
    Tx tx(db_);
    std::string sent;  // the last day already sent
    {
        auto st = db_.prepare("SELECT value FROM meta WHERE key = 'coverage.sent_through'");
        if (st.step()) sent = st.text(0);
    }
    std::vector<CoverageRow> rows;
    for (auto& r : coverage(sent.empty() ? std::string("0000-00-00") : sent, today))
        if (r.day > sent && r.day < today) rows.push_back(std::move(r));
    if (rows.empty()) return 0;
    Outbox outbox(db_);
    for (const auto& r : rows) {
        const wire::CoverageRecord c{new_uuid(), hall_id, kiosk_id, r.day, r.window_id, r.served, r.rated, r.repeats, r.held, r.unticketed};
        outbox.enqueue(c.uuid, wire::kKindCoverage, wire::coverage_to_json(c).dump(), c.day + "T00:00:00Z");
    }
    db_.prepare("INSERT INTO meta(key, value) VALUES('coverage.sent_through', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, rows.back().day).run();
    tx.commit();
    return static_cast<int>(rows.size());
}

std::vector<std::string> FeedbackStore::rated_visits(const std::string& hall_id, const std::string& visit_day) {
    std::vector<std::string> out;
    auto st = db_.prepare("SELECT DISTINCT ticket, window_id FROM feedback WHERE hall_id = ? AND visit_day = ? AND ticket <> ''");
    st.bind(1, hall_id).bind(2, visit_day);
    while (st.step()) out.push_back(st.text(0) + "|" + st.text(1));
    return out;
}

void FeedbackStore::note_served(const std::string& day, const std::map<std::string, int>& served) {
    if (day.empty() || served.empty()) return;
    Tx tx(db_);
    auto st = db_.prepare("INSERT INTO queue_served(day, window_id, served) VALUES(?, ?, ?) "
                          "ON CONFLICT(day, window_id) DO UPDATE SET served = MAX(served, excluded.served)");
    for (const auto& [w, n] : served) {
        st.bind(1, day).bind(2, w).bind(3, n);
        st.run();
        st.reset();
    }
    tx.commit();
}

std::vector<CoverageRow> FeedbackStore::coverage(const std::string& from_day, const std::string& to_day) {
    std::map<std::pair<std::string, std::string>, CoverageRow> rows;
    const auto row = [&](const std::string& d, const std::string& w) -> CoverageRow& {
        auto& r = rows[{d, w}];
        r.day = d;
        r.window_id = w;
        return r;
    };
    auto served = db_.prepare("SELECT day, window_id, served FROM queue_served WHERE day >= ? AND day <= ?");
    served.bind(1, from_day).bind(2, to_day);
    while (served.step()) row(served.text(0), served.text(1)).served = served.i64(2);
    // A visit is rated once: first rounds with a ticket that the statistics count.
    auto st = db_.prepare(
        "SELECT f.visit_day, f.window_id, "
        "COALESCE(SUM(f.ticket <> '' AND f.eval_round = 1 AND h.excluded = 0), 0), "
        "COALESCE(SUM(f.ticket <> '' AND f.eval_round > 1), 0), "
        "COALESCE(SUM(f.eval_round = 1 AND (h.excluded & 4) <> 0), 0), "
        "COALESCE(SUM(f.ticket = '' AND h.excluded = 0), 0) "
        "FROM feedback f JOIN handling h ON h.feedback_id = f.id "
        "WHERE f.visit_day >= ? AND f.visit_day <= ? AND f.visit_day <> '' GROUP BY f.visit_day, f.window_id");
    st.bind(1, from_day).bind(2, to_day);
    while (st.step()) {
        auto& r = row(st.text(0), st.text(1));
        r.rated = st.i64(2);
        r.repeats = st.i64(3);
        r.held = st.i64(4);
        r.unticketed = st.i64(5);
    }
    std::vector<CoverageRow> out;
    for (auto& [k, r] : rows) out.push_back(std::move(r));
    return out;
}

}  // namespace hall
