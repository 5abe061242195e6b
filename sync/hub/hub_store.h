#pragma once
// Everything hall-hub keeps, behind one interface. The HTTP layer and the CLI talk only to
// HubStore; the SQLite backend (sqlite_hub_store.cpp) is the default, a PostgreSQL backend
// can be added next to it without touching anything else (open_hub_store picks by URL).
//
// Exactly-once: records are keyed by their UUID (a UNIQUE key); put_records inserts a whole
// batch in ONE transaction with INSERT ... ON CONFLICT (uuid) DO NOTHING and reports per
// record whether it was new. A batch is either all committed or not at all, so a hub killed
// mid-batch loses nothing the kiosk did not get an acknowledgement for.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "hub/sql_db.h"

namespace hall::hub {

class HubStoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The database cannot be reached right now (PostgreSQL down, restarting, no free
// connection): nothing of the request was committed, the caller may retry later. The HTTP
// layer answers 503 with Retry-After.
class HubStoreUnavailable : public HubStoreError {
public:
    using HubStoreError::HubStoreError;
};

// Who a token belongs to. role "kiosk" pushes records, pulls bundles and the queue feed,
// sends heartbeats; role "queue" is the hall's ticketing system posting queue status.
struct Principal {
    std::string name;       // kiosk name as given to `hall-hub kiosk add NAME`
    std::string hall_id;
    std::string role;       // "kiosk" | "queue"
};

// A token that authenticates, with its rotation state after `kiosk rotate`.
struct TokenMatch {
    Principal who;
    bool previous_token = false;  // the token a rotation replaced (valid for its grace period)
    std::string new_token;        // the replacement, until the kiosk first uses it
};

struct KioskRow {
    Principal who;
    std::string created_at;        // ISO 8601 UTC
    std::string last_seen;         // last authenticated request, "" when never
    std::string last_heartbeat;    // heartbeat JSON as sent by the kiosk, "" when none
};

// One pushed record, already validated by the HTTP layer.
struct RecordRow {
    std::string uuid;
    std::string kind;          // "feedback" | "audit"
    std::string hall_id;
    std::string kiosk_id;      // as written in the record
    std::string created_at;    // record's own time ("at" for audit)
    std::string payload;       // the record's wire JSON, stored as received
    std::string received_from; // authenticated kiosk name (filled by put_records' caller)
    std::string received_at;
};

enum class PutOutcome { Stored, Duplicate };

// Search misses (kind "search_miss") summed per hall and query: what citizens looked for
// and did not find, so the centre can add aliases or guides.
struct SearchMissRow {
    std::string hall_id;
    std::string query;
    std::int64_t count = 0;   // misses over every day and kiosk
    std::int64_t days = 0;    // distinct days it was missed on
    std::string last_day;     // YYYY-MM-DD
};

struct BundleRow {
    std::int64_t id = 0;
    std::string hall_id;       // "*" = every hall
    std::string version;
    std::string etag;          // quoted, as sent in the ETag header
    std::string envelope;      // signed envelope JSON (see protocol/api.h)
    std::string published_at;
};

// A principal with everything stored about it: what migrate-store copies.
struct PrincipalRow {
    Principal who;
    std::string token_hash;
    std::string created_at;
    std::string last_seen;
    std::string heartbeat;
    std::string heartbeat_at;
};

struct QueueRow {
    std::string hall_id;
    std::string snapshot;      // queue snapshot JSON (protocol/api.h)
    std::string updated_at;
};

class HubStore {
public:
    virtual ~HubStore() = default;

    // Creates or upgrades the schema. Safe to call on every start.
    virtual void migrate() = 0;

    // --- kiosks and tokens (only the hash of a token is stored) ---
    // Throws HubStoreError when the name is taken.
    virtual void add_principal(const Principal& p, const std::string& token_hash, const std::string& created_at) = 0;
    // The principal a token belongs to, when the token is neither revoked nor expired at
    // `now` (ISO 8601 UTC) nor a previous token past its grace period.
    virtual std::optional<TokenMatch> match_token(const std::string& token_hash, const std::string& now) = 0;
    std::optional<Principal> principal_by_token_hash(const std::string& token_hash);
    // Token lifecycle (hub_admin.h: revoke_kiosk, rotate_kiosk). false: no such (active) name.
    virtual bool revoke_principal(const std::string& name, const std::string& at) = 0;
    // expires_at "" = never. The previous token stays valid until previous_until; new_token
    // is kept (in clear) only until the kiosk first uses it (finish_rotation).
    virtual bool rotate_token(const std::string& name, const std::string& new_hash, const std::string& new_token,
                              const std::string& previous_until, const std::string& expires_at) = 0;
    virtual void finish_rotation(const std::string& name) = 0;
    virtual bool set_token_expiry(const std::string& name, const std::string& expires_at) = 0;
    virtual void touch(const std::string& name, const std::string& at) = 0;
    // Many last_seen updates at once (the server batches them off the request path).
    virtual void touch_many(const std::vector<std::pair<std::string, std::string>>& name_at) {
        for (const auto& [name, at] : name_at) touch(name, at);
    }
    virtual std::vector<KioskRow> kiosks() = 0;

    // --- records: exactly once, one transaction per call ---
    virtual std::vector<PutOutcome> put_records(const std::vector<RecordRow>& rows) = 0;
    virtual std::int64_t record_count(const std::string& kind = "") = 0;
    // Oldest received first; kind "" = all kinds. Stops early when fn returns false.
    virtual void for_each_record(const std::string& kind, const std::function<bool(const RecordRow&)>& fn) = 0;

    // Search misses per hall ("" = every hall), most missed first, at most limit_per_hall each.
    virtual std::vector<SearchMissRow> search_misses(const std::string& hall_id, int limit_per_hall) = 0;

    // --- content bundles ---
    virtual void put_bundle(const BundleRow& b) = 0;
    // The newest bundle for this hall: its own or one published for every hall ("*").
    virtual std::optional<BundleRow> latest_bundle(const std::string& hall_id) = 0;

    // --- heartbeats and queue feeds ---
    virtual void put_heartbeat(const std::string& name, const std::string& heartbeat_json, const std::string& at) = 0;
    virtual void put_queue(const QueueRow& q) = 0;
    virtual std::optional<QueueRow> queue(const std::string& hall_id) = 0;

    // --- retention (privacy.phone_retention_days, hub_retention.h) ---
    // Erases the phone number from the stored payloads of these feedback records (each
    // marked "phone_erased_at": at), in one transaction; returns how many changed.
    virtual std::int64_t erase_phones(const std::vector<std::string>& uuids, const std::string& at) = 0;

    // --- schema and whole-store copy (hall-hub migrate, migrate-store) ---
    // Schema version applied in the database (0: empty); the newest this build knows.
    virtual int schema_version() = 0;
    virtual int known_schema_version() const = 0;
    // Every principal / bundle (oldest first) / queue feed, for copying a store.
    virtual void for_each_principal(const std::function<void(const PrincipalRow&)>& fn) = 0;
    virtual void for_each_bundle(const std::function<void(const BundleRow&)>& fn) = 0;
    virtual void for_each_queue(const std::function<void(const QueueRow&)>& fn) = 0;
    // Copy targets, each idempotent: false when the name (principal) or the same
    // (hall_id, etag) bundle is already there, nothing changed.
    virtual bool put_principal_if_absent(const PrincipalRow& p) = 0;
    virtual bool put_bundle_if_absent(const BundleRow& b) = 0;

    // --- the console's own tables (accounts, sessions, feedback index) in the same database.
    // put_records indexes every stored feedback/audit record for it in the same transaction
    // (console/console_index.h), and migrate() creates its tables.
    virtual SqlDb& sql() = 0;
};

// "sqlite:PATH" or a plain path opens the SQLite backend; "postgresql://..." the
// PostgreSQL one. Throws HubStoreError on failure.
// migrate=false opens without touching the schema (`hall-hub migrate` reports before/after).
std::unique_ptr<HubStore> open_hub_store(const std::string& location, bool migrate = true);
std::unique_ptr<HubStore> open_sqlite_hub_store(const std::string& path, bool migrate = true);
// "postgresql://..." or "postgres://..." (libpq URI), in pg_hub_store.cpp. Throws
// HubStoreUnavailable when the server cannot be reached.
std::unique_ptr<HubStore> open_pg_hub_store(const std::string& url, bool migrate = true);
bool is_pg_location(const std::string& location);
// A PostgreSQL URL naming a remote host without sslmode gets sslmode=verify-full (TLS with
// the server's certificate and name checked); local hosts and explicit choices are kept.
std::string pg_url_with_tls_default(const std::string& url);
// A store location fit for logs: the password of a URL (user:PASSWORD@, password=) as ***.
std::string redact_location(const std::string& location);

}  // namespace hall::hub
