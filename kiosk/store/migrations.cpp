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
