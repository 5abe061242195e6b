#include "store/search_log.h"

#include "core/ids.h"
#include "core/search_query.h"
#include "wire/records.h"
#include "store/outbox.h"

namespace hall {

bool SearchLog::note_miss(std::string_view raw, const std::string& day) {
    const std::string q = loggable_query(raw);
    if (q.empty()) return false;
    db_.prepare("INSERT INTO search_miss(day, query, count) VALUES(?, ?, 1) "
                "ON CONFLICT(day, query) DO UPDATE SET count = count + 1")
        .bind(1, day).bind(2, q).run();
    return true;
}

std::vector<std::pair<std::string, std::int64_t>> SearchLog::misses(const std::string& day) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    auto st = db_.prepare("SELECT query, count FROM search_miss WHERE day = ? ORDER BY count DESC, query");
    st.bind(1, day);
    while (st.step()) out.emplace_back(st.text(0), st.i64(1));
    return out;
}

int SearchLog::flush_closed_days(const std::string& today, const std::string& hall_id, const std::string& kiosk_id) {
    Tx tx(db_);
    std::vector<SearchMiss> out;
    {
        auto st = db_.prepare("SELECT day, query, count FROM search_miss WHERE day < ? ORDER BY day, query");
        st.bind(1, today);
        while (st.step()) out.push_back({new_uuid(), hall_id, kiosk_id, st.text(0), st.text(1), st.i64(2)});
    }
    Outbox outbox(db_);
    for (const auto& m : out) outbox.enqueue(m.uuid, wire::kKindSearchMiss, wire::search_miss_to_json(m).dump(), m.day + "T00:00:00Z");
    db_.prepare("DELETE FROM search_miss WHERE day < ?").bind(1, today).run();
    tx.commit();
    return static_cast<int>(out.size());
}

}  // namespace hall
