// The failing forms of the single-value queries (they name the query in the failure).
#include <catch2/catch.hpp>

#include "support/query.h"

namespace hall::test {

std::int64_t scalar(Db& db, const std::string& sql) {
    const auto v = try_scalar(db, sql);
    INFO("no row from: " << sql);
    REQUIRE(v);
    return *v;
}

std::string scalar_text(Db& db, const std::string& sql) {
    const auto v = try_scalar_text(db, sql);
    INFO("no row from: " << sql);
    REQUIRE(v);
    return *v;
}

}  // namespace hall::test
