#pragma once
// The outbox: records waiting to leave for hall-hub. Written in the same transaction as
// the record itself; a row is deleted only after the hub acknowledged its UUID.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sqlite/database.h"

namespace hall {

struct OutboxItem {
    std::int64_t id = 0;
    std::string uuid;
    std::string kind;      // "feedback", later "manager_action", ...
    std::string payload;   // wire JSON
    int attempts = 0;
};

// A record the hub refused for good, kept for the manager (kiosk/ui/screens/manager_rejected).
struct RejectedRecord {
    std::int64_t id = 0;
    std::string uuid;
    std::string kind;
    std::string reason;      // the hub's words
    std::string created_at;
    int attempts = 0;
};

class Outbox {
public:
    explicit Outbox(Db& db) : db_(db) {}

    // Call inside the caller's transaction, next to the record's own insert.
    void enqueue(const std::string& uuid, const std::string& kind, const std::string& payload, const std::string& created_at);
    // Oldest first; records the hub rejected are not offered again (see reject()).
    std::vector<OutboxItem> peek(int max_items);
    // The hub stored (or already had) these: they leave the outbox.
    void ack(const std::vector<std::string>& uuids);
    // A send failed (network, 5xx): the rows stay, with the attempt counted and the error kept.
    void attempt_failed(const std::vector<std::int64_t>& ids, const std::string& error);
    // The hub refused these for good (invalid record): they stay in the outbox, kept for the
    // manager to see, marked "rejected: reason" and no longer sent. Never deleted silently.
    void reject(const std::vector<std::int64_t>& ids, const std::string& reason);
    std::int64_t rejected_count();
    // Rejected records, oldest first.
    std::vector<RejectedRecord> rejected(int limit);
    // Offers a rejected record again once its cause is fixed: its ids are set to the hall's
    // and kiosk's current ones (a corrected config) and it goes back in the queue. Call inside
    // the caller's transaction (ManagerStore::resend_rejected audits it in the same one).
    // nullopt when it is not a rejected record.
    std::optional<RejectedRecord> resend(std::int64_t id, const std::string& hall_id, const std::string& kiosk_id);
    // Drops a rejected record from the outbox for good; the local record stays. Inside the
    // caller's transaction, like resend(). nullopt when it is not a rejected record.
    std::optional<RejectedRecord> discard(std::int64_t id);
    // Everything not yet acknowledged, rejected records included.
    std::int64_t depth();
    // The newest send error still on a record, with the record's attempts (manager's sync tab).
    struct LastError {
        std::string text;
        std::int64_t attempts = 0;
    };
    std::optional<LastError> last_error();

private:
    Db& db_;
};

}  // namespace hall
