// HubStore on SQLite: one connection guarded by a mutex (the HTTP server is multi-threaded;
// SQLite serialises writers anyway), WAL, synchronous=FULL (sqlite/database.h).
#include <sqlite3.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>

#include "core/ids.h"
#include "hub/console/console_index.h"
#include "hub/hub_store.h"
#include "hub/hub_retention.h"
#include "sqlite/database.h"

namespace hall::hub {
namespace {

// SqlConn over the store's one connection (sqlite3 API directly: rows of any shape); the
// caller holds the store's mutex.
class SqliteConn final : public SqlConn {
public:
    explicit SqliteConn(Db& db) : db_(db) {}
    std::int64_t query(const std::string& sql, const std::vector<SqlValue>& params,
                       const std::function<void(const SqlRow&)>& on_row) override {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_.raw(), sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK)
            throw HubStoreError(std::string("SQLite: ") + sqlite3_errmsg(db_.raw()) + " in: " + sql.substr(0, 120));
        std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int n = static_cast<int>(i + 1);
            if (const auto* s = std::get_if<std::string>(&params[i]))
                sqlite3_bind_text(st, n, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
            else
                sqlite3_bind_int64(st, n, std::get<std::int64_t>(params[i]));
        }
        Row row(st);
        for (;;) {
            const int rc = sqlite3_step(st);
            if (rc == SQLITE_ROW) {
                on_row(row);
                continue;
            }
            if (rc == SQLITE_DONE) break;
            throw HubStoreError(std::string("SQLite: ") + sqlite3_errmsg(db_.raw()));
        }
        return sqlite3_column_count(st) == 0 ? sqlite3_changes(db_.raw()) : 0;
    }
    void script(const std::string& sql) override { db_.exec(sql); }
    bool is_postgres() const override { return false; }

private:
    class Row final : public SqlRow {
    public:
        explicit Row(sqlite3_stmt* st) : st_(st) {}
        int columns() const override { return sqlite3_column_count(st_); }
        std::string text(int col) const override {
            const auto* p = sqlite3_column_text(st_, col);
            return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, col)))
                     : std::string();
        }
        std::int64_t i64(int col) const override { return sqlite3_column_int64(st_, col); }
        bool is_null(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    private:
        sqlite3_stmt* st_;
    };
    Db& db_;
};

// Append only, like the kiosk's migrations; PRAGMA user_version counts applied steps.
const char* const kSteps[] = {
    R"sql(
CREATE TABLE principals(
  name        TEXT PRIMARY KEY,
  hall_id     TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('kiosk', 'queue')),
  token_hash  TEXT NOT NULL UNIQUE,       -- BLAKE2b of the token, hex; the token itself is never stored
  created_at  TEXT NOT NULL,
  last_seen   TEXT NOT NULL DEFAULT '',
  heartbeat   TEXT NOT NULL DEFAULT '',
  heartbeat_at TEXT NOT NULL DEFAULT ''
);
-- Every pushed record, once: the UUID is the idempotency key.
CREATE TABLE records(
  seq           INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,
  hall_id       TEXT NOT NULL,
  kiosk_id      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  payload       TEXT NOT NULL,
  received_from TEXT NOT NULL,
  received_at   TEXT NOT NULL
);
CREATE INDEX records_by_hall ON records(hall_id, created_at);
CREATE TABLE bundles(
  id           INTEGER PRIMARY KEY,
  hall_id      TEXT NOT NULL,               -- '*' = every hall
  version      TEXT NOT NULL,
  etag         TEXT NOT NULL,
  envelope     TEXT NOT NULL,
  published_at TEXT NOT NULL
);
CREATE TABLE queues(
  hall_id    TEXT PRIMARY KEY,
  snapshot   TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql",
    // Issue #13: token lifecycle. A revoked or expired token answers 401; after a rotation
    // the previous hash works until previous_until and new_token waits for the kiosk.
    R"sql(
ALTER TABLE principals ADD COLUMN revoked_at TEXT NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN previous_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN previous_until TEXT NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN new_token TEXT NOT NULL DEFAULT '';
CREATE INDEX principals_by_previous_hash ON principals(previous_hash);
)sql",
};

