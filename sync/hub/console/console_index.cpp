#include "hub/console/console_index.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

#include "core/handling.h"
#include "core/queue.h"
#include "core/workdays.h"
#include "protocol/api.h"
#include "wire/records.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;

// Append only; console_meta.schema counts applied steps. Common SQL of SQLite and PostgreSQL.
const char* const kSteps[] = {
    R"sql(
CREATE TABLE IF NOT EXISTS console_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Console accounts. role is checked in C++ (console_auth.h) so new roles need no migration.
CREATE TABLE IF NOT EXISTS console_users(
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL,
  hall_id       TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,           -- Argon2id (libsodium crypto_pwhash_str)
  disabled      BIGINT NOT NULL DEFAULT 0,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until  TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- Sessions live in the database so several hubs on one PostgreSQL share them.
CREATE TABLE IF NOT EXISTS console_sessions(
  token_hash   TEXT PRIMARY KEY,           -- BLAKE2b of the cookie value; the value is never stored
  user_name    TEXT NOT NULL,
  csrf         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  peer         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS console_sessions_by_user ON console_sessions(user_name);
-- Every console login and action.
CREATE TABLE IF NOT EXISTS console_audit(
  id        TEXT PRIMARY KEY,
  at        TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role      TEXT NOT NULL,
  hall_id   TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  peer      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS console_audit_by_at ON console_audit(at, id);
-- Kiosk tokens revoked from the console (the principal's hash is replaced, this says why).
CREATE TABLE IF NOT EXISTS console_revoked(
  name    TEXT PRIMARY KEY,
  at      TEXT NOT NULL,
  by_user TEXT NOT NULL
);
-- One row per feedback record.
CREATE TABLE IF NOT EXISTS console_feedback(
  uuid             TEXT PRIMARY KEY,
  hall_id          TEXT NOT NULL,
  window_id        TEXT NOT NULL,
  kiosk_id         TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  local_day        TEXT NOT NULL,          -- YYYY-MM-DD, UTC+8
  month            TEXT NOT NULL,          -- YYYY-MM, UTC+8
  receipt          TEXT NOT NULL,
  rating           BIGINT NOT NULL,        -- 1..5
  ind_efficiency   BIGINT NOT NULL,        -- 0: not rated
  ind_level        BIGINT NOT NULL,
  ind_attitude     BIGINT NOT NULL,
  cat_mask         BIGINT NOT NULL,        -- bit per Category
  has_phone        BIGINT NOT NULL,
  state            TEXT NOT NULL,          -- handling state key
  upheld           BIGINT NOT NULL DEFAULT 0,  -- appeal upheld: out of the statistics
  appeal           TEXT NOT NULL DEFAULT '',   -- '' | pending | upheld | rejected
  callback_done    BIGINT NOT NULL DEFAULT 0,  -- a reached call-back with a grade
  failed_callbacks BIGINT NOT NULL DEFAULT 0,
  ledger_deadline  TEXT NOT NULL DEFAULT '',
  handled_at       TEXT NOT NULL DEFAULT ''    -- last audit action's time
);
CREATE INDEX IF NOT EXISTS console_feedback_time ON console_feedback(created_at, uuid);
CREATE INDEX IF NOT EXISTS console_feedback_hall ON console_feedback(hall_id, created_at, uuid);
CREATE INDEX IF NOT EXISTS console_feedback_window ON console_feedback(hall_id, window_id, created_at, uuid);
CREATE INDEX IF NOT EXISTS console_feedback_rating ON console_feedback(rating, created_at, uuid);
-- The few that matter for open / overdue / appeals: partial, so they stay small.
CREATE INDEX IF NOT EXISTS console_feedback_open_bad ON console_feedback(hall_id, window_id, local_day)
  WHERE rating <= 2 AND state NOT IN ('closed', 'unfounded') AND upheld = 0;
CREATE INDEX IF NOT EXISTS console_feedback_appeal ON console_feedback(hall_id) WHERE appeal = 'pending';
-- Audit records by the feedback record they act on (handling history).
CREATE TABLE IF NOT EXISTS console_audit_index(
  uuid        TEXT PRIMARY KEY,
  target_uuid TEXT NOT NULL,
  hall_id     TEXT NOT NULL,
  kiosk_id    TEXT NOT NULL,
  at          TEXT NOT NULL,
  action      TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS console_audit_index_target ON console_audit_index(target_uuid, at, uuid);
-- Counters per hall, window and month: overview and ranking read these, never the rows.
CREATE TABLE IF NOT EXISTS console_month(
  hall_id          TEXT NOT NULL,
  window_id        TEXT NOT NULL,
  month            TEXT NOT NULL,
  rated            BIGINT NOT NULL,        -- counted ratings (upheld appeals left out)
  good             BIGINT NOT NULL,
  r1 BIGINT NOT NULL, r2 BIGINT NOT NULL, r3 BIGINT NOT NULL, r4 BIGINT NOT NULL, r5 BIGINT NOT NULL,
  eff_good BIGINT NOT NULL, eff_total BIGINT NOT NULL,
  lvl_good BIGINT NOT NULL, lvl_total BIGINT NOT NULL,
  att_good BIGINT NOT NULL, att_total BIGINT NOT NULL,
  bad              BIGINT NOT NULL,        -- 差评 counted
  named_bad        BIGINT NOT NULL,        -- 差评 with a phone number
  named_called     BIGINT NOT NULL,        -- ... whose call-back reached the citizen
  upheld           BIGINT NOT NULL,        -- taken out by an upheld appeal
  PRIMARY KEY (hall_id, window_id, month)
);
CREATE INDEX IF NOT EXISTS console_month_by_month ON console_month(month, hall_id);
)sql",
    // 差评 lists (a few in a thousand): newest first per hall and over all halls, from partial
    // indexes instead of walking every record of the hall.
    R"sql(
CREATE INDEX IF NOT EXISTS console_feedback_bad_hall ON console_feedback(hall_id, created_at, uuid) WHERE rating <= 2;
CREATE INDEX IF NOT EXISTS console_feedback_bad_time ON console_feedback(created_at, uuid) WHERE rating <= 2;
)sql",
    // One visit, one rating and the stuffing guard (issue 20, docs/feedback.md). visit_key is
    // hall|visit day|ticket|window ('' for a rating without a ticket or from an older kiosk);
    // of the ratings sharing one, the earliest (created_at, uuid) counts and the rest are
    // repeats, whatever order they arrive in. flag: the guard's state, from the record
    // ('pending') and the kiosk's "flag_decision" audits (confirmed / rejected).
    R"sql(
ALTER TABLE console_feedback ADD COLUMN visit_key TEXT NOT NULL DEFAULT '';
ALTER TABLE console_feedback ADD COLUMN is_repeat BIGINT NOT NULL DEFAULT 0;
ALTER TABLE console_feedback ADD COLUMN flag TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS console_feedback_visit ON console_feedback(visit_key, created_at, uuid) WHERE visit_key <> '';
ALTER TABLE console_month ADD COLUMN repeats BIGINT NOT NULL DEFAULT 0;
ALTER TABLE console_month ADD COLUMN held BIGINT NOT NULL DEFAULT 0;
)sql",
    // Coverage (issue 17 on issue 20's data): per hall, window and local day, tickets served as
    // the queue feed reported them (the hub's own relay of the hall's feed, and the kiosks'
    // "coverage" records of closed days: the largest wins, as both count the same feed) and the
    // visits rated there (counted first ratings with a ticket, over every kiosk of the hall).
    // Ratings without a ticket are counted beside them, never divided by tickets.
    R"sql(
CREATE TABLE IF NOT EXISTS console_coverage(
  hall_id    TEXT NOT NULL,
  window_id  TEXT NOT NULL,
  day        TEXT NOT NULL,               -- local YYYY-MM-DD of the visit (the ticket's day)
  month      TEXT NOT NULL,               -- YYYY-MM of day
  served     BIGINT NOT NULL DEFAULT 0,   -- tickets served (called, not missed); 0: no feed that day
  rated      BIGINT NOT NULL DEFAULT 0,   -- visits rated: counted first ratings with a ticket
  unticketed BIGINT NOT NULL DEFAULT 0,   -- counted ratings without a ticket
  PRIMARY KEY (hall_id, window_id, day)
);
-- Covering: the overview's and drill-down's sums read this index alone.
CREATE INDEX IF NOT EXISTS console_coverage_by_month ON console_coverage(month, hall_id, window_id, served, rated, unticketed);
)sql",
};

constexpr int kCounterCount = 19;
using Counters = std::array<std::int64_t, kCounterCount>;
const char* const kCounterColumns[kCounterCount] = {"rated", "good", "r1", "r2", "r3", "r4", "r5", "eff_good", "eff_total",
                                                   "lvl_good", "lvl_total", "att_good", "att_total", "bad", "named_bad",
                                                   "named_called", "upheld", "repeats", "held"};

struct Indexed {
    std::string hall_id, window_id, month;
    int rating = 3;
    std::array<int, kIndicatorCount> ind{};
    bool has_phone = false;
    // derived from audits
    std::string state;
    bool upheld = false;
    std::string appeal;
    bool callback_done = false;
    std::int64_t failed_callbacks = 0;
    std::string ledger_deadline, handled_at;
    // one visit, one rating; the stuffing guard
    bool is_repeat = false;
    std::string flag;  // '' | pending | confirmed | rejected
    // coverage: the visit's day (the ticket's day; the local day for a rating without one)
    std::string cov_day;
    bool ticketed = false;
};

// The day a rating counts on for coverage: a ticket's visit day (from the visit key
// hall|day|ticket|window), else the local day it was given.
std::string coverage_day(const std::string& local_day, const std::string& visit_key) {
    const auto a = visit_key.find('|');
    if (visit_key.empty() || a == std::string::npos) return local_day;
    const auto b = visit_key.find('|', a + 1);
    return b == std::string::npos ? local_day : visit_key.substr(a + 1, b - a - 1);
}

// Held by the stuffing guard: out of the statistics until a manager confirms it.
bool held(const Indexed& r) { return r.flag == "pending" || r.flag == "rejected"; }

Counters contribution(const Indexed& r) {
    Counters c{};
    if (r.upheld) {
        c[16] = 1;
        return c;
    }
    // Kept and shown, never counted: a repeat of a visit already rated, a rating held by the guard.
    if (r.is_repeat) {
        c[17] = 1;
        return c;
    }
    if (held(r)) {
        c[18] = 1;
        return c;
    }
    c[0] = 1;
    c[1] = r.rating >= 4;
    c[2 + (r.rating - 1)] = 1;
    for (int i = 0; i < kIndicatorCount; ++i)
        if (r.ind[i] > 0) {
            c[7 + 2 * i] += r.ind[i] >= 4;
            c[8 + 2 * i] += 1;
        }
    const bool bad = r.rating <= 2;
    c[13] = bad;
    c[14] = bad && r.has_phone;
    c[15] = bad && r.has_phone && r.callback_done;
    return c;
}

// Coverage's numerators: a counted rating is a visit rated when it has a ticket, else a
// rating without one. Repeats, held and upheld ratings count in neither.
std::array<std::int64_t, 2> coverage_contribution(const Indexed& r) {
    if (r.upheld || r.is_repeat || held(r) || r.cov_day.size() != 10) return {0, 0};
    return {r.ticketed ? 1 : 0, r.ticketed ? 0 : 1};
}

void add_coverage(SqlConn& c, const std::string& hall, const std::string& window, const std::string& day,
                  const std::array<std::int64_t, 2>& d) {
    if (d[0] == 0 && d[1] == 0) return;
    c.exec("INSERT INTO console_coverage(hall_id, window_id, day, month, rated, unticketed) VALUES(?, ?, ?, ?, ?, ?) "
           "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET rated = console_coverage.rated + excluded.rated, "
           "unticketed = console_coverage.unticketed + excluded.unticketed",
           {hall, window, day, day.substr(0, 7), d[0], d[1]});
}

// Tickets served as a feed reported them: the largest count seen for the day and window.
void note_served(SqlConn& c, const std::string& hall, const std::string& window, const std::string& day, std::int64_t served) {
    if (served <= 0 || day.size() != 10 || window.empty()) return;
    c.exec("INSERT INTO console_coverage(hall_id, window_id, day, month, served) VALUES(?, ?, ?, ?, ?) "
           "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET served = excluded.served "
           "WHERE excluded.served > console_coverage.served",
           {hall, window, day, day.substr(0, 7), served});
}

void add_counters(SqlConn& c, const std::string& hall, const std::string& window, const std::string& month, const Counters& d) {
    bool any = false;
    for (auto v : d) any = any || v != 0;
    if (!any) return;
    std::string cols = "hall_id, window_id, month", vals = "?, ?, ?", upd;
    std::vector<SqlValue> params{hall, window, month};
    for (int i = 0; i < kCounterCount; ++i) {
        cols += std::string(", ") + kCounterColumns[i];
        vals += ", ?";
        params.emplace_back(d[i]);
        upd += std::string(i ? ", " : "") + kCounterColumns[i] + " = console_month." + kCounterColumns[i] + " + excluded." +
               kCounterColumns[i];
    }
    c.exec("INSERT INTO console_month(" + cols + ") VALUES(" + vals + ") ON CONFLICT (hall_id, window_id, month) DO UPDATE SET " + upd,
           params);
}

// One audit record as the fold reads it.
struct AuditStep {
    std::string at, uuid, action, after_json;
};

// Folds a record's audit trail (sorted by time, then uuid) into its handling columns.
void fold(const std::vector<AuditStep>& steps, Indexed& r) {
    r.state = std::string(handling_state_key(initial_state(*rating_from_int(r.rating))));
    r.upheld = false;
    r.appeal.clear();
    r.callback_done = false;
    r.failed_callbacks = 0;
    r.ledger_deadline.clear();
    r.handled_at.clear();
    for (const auto& s : steps) {
        const auto& action = s.action;
        const auto after = json::parse(s.after_json, nullptr, false);
        r.handled_at = s.at;
        if (!after.is_object()) continue;
        const auto str = [&](const char* k) -> std::optional<std::string> {
            return after.contains(k) && after[k].is_string() ? std::optional(after[k].get<std::string>()) : std::nullopt;
        };
        if (auto st = str("state"); st && handling_state_from_key(*st)) r.state = *st;
        if (action == "ledger") {
            if (auto d = str("deadline")) r.ledger_deadline = *d;
        } else if (action == "callback") {
            if (str("callback_grade")) r.callback_done = true;
            if (after.contains("failed_callbacks") && after["failed_callbacks"].is_number_integer())
                r.failed_callbacks = after["failed_callbacks"].get<std::int64_t>();
        } else if (action == "appeal") {
            r.appeal = "pending";
        } else if (action == "appeal_decision") {
            if (auto a = str("appeal")) r.appeal = *a;
            if (after.contains("excluded") && after["excluded"].is_boolean()) r.upheld = after["excluded"].get<bool>();
        } else if (action == "flag_decision") {
            if (auto fl = str("flag"); fl && (*fl == "confirmed" || *fl == "rejected")) r.flag = *fl;
        }
    }
}

void fold_audits(SqlConn& c, const std::string& uuid, Indexed& r) {
    std::vector<AuditStep> steps;
    c.query("SELECT at, uuid, action, after_json FROM console_audit_index WHERE target_uuid = ? ORDER BY at, uuid", {uuid},
            [&](const SqlRow& row) { steps.push_back({row.text(0), row.text(1), row.text(2), row.text(3)}); });
    fold(steps, r);
}

void write_handling(SqlConn& c, const std::string& uuid, const Indexed& r) {
    c.exec("UPDATE console_feedback SET state = ?, upheld = ?, appeal = ?, callback_done = ?, failed_callbacks = ?, "
           "ledger_deadline = ?, handled_at = ?, is_repeat = ?, flag = ? WHERE uuid = ?",
           {r.state, std::int64_t{r.upheld}, r.appeal, std::int64_t{r.callback_done}, r.failed_callbacks, r.ledger_deadline,
            r.handled_at, std::int64_t{r.is_repeat}, r.flag, uuid});
}

// A record's index row as it stands (locked on PostgreSQL: two hubs may fold it at once).
std::optional<Indexed> load_indexed(SqlConn& c, const std::string& uuid) {
    std::optional<Indexed> out;
    c.query(std::string("SELECT hall_id, window_id, month, rating, ind_efficiency, ind_level, ind_attitude, has_phone, state, upheld, "
                        "appeal, callback_done, failed_callbacks, ledger_deadline, handled_at, is_repeat, flag, local_day, visit_key "
                        "FROM console_feedback WHERE uuid = ?") +
                (c.is_postgres() ? " FOR UPDATE" : ""),
            {uuid}, [&](const SqlRow& r) {
                Indexed x;
                x.hall_id = r.text(0);
                x.window_id = r.text(1);
                x.month = r.text(2);
                x.rating = static_cast<int>(r.i64(3));
                x.ind = {static_cast<int>(r.i64(4)), static_cast<int>(r.i64(5)), static_cast<int>(r.i64(6))};
                x.has_phone = r.i64(7) != 0;
                x.state = r.text(8);
                x.upheld = r.i64(9) != 0;
                x.appeal = r.text(10);
                x.callback_done = r.i64(11) != 0;
                x.failed_callbacks = r.i64(12);
                x.ledger_deadline = r.text(13);
                x.handled_at = r.text(14);
                x.is_repeat = r.i64(15) != 0;
                x.flag = r.text(16);
                x.cov_day = coverage_day(r.text(17), r.text(18));
                x.ticketed = !r.text(18).empty();
                out = x;
            });
    return out;
}

// Applies a change to an indexed row and moves its month counters by the difference.
void update_indexed(SqlConn& c, const std::string& uuid, const Indexed& before, const Indexed& after) {
    write_handling(c, uuid, after);
    const auto old_c = contribution(before), new_c = contribution(after);
    Counters delta{};
    for (int i = 0; i < kCounterCount; ++i) delta[i] = new_c[i] - old_c[i];
    add_counters(c, after.hall_id, after.window_id, after.month, delta);
    const auto old_v = coverage_contribution(before), new_v = coverage_contribution(after);
    add_coverage(c, after.hall_id, after.window_id, after.cov_day, {new_v[0] - old_v[0], new_v[1] - old_v[1]});
}

// One visit, one rating: whether a new record with this visit key is a repeat. When it is
// earlier than the visit's counted rating (a record that arrives late from another kiosk),
// it counts and that one becomes the repeat.
bool settle_visit(SqlConn& c, const std::string& visit_key, const std::string& created_at, const std::string& uuid) {
    if (visit_key.empty()) return false;
    std::optional<std::pair<std::string, std::string>> first;  // (created_at, uuid) of the counted one
    c.query(std::string("SELECT created_at, uuid FROM console_feedback WHERE visit_key = ? AND is_repeat = 0") +
                (c.is_postgres() ? " FOR UPDATE" : ""),
            {visit_key}, [&](const SqlRow& r) {
                std::pair<std::string, std::string> k{r.text(0), r.text(1)};
                if (!first || k < *first) first = k;
            });
    if (!first) return false;
    if (*first < std::make_pair(created_at, uuid)) return true;
    if (auto before = load_indexed(c, first->second)) {
        Indexed after = *before;
        after.is_repeat = true;
        update_indexed(c, first->second, *before, after);
    }
    return false;
}

void index_feedback(SqlConn& c, const RecordRow& row) {
    auto j = json::parse(row.payload, nullptr, false);
    std::string why;
    auto f = j.is_discarded() ? std::nullopt : wire::feedback_from_json(j, why);
    if (!f) return;
    const auto day = local_date_of(f->created_at, kUtcOffsetMinutes);
    if (!day) return;
    Indexed r;
    r.hall_id = f->hall_id;
    r.window_id = f->window_id;
    const auto local_day = format_date(*day);
    r.month = local_day.substr(0, 7);
    r.rating = static_cast<int>(f->overall);
    for (int i = 0; i < kIndicatorCount; ++i)
        r.ind[i] = f->indicators[static_cast<std::size_t>(i)] ? static_cast<int>(*f->indicators[static_cast<std::size_t>(i)]) : 0;
    r.has_phone = !f->phone.empty();
    std::int64_t mask = 0;
    for (auto cat : f->categories) mask |= std::int64_t{1} << static_cast<int>(cat);
    r.flag = f->flagged ? "pending" : "";
    fold_audits(c, f->uuid, r);
    const std::string vkey = visit_key(f->hall_id, f->visit_day, f->ticket, f->window_id);
    r.cov_day = coverage_day(local_day, vkey);
    r.ticketed = !vkey.empty();
    bool exists = false;
    c.query("SELECT 1 FROM console_feedback WHERE uuid = ?", {f->uuid}, [&](const SqlRow&) { exists = true; });
    if (exists) return;
    r.is_repeat = settle_visit(c, vkey, f->created_at, f->uuid);
    const auto inserted = c.exec(
        "INSERT INTO console_feedback(uuid, hall_id, window_id, kiosk_id, created_at, local_day, month, receipt, rating, "
        "ind_efficiency, ind_level, ind_attitude, cat_mask, has_phone, state, upheld, appeal, callback_done, failed_callbacks, "
        "ledger_deadline, handled_at, visit_key, is_repeat, flag) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (uuid) DO NOTHING",
        {f->uuid, r.hall_id, r.window_id, f->kiosk_id, f->created_at, local_day, r.month, f->receipt, std::int64_t{r.rating},
         std::int64_t{r.ind[0]}, std::int64_t{r.ind[1]}, std::int64_t{r.ind[2]}, mask, std::int64_t{r.has_phone}, r.state,
         std::int64_t{r.upheld}, r.appeal, std::int64_t{r.callback_done}, r.failed_callbacks, r.ledger_deadline, r.handled_at,
         vkey, std::int64_t{r.is_repeat}, r.flag});
    if (inserted == 1) {
        add_counters(c, r.hall_id, r.window_id, r.month, contribution(r));
        add_coverage(c, r.hall_id, r.window_id, r.cov_day, coverage_contribution(r));
    }
}

// A kiosk's coverage record of a closed day: its tickets served (the same feed the hub
// relays; the largest count wins). Its own rating counts are not used: the hub counts the
// hall's ratings over every kiosk, with repeats across kiosks and later flag decisions.
void index_coverage(SqlConn& c, const RecordRow& row) {
    auto j = json::parse(row.payload, nullptr, false);
    std::string why;
    auto cov = j.is_discarded() ? std::nullopt : wire::coverage_from_json(j, why);
    if (cov) note_served(c, cov->hall_id, cov->window_id, cov->day, cov->served);
}

void index_audit(SqlConn& c, const RecordRow& row) {
    auto j = json::parse(row.payload, nullptr, false);
    std::string why;
    auto a = j.is_discarded() ? std::nullopt : wire::audit_from_json(j, why);
    if (!a) return;
    const auto inserted = c.exec(
        "INSERT INTO console_audit_index(uuid, target_uuid, hall_id, kiosk_id, at, action, before_json, after_json) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
        {a->uuid, a->target_uuid, a->hall_id, a->kiosk_id, a->at, a->action, a->before_json, a->after_json});
    if (inserted != 1 || a->target_uuid.empty()) return;
    const auto before = load_indexed(c, a->target_uuid);
    if (!before || !rating_from_int(before->rating)) return;  // the feedback record folds it when it arrives
    Indexed after = *before;
    fold_audits(c, a->target_uuid, after);
    update_indexed(c, a->target_uuid, *before, after);
}

// Inserts rows of `cols` values each, many per statement (a statement per row is what made
// a million records slow to load on PostgreSQL: a round trip each).
class BatchInsert {
public:
    BatchInsert(SqlConn& c, std::string head, int cols, std::string tail = "")
        : c_(c), head_(std::move(head)), tail_(std::move(tail)), cols_(cols) {}
    ~BatchInsert() = default;
    void add(std::vector<SqlValue> row) {
        for (auto& v : row) values_.push_back(std::move(v));
        if (++rows_ == kRows) flush();
    }
    void flush() {
        if (rows_ == 0) return;
        std::string one = "(";
        for (int i = 0; i < cols_; ++i) one += i ? ", ?" : "?";
        one += ")";
        std::string sql = head_ + " VALUES ";
        for (int i = 0; i < rows_; ++i) sql += (i ? ", " : "") + one;
        c_.exec(sql + " " + tail_, values_);
        values_.clear();
        rows_ = 0;
    }

private:
    static constexpr int kRows = 400;  // 400 x 25 values stay under both backends' parameter limits
    SqlConn& c_;
    std::string head_, tail_;
    int cols_, rows_ = 0;
    std::vector<SqlValue> values_;
};

// Pages through the records of one kind in stored order (a million rows never sit in one
// result; both backends walk seq, PostgreSQL by its records_by_kind index).
void for_each_record(SqlConn& c, const char* kind, const std::function<void(const std::string& uuid, const std::string& payload)>& fn) {
    std::int64_t after = 0;
    for (;;) {
        int n = 0;
        c.query("SELECT seq, uuid, payload FROM records WHERE kind = ? AND seq > ? ORDER BY seq LIMIT 20000", {std::string(kind), after},
                [&](const SqlRow& r) {
                    ++n;
                    after = r.i64(0);
                    fn(r.text(1), r.text(2));
                });
        if (n < 20000) return;
    }
}

}  // namespace

void note_queue(SqlConn& c, const std::string& hall_id, const std::string& snapshot_json) {
    auto j = nlohmann::json::parse(snapshot_json, nullptr, false);
    std::string why;
    auto q = j.is_discarded() ? std::nullopt : wire::queue_from_json(j, why);
    if (!q || q->day.size() != 10 || !parse_date(q->day)) return;  // a feed without its day's calls: no coverage
    for (const auto& [window, served] : served_by_window(*q)) note_served(c, hall_id, window, q->day, served);
}

RebuildResult rebuild_index(SqlConn& c) {
    RebuildResult res;
    // Tickets served reported by the hub's own feed relay stay (no record holds them); the
    // rest is recomputed from the records.
    c.script("DELETE FROM console_feedback; DELETE FROM console_audit_index; DELETE FROM console_month; "
             "UPDATE console_coverage SET rated = 0, unticketed = 0;");
    // 1. Audits: their index rows, and each target's steps in memory (a few per 差评).
    std::map<std::string, std::vector<AuditStep>> steps;
    {
        BatchInsert ins(c, "INSERT INTO console_audit_index(uuid, target_uuid, hall_id, kiosk_id, at, action, before_json, after_json)", 8,
                        "ON CONFLICT (uuid) DO NOTHING");
        for_each_record(c, wire::kKindAudit, [&](const std::string&, const std::string& payload) {
            auto j = json::parse(payload, nullptr, false);
            std::string why;
            auto a = j.is_discarded() ? std::nullopt : wire::audit_from_json(j, why);
            if (!a) return;
            ins.add({a->uuid, a->target_uuid, a->hall_id, a->kiosk_id, a->at, a->action, a->before_json, a->after_json});
            if (!a->target_uuid.empty()) steps[a->target_uuid].push_back({a->at, a->uuid, a->action, a->after_json});
            ++res.audit;
        });
        ins.flush();
    }
    for (auto& [t, v] : steps) std::sort(v.begin(), v.end(), [](const AuditStep& x, const AuditStep& y) {
        return std::tie(x.at, x.uuid) < std::tie(y.at, y.uuid);
    });
    // 2. The kiosks' coverage records: tickets served.
    for_each_record(c, wire::kKindCoverage, [&](const std::string&, const std::string& payload) {
        auto j = json::parse(payload, nullptr, false);
        std::string why;
        auto cov = j.is_discarded() ? std::nullopt : wire::coverage_from_json(j, why);
        if (cov) note_served(c, cov->hall_id, cov->window_id, cov->day, cov->served);
        ++res.coverage;
    });
    // 3. Feedback rows, none a repeat yet.
    {
        BatchInsert ins(c,
                        "INSERT INTO console_feedback(uuid, hall_id, window_id, kiosk_id, created_at, local_day, month, receipt, rating, "
                        "ind_efficiency, ind_level, ind_attitude, cat_mask, has_phone, state, upheld, appeal, callback_done, "
                        "failed_callbacks, ledger_deadline, handled_at, visit_key, is_repeat, flag)",
                        24, "ON CONFLICT (uuid) DO NOTHING");
        const std::vector<AuditStep> none;
        for_each_record(c, wire::kKindFeedback, [&](const std::string&, const std::string& payload) {
            auto j = json::parse(payload, nullptr, false);
            std::string why;
            auto f = j.is_discarded() ? std::nullopt : wire::feedback_from_json(j, why);
            if (!f) return;
            const auto day = local_date_of(f->created_at, kUtcOffsetMinutes);
            if (!day) return;
            Indexed r;
            const auto local_day = format_date(*day);
            r.rating = static_cast<int>(f->overall);
            r.flag = f->flagged ? "pending" : "";
            auto it = steps.find(f->uuid);
            fold(it == steps.end() ? none : it->second, r);
            std::int64_t mask = 0;
            for (auto cat : f->categories) mask |= std::int64_t{1} << static_cast<int>(cat);
            std::array<std::int64_t, kIndicatorCount> ind{};
            for (int i = 0; i < kIndicatorCount; ++i)
                ind[static_cast<std::size_t>(i)] = f->indicators[static_cast<std::size_t>(i)] ? static_cast<int>(*f->indicators[static_cast<std::size_t>(i)]) : 0;
            ins.add({f->uuid, f->hall_id, f->window_id, f->kiosk_id, f->created_at, local_day, local_day.substr(0, 7), f->receipt,
                     std::int64_t{r.rating}, ind[0], ind[1], ind[2], mask, std::int64_t{!f->phone.empty()}, r.state,
                     std::int64_t{r.upheld}, r.appeal, std::int64_t{r.callback_done}, r.failed_callbacks, r.ledger_deadline,
                     r.handled_at, visit_key(f->hall_id, f->visit_day, f->ticket, f->window_id), std::int64_t{0}, r.flag});
            ++res.feedback;
        });
        ins.flush();
    }
    // 4. One visit, one rating: of a visit's ratings the earliest (created_at, uuid) counts.
    c.exec("UPDATE console_feedback SET is_repeat = 1 WHERE visit_key <> '' AND EXISTS (SELECT 1 FROM console_feedback g "
           "WHERE g.visit_key <> '' AND g.visit_key = console_feedback.visit_key AND (g.created_at < console_feedback.created_at OR "
           "(g.created_at = console_feedback.created_at AND g.uuid < console_feedback.uuid)))");
    // 5. The counters, from the rows with the same contribution() the ingest path adds.
    std::map<std::tuple<std::string, std::string, std::string>, Counters> months;
    std::map<std::tuple<std::string, std::string, std::string>, std::array<std::int64_t, 2>> days;
    std::string after;
    for (;;) {
        int n = 0;
        c.query("SELECT uuid, hall_id, window_id, month, rating, ind_efficiency, ind_level, ind_attitude, has_phone, upheld, "
                "callback_done, is_repeat, flag, local_day, visit_key FROM console_feedback WHERE uuid > ? ORDER BY uuid LIMIT 20000",
                {after}, [&](const SqlRow& row) {
                    ++n;
                    after = row.text(0);
                    Indexed x;
                    x.hall_id = row.text(1);
                    x.window_id = row.text(2);
                    x.month = row.text(3);
                    x.rating = static_cast<int>(row.i64(4));
                    x.ind = {static_cast<int>(row.i64(5)), static_cast<int>(row.i64(6)), static_cast<int>(row.i64(7))};
                    x.has_phone = row.i64(8) != 0;
                    x.upheld = row.i64(9) != 0;
                    x.callback_done = row.i64(10) != 0;
                    x.is_repeat = row.i64(11) != 0;
                    x.flag = row.text(12);
                    x.cov_day = coverage_day(row.text(13), row.text(14));
                    x.ticketed = !row.text(14).empty();
                    auto& m = months[{x.hall_id, x.window_id, x.month}];
                    const auto d = contribution(x);
                    for (int i = 0; i < kCounterCount; ++i) m[static_cast<std::size_t>(i)] += d[static_cast<std::size_t>(i)];
                    const auto v = coverage_contribution(x);
                    if (v[0] || v[1]) {
                        auto& dd = days[{x.hall_id, x.window_id, x.cov_day}];
                        dd[0] += v[0];
                        dd[1] += v[1];
                    }
                });
        if (n < 20000) break;
    }
    {
        std::string head = "INSERT INTO console_month(hall_id, window_id, month";
        for (auto* col : kCounterColumns) head += std::string(", ") + col;
        BatchInsert ins(c, head + ")", 3 + kCounterCount);
        for (const auto& [k, m] : months) {
            std::vector<SqlValue> row{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
            for (auto v : m) row.emplace_back(v);
            ins.add(std::move(row));
        }
        ins.flush();
    }
    {
        BatchInsert ins(c, "INSERT INTO console_coverage(hall_id, window_id, day, month, rated, unticketed)", 6,
                        "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET rated = excluded.rated, unticketed = excluded.unticketed");
        for (const auto& [k, v] : days) ins.add({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<2>(k).substr(0, 7), v[0], v[1]});
        ins.flush();
    }
    return res;
}

void insert_records(SqlConn& c, const std::vector<RecordRow>& rows) {
    BatchInsert ins(c, "INSERT INTO records(uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at)", 8,
                    "ON CONFLICT (uuid) DO NOTHING");
    for (const auto& r : rows) ins.add({r.uuid, r.kind, r.hall_id, r.kiosk_id, r.created_at, r.payload, r.received_from, r.received_at});
    ins.flush();
}

int console_schema_version(SqlConn& c) {
    int v = 0;
    bool has_meta = false;
    c.query(c.is_postgres() ? "SELECT 1 FROM pg_tables WHERE tablename = 'console_meta'"
                            : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'console_meta'",
            {}, [&](const SqlRow&) { has_meta = true; });
    if (!has_meta) return 0;
    c.query("SELECT value FROM console_meta WHERE key = 'schema'", {}, [&](const SqlRow& r) { v = std::stoi(r.text(0)); });
    return v;
}

int known_console_schema_version() { return static_cast<int>(std::size(kSteps)); }

void migrate(SqlConn& c) {
    const int have = console_schema_version(c);
    const int known = static_cast<int>(std::size(kSteps));
    if (have >= known) return;
    for (int i = have; i < known; ++i) c.script(kSteps[i]);
    c.exec("INSERT INTO console_meta(key, value) VALUES('schema', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
           {std::to_string(known)});
    if (have > 0 && have < 4) {
        // Coverage (step 4) needs every record's visit day again: the index is rebuilt once.
        rebuild_index(c);
    } else if (have == 0) {
        // Records stored before the console existed: index them once, feedback first so
        // audits find their targets (the fold does not depend on the order anyway).
        for (const char* kind : {"feedback", "audit", "coverage"}) {
            std::vector<RecordRow> rows;
            c.query("SELECT uuid, kind, hall_id, kiosk_id, created_at, payload FROM records WHERE kind = ?", {std::string(kind)},
                    [&](const SqlRow& r) {
                        RecordRow x;
                        x.uuid = r.text(0);
                        x.kind = r.text(1);
                        x.hall_id = r.text(2);
                        x.kiosk_id = r.text(3);
                        x.created_at = r.text(4);
                        x.payload = r.text(5);
                        rows.push_back(std::move(x));
                    });
            std::vector<const RecordRow*> ptrs;
            for (const auto& r : rows) ptrs.push_back(&r);
            index_records(c, ptrs);
        }
    }
}

void index_records(SqlConn& c, const std::vector<const RecordRow*>& rows) {
    for (const auto* r : rows) {
        if (r->kind == wire::kKindFeedback) index_feedback(c, *r);
        else if (r->kind == wire::kKindAudit) index_audit(c, *r);
        else if (r->kind == wire::kKindCoverage) index_coverage(c, *r);
    }
}

}  // namespace hall::hub::console
