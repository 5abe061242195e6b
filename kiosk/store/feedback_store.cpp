#include "store/feedback_store.h"

#include "wire/records.h"
#include "store/outbox.h"

namespace hall {
namespace {

constexpr const char* kColumns =
    "uuid, receipt, created_at, hall_id, kiosk_id, window_id, categories, rating, rating_efficiency, rating_level, "
    "rating_attitude, service_code, ticket, text, phone, lang";

std::optional<int> opt_rating(const std::optional<Rating>& r) {
    return r ? std::optional<int>(static_cast<int>(*r)) : std::nullopt;
}

}  // namespace

Feedback read_feedback_row(const Stmt& st, int c) {
    Feedback f;
    f.uuid = st.text(c + 0);
    f.receipt = st.text(c + 1);
    f.created_at = st.text(c + 2);
    f.hall_id = st.text(c + 3);
    f.kiosk_id = st.text(c + 4);
    f.window_id = st.text(c + 5);
    f.categories = categories_from_csv(st.text(c + 6));
    f.overall = rating_from_int(st.i32(c + 7)).value_or(Rating::Basic);
    for (int i = 0; i < kIndicatorCount; ++i)
        if (!st.is_null(c + 8 + i)) f.indicators[static_cast<std::size_t>(i)] = rating_from_int(st.i32(c + 8 + i));
    f.service_code = st.text(c + 11);
    f.ticket = st.text(c + 12);
    f.text = st.text(c + 13);
    f.phone = st.text(c + 14);
    f.lang = st.text(c + 15);
    return f;
}


void FeedbackStore::insert(const Feedback& f) {
    Tx tx(db_);
    insert_row(f, true);
    tx.commit();
}

void FeedbackStore::insert(const Feedback& f, Reserve* reserve) {
    for (;;) {
        try {
            insert(f);
            return;
        } catch (const StoreError& e) {
            // Nothing was written (the transaction rolled back); free room and try again.
            // Only a full disk: a failing or read-only disk is not helped by the reserve.
            if (e.kind() != StoreFailure::DiskFull || !reserve || !reserve->release_slice()) throw;
        }
    }
}

void FeedbackStore::insert_many(const std::vector<Feedback>& fs, bool enqueue) {
    Tx tx(db_);
    for (const auto& f : fs) insert_row(f, enqueue);
    tx.commit();
}

void FeedbackStore::insert_row(const Feedback& f, bool enqueue) {
    db_.prepare(std::string("INSERT INTO feedback(") + kColumns + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, f.uuid).bind(2, f.receipt).bind(3, f.created_at).bind(4, f.hall_id).bind(5, f.kiosk_id)
        .bind(6, f.window_id).bind(7, categories_to_csv(f.categories)).bind(8, static_cast<int>(f.overall))
        .bind_opt(9, opt_rating(f.indicators[0])).bind_opt(10, opt_rating(f.indicators[1]))
        .bind_opt(11, opt_rating(f.indicators[2])).bind(12, f.service_code).bind(13, f.ticket).bind(14, f.text)
        .bind(15, f.phone).bind(16, f.lang)
        .run();
    const auto id = db_.last_insert_id();
    auto cat = db_.prepare("INSERT INTO feedback_category(feedback_id, category) VALUES(?, ?)");
    for (Category c : f.categories) {
        cat.bind(1, id).bind(2, category_key(c));
        cat.run();
        cat.reset();
    }
    if (enqueue) Outbox(db_).enqueue(f.uuid, wire::kKindFeedback, wire::feedback_to_json(f).dump(), f.created_at);
}

std::int64_t FeedbackStore::count() {
    auto st = db_.prepare("SELECT COUNT(*) FROM feedback");
    st.step();
    return st.i64(0);
}

std::optional<Feedback> FeedbackStore::by_uuid(const std::string& uuid) {
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback WHERE uuid = ?");
    st.bind(1, uuid);
    if (st.step()) return read_feedback_row(st, 0);
    return std::nullopt;
}

std::optional<Feedback> FeedbackStore::by_receipt(const std::string& receipt) {
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback WHERE receipt = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, receipt);
    if (st.step()) return read_feedback_row(st, 0);
    return std::nullopt;
}

std::vector<Feedback> FeedbackStore::recent(int limit) {
    std::vector<Feedback> out;
    auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM feedback ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    while (st.step()) out.push_back(read_feedback_row(st, 0));
    return out;
}

}  // namespace hall
