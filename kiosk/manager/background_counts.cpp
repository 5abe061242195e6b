#include "manager/background_counts.h"

namespace hall {

BackgroundCounts::BackgroundCounts(std::string db_path, ManagerContext ctx) : db_path_(std::move(db_path)), ctx_(std::move(ctx)) {
    ctx_.now = nullptr;
    worker_ = std::thread([this] { run(); });
}

BackgroundCounts::~BackgroundCounts() {
    {
        std::lock_guard<std::mutex> lk(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
}

std::uint64_t BackgroundCounts::request(const FeedbackFilter& f, const std::string& now_iso) {
    std::lock_guard<std::mutex> lk(mu_);
    pending_ = std::make_pair(f, now_iso);
    pending_ticket_ = ++next_ticket_;
    done_.reset();
    cv_.notify_all();
    return pending_ticket_;
}

std::optional<BackgroundCounts::Result> BackgroundCounts::take() {
    std::lock_guard<std::mutex> lk(mu_);
    if (!done_ || done_->ticket != next_ticket_) return std::nullopt;
    auto r = std::move(done_);
    done_.reset();
    return r;
}

bool BackgroundCounts::busy() {
    std::lock_guard<std::mutex> lk(mu_);
    return pending_.has_value() || last_answered_ != next_ticket_;
}

void BackgroundCounts::run() {
    std::unique_ptr<Db> db;
    for (;;) {
        FeedbackFilter f;
        std::string now;
        std::uint64_t ticket = 0;
        {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait(lk, [&] { return stop_ || pending_.has_value(); });
            if (stop_) return;
            f = pending_->first;
            now = pending_->second;
            ticket = pending_ticket_;
            pending_.reset();
        }
        Result r;
        r.ticket = ticket;
        r.filter = f;
        try {
            if (!db) db = std::make_unique<Db>(db_path_);
            ManagerContext ctx = ctx_;
            ctx.now = [now] { return now; };
            ManagerStore store(*db, std::move(ctx));
            r.total = store.count(f);
            r.counts = store.state_counts(f);
        } catch (const std::exception& e) {
            r.error = e.what();
        }
        std::lock_guard<std::mutex> lk(mu_);
        last_answered_ = ticket;
        if (ticket == next_ticket_) done_ = std::move(r);
    }
}

}  // namespace hall
