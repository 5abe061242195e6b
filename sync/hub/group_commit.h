// Group commit for pushed records: batches that arrive while a commit is running are
// written together in the next one, one transaction and one fsync for all of them. 200
// kiosks pushing a record each no longer queue for 200 fsyncs one after another.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "hub/hub_store.h"

namespace hall::hub {

class GroupCommit {
public:
    using PutFn = std::function<std::vector<PutOutcome>(const std::vector<RecordRow>&)>;
    // put writes rows in one transaction and returns an outcome per row, in order (the store's
    // put_records); a group holds at most max_rows rows (a batch larger than that goes alone).
    // max_concurrent groups commit at once: 1 for SQLite (one writer anyway), a few for
    // PostgreSQL, whose concurrent transactions each have their own connection.
    explicit GroupCommit(PutFn put, unsigned max_concurrent = 1, std::size_t max_rows = 5000)
        : put_(std::move(put)), max_concurrent_(max_concurrent == 0 ? 1 : max_concurrent), max_rows_(max_rows) {}

    // Blocks until rows are committed, with whatever batches were waiting; outcomes for rows,
    // in order. Throws what the store threw for its group (nothing of that group is stored).
    std::vector<PutOutcome> put(std::vector<RecordRow> rows);

    // Batches waiting for the next commit (tests).
    std::size_t waiting() const;

private:
    struct Ticket {
        std::vector<RecordRow> rows;
        std::vector<PutOutcome> outcomes;
        std::exception_ptr error;
        bool done = false;
    };
    void lead(std::unique_lock<std::mutex>& lk);

    PutFn put_;
    unsigned max_concurrent_;
    std::size_t max_rows_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Ticket*> queue_;
    unsigned committing_ = 0;  // groups being committed now
};

}  // namespace hall::hub
