#pragma once
// Feedback records in SQLite. insert() writes the record, its category rows and its
// outbox row in one durable transaction: once it returns, the complaint survives a crash.
#include <cstdint>
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

class FeedbackStore {
public:
    explicit FeedbackStore(Db& db) : db_(db) {}

    // Throws StoreError (disk_full() tells a full disk); nothing is half-written.
    void insert(const Feedback& f);
    // The same, with the complaint reserve behind it: on a full disk the reserve is released
    // a slice at a time and the whole transaction tried again; throws the disk-full
    // StoreError only once the reserve is gone. Other errors are thrown at once.
    void insert(const Feedback& f, Reserve* reserve);
    // Many records in one transaction (demo data, imports). enqueue=false keeps them out of
    // the outbox, so demo records never reach a real hub.
    void insert_many(const std::vector<Feedback>& fs, bool enqueue);
    std::int64_t count();
    std::optional<Feedback> by_uuid(const std::string& uuid);
    std::optional<Feedback> by_receipt(const std::string& receipt);
    std::vector<Feedback> recent(int limit);

private:
    void insert_row(const Feedback& f, bool enqueue);
    Db& db_;
};

}  // namespace hall
