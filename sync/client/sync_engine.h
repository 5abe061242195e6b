#pragma once
// One sync cycle against hall-hub, synchronous: drain the outbox, pull the signed content
// bundle, send a heartbeat, fetch the queue feed. SyncService runs it on its own thread;
// `hall-kiosk sync --once` runs it directly. Owns nothing but an HTTP handle; the kiosk
// database connection is the caller's (one per thread).
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/hub_http.h"
#include "config/config.h"
#include "core/queue.h"
#include "sqlite/database.h"

namespace hall::sync {

struct PushReport {
    std::int64_t acknowledged = 0;   // stored or duplicate at the hub: left the outbox
    std::int64_t rejected = 0;       // refused by the hub for good: parked in the outbox
    std::int64_t batches = 0;
    std::uint64_t bytes_sent = 0;
    std::string error;               // why the drain stopped early; empty when the outbox is drained
    std::optional<int> retry_after_s;
};

enum class ContentOutcome { Unchanged, Updated, NoBundle, Refused, Failed };
struct ContentReport {
    ContentOutcome outcome = ContentOutcome::Failed;
    std::string version;             // the version now held
    std::string error;               // why it was refused or failed
};

struct CycleReport {
    PushReport push;
    ContentReport content;
    bool heartbeat_ok = false;
    std::int64_t outbox_depth = 0;   // after the cycle, rejected included
    std::int64_t rejected_in_outbox = 0;
    std::string error;               // first error of the cycle, empty when everything went through
    bool ok() const { return error.empty(); }
};

struct EngineOptions {
    int batch_size = 500;
    std::string kiosk_version = "0.1.0";
    std::string data_dir;            // where free disk is measured; empty: the database's folder
    // The complaint reserve's size and the "storage low" mark ([storage] in the config),
    // reported in the heartbeat as the kiosk's storage health.
    std::int64_t reserve_target_bytes = 0;
    std::int64_t low_free_bytes = 0;
    // Transfer bounds (HttpOptions); tests shorten them.
    long connect_timeout_s = 5;
    long low_speed_time_s = 10;
    long total_timeout_s = 120;
    std::size_t max_reply_bytes = 32u * 1024 * 1024;
};

// Every call the client makes and the statuses it acts on (checked against sync/openapi.json).
struct ClientEndpoint {
    const char* method;
    const char* path;
    std::vector<int> handled_statuses;
};
const std::vector<ClientEndpoint>& client_endpoints();

HttpOptions http_options_for(const SyncSettings& s, const EngineOptions& e = {});

class SyncEngine {
public:
    SyncEngine(Db& db, const SyncSettings& settings, EngineOptions opts = {}, const std::atomic<bool>* cancel = nullptr);

    PushReport push_outbox();
    ContentReport pull_content();
    bool send_heartbeat(const std::string& last_error);
    // The hall's queue from the hub; nullopt (and why) when unreachable or none published.
    std::optional<QueueSnapshot> fetch_queue(std::string& why);
    // Push, pull, heartbeat.
    CycleReport run_cycle(const std::string& previous_error = "");

private:
    Db& db_;
    SyncSettings settings_;
    EngineOptions opts_;
    HubHttp http_;
};

// `hall-kiosk sync --once`: one full cycle, headless, a summary on out. Returns 0 when
// everything left the outbox and nothing failed, 1 when anything is left, 2 when sync is
// not configured or the database cannot be opened.
int run_sync_once(const Config& cfg, const std::string& db_path, std::ostream& out);

}  // namespace hall::sync