class SqliteHubStore final : public HubStore {
public:
    explicit SqliteHubStore(const std::string& path) : db_(path) {
        for (auto& r : readers_) r.db = std::make_unique<Db>(path);
        // A hub's indexes (records by UUID, the console's) take random inserts: a 64 MB page
        // cache instead of SQLite's 2 MB keeps ingest from re-reading them at a million records.
        db_.exec("PRAGMA cache_size = -65536");
    }

    void migrate() override {
        std::lock_guard lk(mu_);
        auto v = db_.prepare("PRAGMA user_version");
        v.step();
        const int have = v.i32(0);
        const int known = static_cast<int>(std::size(kSteps));
        if (have > known)
            throw HubStoreError("hub database " + db_.path() + " has schema version " + std::to_string(have) +
                                ", newer than this build knows (" + std::to_string(known) + ")");
        for (int i = have; i < known; ++i) {
            Tx tx(db_);
            db_.exec(kSteps[i]);
            db_.exec("PRAGMA user_version = " + std::to_string(i + 1));
            tx.commit();
        }
        // The console's tables keep their own version (console/console_index.h). Opening an
        // up-to-date store takes no write lock (a running hub may hold it).
        SqliteConn conn(db_);
        if (console::console_schema_version(conn) < console::known_console_schema_version()) {
            Tx tx(db_);
            console::migrate(conn);
            tx.commit();
        }
    }

    void add_principal(const Principal& p, const std::string& token_hash, const std::string& created_at) override {
        std::lock_guard lk(mu_);
        Tx tx(db_);
        auto st = db_.prepare(
            "INSERT INTO principals(name, hall_id, role, token_hash, created_at) VALUES(?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING");
        st.bind(1, p.name).bind(2, p.hall_id).bind(3, p.role).bind(4, token_hash).bind(5, created_at).run();
        if (db_.changes() == 0) throw HubStoreError("kiosk " + p.name + " already exists");
        tx.commit();
    }

    std::optional<TokenMatch> match_token(const std::string& token_hash, const std::string& now) override {
        auto reader = read();
        auto st = reader.db.prepare(
            "SELECT name, hall_id, role, token_hash <> ?1, new_token FROM principals "
            "WHERE (token_hash = ?1 OR (previous_hash = ?1 AND previous_until > ?2)) "
            "AND revoked_at = '' AND (expires_at = '' OR expires_at > ?2)");
        st.bind(1, token_hash).bind(2, now);
        if (!st.step()) return std::nullopt;
        return TokenMatch{{st.text(0), st.text(1), st.text(2)}, st.i32(3) != 0, st.text(4)};
    }

