#include "hub/console/console_index.h"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/handling.h"
#include "core/workdays.h"
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
};

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

// Folds a record's audit trail into its handling columns.
void fold_audits(SqlConn& c, const std::string& uuid, Indexed& r) {
    r.state = std::string(handling_state_key(initial_state(*rating_from_int(r.rating))));
    r.upheld = false;
    r.appeal.clear();
    r.callback_done = false;
    r.failed_callbacks = 0;
    r.ledger_deadline.clear();
    r.handled_at.clear();
    c.query("SELECT action, after_json, at FROM console_audit_index WHERE target_uuid = ? ORDER BY at, uuid", {uuid},
            [&](const SqlRow& row) {
                const auto action = row.text(0);
                const auto after = json::parse(row.text(1), nullptr, false);
                r.handled_at = row.text(2);
                if (!after.is_object()) return;
                const auto str = [&](const char* k) -> std::optional<std::string> {
                    return after.contains(k) && after[k].is_string() ? std::optional(after[k].get<std::string>()) : std::nullopt;
                };
                if (auto s = str("state"); s && handling_state_from_key(*s)) r.state = *s;
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
            });
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
                        "appeal, callback_done, failed_callbacks, ledger_deadline, handled_at, is_repeat, flag "
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
    if (inserted == 1) add_counters(c, r.hall_id, r.window_id, r.month, contribution(r));
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

}  // namespace

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
    if (have == 0) {
        // Records stored before the console existed: index them once, feedback first so
        // audits find their targets (the fold does not depend on the order anyway).
        for (const char* kind : {"feedback", "audit"}) {
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
    }
}

}  // namespace hall::hub::console
