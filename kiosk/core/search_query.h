#pragma once
// What the kiosk may keep of a search query. Misses are counted so the centre can add the
// names citizens use (issue #14); a query never carries anything about the person, and
// one that looks like a phone or identity number is never kept at all.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hall {

// True for text that may identify a person: 7 or more digits in total (phone numbers,
// identity card numbers with their X, bank cards, plate-like codes), or an e-mail address.
bool looks_personal(std::string_view query);

// The query as counted: trimmed, runs of spaces made one, at most kMaxLoggedQueryChars
// characters; "" when it must not be kept (empty or looks_personal).
inline constexpr std::size_t kMaxLoggedQueryChars = 40;
std::string loggable_query(std::string_view query);

// One day's count of one missed query on one kiosk: what is synced as kind "search_miss".
struct SearchMiss {
    std::string uuid;
    std::string hall_id;
    std::string kiosk_id;
    std::string day;     // YYYY-MM-DD, the kiosk's local date
    std::string query;   // loggable_query() of what was typed
    std::int64_t count = 0;
};

}  // namespace hall

namespace hall {

// Decides when a search ended with no guide opened (a miss), from what the search field holds
// frame by frame. Typing on extends the query, deleting back keeps the longer one; a query
// that changes to something else, is cleared, or is left (another screen, the idle reset)
// without a guide opened from its results is a miss.
class SearchSession {
public:
    // The query on the guides screen now. Returns the query that just ended as a miss.
    std::optional<std::string> observe(const std::string& query);
    // A guide was opened from the current query's results.
    void opened() { opened_ = true; }
    // The citizen left the guides (home, another screen, idle reset).
    std::optional<std::string> end();
    const std::string& pending() const { return pending_; }

private:
    std::string pending_;
    bool opened_ = false;
};

}  // namespace hall
