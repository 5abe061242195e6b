#pragma once
// Counts for the manager list (the total and the per-state numbers on the filter buttons)
// computed on a worker thread with its own SQLite connection, so changing a filter over
// 100,000 records never holds up a frame. WAL lets this reader run beside the kiosk's writes.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/manager_store.h"

namespace hall {

class BackgroundCounts {
public:
    struct Result {
        std::uint64_t ticket = 0;  // which request this answers
        FeedbackFilter filter;
        std::int64_t total = 0;
        StateCounts counts;
        std::string error;         // the store failed; counts are empty
    };

    // ctx.now is not used from the worker: each request carries its own "now".
    BackgroundCounts(std::string db_path, ManagerContext ctx);
    ~BackgroundCounts();
    BackgroundCounts(const BackgroundCounts&) = delete;
    BackgroundCounts& operator=(const BackgroundCounts&) = delete;

    // Newest request wins; an older one still running is answered but its result dropped.
    std::uint64_t request(const FeedbackFilter& f, const std::string& now_iso);
    // The answer to the newest request, once (nullopt while it is being computed).
    std::optional<Result> take();
    bool busy();

private:
    void run();

    std::string db_path_;
    ManagerContext ctx_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::uint64_t next_ticket_ = 0;
    std::optional<std::pair<FeedbackFilter, std::string>> pending_;  // filter, now
    std::uint64_t pending_ticket_ = 0;
    std::optional<Result> done_;
    std::uint64_t last_answered_ = 0;  // the worker finished this ticket (taken or not)
    std::thread worker_;
};

}  // namespace hall
