#pragma once
// Queries that ended with no guide opened, counted per local day (text and count only, see
// core/search_query.h), and their way out: when a day is over its counts become
// "search_miss" records in the outbox, in the same transaction that deletes them here.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sqlite/database.h"

namespace hall {

class SearchLog {
public:
    explicit SearchLog(Db& db) : db_(db) {}

    // Counts one miss of `query` on `day` (YYYY-MM-DD); false when the query is not kept
    // (empty, or looks like a phone or identity number).
    bool note_miss(std::string_view query, const std::string& day);
    // The counts held for a day, highest first.
    std::vector<std::pair<std::string, std::int64_t>> misses(const std::string& day);
    // Every day before `today` leaves as records (one per day and query); returns how many.
    int flush_closed_days(const std::string& today, const std::string& hall_id, const std::string& kiosk_id);

private:
    Db& db_;
};

}  // namespace hall
