#pragma once
// Manager work that takes longer than a frame (the charts' queries, ~110 ms at 100,000
// records; the monthly report, ~430 ms; writing exports) runs here, on one worker thread
// with its own SQLite connection (WAL lets it read and write beside the kiosk). A job is a
// function of a ManagerStore; it hands its answer back through a Mailbox the UI thread
// polls each frame. BackgroundCounts does the same for the list's counts.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/manager_store.h"

namespace hall {

class ManagerWorker {
public:
    using Job = std::function<void(ManagerStore&)>;
    // Called instead when the store failed (an i18n key: "store.error.disk_full", ...).
    using Failed = std::function<void(const std::string& store_error_key)>;

    // ctx.now is not used: each job carries the "now" of the moment it was asked for.
    ManagerWorker(std::string db_path, ManagerContext ctx);
    ~ManagerWorker();  // finishes the job running, drops the ones waiting
    ManagerWorker(const ManagerWorker&) = delete;
    ManagerWorker& operator=(const ManagerWorker&) = delete;

    // Runs job after the ones before it; when the store throws (opening it, or inside the
    // job), failed gets the reason instead, so every request is answered.
    void post(std::string now_iso, Job job, Failed failed);
    // A job is waiting or running.
    bool busy();

private:
    void run();

    std::string db_path_;
    ManagerContext ctx_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::size_t running_ = 0;
    struct Queued {
        std::string now;
        Job job;
        Failed failed;
    };
    std::deque<Queued> jobs_;
    std::thread worker_;
};

// One answer passed from a worker job to the UI thread. Only the answer to the newest
// request is kept: an older job still running answers into the void.
template <class T>
class Mailbox {
public:
    // A new request; returns its ticket for put().
    std::uint64_t expect() {
        std::lock_guard<std::mutex> lk(mu_);
        value_.reset();
        return ++wanted_;
    }
    void put(std::uint64_t ticket, T value) {
        std::lock_guard<std::mutex> lk(mu_);
        if (ticket == wanted_) value_ = std::move(value);
    }
    // The answer, once; nullopt while it is being worked out.
    std::optional<T> take() {
        std::lock_guard<std::mutex> lk(mu_);
        auto v = std::move(value_);
        value_.reset();
        return v;
    }
    // Drop any answer, also one still on its way (manager mode locked).
    void forget() { expect(); }

private:
    std::mutex mu_;
    std::uint64_t wanted_ = 0;
    std::optional<T> value_;
};

}  // namespace hall
