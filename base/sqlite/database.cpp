#include "sqlite/database.h"

#include <sqlite3.h>

namespace hall {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw StoreError(rc, msg);
}

}  // namespace

bool StoreError::disk_full() const { return (code_ & 0xFF) == SQLITE_FULL || (code_ & 0xFF) == SQLITE_IOERR; }
bool StoreError::busy() const { return (code_ & 0xFF) == SQLITE_BUSY || (code_ & 0xFF) == SQLITE_LOCKED; }

StoreFailure StoreError::kind() const {
    switch (code_ & 0xFF) {
        case SQLITE_FULL: return StoreFailure::DiskFull;
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_CANTOPEN: return StoreFailure::ReadOnly;
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB: return StoreFailure::Corrupt;
        case SQLITE_BUSY:
        case SQLITE_LOCKED: return StoreFailure::Busy;
        default: return StoreFailure::Other;  // IOERR and the rest: the storage itself failed
    }
}

const char* store_failure_key(StoreFailure f) {
    switch (f) {
        case StoreFailure::DiskFull: return "store.error.disk_full";
        case StoreFailure::ReadOnly: return "store.error.read_only";
        case StoreFailure::Corrupt: return "store.error.corrupt";
        case StoreFailure::Busy: return "store.error.busy";
        case StoreFailure::Other: break;
    }
    return "store.error.other";
}

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
}

Stmt::~Stmt() {
    if (st_) sqlite3_finalize(st_);
}

Stmt& Stmt::bind(int i, std::string_view v) {
    const int rc = sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, std::int64_t v) {
    const int rc = sqlite3_bind_int64(st_, i, v);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    const int rc = sqlite3_bind_double(st_, i, v);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind_null(int i) {
    const int rc = sqlite3_bind_null(st_, i);
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
    return *this;
}
Stmt& Stmt::bind_opt(int i, const std::optional<int>& v) { return v ? bind(i, *v) : bind_null(i); }

bool Stmt::step() {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, "step");
}
void Stmt::run() {
    while (step()) {
    }
}
void Stmt::reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
}

std::int64_t Stmt::i64(int col) const { return sqlite3_column_int64(st_, col); }
double Stmt::f64(int col) const { return sqlite3_column_double(st_, col); }
std::string Stmt::text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
bool Stmt::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

Db::Db(const std::string& path) : path_(path) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "open " + path;
        if (db_) {
            msg += ": ";
            msg += sqlite3_errmsg(db_);
            sqlite3_close(db_);
            db_ = nullptr;
        }
        throw StoreError(rc, msg);
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
}

Db::~Db() {
    if (db_) sqlite3_close_v2(db_);
}

void Db::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StoreError(rc, "exec: " + msg);
    }
}

std::int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

std::optional<std::string> Db::meta(const std::string& key) {
    auto st = prepare("SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    if (st.step()) return st.text(0);
    return std::nullopt;
}

void Db::set_meta(const std::string& key, const std::string& value) {
    prepare("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key).bind(2, value).run();
}

Tx::Tx(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Tx::~Tx() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}
void Tx::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace hall
