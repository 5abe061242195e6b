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

#include "hub/console/console_index.h"
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
    {2, "token lifecycle: revoke, expiry, rotation with a grace period", R"sql(
ALTER TABLE principals ADD COLUMN revoked_at text NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN expires_at text NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN previous_hash text NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN previous_until text NOT NULL DEFAULT '';
ALTER TABLE principals ADD COLUMN new_token text NOT NULL DEFAULT '';
CREATE INDEX principals_by_previous_hash ON principals(previous_hash);
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
    int columns() const { return PQnfields(r_); }
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

// '?' placeholders to $1, $2, ... (outside quoted strings): the console writes one SQL for both backends.
std::string pg_placeholders(const std::string& sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool quoted = false;
    for (char ch : sql) {
        if (ch == '\'') quoted = !quoted;
        if (ch == '?' && !quoted) out += "$" + std::to_string(++n);
        else out += ch;
    }
    return out;
}

// SqlConn over a leased connection (inside BEGIN..COMMIT for transaction()).
class PgConn final : public SqlConn {
public:
    explicit PgConn(PgPool::Lease& lease) : lease_(lease) {}
    std::int64_t query(const std::string& sql, const std::vector<SqlValue>& params,
                       const std::function<void(const SqlRow&)>& on_row) override {
        std::vector<std::string> texts;
        texts.reserve(params.size());
        for (const auto& p : params) {
            if (const auto* s = std::get_if<std::string>(&p)) texts.push_back(*s);
            else texts.push_back(std::to_string(std::get<std::int64_t>(p)));
        }
        const auto text_sql = pg_placeholders(sql);
        // exec() uses the simple protocol without parameters; keep the extended one for a
        // single statement by always passing at least the statement through PQexecParams.
        Result r = texts.empty() ? exec_params(text_sql) : hub::exec(lease_, text_sql.c_str(), texts);
        Row row(r);
        for (int i = 0; i < r.rows(); ++i) {
            row.i = i;
            on_row(row);
        }
        return r.affected();
    }
    void script(const std::string& sql) override { hub::exec(lease_, sql.c_str()); }
    bool is_postgres() const override { return true; }

private:
    Result exec_params(const std::string& sql) { return hub::exec(lease_, sql.c_str()); }
    struct Row final : SqlRow {
        explicit Row(const Result& result) : r(result) {}
        int columns() const override { return r.columns(); }
        std::string text(int col) const override { return r.null(i, col) ? std::string() : r.text(i, col); }
        std::int64_t i64(int col) const override {
            if (r.null(i, col)) return 0;
            const auto t = r.text(i, col);
            if (t == "t") return 1;
            if (t == "f") return 0;
            try {
                return std::stoll(t);
            } catch (...) {
                return 0;
            }
        }
        bool is_null(int col) const override { return r.null(i, col); }
        const Result& r;
        int i = 0;
    };
    PgPool::Lease& lease_;
};

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
            // The console's tables keep their own version (console/console_index.h).
            PgConn conn(c);
            console::migrate(conn);
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

    std::optional<TokenMatch> match_token(const std::string& token_hash, const std::string& now) override {
        return run([&](PgPool::Lease& c) -> std::optional<TokenMatch> {
            auto r = exec(c,
                          "SELECT name, hall_id, role, token_hash <> $1, new_token FROM principals "
                          "WHERE (token_hash = $1 OR (previous_hash = $1 AND previous_until > $2)) "
                          "AND revoked_at = '' AND (expires_at = '' OR expires_at > $2)",
                          {token_hash, now});
            if (r.rows() == 0) return std::nullopt;
            return TokenMatch{{r.text(0, 0), r.text(0, 1), r.text(0, 2)}, r.text(0, 3) == "t", r.text(0, 4)};
        });
    }

    bool revoke_principal(const std::string& name, const std::string& at) override {
        return run([&](PgPool::Lease& c) -> bool {
            return exec(c, "UPDATE principals SET revoked_at = $1, previous_hash = '', new_token = '' WHERE name = $2", {at, name}).affected() == 1;
        });
    }

    bool rotate_token(const std::string& name, const std::string& new_hash, const std::string& new_token,
                      const std::string& previous_until, const std::string& expires_at) override {
        return run([&](PgPool::Lease& c) -> bool {
            return exec(c,
                        "UPDATE principals SET previous_hash = token_hash, previous_until = $1, token_hash = $2, new_token = $3, "
                        "expires_at = $4 WHERE name = $5 AND revoked_at = ''",
                        {previous_until, new_hash, new_token, expires_at, name})
                       .affected() == 1;
        });
    }

    void finish_rotation(const std::string& name) override {
        run([&](PgPool::Lease& c) {
            exec(c, "UPDATE principals SET previous_hash = '', previous_until = '', new_token = '' WHERE name = $1", {name});
        });
    }

    bool set_token_expiry(const std::string& name, const std::string& expires_at) override {
        return run([&](PgPool::Lease& c) -> bool {
            return exec(c, "UPDATE principals SET expires_at = $1 WHERE name = $2", {expires_at, name}).affected() == 1;
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
        in_tx([&](PgPool::Lease& c) {
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
            // The console's index of these records, in the same transaction.
            std::vector<const RecordRow*> fresh;
            std::unordered_set<std::string> seen;
            for (const auto& r : rows)
                if (stored.count(r.uuid) && seen.insert(r.uuid).second) fresh.push_back(&r);
            PgConn conn(c);
            console::index_records(conn, fresh);
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

    std::vector<SearchMissRow> search_misses(const std::string& hall_id, int limit_per_hall) override {
        return run([&](PgPool::Lease& c) {
            auto r = exec(c,
                          "SELECT hall_id, q, n, d, last FROM ("
                          "  SELECT hall_id, payload::jsonb ->> 'query' AS q, sum((payload::jsonb ->> 'count')::bigint) AS n,"
                          "         count(DISTINCT payload::jsonb ->> 'day') AS d, max(payload::jsonb ->> 'day') AS last,"
                          "         row_number() OVER (PARTITION BY hall_id ORDER BY sum((payload::jsonb ->> 'count')::bigint) DESC,"
                          "                            payload::jsonb ->> 'query') AS rank"
                          "  FROM records WHERE kind = 'search_miss' AND ($1 = '' OR hall_id = $1)"
                          "  GROUP BY hall_id, payload::jsonb ->> 'query') t "
                          "WHERE rank <= $2 ORDER BY hall_id, n DESC, q",
                          {hall_id, std::to_string(limit_per_hall)});
            std::vector<SearchMissRow> out;
            for (int i = 0; i < r.rows(); ++i)
                out.push_back({r.text(i, 0), r.text(i, 1), r.i64(i, 2), r.i64(i, 3), r.text(i, 4)});
            return out;
        });
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
        in_tx([&](PgPool::Lease& c) {
            exec(c,
                 "INSERT INTO queues(hall_id, snapshot, updated_at) VALUES($1, $2, $3) "
                 "ON CONFLICT (hall_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at",
                 {q.hall_id, q.snapshot, q.updated_at});
            // Tickets served today per window, for the console's coverage (same transaction).
            PgConn conn(c);
            console::note_queue(conn, q.hall_id, q.snapshot);
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
                          "FROM principals WHERE revoked_at = '' ORDER BY name");  // a revoked kiosk is not copied back to life
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

    class Sql final : public SqlDb {
    public:
        explicit Sql(PgHubStore& s) : s_(s) {}
        void transaction(const std::function<void(SqlConn&)>& fn) override {
            s_.in_tx([&](PgPool::Lease& c) {
                PgConn conn(c);
                fn(conn);
            });
        }
        void read(const std::function<void(SqlConn&)>& fn) override {
            s_.run([&](PgPool::Lease& c) {
                PgConn conn(c);
                fn(conn);
            });
        }
        bool is_postgres() const override { return true; }
    private:
        PgHubStore& s_;
    };

public:
    SqlDb& sql() override { return sql_; }

private:
    PgPool pool_;
    Sql sql_{*this};
};

}  // namespace

bool is_pg_location(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

namespace {
// The host part of a libpq URI: between "//" (and any "user[:password]@") and the first
// ':', '/' or '?'; "" for a Unix socket.
std::string pg_host(const std::string& url) {
    auto start = url.find("//");
    if (start == std::string::npos) return "";
    start += 2;
    const auto end_authority = url.find_first_of("/?", start);
    const auto authority = url.substr(start, end_authority == std::string::npos ? std::string::npos : end_authority - start);
    const auto at = authority.rfind('@');
    auto host = at == std::string::npos ? authority : authority.substr(at + 1);
    if (!host.empty() && host.front() == '[') return host.substr(1, host.find(']') - 1);
    return host.substr(0, host.find(':'));
}
}  // namespace

std::string pg_url_with_tls_default(const std::string& url) {
    if (url.find("sslmode=") != std::string::npos) return url;  // the operator chose
    const auto host = pg_host(url);
    const bool local = host.empty() || host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1" || host.front() == '%' ||
                       host.front() == '/';
    if (local) return url;
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "sslmode=verify-full";
}

std::string redact_location(const std::string& location) {
    std::string out = location;
    // postgresql://user:SECRET@host -> postgresql://user:***@host
    if (const auto start = out.find("//"); start != std::string::npos) {
        const auto end_authority = out.find_first_of("/?", start + 2);
        const auto at = out.rfind('@', end_authority == std::string::npos ? std::string::npos : end_authority);
        if (at != std::string::npos && at > start) {
            const auto colon = out.find(':', start + 2);
            if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // ...?password=SECRET&...
    for (std::size_t p = 0; (p = out.find("password=", p)) != std::string::npos;) {
        p += 9;
        const auto e = out.find('&', p);
        out.replace(p, (e == std::string::npos ? out.size() : e) - p, "***");
    }
    return out;
}

std::unique_ptr<HubStore> open_pg_hub_store(const std::string& url_as_given, bool migrate) {
    // TLS with the server's certificate checked, unless the URL says otherwise or stays local.
    const auto url = pg_url_with_tls_default(url_as_given);
    // Pool size: one connection per HTTP worker thread is enough.
    int pool_size = static_cast<int>(std::thread::hardware_concurrency());
    pool_size = pool_size < 8 ? 8 : pool_size;
    if (const char* env = std::getenv("HALL_HUB_PG_POOL")) pool_size = std::max(1, std::atoi(env));
    auto s = std::make_unique<PgHubStore>(url, pool_size);
    if (migrate) s->migrate();
    return s;
}

}  // namespace hall::hub
