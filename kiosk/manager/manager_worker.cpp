#include "manager/manager_worker.h"

#include <cstdio>

namespace hall {

ManagerWorker::ManagerWorker(std::string db_path, ManagerContext ctx) : db_path_(std::move(db_path)), ctx_(std::move(ctx)) {
    ctx_.now = nullptr;
    worker_ = std::thread([this] { run(); });
}

ManagerWorker::~ManagerWorker() {
    {
        std::lock_guard<std::mutex> lk(mu_);
        stop_ = true;
        jobs_.clear();
    }
    cv_.notify_all();
    worker_.join();
}

void ManagerWorker::post(std::string now_iso, Job job, Failed failed) {
    {
        std::lock_guard<std::mutex> lk(mu_);
        jobs_.push_back({std::move(now_iso), std::move(job), std::move(failed)});
    }
    cv_.notify_all();
}

bool ManagerWorker::busy() {
    std::lock_guard<std::mutex> lk(mu_);
    return !jobs_.empty() || running_ > 0;
}

void ManagerWorker::run() {
    std::unique_ptr<Db> db;
    for (;;) {
        Queued job;
        {
            std::unique_lock<std::mutex> lk(mu_);
            cv_.wait(lk, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            ++running_;
        }
        try {
            if (!db) db = std::make_unique<Db>(db_path_);
            ManagerContext ctx = ctx_;
            ctx.now = [now = job.now] { return now; };
            ManagerStore store(*db, std::move(ctx));
            job.job(store);
        } catch (const StoreError& e) {
            std::fprintf(stderr, "hall-kiosk: manager worker: %s\n", e.what());
            db.reset();  // a fresh connection for the next job
            job.failed(store_failure_key(e.kind()));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "hall-kiosk: manager worker: %s\n", e.what());
            db.reset();
            job.failed(store_failure_key(StoreFailure::Other));
        }
        std::lock_guard<std::mutex> lk(mu_);
        --running_;
    }
}

}  // namespace hall
