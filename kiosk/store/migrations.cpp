#include "store/migrations.h"

namespace hall {

// Append only. Never edit a step that has shipped: add a new one.
const std::vector<MigrationStep>& kiosk_migrations() {
    static const std::vector<MigrationStep> steps = {
        {1, "feedback, outbox, guides and meta tables",
         R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE feedback(
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  receipt           TEXT NOT NULL,
  created_at        TEXT NOT NULL,          -- UTC ISO 8601
  hall_id           TEXT NOT NULL,
  kiosk_id          TEXT NOT NULL,
  window_id         TEXT NOT NULL,
  categories        TEXT NOT NULL,          -- comma-separated keys, for display and export
  rating            INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  rating_efficiency INTEGER CHECK (rating_efficiency BETWEEN 1 AND 5),
  rating_level      INTEGER CHECK (rating_level BETWEEN 1 AND 5),
  rating_attitude   INTEGER CHECK (rating_attitude BETWEEN 1 AND 5),
  service_code      TEXT NOT NULL DEFAULT '',
  ticket            TEXT NOT NULL DEFAULT '',
  text              TEXT NOT NULL DEFAULT '',
  phone             TEXT NOT NULL DEFAULT '',
  lang              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX feedback_by_time ON feedback(created_at);
CREATE INDEX feedback_by_window ON feedback(window_id, created_at);
CREATE INDEX feedback_by_rating ON feedback(rating, created_at);
CREATE INDEX feedback_by_receipt ON feedback(receipt);
-- One row per (feedback, category) so filtering by category uses an index.
CREATE TABLE feedback_category(
  feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  category    TEXT NOT NULL,
  PRIMARY KEY (category, feedback_id)
) WITHOUT ROWID;
-- Records waiting to leave for the hub; a row goes only when the hub acknowledged it.
CREATE TABLE outbox(
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  payload    TEXT NOT NULL,                 -- wire JSON, ready to send
  created_at TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
-- The imported content bundle, kept whole so the kiosk starts with it offline.
CREATE TABLE content(
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  version     TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  json        TEXT NOT NULL
);
-- Guide search: trigram tokens find any Chinese substring of 3+ characters through the index.
CREATE VIRTUAL TABLE guide_fts USING fts5(code UNINDEXED, name, body, tokenize = 'trigram');
)sql"},
        {2, "manager mode: handling state, ledger, call-backs, appeals, audit log",
         R"sql(
-- One row per feedback record: where the hall stands with it. A trigger creates it in the
-- same transaction as the feedback row, so a 差評 is in verification the moment it is stored,
-- whichever code path stored it (kiosk, demo data, an import). It repeats the few feedback
-- columns the manager list filters and counts on (time, window, rating; never changed after
-- insert), so 100,000 records are filtered, counted and paged on small covering indexes
-- without reading the feedback rows and their text.
CREATE TABLE handling(
  feedback_id      INTEGER PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
  created_at       TEXT NOT NULL,           -- = feedback.created_at
  window_id        TEXT NOT NULL,           -- = feedback.window_id
  rating           INTEGER NOT NULL,        -- = feedback.rating
  state            TEXT NOT NULL CHECK (state IN ('new','verifying','fixing','answered','closed','unfounded')),
  excluded         INTEGER NOT NULL DEFAULT 0,   -- 1: upheld appeal, out of the statistics (never deleted)
  ledger_deadline  TEXT,                    -- = ledger.deadline when in the ledger (local YYYY-MM-DD)
  callback_grade   TEXT CHECK (callback_grade IN ('satisfied','basic','dissatisfied')),
  failed_callbacks INTEGER NOT NULL DEFAULT 0,
  closed_at        TEXT,                    -- UTC, when it was last closed (closed within the deadline?)
  updated_at       TEXT NOT NULL
);
-- Every index continues (created_at, feedback_id) after its filter columns, so newest-first
-- pages come straight off the index (OFFSET skips index entries, keyset starts mid-index),
-- and carries the other filter columns, so counts never read the table.
CREATE INDEX handling_by_time ON handling(created_at, feedback_id, window_id, rating, state, excluded);
CREATE INDEX handling_by_window ON handling(window_id, created_at, feedback_id, rating, state, excluded);
CREATE INDEX handling_by_state ON handling(state, created_at, feedback_id, window_id, rating);
CREATE INDEX handling_by_rating ON handling(rating, created_at, feedback_id, state, window_id);
-- 差評 only (about a tenth of all ratings): the "差評 only" list and its counts.
CREATE INDEX handling_bad ON handling(created_at, feedback_id, state, window_id, rating) WHERE rating <= 2;
-- Work that can run late: open 差評 and ledger items. The overdue filter repeats this WHERE
-- word for word so SQLite may use it (see ManagerStore::build_where).
-- Categories by record: the category chart walks a time range of handling and looks each
-- record's categories up here (the table's key starts with the category).
CREATE INDEX feedback_category_by_feedback ON feedback_category(feedback_id, category);
CREATE INDEX handling_open_work ON handling(created_at, feedback_id, state, rating, ledger_deadline, window_id)
  WHERE state IN ('new','verifying','fixing') AND (rating <= 2 OR ledger_deadline IS NOT NULL);
CREATE TRIGGER feedback_enters_handling AFTER INSERT ON feedback BEGIN
  INSERT INTO handling(feedback_id, created_at, window_id, rating, state, updated_at)
  VALUES (NEW.id, NEW.created_at, NEW.window_id, NEW.rating,
          CASE WHEN NEW.rating <= 2 THEN 'verifying' ELSE 'new' END, NEW.created_at);
END;
INSERT INTO handling(feedback_id, created_at, window_id, rating, state, updated_at)
  SELECT id, created_at, window_id, rating, CASE WHEN rating <= 2 THEN 'verifying' ELSE 'new' END, created_at FROM feedback;
-- The rectification ledger (整治台賬): one entry per record put in a list.
CREATE TABLE ledger(
  feedback_id    INTEGER PRIMARY KEY REFERENCES feedback(id) ON DELETE CASCADE,
  list           TEXT NOT NULL CHECK (list IN ('immediate','limited','long_term')),
  measure        TEXT NOT NULL,
  responsible    TEXT NOT NULL,
  deadline       TEXT NOT NULL,           -- local YYYY-MM-DD
  recheck_date   TEXT NOT NULL DEFAULT '',-- 回頭看
  recheck_result TEXT CHECK (recheck_result IN ('passed','relapsed')),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX ledger_by_deadline ON ledger(deadline);
-- 回訪: every attempt, reached or not.
CREATE TABLE callback(
  id          INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  who         TEXT NOT NULL,
  reached     INTEGER NOT NULL CHECK (reached IN (0,1)),
  grade       TEXT CHECK (grade IN ('satisfied','basic','dissatisfied')),
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX callback_by_feedback ON callback(feedback_id, id);
-- 申訴複核: at most one open appeal per record; decided ones stay.
CREATE TABLE appeal(
  id          INTEGER PRIMARY KEY,
  feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
  reason      TEXT NOT NULL CHECK (reason IN ('mistaken','malicious')),
  explanation TEXT NOT NULL,
  filed_at    TEXT NOT NULL,
  decision    TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending','upheld','rejected')),
  decided_at  TEXT NOT NULL DEFAULT '',
  decided_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeal_by_feedback ON appeal(feedback_id, id);
CREATE UNIQUE INDEX appeal_one_pending ON appeal(feedback_id) WHERE decision = 'pending';
-- Every manager action: when, what, which record, before and after. Synced as kind "audit".
CREATE TABLE audit(
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  at          TEXT NOT NULL,
  action      TEXT NOT NULL,
  target_uuid TEXT NOT NULL DEFAULT '',
  before      TEXT NOT NULL DEFAULT '{}',
  after       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_target ON audit(target_uuid, id);
)sql"},
        {3, "guide search: name/alias/pinyin keys, opened-guide counts, missed queries per day",
         R"sql(
-- Keys of guide names and aliases (store/search_keys.h), rebuilt at each content import.
-- kind: 0 text, 1 full pinyin, 2 initials; tier: 0 key starts the term, 1 inside it.
CREATE TABLE guide_key(
  kind  INTEGER NOT NULL,
  tier  INTEGER NOT NULL,
  key   TEXT NOT NULL,
  guide INTEGER NOT NULL,             -- guide_ref.id
  field INTEGER NOT NULL,             -- 0 name, 1 alias
  whole INTEGER NOT NULL,             -- the key is the whole term
  PRIMARY KEY(kind, tier, key, guide, field, whole)
) WITHOUT ROWID;
CREATE TABLE guide_ref(
  id         INTEGER PRIMARY KEY,     -- = guide_fts rowid
  code       TEXT NOT NULL UNIQUE,
  department TEXT NOT NULL
);
-- Guides opened from a query's results on this kiosk (folded query, nothing about the person).
CREATE TABLE search_open(
  query TEXT NOT NULL,
  code  TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(query, code)
) WITHOUT ROWID;
-- Queries that ended with no guide opened, per local day; a closed day leaves as
-- "search_miss" records through the outbox and its rows are deleted.
CREATE TABLE search_miss(
  day   TEXT NOT NULL,
  query TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY(day, query)
) WITHOUT ROWID;
)sql"},
        {4, "privacy: when a feedback's phone number was erased (privacy.phone_retention_days)",
         R"sql(
ALTER TABLE feedback ADD COLUMN phone_erased_at TEXT NOT NULL DEFAULT '';
)sql"},
        {5, "one visit, one rating: ticket, call time, evaluation round, stuffing flags, tickets served (issue 20)",
         R"sql(
-- What the national record carries (docs/feedback.md). Rows from before stay valid: no
-- channel, no visit day, first round, not flagged.
ALTER TABLE feedback ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN case_number TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN called_at TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN visit_day TEXT NOT NULL DEFAULT '';     -- local YYYY-MM-DD
ALTER TABLE feedback ADD COLUMN eval_round INTEGER NOT NULL DEFAULT 1;  -- 2.. = a repeat of the visit
ALTER TABLE feedback ADD COLUMN repeat_of TEXT NOT NULL DEFAULT '';     -- uuid of the visit's first rating
ALTER TABLE feedback ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;     -- held by the stuffing guard when stored
-- One visit = hall + day + ticket + window: the repeat check is one index probe.
CREATE INDEX feedback_by_visit ON feedback(hall_id, visit_day, ticket, window_id, id) WHERE ticket <> '' AND visit_day <> '';
-- The stuffing guard counts one kiosk's ratings for one window in the last minutes.
CREATE INDEX feedback_by_kiosk_window ON feedback(kiosk_id, window_id, created_at);
-- The guard's flag as it stands: '' none, pending (out of the statistics), confirmed
-- (counted again), rejected (stays out). handling.excluded is now a bit set, so the figures
-- keep reading "excluded = 0" from their covering indexes: 1 upheld appeal, 2 repeat of a
-- visit already rated, 4 held by the stuffing guard (pending or rejected).
ALTER TABLE handling ADD COLUMN flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('','pending','confirmed','rejected'));
CREATE INDEX handling_flag ON handling(flag, created_at, feedback_id) WHERE flag <> '';
-- Tickets served per local day and window, as the queue feed reported them (the highest
-- count seen that day): the denominator of coverage.
CREATE TABLE queue_served(
  day       TEXT NOT NULL,
  window_id TEXT NOT NULL,
  served    INTEGER NOT NULL,
  PRIMARY KEY(day, window_id)
) WITHOUT ROWID;
)sql"},
    };
    return steps;
}

int schema_version(Db& db) {
    auto st = db.prepare("PRAGMA user_version");
    st.step();
    return st.i32(0);
}

std::vector<std::string> migrate(Db& db) {
    std::vector<std::string> ran;
    const auto& steps = kiosk_migrations();
    const int have = schema_version(db);
    const int known = steps.empty() ? 0 : steps.back().version;
    if (have > known)
        throw StoreError(0, "database " + db.path() + " has schema version " + std::to_string(have) +
                                ", newer than this build knows (" + std::to_string(known) + "); refusing to touch it");
    for (const auto& step : steps) {
        if (step.version <= have) continue;
        Tx tx(db);
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        tx.commit();
        ran.push_back("schema " + std::to_string(step.version) + ": " + step.description);
    }
    return ran;
}

}  // namespace hall
