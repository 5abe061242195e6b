// HubStore on PostgreSQL 15 through libpq: several hall-hub instances share one database.
// Exactly-once is the database's job: records.uuid is UNIQUE and a batch is ONE
// INSERT ... ON CONFLICT (uuid) DO NOTHING RETURNING uuid statement (one transaction), so
// two instances storing the same batch at the same moment store it once; the second waits
// on the first's uncommitted key, then finds it there. A lost connection, a server shutting
// down or restarting becomes HubStoreUnavailable (503 + Retry-After); a batch whose COMMIT
// outcome is unknown is not acknowledged, and its resend is answered "duplicate".
#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "hub/hub_store.h"
#include "hub/hub_retention.h"
#include "hub/pg_pool.h"

namespace hall::hub {
namespace {

struct PgStep {
    int version;
    const char* description;
    const char* sql;
};

// Append only. Each step runs in the migration's transaction, under an advisory lock so
// instances starting together migrate once.
const PgStep kPgSteps[] = {
    {1, "principals, records (unique uuid), bundles, queues", R"sql(
CREATE TABLE principals(
  name         text PRIMARY KEY,
  hall_id      text NOT NULL,
  role         text NOT NULL CHECK (role IN ('kiosk', 'queue')),
  token_hash   text NOT NULL UNIQUE,     -- BLAKE2b of the token, hex; the token itself is never stored
  created_at   text NOT NULL,
  last_seen    text NOT NULL DEFAULT '',
  heartbeat    text NOT NULL DEFAULT '',
  heartbeat_at text NOT NULL DEFAULT ''
);
-- Every pushed record, once: the UUID is the idempotency key.
CREATE TABLE records(
  seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid          text NOT NULL UNIQUE,
  kind          text NOT NULL,
  hall_id       text NOT NULL,
  kiosk_id      text NOT NULL,
  created_at    text NOT NULL,
  payload       text NOT NULL,
  received_from text NOT NULL,
  received_at   text NOT NULL
);
CREATE INDEX records_by_hall ON records(hall_id, created_at);
CREATE INDEX records_by_kind ON records(kind, seq);
CREATE TABLE bundles(
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hall_id      text NOT NULL,              -- '*' = every hall
  version      text NOT NULL,
  etag         text NOT NULL,
  envelope     text NOT NULL,
  published_at text NOT NULL
);
CREATE INDEX bundles_by_hall ON bundles(hall_id, id);
CREATE TABLE queues(
  hall_id    text PRIMARY KEY,
  snapshot   text NOT NULL,
  updated_at text NOT NULL
);
)sql"},
};
constexpr int kKnownVersion = static_cast<int>(std::size(kPgSteps));
constexpr long long kMigrationLockKey = 0x48616c6c487562;  // "HallHub"

// A deadlock or serialization failure: the transaction is retried.
struct RetryableConflict : HubStoreError {
    using HubStoreError::HubStoreError;
};

class Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    ~Result() { PQclear(r_); }
    int rows() const { return PQntuples(r_); }
    std::string text(int row, int col) const { return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col)); }
    std::int64_t i64(int row, int col) const { return std::stoll(PQgetvalue(r_, row, col)); }
    bool null(int row, int col) const { return PQgetisnull(r_, row, col); }
    int affected() const {
        const char* n = PQcmdTuples(r_);
        return n && *n ? std::atoi(n) : 0;
    }

private:
    PGresult* r_;
};

bool starts_with(const char* s, const char* prefix) { return s && std::string_view(s).rfind(prefix, 0) == 0; }

// Runs one statement with text parameters; classifies failures.
Result exec(PgPool::Lease& lease, const char* sql, const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p.c_str());
    PGconn* c = lease.get();
    // Without parameters the simple protocol runs it, which allows several statements
    // (a migration step); with them, the extended protocol keeps values out of the SQL.
    PGresult* r = values.empty() ? PQexec(c, sql)
                                 : PQexecParams(c, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Result(r);

    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const std::string code = state ? state : "";
    PQclear(r);
    // Class 08 connection exception, 57P01-03 shutdown / cannot connect now, 53 out of
    // resources (too many connections), or no result at all: the database is away.
    if (PQstatus(c) != CONNECTION_OK || code.empty() || starts_with(state, "08") || starts_with(state, "57P") ||
        starts_with(state, "53")) {
        lease.mark_broken();
        throw HubStoreUnavailable("PostgreSQL unavailable: " + msg);
    }
    if (code == "40P01" || code == "40001") throw RetryableConflict("PostgreSQL conflict: " + msg);
    throw HubStoreError("PostgreSQL: " + msg + " (" + code + ")");
}

class PgHubStore final : public HubStore {
public:
    PgHubStore(const std::string& url, int pool_size) : pool_(url, pool_size) {}

