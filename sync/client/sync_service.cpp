#include "client/sync_service.h"

#include <spdlog/spdlog.h>

#include "client/backoff.h"
#include "core/ids.h"
#include "store/migrations.h"

namespace hall::sync {

bool HubQueueSource::poll(std::int64_t) {
    std::lock_guard lk(mu_);
    if (latest_gen_ == seen_gen_) return false;
    seen_gen_ = latest_gen_;
    ui_ = latest_;
    return true;
}

void HubQueueSource::publish(QueueSnapshot s) {
    std::lock_guard lk(mu_);
    s.stale = false;
    latest_ = std::move(s);
    ++latest_gen_;
}

void HubQueueSource::mark_stale() {
    std::lock_guard lk(mu_);
    if (latest_.stale) return;
    latest_.stale = true;  // the board keeps the last numbers and says they are old
    ++latest_gen_;
}

SyncService::SyncService(std::string db_path, SyncSettings settings, ServiceOptions opts)
    : db_path_(std::move(db_path)), settings_(std::move(settings)), opts_(std::move(opts)) {
    status_.configured = !settings_.hub_url.empty();
    if (opts_.queue_interval_s <= 0) opts_.queue_interval_s = settings_.queue_interval_s;
}

namespace {
// Lets the UI own "its" queue source while the sync thread keeps feeding the shared one.
class SharedQueueSource final : public QueueSource {
public:
    explicit SharedQueueSource(std::shared_ptr<HubQueueSource> q) : q_(std::move(q)) {}
    bool poll(std::int64_t now_ms) override { return q_->poll(now_ms); }
    const QueueSnapshot& snapshot() const override { return q_->snapshot(); }
private:
    std::shared_ptr<HubQueueSource> q_;
};
}  // namespace

std::unique_ptr<QueueSource> SyncService::queue_source_for_ui() const { return std::make_unique<SharedQueueSource>(queue_); }

SyncService::~SyncService() { stop(); }

void SyncService::start() {
    if (!status_.configured || thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { run(); });
}

void SyncService::stop() {
    stop_ = true;
    {
        std::lock_guard lk(mu_);
        wake_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncService::sync_now() {
    {
        std::lock_guard lk(mu_);
        wake_ = true;
    }
    cv_.notify_all();
}

SyncStatus SyncService::status() const {
    std::lock_guard lk(mu_);
    return status_;
}

void SyncService::run() {
    using clock = std::chrono::steady_clock;
    std::unique_ptr<Db> db;
    std::unique_ptr<SyncEngine> engine;
    Backoff backoff(opts_.backoff_base, opts_.backoff_cap);
    auto next_sync = clock::now();
    auto next_queue = clock::now();
    std::string last_error;
    std::string last_store_error;
    while (!stop_) {
        const auto now = clock::now();
        try {
            if (!db) {
                db = std::make_unique<Db>(db_path_);
                migrate(*db);
                engine = std::make_unique<SyncEngine>(*db, settings_, opts_.engine, &stop_);
            }
            if (now >= next_sync) {
                auto rep = engine->run_cycle(last_error);
                if (rep.content.outcome == ContentOutcome::Updated) {
                    ++content_generation_;
                    spdlog::info("sync: content {} imported from the hub", rep.content.version);
                }
                std::chrono::milliseconds delay;
                {
                    std::lock_guard lk(mu_);
                    status_.outbox_depth = rep.outbox_depth;
                    status_.rejected = rep.rejected_in_outbox;
                    status_.content_version = rep.content.version;
                    status_.last_error = rep.error;
                    // Online: the hub answered; a refused bundle is an error but not an outage.
                    status_.online = rep.push.error.empty();
                    if (rep.ok()) status_.last_success = now_iso_utc();
                    if (rep.push.error.empty()) {
                        backoff.reset();
                        delay = std::chrono::seconds(settings_.interval_s);
                    } else {
                        delay = backoff.next(rep.push.retry_after_s);
                    }
                    status_.consecutive_failures = backoff.failures();
                }
                last_store_error.clear();
                if (!rep.ok() && rep.error != last_error) spdlog::warn("sync: {}", rep.error);
                last_error = rep.error;
                next_sync = clock::now() + delay;
            }
            if (clock::now() >= next_queue && !stop_) {
                std::string why;
                if (auto q = engine->fetch_queue(why)) queue_->publish(std::move(*q));
                else queue_->mark_stale();
                next_queue = clock::now() + std::chrono::seconds(opts_.queue_interval_s);
            }
        } catch (const std::exception& e) {
            // The local store failed (disk full, locked): nothing was acknowledged or lost;
            // reopen and try again after a backoff.
            std::lock_guard lk(mu_);
            status_.last_error = std::string("sync: ") + e.what();
            status_.online = false;
            engine.reset();
            db.reset();
            // Both timers wait: a store that cannot open must not be reopened (nor a TLS
            // session set up for the queue feed) in a hot loop.
            next_sync = clock::now() + backoff.next();
            next_queue = std::max(next_queue, next_sync);
            status_.consecutive_failures = backoff.failures();
            if (status_.last_error != last_store_error) spdlog::warn("{}", status_.last_error);
            last_store_error = status_.last_error;
        }
        std::unique_lock lk(mu_);
        cv_.wait_until(lk, std::min(next_sync, next_queue), [this] { return wake_ || stop_.load(); });
        if (wake_ && !stop_) {
            wake_ = false;
            // A kick means "new records": sync now unless the hub asked us to back off.
            if (backoff.failures() == 0) next_sync = clock::now();
        }
    }
}

}  // namespace hall::sync