    bool revoke_principal(const std::string& name, const std::string& at) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET revoked_at = ?, previous_hash = '', new_token = '' WHERE name = ?").bind(1, at).bind(2, name).run();
        return db_.changes() == 1;
    }

    bool rotate_token(const std::string& name, const std::string& new_hash, const std::string& new_token,
                      const std::string& previous_until, const std::string& expires_at) override {
        std::lock_guard lk(mu_);
        db_.prepare(
               "UPDATE principals SET previous_hash = token_hash, previous_until = ?, token_hash = ?, new_token = ?, expires_at = ? "
               "WHERE name = ? AND revoked_at = ''")
            .bind(1, previous_until).bind(2, new_hash).bind(3, new_token).bind(4, expires_at).bind(5, name).run();
        return db_.changes() == 1;
    }

    void finish_rotation(const std::string& name) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET previous_hash = '', previous_until = '', new_token = '' WHERE name = ?").bind(1, name).run();
    }

    bool set_token_expiry(const std::string& name, const std::string& expires_at) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET expires_at = ? WHERE name = ?").bind(1, expires_at).bind(2, name).run();
        return db_.changes() == 1;
    }

    void touch(const std::string& name, const std::string& at) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET last_seen = ? WHERE name = ?").bind(1, at).bind(2, name).run();
    }

    void touch_many(const std::vector<std::pair<std::string, std::string>>& name_at) override {
        std::lock_guard lk(mu_);
        Tx tx(db_);  // one commit (one fsync) for the lot
        auto st = db_.prepare("UPDATE principals SET last_seen = ? WHERE name = ?");
        for (const auto& [name, at] : name_at) {
            st.bind(1, at).bind(2, name).run();
            st.reset();
        }
        tx.commit();
    }

    std::vector<KioskRow> kiosks() override {
        std::lock_guard lk(mu_);
        std::vector<KioskRow> out;
        auto st = db_.prepare("SELECT name, hall_id, role, created_at, last_seen, heartbeat FROM principals ORDER BY hall_id, name");
        while (st.step()) out.push_back({{st.text(0), st.text(1), st.text(2)}, st.text(3), st.text(4), st.text(5)});
        return out;
    }

    std::vector<PutOutcome> put_records(const std::vector<RecordRow>& rows) override {
        std::lock_guard lk(mu_);
        std::vector<PutOutcome> out;
        out.reserve(rows.size());
        Tx tx(db_);
        auto st = db_.prepare(
            "INSERT INTO records(uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO NOTHING");
        for (const auto& r : rows) {
            st.bind(1, r.uuid).bind(2, r.kind).bind(3, r.hall_id).bind(4, r.kiosk_id).bind(5, r.created_at)
                .bind(6, r.payload).bind(7, r.received_from).bind(8, r.received_at);
            st.run();
            st.reset();
            out.push_back(db_.changes() == 1 ? PutOutcome::Stored : PutOutcome::Duplicate);
        }
        std::vector<const RecordRow*> stored;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (out[i] == PutOutcome::Stored) stored.push_back(&rows[i]);
        SqliteConn conn(db_);
        console::index_records(conn, stored);
        tx.commit();
        return out;
    }

    std::int64_t record_count(const std::string& kind) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare(kind.empty() ? "SELECT COUNT(*) FROM records" : "SELECT COUNT(*) FROM records WHERE kind = ?");
        if (!kind.empty()) st.bind(1, kind);
        st.step();
        return st.i64(0);
    }

    void for_each_record(const std::string& kind, const std::function<bool(const RecordRow&)>& fn) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare(
            kind.empty()
                ? "SELECT uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at FROM records ORDER BY seq"
                : "SELECT uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at FROM records "
                  "WHERE kind = ? ORDER BY seq");
        if (!kind.empty()) st.bind(1, kind);
        while (st.step()) {
            RecordRow r{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)};
            if (!fn(r)) break;
        }
    }

    std::vector<SearchMissRow> search_misses(const std::string& hall_id, int limit_per_hall) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare(
            "SELECT hall_id, json_extract(payload, '$.query') AS q, SUM(json_extract(payload, '$.count')) AS n, "
            "       COUNT(DISTINCT json_extract(payload, '$.day')), MAX(json_extract(payload, '$.day')) "
            "FROM records WHERE kind = 'search_miss' AND (?1 = '' OR hall_id = ?1) "
            "GROUP BY hall_id, q ORDER BY hall_id, n DESC, q");
        st.bind(1, hall_id);
        std::vector<SearchMissRow> out;
        int in_hall = 0;
        while (st.step()) {
            SearchMissRow r{st.text(0), st.text(1), st.i64(2), st.i64(3), st.text(4)};
            in_hall = (!out.empty() && out.back().hall_id == r.hall_id) ? in_hall + 1 : 1;
            if (in_hall <= limit_per_hall) out.push_back(std::move(r));
        }
        return out;
    }

    void put_bundle(const BundleRow& b) override {
        std::lock_guard lk(mu_);
        db_.prepare("INSERT INTO bundles(hall_id, version, etag, envelope, published_at) VALUES(?, ?, ?, ?, ?)")
            .bind(1, b.hall_id).bind(2, b.version).bind(3, b.etag).bind(4, b.envelope).bind(5, b.published_at).run();
    }

    std::optional<BundleRow> latest_bundle(const std::string& hall_id) override {
        auto reader = read();
        auto st = reader.db.prepare(
            "SELECT id, hall_id, version, etag, envelope, published_at FROM bundles "
            "WHERE hall_id = ? OR hall_id = '*' ORDER BY id DESC LIMIT 1");
        st.bind(1, hall_id);
        if (!st.step()) return std::nullopt;
        return BundleRow{st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)};
    }

    void put_heartbeat(const std::string& name, const std::string& heartbeat_json, const std::string& at) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET heartbeat = ?, heartbeat_at = ?, last_seen = ? WHERE name = ?")
            .bind(1, heartbeat_json).bind(2, at).bind(3, at).bind(4, name).run();
    }

    std::int64_t erase_phones(const std::vector<std::string>& uuids, const std::string& at) override {
        std::lock_guard lk(mu_);
        Tx tx(db_);
        std::int64_t n = 0;
        auto get = db_.prepare("SELECT payload FROM records WHERE uuid = ? AND kind = 'feedback'");
        auto put = db_.prepare("UPDATE records SET payload = ? WHERE uuid = ?");
        for (const auto& u : uuids) {
            get.bind(1, u);
            if (get.step()) {
                const std::string before = get.text(0);
                const std::string after = payload_without_phone(before, at);
                if (after != before) {
                    put.bind(1, after).bind(2, u);
                    put.run();
                    put.reset();
                    ++n;
                }
            }
            get.reset();
        }
        tx.commit();
        return n;
    }

    void put_queue(const QueueRow& q) override {
        std::lock_guard lk(mu_);
        Tx tx(db_);
        db_.prepare(
               "INSERT INTO queues(hall_id, snapshot, updated_at) VALUES(?, ?, ?) "
               "ON CONFLICT(hall_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at")
            .bind(1, q.hall_id).bind(2, q.snapshot).bind(3, q.updated_at).run();
        // Tickets served today per window, for the console's coverage (same transaction).
        SqliteConn conn(db_);
        console::note_queue(conn, q.hall_id, q.snapshot);
        tx.commit();
    }

    std::optional<QueueRow> queue(const std::string& hall_id) override {
        auto reader = read();
        auto st = reader.db.prepare("SELECT hall_id, snapshot, updated_at FROM queues WHERE hall_id = ?");
        st.bind(1, hall_id);
        if (!st.step()) return std::nullopt;
        return QueueRow{st.text(0), st.text(1), st.text(2)};
    }

    // --- schema and whole-store copy (migrate-store) ---
    int schema_version() override {
        std::lock_guard lk(mu_);
        auto v = db_.prepare("PRAGMA user_version");
        v.step();
        return v.i32(0);
    }
    int known_schema_version() const override { return static_cast<int>(std::size(kSteps)); }

    void for_each_principal(const std::function<void(const PrincipalRow&)>& fn) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare(
            "SELECT name, hall_id, role, token_hash, created_at, last_seen, heartbeat, heartbeat_at FROM principals "  // revoked: not copied back to life
            "WHERE revoked_at = '' ORDER BY name");
        while (st.step())
            fn({{st.text(0), st.text(1), st.text(2)}, st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)});
    }

    void for_each_bundle(const std::function<void(const BundleRow&)>& fn) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare("SELECT id, hall_id, version, etag, envelope, published_at FROM bundles ORDER BY id");
        while (st.step()) fn({st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    }

    void for_each_queue(const std::function<void(const QueueRow&)>& fn) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare("SELECT hall_id, snapshot, updated_at FROM queues ORDER BY hall_id");
        while (st.step()) fn({st.text(0), st.text(1), st.text(2)});
    }

    bool put_principal_if_absent(const PrincipalRow& p) override {
        std::lock_guard lk(mu_);
        db_.prepare(
               "INSERT INTO principals(name, hall_id, role, token_hash, created_at, last_seen, heartbeat, heartbeat_at) "
               "VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .bind(1, p.who.name).bind(2, p.who.hall_id).bind(3, p.who.role).bind(4, p.token_hash).bind(5, p.created_at)
            .bind(6, p.last_seen).bind(7, p.heartbeat).bind(8, p.heartbeat_at).run();
        return db_.changes() == 1;
    }

    bool put_bundle_if_absent(const BundleRow& b) override {
        std::lock_guard lk(mu_);
        Tx tx(db_);
        auto st = db_.prepare("SELECT 1 FROM bundles WHERE hall_id = ? AND etag = ?");
        st.bind(1, b.hall_id).bind(2, b.etag);
        if (st.step()) return false;
        db_.prepare("INSERT INTO bundles(hall_id, version, etag, envelope, published_at) VALUES(?, ?, ?, ?, ?)")
            .bind(1, b.hall_id).bind(2, b.version).bind(3, b.etag).bind(4, b.envelope).bind(5, b.published_at).run();
        tx.commit();
        return true;
    }

    SqlDb& sql() override { return sql_; }

private:
    class Sql final : public SqlDb {
    public:
        explicit Sql(SqliteHubStore& s) : s_(s) {}
        void transaction(const std::function<void(SqlConn&)>& fn) override {
            std::lock_guard lk(s_.mu_);
            Tx tx(s_.db_);
            SqliteConn c(s_.db_);
            fn(c);
            tx.commit();
        }
        void read(const std::function<void(SqlConn&)>& fn) override {
            std::lock_guard lk(s_.mu_);
            SqliteConn c(s_.db_);
            fn(c);
        }
        bool is_postgres() const override { return false; }
    private:
        SqliteHubStore& s_;
    };
    std::mutex mu_;
    Db db_;
    // Hot reads (every request's token, queue polls, bundles) on their own connection: with
    // WAL they run beside a writer's commit and fsync instead of queueing behind it.
    // A few reader connections, each used by one thread at a time: a queue poll takes a free
    // one instead of queueing behind another reader (WAL lets them all read at once).
    struct Reader {
        std::mutex mu;
        std::unique_ptr<Db> db;
    };
    struct ReaderLease {
        std::unique_lock<std::mutex> lock;
        Db& db;
    };
    ReaderLease read() {
        const std::size_t start = next_reader_.fetch_add(1, std::memory_order_relaxed);
        for (std::size_t i = 0; i < readers_.size(); ++i) {
            auto& r = readers_[(start + i) % readers_.size()];
            std::unique_lock lk(r.mu, std::try_to_lock);
            if (lk.owns_lock()) return {std::move(lk), *r.db};
        }
        auto& r = readers_[start % readers_.size()];  // all busy: wait for one
        return {std::unique_lock(r.mu), *r.db};
    }
    std::array<Reader, 4> readers_;
    std::atomic<std::size_t> next_reader_{0};
    Sql sql_{*this};
};

}  // namespace

std::unique_ptr<HubStore> open_sqlite_hub_store(const std::string& path, bool migrate) {
    try {
        auto s = std::make_unique<SqliteHubStore>(path);
        if (migrate) s->migrate();
        return s;
    } catch (const StoreError& e) {
        throw HubStoreError(std::string("cannot open hub database: ") + e.what());
    }
}

std::optional<Principal> HubStore::principal_by_token_hash(const std::string& token_hash) {
    auto m = match_token(token_hash, now_iso_utc());
    if (!m) return std::nullopt;
    return m->who;
}

std::unique_ptr<HubStore> open_hub_store(const std::string& location, bool migrate) {
    if (location.rfind("sqlite:", 0) == 0) return open_sqlite_hub_store(location.substr(7), migrate);
    if (is_pg_location(location)) return open_pg_hub_store(location, migrate);
    if (location.find("://") != std::string::npos)
        throw HubStoreError("no hub store backend for " + location + " (a SQLite file path or postgresql://...)");
    return open_sqlite_hub_store(location, migrate);
}

}  // namespace hall::hub
