#include "core/stats.h"

#include <algorithm>
#include <set>

namespace hall {

SatisfactionReport satisfaction(const std::vector<RatingSample>& samples) {
    SatisfactionReport r;
    for (const auto& s : samples) {
        if (s.excluded) continue;
        r.overall.add(s.overall);
        for (std::size_t i = 0; i < s.indicators.size(); ++i)
            if (s.indicators[i]) r.indicators[i].add(*s.indicators[i]);
    }
    return r;
}

std::map<std::string, SatisfactionReport> satisfaction_by_window(const std::vector<RatingSample>& samples) {
    std::map<std::string, std::vector<RatingSample>> by;
    for (const auto& s : samples) by[s.window_id].push_back(s);
    std::map<std::string, SatisfactionReport> out;
    for (const auto& [w, ss] : by) out[w] = satisfaction(ss);
    return out;
}

std::vector<RankRow> rank_windows(const std::map<std::string, Satisfaction>& month) {
    std::vector<RankRow> rows;
    for (const auto& [w, s] : month)
        if (s.total > 0) rows.push_back({0, w, s, false, false});
    // Compare rates exactly as fractions (good_a / total_a vs good_b / total_b) so equal
    // rates tie however the counts were reached.
    const auto cmp_rate = [](const Satisfaction& a, const Satisfaction& b) {
        const long long l = static_cast<long long>(a.good) * b.total, r = static_cast<long long>(b.good) * a.total;
        return l < r ? -1 : l > r ? 1 : 0;
    };
    std::sort(rows.begin(), rows.end(), [&](const RankRow& a, const RankRow& b) {
        if (int c = cmp_rate(a.satisfaction, b.satisfaction)) return c > 0;
        if (a.satisfaction.total != b.satisfaction.total) return a.satisfaction.total > b.satisfaction.total;
        return a.window_id < b.window_id;
    });
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].rank = (i > 0 && cmp_rate(rows[i].satisfaction, rows[i - 1].satisfaction) == 0) ? rows[i - 1].rank
                                                                                                 : static_cast<int>(i) + 1;
    // A lone window, or windows all on the same rate, have nobody behind the others.
    if (rows.size() >= 2 && cmp_rate(rows.front().satisfaction, rows.back().satisfaction) != 0)
        for (auto& r : rows) r.last = cmp_rate(r.satisfaction, rows.back().satisfaction) == 0;
    return rows;
}

std::vector<RankRow> rank_windows(const std::map<std::string, Satisfaction>& month,
                                  const std::map<std::string, Satisfaction>& previous) {
    auto rows = rank_windows(month);
    std::set<std::string> last_before;
    for (const auto& r : rank_windows(previous))
        if (r.last) last_before.insert(r.window_id);
    for (auto& r : rows) r.last_twice = r.last && last_before.count(r.window_id) > 0;
    return rows;
}

SatisfactionReport sum_reports(const std::map<std::string, SatisfactionReport>& by_window) {
    SatisfactionReport all;
    for (const auto& [w, s] : by_window) {
        all.overall.good += s.overall.good;
        all.overall.total += s.overall.total;
        for (std::size_t i = 0; i < s.indicators.size(); ++i) {
            all.indicators[i].good += s.indicators[i].good;
            all.indicators[i].total += s.indicators[i].total;
        }
    }
    return all;
}

}  // namespace hall
