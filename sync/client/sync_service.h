#pragma once
// The kiosk's sync: a background thread that drains the outbox, pulls content, sends
// heartbeats and polls the hall's queue feed. The UI never waits on it: it reads status(),
// polls content_generation() to reload guides, and reads the queue through queue_source().
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "client/sync_engine.h"
#include "config/config.h"
#include "core/queue.h"

namespace hall::sync {

struct SyncStatus {
    bool configured = false;         // a hub_url is set
    bool online = false;             // the last exchange with the hub went through
    std::int64_t outbox_depth = 0;   // records not yet acknowledged (rejected ones included)
    std::int64_t rejected = 0;       // refused by the hub; they stay for the manager to see
    std::string last_success;        // ISO 8601 UTC of the last clean cycle, "" never
    std::string last_error;          // "" when the last cycle was clean
    std::string content_version;
    int consecutive_failures = 0;
};

// The hub's queue feed as a QueueSource. The sync thread publish()es; the UI thread calls
// poll() each frame and reads snapshot(), which only poll() changes (no locks while drawing).
class HubQueueSource final : public QueueSource {
public:
    bool poll(std::int64_t now_ms) override;
    const QueueSnapshot& snapshot() const override { return ui_; }
    // From the sync thread.
    void publish(QueueSnapshot s);
    void mark_stale();

private:
    std::mutex mu_;
    QueueSnapshot latest_;
    std::uint64_t latest_gen_ = 0;
    std::uint64_t seen_gen_ = 0;
    QueueSnapshot ui_;
};

struct ServiceOptions {
    EngineOptions engine;
    std::chrono::milliseconds backoff_base{1000};
    std::chrono::milliseconds backoff_cap{5 * 60 * 1000};
    int queue_interval_s = 0;  // 0: SyncSettings::queue_interval_s
};

class SyncService {
public:
    // db_path: the kiosk's SQLite file; the service opens its own connection to it.
    SyncService(std::string db_path, SyncSettings settings, ServiceOptions opts = {});
    ~SyncService();  // stops the thread
    SyncService(const SyncService&) = delete;
    SyncService& operator=(const SyncService&) = delete;

    void start();    // no-op when not configured or already running
    void stop();     // cancels a transfer in flight; returns within about a second
    void sync_now(); // wake the thread (e.g. after a feedback was stored)

    SyncStatus status() const;
    // Bumped each time content from the hub was imported: the UI reloads guides when it changes.
    std::uint64_t content_generation() const { return content_generation_.load(); }
    // The queue board's source when a hub is configured.
    std::shared_ptr<HubQueueSource> queue_source() const { return queue_; }
    // The same source as the App's owned QueueSource (App::set_queue_source takes a unique_ptr).
    std::unique_ptr<QueueSource> queue_source_for_ui() const;

private:
    void run();
    std::string db_path_;
    SyncSettings settings_;
    ServiceOptions opts_;
    std::shared_ptr<HubQueueSource> queue_ = std::make_shared<HubQueueSource>();
    std::atomic<bool> stop_{false};
    std::atomic<std::uint64_t> content_generation_{0};
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool wake_ = false;
    SyncStatus status_;
    std::thread thread_;
};

}  // namespace hall::sync
