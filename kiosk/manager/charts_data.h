#pragma once
// What the manager's charts tab shows: the last 30 days per window, category and day, the
// satisfaction rates and this month's window ranking. Read on the manager worker
// (manager_worker.h); the charts screen draws it.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "manager/export.h"  // CoverageTotal
#include "store/manager_store.h"

namespace hall {

struct ChartsData {
    std::string from, to;  // the last 30 days, local dates
    std::vector<std::pair<std::string, std::int64_t>> by_window;
    std::vector<std::pair<Category, std::int64_t>> by_category;
    std::vector<DayCount> by_day;
    std::map<std::string, SatisfactionReport> satisfaction;  // by window
    SatisfactionReport overall;
    std::string month;  // "2026-11", for the ranking
    std::vector<RankRow> ranking;
    std::vector<CoverageTotal> coverage;  // per window over the 30 days: rated tickets / served
};

// Reads everything the charts show, for the 30 days up to the store's today.
ChartsData load_charts(ManagerStore& store);

}  // namespace hall
