#pragma once
// The console's read side: overview, drill-down, ranking, records, fleet, the monthly
// report. Every function takes the hall it is limited to ("" = all halls), which only
// Scope::hall_filter() produces. Figures come from the kiosk's own domain code
// (core/stats.h satisfaction and ranking, core/workdays.h deadlines, core/feedback.h
// masking), read from the feedback index (console_index.h).
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/stats.h"
#include "core/workdays.h"
#include "hub/hub_store.h"

namespace hall::hub::console {

struct QueryOptions {
    WorkCalendar calendar;              // the halls' working days (same [calendar] as the kiosks)
    int bad_rating_deadline_days = 15;  // working days to handle a 差评 (manager.bad_rating_deadline_days)
    int min_sample = 30;                // a window is ranked with at least this many counted ratings in the month
    std::chrono::seconds silent_after{600};
};

// "YYYY-MM" of today in UTC+8, and the month before a given one.
std::string current_month(std::chrono::system_clock::time_point now);
std::optional<std::string> previous_month(const std::string& month);
bool valid_month(const std::string& m);

class ConsoleQueries {
public:
    ConsoleQueries(HubStore& store, QueryOptions opts) : store_(store), opts_(std::move(opts)) {}
    const QueryOptions& options() const { return opts_; }

    // Every hall (or the one): this month's and last month's figures, open/overdue 差评,
    // appeals pending.
    nlohmann::json overview(const std::string& hall, const std::string& month, Date today);
    // One hall's windows for a month.
    nlohmann::json hall_windows(const std::string& hall, const std::string& month, Date today);

    struct RecordFilter {
        std::string hall, window, category, state, from, to;  // from/to: local days, inclusive
        int rating = 0;                                       // 1..5; 0 any
        bool bad_only = false;
        bool overdue_only = false;
        std::string after;                                    // keyset cursor from the previous page
        int limit = 50;
    };
    // One page, newest first: {"records":[...], "next": cursor or null}. Throws BadRequest.
    nlohmann::json records(const RecordFilter& f, Date today);
    // The whole filtered set as CSV (RecordsCsv below, written to out). Returns rows.
    std::int64_t records_csv(RecordFilter f, Date today, std::ostream& out);
    // The record with its handling history; nullopt when absent. hall: the scope's filter
    // (a record of another hall is absent to a hall-bound account's query, then Forbidden).
    std::optional<nlohmann::json> record(const std::string& uuid, Date today);
    std::optional<std::string> record_hall(const std::string& uuid);
    std::optional<std::string> record_phone(const std::string& uuid);

    // Windows of every hall ranked by satisfaction for a month.
    nlohmann::json ranking(const std::string& hall, const std::string& month);
    // The monthly 通报: ranking plus each hall's figures, as JSON (the HTML page renders it) or CSV.
    void report_csv(const std::string& hall, const std::string& month, Date today, std::ostream& out);

    nlohmann::json fleet(const std::string& hall, std::chrono::system_clock::time_point now);
    std::optional<std::string> kiosk_hall(const std::string& name);
    // Revoke: the token stops working at once (its hash is replaced). Rotate: a new token,
    // returned once. Both false when there is no such kiosk.
    bool revoke_kiosk(const std::string& name, const std::string& by);
    std::optional<std::string> rotate_kiosk(const std::string& name, const std::string& by);

private:
    Date overdue_cutoff(Date today) const;
    HubStore& store_;
    QueryOptions opts_;
};

// The filtered records as CSV (UTF-8 BOM, the formula guard: base/common csv.h), one keyset
// page at a time: the export streams, holding one page, never the set. next() returns the
// BOM and header with the first page, then one page per call, "" when done; the first call
// throws BadRequest for a bad filter (before a byte is sent).
class RecordsCsv {
public:
    RecordsCsv(ConsoleQueries& q, ConsoleQueries::RecordFilter f, Date today, int page_rows = 500);
    std::string next();
    std::int64_t rows() const { return rows_; }
    int pages() const { return pages_; }              // pages fetched so far
    int largest_page() const { return largest_page_; }  // most rows one page held

private:
    ConsoleQueries& q_;
    ConsoleQueries::RecordFilter f_;
    Date today_;
    bool done_ = false;
    std::int64_t rows_ = 0;
    int pages_ = 0, largest_page_ = 0;
};

}  // namespace hall::hub::console
