#pragma once
// Random access to a filtered, newest-first feedback list of any length, for a list drawn
// with ImGuiListClipper: row(i) for the visible rows only, fetched from SQLite a page at a
// time and kept in a small cache. Scrolling on reads the next page by keyset (no OFFSET
// cost); a jump (scrollbar drag) reads its page by OFFSET over the time index.
#include <cstdint>
#include <list>
#include <optional>
#include <vector>

#include "store/manager_store.h"

namespace hall {

class FeedbackPager {
public:
    static constexpr int kPageRows = 100;
    static constexpr std::size_t kCachedPages = 8;

    explicit FeedbackPager(ManagerStore& store) : store_(store) {}

    // A new filter: the count is read now, rows when they are asked for.
    void set_filter(const FeedbackFilter& f);
    // A new filter without counting: the first page is read now and the size is what it
    // holds until set_total() brings the count (from BackgroundCounts).
    void set_filter_provisional(const FeedbackFilter& f);
    void set_total(std::int64_t total) { total_ = total; }
    // After a manager action: rows and counts may have moved; keep the filter.
    void refresh() { set_filter(filter_); }
    const FeedbackFilter& filter() const { return filter_; }
    std::int64_t size() const { return total_; }
    // nullptr when i is out of range.
    const FeedbackRow* row(std::int64_t i);
    // Prefetch the pages covering [first, last) (the clipper's display range).
    void want(std::int64_t first, std::int64_t last);
    // Page p's rows (rows p * kPageRows, ...), read when not cached. Valid until kCachedPages
    // other pages have been read.
    const std::vector<FeedbackRow>& page_rows(std::int64_t p) { return fetch(p).rows; }

    int queries() const { return queries_; }  // for the benchmark

private:
    struct Page {
        std::int64_t index = 0;  // page number
        std::vector<FeedbackRow> rows;
    };
    Page& fetch(std::int64_t page);

    ManagerStore& store_;
    FeedbackFilter filter_;
    std::int64_t total_ = 0;
    std::list<Page> pages_;  // most recently used first
    int queries_ = 0;
};

}  // namespace hall
