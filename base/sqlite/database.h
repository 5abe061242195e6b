#pragma once
// A thin RAII layer over sqlite3: one connection, prepared statements, transactions,
// and errors that say what failed (a full disk is told apart, so the UI can say so).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hall {

// What went wrong, in the words a screen needs: each kind has its own translated message
// (store_failure_key), so the kiosk can say why and go on.
enum class StoreFailure { DiskFull, ReadOnly, Corrupt, Busy, Other };

class StoreError : public std::runtime_error {
public:
    StoreError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    bool disk_full() const;   // SQLITE_FULL: nothing was written, the caller keeps its data
    bool busy() const;
    StoreFailure kind() const;
private:
    int code_;
};

// The i18n key ("store.error.disk_full", ...) that tells a person what happened.
const char* store_failure_key(StoreFailure f);

class Stmt {
public:
    Stmt(sqlite3* db, std::string_view sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }

    // Binds by 1-based index; chainable.
    Stmt& bind(int i, std::string_view v);
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, std::int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Stmt& bind(int i, double v);
    Stmt& bind_null(int i);
    Stmt& bind_opt(int i, const std::optional<int>& v);

    bool step();   // true when a row is ready
    void run();    // step to completion, for statements without rows
    void reset();

    std::int64_t i64(int col) const;
    int i32(int col) const { return static_cast<int>(i64(col)); }
    double f64(int col) const;
    std::string text(int col) const;
    bool is_null(int col) const;

private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

class Db {
public:
    // Opens (creating) the file, WAL mode, synchronous=FULL so a committed feedback
    // survives a power cut, foreign keys on, a busy timeout for the sync thread.
    explicit Db(const std::string& path);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    void exec(std::string_view sql);
    Stmt prepare(std::string_view sql) { return Stmt(db_, sql); }
    std::int64_t last_insert_id() const;
    int changes() const;
    sqlite3* raw() { return db_; }
    const std::string& path() const { return path_; }

    // Single-value helpers for meta lookups.
    std::optional<std::string> meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// BEGIN IMMEDIATE .. COMMIT; rolls back if destroyed without commit().
class Tx {
public:
    explicit Tx(Db& db);
    ~Tx();
    void commit();
private:
    Db& db_;
    bool done_ = false;
};

}  // namespace hall
