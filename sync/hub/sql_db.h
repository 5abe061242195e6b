#pragma once
// Plain SQL against the hub store's own database, for code that keeps its own tables beside
// the store's (the console: accounts, sessions, the feedback index). One implementation per
// backend lives in its store file; the SQL written against it is the common subset of
// SQLite and PostgreSQL: '?' placeholders (turned into $1.. for PostgreSQL), TEXT and BIGINT
// columns, INSERT ... ON CONFLICT, partial indexes, LIMIT ?.
#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace hall::hub {

using SqlValue = std::variant<std::string, std::int64_t>;

// One result row; every value read as text (NULL reads as "") or as a number.
class SqlRow {
public:
    virtual ~SqlRow() = default;
    virtual int columns() const = 0;
    virtual std::string text(int col) const = 0;
    virtual std::int64_t i64(int col) const = 0;  // NULL and non-numbers read as 0
    virtual bool is_null(int col) const = 0;
};

// A connection inside one transaction (or autocommit for a read).
class SqlConn {
public:
    virtual ~SqlConn() = default;
    // Runs a statement; calls on_row for every row. Returns rows affected (writes).
    virtual std::int64_t query(const std::string& sql, const std::vector<SqlValue>& params,
                               const std::function<void(const SqlRow&)>& on_row) = 0;
    std::int64_t exec(const std::string& sql, const std::vector<SqlValue>& params = {}) {
        return query(sql, params, [](const SqlRow&) {});
    }
    // Several statements, no parameters (schema steps).
    virtual void script(const std::string& sql) = 0;
    virtual bool is_postgres() const = 0;
};

class SqlDb {
public:
    virtual ~SqlDb() = default;
    // fn runs in one transaction, committed when it returns, rolled back when it throws.
    // PostgreSQL may run fn again after a serialization conflict: keep fn free of side effects
    // outside the database.
    virtual void transaction(const std::function<void(SqlConn&)>& fn) = 0;
    // A read (no transaction needed).
    virtual void read(const std::function<void(SqlConn&)>& fn) = 0;
    virtual bool is_postgres() const = 0;
};

}  // namespace hall::hub
