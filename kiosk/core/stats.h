#pragma once
// 好差評 figures: satisfaction rate (share of 非常滿意 + 滿意 among ratings not taken out by an
// upheld appeal), overall and per national indicator, and the monthly window ranking.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.h"

namespace hall {

// One rating as the statistics see it.
struct RatingSample {
    std::string window_id;
    Rating overall = Rating::Basic;
    std::array<std::optional<Rating>, kIndicatorCount> indicators{};
    bool excluded = false;  // upheld appeal (申訴複核): kept, marked, not counted
};

struct Satisfaction {
    int good = 0;   // 非常滿意 + 滿意
    int total = 0;  // ratings counted (excluded ones are not)
    std::optional<double> rate() const {
        return total > 0 ? std::optional<double>(static_cast<double>(good) / total) : std::nullopt;
    }
    void add(Rating r) {
        ++total;
        if (is_good_rating(r)) ++good;
    }
};

struct SatisfactionReport {
    Satisfaction overall;
    std::array<Satisfaction, kIndicatorCount> indicators{};  // only ratings where the citizen rated it
};

SatisfactionReport satisfaction(const std::vector<RatingSample>& samples);
std::map<std::string, SatisfactionReport> satisfaction_by_window(const std::vector<RatingSample>& samples);
// The hall's figures: every window's counts added up.
SatisfactionReport sum_reports(const std::map<std::string, SatisfactionReport>& by_window);

struct RankRow {
    int rank = 0;  // 1 = best; equal figures share a rank
    std::string window_id;
    Satisfaction satisfaction;
    bool last = false;           // in the last place this month
    bool last_twice = false;     // last this month and the month before: 約談
};

// Windows ranked by satisfaction rate (higher first), then by number of ratings (more first),
// then by id. Windows without counted ratings are not ranked. Every window sharing the
// lowest rate is "last", unless all windows share one rate.
std::vector<RankRow> rank_windows(const std::map<std::string, Satisfaction>& month);
// The ranking for `month` with last_twice set for windows last in `previous` as well.
std::vector<RankRow> rank_windows(const std::map<std::string, Satisfaction>& month,
                                  const std::map<std::string, Satisfaction>& previous);

}  // namespace hall
