#include "hub/group_commit.h"

#include <exception>
#include <stdexcept>
#include <utility>

namespace hall::hub {

std::vector<PutOutcome> GroupCommit::put(std::vector<RecordRow> rows) {
    Ticket t;
    t.rows = std::move(rows);
    std::unique_lock lk(mu_);
    queue_.push_back(&t);
    // Whoever finds a commit slot free leads the next group, of every batch then waiting (its
    // own among them, unless the row cap cut the group before it: then it goes again).
    while (!t.done) {
        cv_.wait(lk, [&] { return t.done || committing_ < max_concurrent_; });
        if (!t.done) lead(lk);
    }
    if (t.error) std::rethrow_exception(t.error);
    return std::move(t.outcomes);
}

void GroupCommit::lead(std::unique_lock<std::mutex>& lk) {
    ++committing_;
    std::vector<Ticket*> group;
    std::size_t n = 0;
    while (!queue_.empty() && (group.empty() || n + queue_.front()->rows.size() <= max_rows_)) {
        group.push_back(queue_.front());
        n += queue_.front()->rows.size();
        queue_.pop_front();
    }
    lk.unlock();
    std::vector<RecordRow> all;
    all.reserve(n);
    for (Ticket* g : group)
        for (auto& r : g->rows) all.push_back(std::move(r));
    std::exception_ptr error;
    std::vector<PutOutcome> outcomes;
    try {
        outcomes = put_(all);
        if (outcomes.size() != all.size()) throw std::runtime_error("store returned a different number of outcomes");
    } catch (...) {
        error = std::current_exception();
    }
    lk.lock();
    std::size_t at = 0;
    for (Ticket* g : group) {
        const auto k = g->rows.size();
        if (error) {
            g->error = error;
        } else {
            g->outcomes.assign(outcomes.begin() + static_cast<std::ptrdiff_t>(at), outcomes.begin() + static_cast<std::ptrdiff_t>(at + k));
        }
        at += k;
        g->done = true;
    }
    --committing_;
    cv_.notify_all();
}

std::size_t GroupCommit::waiting() const {
    std::lock_guard lk(mu_);
    return queue_.size();
}

}  // namespace hall::hub
