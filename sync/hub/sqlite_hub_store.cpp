// HubStore on SQLite: one connection guarded by a mutex (the HTTP server is multi-threaded;
// SQLite serialises writers anyway), WAL, synchronous=FULL (store/database.h).
#include <mutex>

#include "hub/hub_store.h"
#include "hub/hub_retention.h"
#include "store/database.h"

namespace hall::hub {
namespace {

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
};

class SqliteHubStore final : public HubStore {
public:
    explicit SqliteHubStore(const std::string& path) : db_(path) {}

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

    std::optional<Principal> principal_by_token_hash(const std::string& token_hash) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare("SELECT name, hall_id, role FROM principals WHERE token_hash = ?");
        st.bind(1, token_hash);
        if (!st.step()) return std::nullopt;
        return Principal{st.text(0), st.text(1), st.text(2)};
    }

    void touch(const std::string& name, const std::string& at) override {
        std::lock_guard lk(mu_);
        db_.prepare("UPDATE principals SET last_seen = ? WHERE name = ?").bind(1, at).bind(2, name).run();
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

    void put_bundle(const BundleRow& b) override {
        std::lock_guard lk(mu_);
        db_.prepare("INSERT INTO bundles(hall_id, version, etag, envelope, published_at) VALUES(?, ?, ?, ?, ?)")
            .bind(1, b.hall_id).bind(2, b.version).bind(3, b.etag).bind(4, b.envelope).bind(5, b.published_at).run();
    }

    std::optional<BundleRow> latest_bundle(const std::string& hall_id) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare(
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
        db_.prepare(
               "INSERT INTO queues(hall_id, snapshot, updated_at) VALUES(?, ?, ?) "
               "ON CONFLICT(hall_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at")
            .bind(1, q.hall_id).bind(2, q.snapshot).bind(3, q.updated_at).run();
    }

    std::optional<QueueRow> queue(const std::string& hall_id) override {
        std::lock_guard lk(mu_);
        auto st = db_.prepare("SELECT hall_id, snapshot, updated_at FROM queues WHERE hall_id = ?");
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
            "SELECT name, hall_id, role, token_hash, created_at, last_seen, heartbeat, heartbeat_at FROM principals ORDER BY name");
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

private:
    std::mutex mu_;
    Db db_;
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

std::unique_ptr<HubStore> open_hub_store(const std::string& location, bool migrate) {
    if (location.rfind("sqlite:", 0) == 0) return open_sqlite_hub_store(location.substr(7), migrate);
    if (is_pg_location(location)) return open_pg_hub_store(location, migrate);
    if (location.find("://") != std::string::npos)
        throw HubStoreError("no hub store backend for " + location + " (a SQLite file path or postgresql://...)");
    return open_sqlite_hub_store(location, migrate);
}

}  // namespace hall::hub
