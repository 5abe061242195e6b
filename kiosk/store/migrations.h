#pragma once
// Versioned schema: PRAGMA user_version counts applied steps. A database newer than this
// build knows is refused rather than guessed at.
#include <string>
#include <vector>

#include "sqlite/database.h"

namespace hall {

struct MigrationStep {
    int version;             // user_version after this step
    const char* description; // one line, for the log and `migrate`
    const char* sql;
};

const std::vector<MigrationStep>& kiosk_migrations();
int schema_version(Db& db);
// Applies pending steps, each in its own transaction; returns descriptions of what ran.
// Throws StoreError when the file is newer than this build.
std::vector<std::string> migrate(Db& db);

}  // namespace hall
