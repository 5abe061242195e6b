#include "hub/console/console_index.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
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
-- Audit records by the feedback record they act on (handling history); only those.
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

// Counter changes summed per row before they are written (write_counters): an ingest
// transaction writes each hot row (a window's month, a window's day) once, at its end and in
// key order, instead of once per record from its first record on. Hubs that ingest the same
// hall at once then hold those rows' locks for a moment, not a whole batch, and cannot
// deadlock on them; and 100 records cost one statement per table, not 200 round trips.
struct CounterSums {
    using Key = std::tuple<std::string, std::string, std::string>;  // hall, window, month or day
    std::map<Key, Counters> months;
    std::map<Key, std::array<std::int64_t, 2>> days;  // rated, unticketed
    void add_month(const std::string& hall, const std::string& window, const std::string& month, const Counters& d) {
        auto& m = months[{hall, window, month}];
        for (std::size_t i = 0; i < m.size(); ++i) m[i] += d[i];
    }
    void add_day(const std::string& hall, const std::string& window, const std::string& day, const std::array<std::int64_t, 2>& d) {
        if (d[0] == 0 && d[1] == 0) return;
        auto& v = days[{hall, window, day}];
        v[0] += d[0];
        v[1] += d[1];
    }
};

// Tickets served as a feed reported them: the largest count seen for the day and window.
void note_served(SqlConn& c, const std::string& hall, const std::string& window, const std::string& day, std::int64_t served) {
    if (served <= 0 || day.size() != 10 || window.empty()) return;
    c.exec("INSERT INTO console_coverage(hall_id, window_id, day, month, served) VALUES(?, ?, ?, ?, ?) "
           "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET served = excluded.served "
           "WHERE excluded.served > console_coverage.served",
           {hall, window, day, day.substr(0, 7), served});
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
void update_indexed(SqlConn& c, const std::string& uuid, const Indexed& before, const Indexed& after, CounterSums& sums) {
    write_handling(c, uuid, after);
    const auto old_c = contribution(before), new_c = contribution(after);
    Counters delta{};
    for (int i = 0; i < kCounterCount; ++i) delta[i] = new_c[i] - old_c[i];
    sums.add_month(after.hall_id, after.window_id, after.month, delta);
    const auto old_v = coverage_contribution(before), new_v = coverage_contribution(after);
    sums.add_day(after.hall_id, after.window_id, after.cov_day, {new_v[0] - old_v[0], new_v[1] - old_v[1]});
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

// "?, ?, ?" for n values.
std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
    return out;
}

// Feedback records of one ingest, indexed with a few statements per chunk instead of four
// per record (each a round trip on PostgreSQL, which made the index most of ingest's cost):
// the chunk's audits, which of its records are indexed already and the counted ratings of
// its visits are read at once, the visits are settled in memory, the rows go in with one
// insert. Chunks keep every statement under both backends' parameter limits.
void index_feedback(SqlConn& c, const std::vector<const RecordRow*>& rows, CounterSums& sums) {
    constexpr std::size_t kChunk = 400;
    for (std::size_t from = 0; from < rows.size(); from += kChunk) {
        struct Item {
            std::string uuid, kiosk_id, created_at, local_day, receipt, vkey;
            std::int64_t mask = 0;
            Indexed r;
        };
        std::vector<Item> items;
        std::map<std::string, std::size_t> by_uuid;
        for (std::size_t k = from; k < std::min(rows.size(), from + kChunk); ++k) {
            auto j = json::parse(rows[k]->payload, nullptr, false);
            std::string why;
            auto f = j.is_discarded() ? std::nullopt : wire::feedback_from_json(j, why);
            if (!f || by_uuid.count(f->uuid)) continue;
            const auto day = local_date_of(f->created_at, kUtcOffsetMinutes);
            if (!day) continue;
            Item it;
            it.uuid = f->uuid;
            it.kiosk_id = f->kiosk_id;
            it.created_at = f->created_at;
            it.receipt = f->receipt;
            it.local_day = format_date(*day);
            auto& r = it.r;
            r.hall_id = f->hall_id;
            r.window_id = f->window_id;
            r.month = it.local_day.substr(0, 7);
            r.rating = static_cast<int>(f->overall);
            for (int i = 0; i < kIndicatorCount; ++i)
                r.ind[i] = f->indicators[static_cast<std::size_t>(i)] ? static_cast<int>(*f->indicators[static_cast<std::size_t>(i)]) : 0;
            r.has_phone = !f->phone.empty();
            for (auto cat : f->categories) it.mask |= std::int64_t{1} << static_cast<int>(cat);
            r.flag = f->flagged ? "pending" : "";
            it.vkey = visit_key(f->hall_id, f->visit_day, f->ticket, f->window_id);
            r.cov_day = coverage_day(it.local_day, it.vkey);
            r.ticketed = !it.vkey.empty();
            by_uuid[it.uuid] = items.size();
            items.push_back(std::move(it));
        }
        if (items.empty()) continue;
        std::vector<SqlValue> uuids;
        for (const auto& it : items) uuids.emplace_back(it.uuid);
        // Audits that arrived before their record (another kiosk, another batch), folded in.
        std::map<std::string, std::vector<AuditStep>> steps;
        c.query("SELECT target_uuid, at, uuid, action, after_json FROM console_audit_index WHERE target_uuid IN (" +
                    placeholders(uuids.size()) + ") ORDER BY target_uuid, at, uuid",
                uuids, [&](const SqlRow& row) { steps[row.text(0)].push_back({row.text(1), row.text(2), row.text(3), row.text(4)}); });
        for (auto& it : items) fold(steps[it.uuid], it.r);
        std::set<std::string> indexed;
        c.query("SELECT uuid FROM console_feedback WHERE uuid IN (" + placeholders(uuids.size()) + ")", uuids,
                [&](const SqlRow& row) { indexed.insert(row.text(0)); });
        // One visit, one rating: the rating that counts per visit, (created_at, uuid) first.
        // Rows stored before are locked on PostgreSQL (two hubs may settle one visit at once).
        struct Counted {
            std::string created_at, uuid;
            std::optional<std::size_t> item;  // in this chunk, not yet inserted
        };
        std::map<std::string, Counted> counted;
        std::set<std::string> visits;
        for (const auto& it : items)
            if (!it.vkey.empty() && !indexed.count(it.uuid)) visits.insert(it.vkey);
        const std::vector<SqlValue> keys(visits.begin(), visits.end());
        if (!keys.empty())
            c.query("SELECT visit_key, created_at, uuid FROM console_feedback WHERE visit_key IN (" + placeholders(keys.size()) +
                        ") AND is_repeat = 0 ORDER BY visit_key, created_at, uuid" + (c.is_postgres() ? " FOR UPDATE" : ""),
                    keys, [&](const SqlRow& row) {
                        if (!counted.count(row.text(0))) counted[row.text(0)] = {row.text(1), row.text(2), std::nullopt};
                    });
        BatchInsert ins(c,
                        "INSERT INTO console_feedback(uuid, hall_id, window_id, kiosk_id, created_at, local_day, month, receipt, rating, "
                        "ind_efficiency, ind_level, ind_attitude, cat_mask, has_phone, state, upheld, appeal, callback_done, "
                        "failed_callbacks, ledger_deadline, handled_at, visit_key, is_repeat, flag)",
                        24, "ON CONFLICT (uuid) DO NOTHING");
        std::vector<std::size_t> fresh;
        for (std::size_t k = 0; k < items.size(); ++k) {
            auto& it = items[k];
            if (indexed.count(it.uuid)) continue;
            fresh.push_back(k);
            if (it.vkey.empty()) continue;
            auto found = counted.find(it.vkey);
            if (found == counted.end()) {
                counted[it.vkey] = {it.created_at, it.uuid, k};
            } else if (std::tie(found->second.created_at, found->second.uuid) < std::tie(it.created_at, it.uuid)) {
                it.r.is_repeat = true;
            } else {
                // Earlier than the visit's counted rating (late from another kiosk): this one
                // counts and that one becomes the repeat.
                if (found->second.item) {
                    items[*found->second.item].r.is_repeat = true;
                } else if (auto before = load_indexed(c, found->second.uuid)) {
                    Indexed after = *before;
                    after.is_repeat = true;
                    update_indexed(c, found->second.uuid, *before, after, sums);
                }
                found->second = {it.created_at, it.uuid, k};
            }
        }
        for (auto k : fresh) {
            const auto& it = items[k];
            const auto& r = it.r;
            ins.add({it.uuid, r.hall_id, r.window_id, it.kiosk_id, it.created_at, it.local_day, r.month, it.receipt,
                     std::int64_t{r.rating}, std::int64_t{r.ind[0]}, std::int64_t{r.ind[1]}, std::int64_t{r.ind[2]}, it.mask,
                     std::int64_t{r.has_phone}, r.state, std::int64_t{r.upheld}, r.appeal, std::int64_t{r.callback_done},
                     r.failed_callbacks, r.ledger_deadline, r.handled_at, it.vkey, std::int64_t{r.is_repeat}, r.flag});
            sums.add_month(r.hall_id, r.window_id, r.month, contribution(r));
            sums.add_day(r.hall_id, r.window_id, r.cov_day, coverage_contribution(r));
        }
        ins.flush();
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

// Audit records of one ingest, a chunk per statement as for feedback (every kiosk action is
// an audit record: they are most of what kiosks push). Each record an audit targets is folded
// once, after all its audits of the chunk are in, in UUID order (the order two hubs lock them).
void index_audits(SqlConn& c, const std::vector<const RecordRow*>& rows, CounterSums& sums) {
    constexpr std::size_t kChunk = 400;
    for (std::size_t from = 0; from < rows.size(); from += kChunk) {
        std::vector<AuditEntry> audits;
        std::set<std::string> uuids;
        for (std::size_t k = from; k < std::min(rows.size(), from + kChunk); ++k) {
            auto j = json::parse(rows[k]->payload, nullptr, false);
            std::string why;
            auto a = j.is_discarded() ? std::nullopt : wire::audit_from_json(j, why);
            // Only an audit that acts on a record is read back (handling history and folds);
            // the rest (PIN failures, settings, resets) stay in records alone.
            if (a && !a->target_uuid.empty() && uuids.insert(a->uuid).second) audits.push_back(std::move(*a));
        }
        if (audits.empty()) continue;
        const std::vector<SqlValue> keys(uuids.begin(), uuids.end());
        std::set<std::string> indexed;
        c.query("SELECT uuid FROM console_audit_index WHERE uuid IN (" + placeholders(keys.size()) + ")", keys,
                [&](const SqlRow& row) { indexed.insert(row.text(0)); });
        BatchInsert ins(c, "INSERT INTO console_audit_index(uuid, target_uuid, hall_id, kiosk_id, at, action, before_json, after_json)", 8,
                        "ON CONFLICT (uuid) DO NOTHING");
        std::set<std::string> targets;
        for (const auto& a : audits) {
            if (indexed.count(a.uuid)) continue;
            ins.add({a.uuid, a.target_uuid, a.hall_id, a.kiosk_id, a.at, a.action, a.before_json, a.after_json});
            targets.insert(a.target_uuid);
        }
        ins.flush();
        for (const auto& target : targets) {
            const auto before = load_indexed(c, target);
            if (!before || !rating_from_int(before->rating)) continue;  // the feedback record folds them when it arrives
            Indexed after = *before;
            fold_audits(c, target, after);
            update_indexed(c, target, *before, after, sums);
        }
    }
}


// Writes summed counters. Ingest adds them to what the rows hold; a rebuild, which emptied the
// months and zeroed the days' ratings first, sets them.
enum class CounterWrite { Add, Set };
void write_counters(SqlConn& c, const CounterSums& sums, CounterWrite how) {
    const bool add = how == CounterWrite::Add;
    std::string head = "INSERT INTO console_month(hall_id, window_id, month", upd;
    for (int i = 0; i < kCounterCount; ++i) {
        head += std::string(", ") + kCounterColumns[i];
        upd += std::string(i ? ", " : "") + kCounterColumns[i] + " = console_month." + kCounterColumns[i] + " + excluded." +
               kCounterColumns[i];
    }
    {
        BatchInsert ins(c, head + ")", 3 + kCounterCount, add ? "ON CONFLICT (hall_id, window_id, month) DO UPDATE SET " + upd : "");
        for (const auto& [k, m] : sums.months) {
            if (add && m == Counters{}) continue;
            std::vector<SqlValue> row{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
            for (auto v : m) row.emplace_back(v);
            ins.add(std::move(row));
        }
        ins.flush();
    }
    BatchInsert ins(c, "INSERT INTO console_coverage(hall_id, window_id, day, month, rated, unticketed)", 6,
                    add ? "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET rated = console_coverage.rated + excluded.rated, "
                          "unticketed = console_coverage.unticketed + excluded.unticketed"
                        : "ON CONFLICT (hall_id, window_id, day) DO UPDATE SET rated = excluded.rated, unticketed = excluded.unticketed");
    for (const auto& [k, v] : sums.days) ins.add({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<2>(k).substr(0, 7), v[0], v[1]});
    ins.flush();
}

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
            ++res.audit;
            if (a->target_uuid.empty()) return;  // not read back: see index_audits
            ins.add({a->uuid, a->target_uuid, a->hall_id, a->kiosk_id, a->at, a->action, a->before_json, a->after_json});
            steps[a->target_uuid].push_back({a->at, a->uuid, a->action, a->after_json});
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
    CounterSums sums;
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
                    sums.add_month(x.hall_id, x.window_id, x.month, contribution(x));
                    sums.add_day(x.hall_id, x.window_id, x.cov_day, coverage_contribution(x));
                });
        if (n < 20000) break;
    }
    write_counters(c, sums, CounterWrite::Set);
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
    // Feedback first, together; then audits, which find their targets of this batch indexed
    // (the fold does not depend on the order: an audit before its record is folded when the
    // record comes).
    CounterSums sums;
    std::vector<const RecordRow*> feedback, audits;
    for (const auto* r : rows) {
        if (r->kind == wire::kKindFeedback) feedback.push_back(r);
        else if (r->kind == wire::kKindAudit) audits.push_back(r);
        else if (r->kind == wire::kKindCoverage) index_coverage(c, *r);
    }
    index_feedback(c, feedback, sums);
    index_audits(c, audits, sums);
    write_counters(c, sums, CounterWrite::Add);
}

}  // namespace hall::hub::console
