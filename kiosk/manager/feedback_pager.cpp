#include "manager/feedback_pager.h"

namespace hall {

void FeedbackPager::set_filter(const FeedbackFilter& f) {
    filter_ = f;
    pages_.clear();
    total_ = store_.count(filter_);
    ++queries_;
}

FeedbackPager::Page& FeedbackPager::fetch(std::int64_t page) {
    for (auto it = pages_.begin(); it != pages_.end(); ++it)
        if (it->index == page) {
            pages_.splice(pages_.begin(), pages_, it);
            return pages_.front();
        }
    Page p;
    p.index = page;
    // The page before is cached: continue from its last row instead of counting past
    // page * kPageRows rows again.
    const Page* before = nullptr;
    for (const auto& c : pages_)
        if (c.index == page - 1 && static_cast<int>(c.rows.size()) == kPageRows) before = &c;
    if (before) p.rows = store_.page_after(filter_, {before->rows.back().created_at, before->rows.back().id}, kPageRows);
    else p.rows = store_.page(filter_, page * kPageRows, kPageRows);
    ++queries_;
    pages_.push_front(std::move(p));
    if (pages_.size() > kCachedPages) pages_.pop_back();
    return pages_.front();
}

const FeedbackRow* FeedbackPager::row(std::int64_t i) {
    if (i < 0 || i >= total_) return nullptr;
    Page& p = fetch(i / kPageRows);
    const auto at = static_cast<std::size_t>(i % kPageRows);
    return at < p.rows.size() ? &p.rows[at] : nullptr;
}

void FeedbackPager::want(std::int64_t first, std::int64_t last) {
    if (total_ == 0) return;
    for (std::int64_t pg = first / kPageRows; pg <= (last - 1) / kPageRows && pg * kPageRows < total_; ++pg) fetch(pg);
}

}  // namespace hall
