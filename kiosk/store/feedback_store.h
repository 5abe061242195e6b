#pragma once
// Feedback records in SQLite. insert() writes the record, its category rows and its
// outbox row in one durable transaction: once it returns, the complaint survives a crash.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.h"
#include "sqlite/database.h"
#include "store/reserve.h"

namespace hall {

// Reads the feedback columns (uuid, receipt, created_at, hall_id, kiosk_id, window_id,
// categories, rating, the three indicator ratings, service_code, ticket, text, phone, lang),
// in that order, starting at column `first`.
Feedback read_feedback_row(const Stmt& st, int first);
// The visit columns of schema 5 (channel, case_number, called_at, visit_day, eval_round,
// repeat_of, flagged), in that order, starting at column `first`.
void read_feedback_visit(const Stmt& st, int first, Feedback& f);

// The stuffing guard (config [feedback], docs/feedback.md): more than burst_max ratings for
// one window from one kiosk within burst_minutes are flagged, never dropped. 0 turns it off
// (a store opened without the hall's settings: tools, imports); the App passes the config's.
struct RatingGuard {
    int burst_max = 0;
    int burst_minutes = 0;
};

// Tickets served and ratings for one window on one local day (coverage = rated / served).
struct CoverageRow {
    std::string day;        // local YYYY-MM-DD
    std::string window_id;
    std::int64_t served = 0;      // tickets the queue feed reported served (0: feed did not say)
    std::int64_t rated = 0;       // visits (tickets) rated and counted: first rounds in the statistics
    std::int64_t repeats = 0;     // further ratings of a visit already rated
    std::int64_t held = 0;        // first rounds held out by the stuffing guard (pending or rejected)
    std::int64_t unticketed = 0;  // counted ratings without a ticket (not in the ratio)
    std::optional<double> coverage() const {
        return served > 0 ? std::optional<double>(static_cast<double>(rated) / static_cast<double>(served)) : std::nullopt;
    }
};

class FeedbackStore {
public:
    explicit FeedbackStore(Db& db, RatingGuard guard = {}) : db_(db), guard_(guard) {}
    void set_guard(RatingGuard g) { guard_ = g; }

    // Throws StoreError (disk_full() tells a full disk); nothing is half-written.
    // Returns the record as stored: one visit, one rating (a second rating of the same
    // hall + visit day + ticket + window gets round 2.., repeat_of) and the stuffing guard
    // (flagged) decided in the same transaction, and written into the outbox payload.
    Feedback insert(const Feedback& f);
    // The same, with the complaint reserve behind it: on a full disk the reserve is released
    // a slice at a time and the whole transaction tried again; throws the disk-full
    // StoreError only once the reserve is gone. Other errors are thrown at once.
    Feedback insert(const Feedback& f, Reserve* reserve);
    // Many records in one transaction (demo data, imports). enqueue=false keeps them out of
    // the outbox, so demo records never reach a real hub.
    void insert_many(const std::vector<Feedback>& fs, bool enqueue);
    std::int64_t count();
    std::optional<Feedback> by_uuid(const std::string& uuid);
    std::optional<Feedback> by_receipt(const std::string& receipt);
    std::vector<Feedback> recent(int limit);
    // "ticket|window" of every visit rated on this local day (the feedback screen tells a
    // citizen kindly that the visit was already rated).
    std::vector<std::string> rated_visits(const std::string& hall_id, const std::string& visit_day);

    // Coverage's denominator: the queue feed's tickets served per window for a local day.
    // Keeps the highest count seen (a feed restarting mid-day never lowers it).
    void note_served(const std::string& day, const std::map<std::string, int>& served_by_window);
    // Per day and window in [from_day, to_day] (local, inclusive): served, rated, repeats, held,
    // unticketed. Windows with tickets served or ratings appear; ratings from before schema 5
    // (no visit day) do not.
    std::vector<CoverageRow> coverage(const std::string& from_day, const std::string& to_day);
    // Sends coverage for the days before `today` not sent yet (kind "coverage", one record per
    // day and window) through the outbox, in one transaction; returns how many were queued.
    int flush_coverage(const std::string& today, const std::string& hall_id, const std::string& kiosk_id);

private:
    Feedback insert_row(const Feedback& f, bool enqueue, bool apply_rules);
    Db& db_;
    RatingGuard guard_;
};

}  // namespace hall
