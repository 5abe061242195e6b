#include "store/outbox.h"

#include <nlohmann/json.hpp>

namespace hall {

void Outbox::enqueue(const std::string& uuid, const std::string& kind, const std::string& payload, const std::string& created_at) {
    db_.prepare("INSERT INTO outbox(uuid, kind, payload, created_at) VALUES(?, ?, ?, ?)")
        .bind(1, uuid).bind(2, kind).bind(3, payload).bind(4, created_at).run();
}

std::vector<OutboxItem> Outbox::peek(int max_items) {
    std::vector<OutboxItem> out;
    auto st = db_.prepare("SELECT id, uuid, kind, payload, attempts FROM outbox WHERE last_error NOT LIKE 'rejected:%' ORDER BY id LIMIT ?");
    st.bind(1, max_items);
    while (st.step()) out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3), st.i32(4)});
    return out;
}

void Outbox::ack(const std::vector<std::string>& uuids) {
    if (uuids.empty()) return;
    Tx tx(db_);
    auto st = db_.prepare("DELETE FROM outbox WHERE uuid = ?");
    for (const auto& u : uuids) {
        st.bind(1, u);
        st.run();
        st.reset();
    }
    tx.commit();
}

void Outbox::attempt_failed(const std::vector<std::int64_t>& ids, const std::string& error) {
    if (ids.empty()) return;
    Tx tx(db_);
    auto st = db_.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?");
    for (auto id : ids) {
        st.bind(1, error).bind(2, id);
        st.run();
        st.reset();
    }
    tx.commit();
}

void Outbox::reject(const std::vector<std::int64_t>& ids, const std::string& reason) {
    if (ids.empty()) return;
    Tx tx(db_);
    auto st = db_.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?");
    for (auto id : ids) {
        st.bind(1, "rejected: " + reason).bind(2, id);
        st.run();
        st.reset();
    }
    tx.commit();
}

std::int64_t Outbox::rejected_count() {
    auto st = db_.prepare("SELECT COUNT(*) FROM outbox WHERE last_error LIKE 'rejected:%'");
    st.step();
    return st.i64(0);
}

std::vector<RejectedRecord> Outbox::rejected(int limit) {
    std::vector<RejectedRecord> out;
    auto st = db_.prepare("SELECT id, uuid, kind, substr(last_error, 11), created_at, attempts FROM outbox "
                          "WHERE last_error LIKE 'rejected:%' ORDER BY id LIMIT ?");
    st.bind(1, limit);
    while (st.step()) out.push_back({st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.i32(5)});
    return out;
}

namespace {
std::optional<RejectedRecord> rejected_by_id(Db& db, std::int64_t id) {
    auto st = db.prepare("SELECT id, uuid, kind, substr(last_error, 11), created_at, attempts FROM outbox "
                         "WHERE id = ? AND last_error LIKE 'rejected:%'");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return RejectedRecord{st.i64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.i32(5)};
}
}  // namespace

std::optional<RejectedRecord> Outbox::resend(std::int64_t id, const std::string& hall_id, const std::string& kiosk_id) {
    auto r = rejected_by_id(db_, id);
    if (!r) return std::nullopt;
    auto st = db_.prepare("SELECT payload FROM outbox WHERE id = ?");
    st.bind(1, id);
    st.step();
    auto j = nlohmann::json::parse(st.text(0), nullptr, false);
    std::string payload = st.text(0);
    if (j.is_object()) {
        if (j.contains("hall_id")) j["hall_id"] = hall_id;
        if (j.contains("kiosk_id")) j["kiosk_id"] = kiosk_id;
        payload = j.dump();
    }
    db_.prepare("UPDATE outbox SET payload = ?, attempts = 0, last_error = '' WHERE id = ?").bind(1, payload).bind(2, id).run();
    return r;
}

std::optional<RejectedRecord> Outbox::discard(std::int64_t id) {
    auto r = rejected_by_id(db_, id);
    if (r) db_.prepare("DELETE FROM outbox WHERE id = ?").bind(1, id).run();
    return r;
}

std::int64_t Outbox::depth() {
    auto st = db_.prepare("SELECT COUNT(*) FROM outbox");
    st.step();
    return st.i64(0);
}

std::optional<Outbox::LastError> Outbox::last_error() {
    auto st = db_.prepare("SELECT last_error, attempts FROM outbox WHERE last_error <> '' ORDER BY id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return LastError{st.text(0), st.i64(1)};
}

}  // namespace hall
