#pragma once
// One value from SQLite: the first column of the first row of a query, for checks like
// CHECK(scalar(db, "SELECT COUNT(*) FROM outbox") == 3). A query with no row fails the test.
#include <cstdint>
#include <optional>
#include <string>

#include "sqlite/database.h"

namespace hall::test {

std::optional<std::int64_t> try_scalar(Db& db, const std::string& sql);
std::optional<std::string> try_scalar_text(Db& db, const std::string& sql);

// The integer; fails the running test (with the query) when there is no row.
std::int64_t scalar(Db& db, const std::string& sql);
std::string scalar_text(Db& db, const std::string& sql);

}  // namespace hall::test
