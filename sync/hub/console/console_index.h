#pragma once
// The console's tables in the hub's database, and the feedback index kept beside the
// records: one row per feedback record with the columns the console filters and sorts on
// (hall, window, local day and month, rating, categories as a bit mask, handling state as
// the hall's audit records say), plus per window and month counters. Both are written in
// put_records' own transaction, so the console never misses or doubles a record, and its
// queries stay index lookups at a million records.
//
// Handling state is folded from the audit records that target a feedback record, sorted by
// their time: a record arriving after its audits (or the other way round) ends the same.
// Days and months are Beijing time (UTC+8): every hall of a province shares it.
#include <cstdint>
#include <string>
#include <vector>

#include "hub/hub_store.h"
#include "hub/sql_db.h"

namespace hall::hub::console {

inline constexpr int kUtcOffsetMinutes = 8 * 60;

// Creates or upgrades the console's tables (its own version in console_meta) and indexes
// records stored before the index existed. Called by the stores' migrate().
void migrate(SqlConn& c);
int console_schema_version(SqlConn& c);
int known_console_schema_version();

// Indexes freshly stored records (feedback and audit; other kinds are ignored). Bad
// payloads are skipped (the hub validated them already).
void index_records(SqlConn& c, const std::vector<const RecordRow*>& rows);

// A queue feed the hub relays (POST /api/v1/queue, the demo simulator): its day's calls give
// the tickets served per window (the largest count seen for the day is kept). A feed without
// the day's calls gives nothing.
void note_queue(SqlConn& c, const std::string& hall_id, const std::string& snapshot_json);

// Recomputes the whole index from the records table, set by set (many rows per statement),
// with the same fold and counters as index_records: the upgrade to coverage runs it, and the
// console benchmark loads a million records with insert_records + rebuild_index.
struct RebuildResult {
    std::int64_t feedback = 0, audit = 0, coverage = 0;
};
RebuildResult rebuild_index(SqlConn& c);
// Stores records as put_records does but without indexing them (rebuild_index follows).
void insert_records(SqlConn& c, const std::vector<RecordRow>& rows);

}  // namespace hall::hub::console
