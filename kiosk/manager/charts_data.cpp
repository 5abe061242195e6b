#include "manager/charts_data.h"

#include <chrono>

namespace hall {

ChartsData load_charts(ManagerStore& store) {
    ChartsData c;
    const Date today = store.today();
    c.to = format_date(today);
    c.from = format_date(today - std::chrono::days(29));
    c.by_window = store.counts_by_window(c.from, c.to);
    c.by_category = store.counts_by_category(c.from, c.to);
    c.by_day = store.counts_by_day(c.from, c.to);
    c.satisfaction = store.satisfaction_by_window(c.from, c.to);
    c.overall = sum_reports(c.satisfaction);
    c.month = c.to.substr(0, 7);
    c.ranking = store.ranking(c.month);
    c.coverage = coverage_by_window(store.coverage(c.from, c.to));
    return c;
}

}  // namespace hall