    void migrate() override {
        in_tx([&](PgPool::Lease& c) {
            exec(c, ("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")").c_str());
            exec(c,
                 "CREATE TABLE IF NOT EXISTS hub_schema_versions("
                 "version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            const int have = static_cast<int>(exec(c, "SELECT coalesce(max(version), 0) FROM hub_schema_versions").i64(0, 0));
            if (have > kKnownVersion)
                throw HubStoreError("hub database has schema version " + std::to_string(have) +
                                    ", newer than this build knows (" + std::to_string(kKnownVersion) + ")");
            for (const auto& step : kPgSteps) {
                if (step.version <= have) continue;
                exec(c, step.sql);
                exec(c, "INSERT INTO hub_schema_versions(version, description) VALUES($1, $2)",
                     {std::to_string(step.version), step.description});
            }
        });
    }

    int schema_version() override {
        return run([&](PgPool::Lease& c) -> int {
            auto r = exec(c, "SELECT to_regclass('hub_schema_versions') IS NOT NULL");
            if (r.text(0, 0) != "t") return 0;
            return static_cast<int>(exec(c, "SELECT coalesce(max(version), 0) FROM hub_schema_versions").i64(0, 0));
        });
    }
    int known_schema_version() const override { return kKnownVersion; }

    void add_principal(const Principal& p, const std::string& token_hash, const std::string& created_at) override {
        run([&](PgPool::Lease& c) {
            auto r = exec(c,
                          "INSERT INTO principals(name, hall_id, role, token_hash, created_at) VALUES($1, $2, $3, $4, $5) "
                          "ON CONFLICT DO NOTHING",
                          {p.name, p.hall_id, p.role, token_hash, created_at});
            if (r.affected() == 0) throw HubStoreError("kiosk " + p.name + " already exists");
        });
    }

    std::optional<Principal> principal_by_token_hash(const std::string& token_hash) override {
        return run([&](PgPool::Lease& c) -> std::optional<Principal> {
            auto r = exec(c, "SELECT name, hall_id, role FROM principals WHERE token_hash = $1", {token_hash});
            if (r.rows() == 0) return std::nullopt;
            return Principal{r.text(0, 0), r.text(0, 1), r.text(0, 2)};
        });
    }

    void touch(const std::string& name, const std::string& at) override {
        run([&](PgPool::Lease& c) {
            exec(c, "UPDATE principals SET last_seen = $1 WHERE name = $2", {at, name});
        });
    }

    std::vector<KioskRow> kiosks() override {
        return run([&](PgPool::Lease& c) {
            auto r = exec(c, "SELECT name, hall_id, role, created_at, last_seen, heartbeat FROM principals ORDER BY hall_id, name");
            std::vector<KioskRow> out;
            for (int i = 0; i < r.rows(); ++i)
                out.push_back({{r.text(i, 0), r.text(i, 1), r.text(i, 2)}, r.text(i, 3), r.text(i, 4), r.text(i, 5)});
            return out;
        });
    }

    std::vector<PutOutcome> put_records(const std::vector<RecordRow>& rows) override {
        if (rows.empty()) return {};
        // The batch travels as one JSON parameter and is inserted by one statement (one
        // transaction).
        nlohmann::json batch = nlohmann::json::array();
        for (const auto& r : rows)
            batch.push_back({{"uuid", r.uuid}, {"kind", r.kind}, {"hall_id", r.hall_id}, {"kiosk_id", r.kiosk_id},
                             {"created_at", r.created_at}, {"payload", r.payload}, {"received_from", r.received_from},
                             {"received_at", r.received_at}});
        const auto param = batch.dump();
        std::unordered_set<std::string> stored;
        run([&](PgPool::Lease& c) {
            stored.clear();
            // seq is drawn in request order (export follows it); the rows are then inserted in
            // UUID order, so two instances storing overlapping batches lock the keys in the
            // same order and never deadlock.
            auto res = exec(c,
                            "WITH batch AS MATERIALIZED ("
                            " SELECT nextval(pg_get_serial_sequence('records', 'seq')) AS seq, x.* FROM ("
                            "  SELECT * FROM ROWS FROM (json_to_recordset($1::json) AS (uuid text, kind text, hall_id text,"
                            "   kiosk_id text, created_at text, payload text, received_from text, received_at text))"
                            "  WITH ORDINALITY AS r(uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at, n)"
                            "  ORDER BY n) x) "
                            "INSERT INTO records(seq, uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at) "
                            "OVERRIDING SYSTEM VALUE "
                            "SELECT seq, uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at "
                            "FROM batch ORDER BY uuid, n ON CONFLICT (uuid) DO NOTHING RETURNING uuid",
                            {param});
            for (int i = 0; i < res.rows(); ++i) stored.insert(res.text(i, 0));
        });
        // A UUID twice in one batch: the first is the stored one, the second a duplicate.
        std::vector<PutOutcome> out;
        out.reserve(rows.size());
        for (const auto& r : rows) out.push_back(stored.erase(r.uuid) ? PutOutcome::Stored : PutOutcome::Duplicate);
        return out;
    }

    std::int64_t record_count(const std::string& kind) override {
        return run([&](PgPool::Lease& c) -> std::int64_t {
            return kind.empty() ? exec(c, "SELECT count(*) FROM records").i64(0, 0)
                                : exec(c, "SELECT count(*) FROM records WHERE kind = $1", {kind}).i64(0, 0);
        });
    }

    void for_each_record(const std::string& kind, const std::function<bool(const RecordRow&)>& fn) override {
        // Paged by seq so a province's millions of records never sit in memory at once.
        std::int64_t after = 0;
        for (;;) {
            std::vector<std::pair<std::int64_t, RecordRow>> page;
            run([&](PgPool::Lease& c) {
                auto r = kind.empty()
                             ? exec(c,
                                    "SELECT seq, uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at "
                                    "FROM records WHERE seq > $1 ORDER BY seq LIMIT 2000",
                                    {std::to_string(after)})
                             : exec(c,
                                    "SELECT seq, uuid, kind, hall_id, kiosk_id, created_at, payload, received_from, received_at "
                                    "FROM records WHERE seq > $1 AND kind = $2 ORDER BY seq LIMIT 2000",
                                    {std::to_string(after), kind});
                for (int i = 0; i < r.rows(); ++i)
                    page.push_back({r.i64(i, 0), RecordRow{r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4),
                                                           r.text(i, 5), r.text(i, 6), r.text(i, 7), r.text(i, 8)}});
            });
            if (page.empty()) return;
            for (const auto& [seq, row] : page) {
                if (!fn(row)) return;
                after = seq;
            }
        }
    }

    void put_bundle(const BundleRow& b) override {
        run([&](PgPool::Lease& c) {
            exec(c, "INSERT INTO bundles(hall_id, version, etag, envelope, published_at) VALUES($1, $2, $3, $4, $5)",
                 {b.hall_id, b.version, b.etag, b.envelope, b.published_at});
        });
    }

    std::optional<BundleRow> latest_bundle(const std::string& hall_id) override {
        return run([&](PgPool::Lease& c) -> std::optional<BundleRow> {
            auto r = exec(c,
                          "SELECT id, hall_id, version, etag, envelope, published_at FROM bundles "
                          "WHERE hall_id = $1 OR hall_id = '*' ORDER BY id DESC LIMIT 1",
                          {hall_id});
            if (r.rows() == 0) return std::nullopt;
            return BundleRow{r.i64(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3), r.text(0, 4), r.text(0, 5)};
        });
    }

    void put_heartbeat(const std::string& name, const std::string& heartbeat_json, const std::string& at) override {
        run([&](PgPool::Lease& c) {
            exec(c, "UPDATE principals SET heartbeat = $1, heartbeat_at = $2, last_seen = $2 WHERE name = $3",
                 {heartbeat_json, at, name});
        });
    }

    std::int64_t erase_phones(const std::vector<std::string>& uuids, const std::string& at) override {
        std::int64_t n = 0;
        in_tx([&](PgPool::Lease& c) {
            n = 0;  // a retried transaction counts afresh
            for (const auto& u : uuids) {
                auto r = exec(c, "SELECT payload FROM records WHERE uuid = $1 AND kind = 'feedback' FOR UPDATE", {u});
                if (r.rows() == 0) continue;
                const std::string before = r.text(0, 0);
                const std::string after = payload_without_phone(before, at);
                if (after == before) continue;
                exec(c, "UPDATE records SET payload = $1 WHERE uuid = $2", {after, u});
                ++n;
            }
        });
        return n;
    }

    void put_queue(const QueueRow& q) override {
        run([&](PgPool::Lease& c) {
            exec(c,
                 "INSERT INTO queues(hall_id, snapshot, updated_at) VALUES($1, $2, $3) "
                 "ON CONFLICT (hall_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at",
                 {q.hall_id, q.snapshot, q.updated_at});
        });
    }

    std::optional<QueueRow> queue(const std::string& hall_id) override {
        return run([&](PgPool::Lease& c) -> std::optional<QueueRow> {
            auto r = exec(c, "SELECT hall_id, snapshot, updated_at FROM queues WHERE hall_id = $1", {hall_id});
            if (r.rows() == 0) return std::nullopt;
            return QueueRow{r.text(0, 0), r.text(0, 1), r.text(0, 2)};
        });
    }

    void for_each_principal(const std::function<void(const PrincipalRow&)>& fn) override {
        run([&](PgPool::Lease& c) {
            auto r = exec(c,
                          "SELECT name, hall_id, role, token_hash, created_at, last_seen, heartbeat, heartbeat_at "
                          "FROM principals ORDER BY name");
            for (int i = 0; i < r.rows(); ++i)
                fn({{r.text(i, 0), r.text(i, 1), r.text(i, 2)}, r.text(i, 3), r.text(i, 4), r.text(i, 5), r.text(i, 6), r.text(i, 7)});
        });
    }

    void for_each_bundle(const std::function<void(const BundleRow&)>& fn) override {
        run([&](PgPool::Lease& c) {
            auto r = exec(c, "SELECT id, hall_id, version, etag, envelope, published_at FROM bundles ORDER BY id");
            for (int i = 0; i < r.rows(); ++i)
                fn({r.i64(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5)});
        });
    }

    void for_each_queue(const std::function<void(const QueueRow&)>& fn) override {
        run([&](PgPool::Lease& c) {
            auto r = exec(c, "SELECT hall_id, snapshot, updated_at FROM queues ORDER BY hall_id");
            for (int i = 0; i < r.rows(); ++i) fn({r.text(i, 0), r.text(i, 1), r.text(i, 2)});
        });
    }

    bool put_principal_if_absent(const PrincipalRow& p) override {
        return run([&](PgPool::Lease& c) -> bool {
            return exec(c,
                        "INSERT INTO principals(name, hall_id, role, token_hash, created_at, last_seen, heartbeat, heartbeat_at) "
                        "VALUES($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                        {p.who.name, p.who.hall_id, p.who.role, p.token_hash, p.created_at, p.last_seen, p.heartbeat, p.heartbeat_at})
                       .affected() == 1;
        });
    }

    bool put_bundle_if_absent(const BundleRow& b) override {
        bool inserted = false;
        in_tx([&](PgPool::Lease& c) {
            // Serialises concurrent copies of the same bundle (no unique key on bundles:
            // publishing the same envelope twice stays allowed).
            exec(c, "LOCK TABLE bundles IN SHARE ROW EXCLUSIVE MODE");
            inserted = exec(c,
                            "INSERT INTO bundles(hall_id, version, etag, envelope, published_at) "
                            "SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM bundles WHERE hall_id = $1 AND etag = $3)",
                            {b.hall_id, b.version, b.etag, b.envelope, b.published_at})
                           .affected() == 1;
        });
        return inserted;
    }

private:
    // Runs f on a pooled connection. A deadlock or serialization failure is retried; so is,
    // once, a failure on a connection that sat idle while the server restarted (the idle
    // ones are all dropped then). A write whose first attempt did commit is harmless to
    // repeat: records are keyed by UUID and the retry reports them as duplicates.
    template <class F>
    auto run(F&& f) -> decltype(f(std::declval<PgPool::Lease&>())) {
        int conflicts = 0;
        bool reconnected = false;
        for (;;) {
            auto c = pool_.acquire();
            const bool reused = c.reused();
            try {
                return f(c);
            } catch (const RetryableConflict&) {
                if (++conflicts >= 5) throw HubStoreUnavailable("PostgreSQL: conflict persisted after 5 attempts");
                std::this_thread::sleep_for(std::chrono::milliseconds(10 * conflicts));
            } catch (const HubStoreUnavailable&) {
                pool_.discard_idle();
                if (!reused || reconnected) throw;
                reconnected = true;
            }
        }
    }

    // BEGIN .. COMMIT around f; ROLLBACK on any failure (a failed ROLLBACK drops the connection).
    template <class F>
    void in_tx(F&& f) {
        run([&](PgPool::Lease& c) {
            exec(c, "BEGIN");
            try {
                f(c);
                exec(c, "COMMIT");
            } catch (...) {
                if (PQtransactionStatus(c.get()) != PQTRANS_IDLE) {
                    PGresult* r = PQexec(c.get(), "ROLLBACK");
                    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) c.mark_broken();
                    PQclear(r);
                }
                throw;
            }
        });
    }

    PgPool pool_;
};

}  // namespace

bool is_pg_location(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::unique_ptr<HubStore> open_pg_hub_store(const std::string& url, bool migrate) {
    // Pool size: one connection per HTTP worker thread is enough (cpp-httplib's pool).
    int pool_size = static_cast<int>(std::thread::hardware_concurrency());
    pool_size = pool_size < 8 ? 8 : pool_size;
    if (const char* env = std::getenv("HALL_HUB_PG_POOL")) pool_size = std::max(1, std::atoi(env));
    auto s = std::make_unique<PgHubStore>(url, pool_size);
    if (migrate) s->migrate();
    return s;
}

}  // namespace hall::hub
