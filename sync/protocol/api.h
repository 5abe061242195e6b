#pragma once
// The hall-hub HTTP API as both sides see it (documented in sync/openapi.json): paths,
// request and reply bodies, and the record kinds a kiosk may push.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/queue.h"
#include "protocol/records.h"  // kKindFeedback, kKindAudit and their encoders

namespace hall::wire {

inline constexpr const char* kPathRecords = "/api/v1/records";      // POST: push a batch
inline constexpr const char* kPathBundle = "/api/v1/bundle";        // GET: signed content bundle (ETag)
inline constexpr const char* kPathQueue = "/api/v1/queue";          // GET: hall's queue; POST: the hall's queue system
inline constexpr const char* kPathHeartbeat = "/api/v1/heartbeat";  // POST: kiosk health
inline constexpr const char* kPathHealth = "/api/v1/health";        // GET: no auth, liveness

inline constexpr std::size_t kMaxBatchRecords = 1000;
inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;

// A pushed record after validation: what the hub stores and keys by uuid.
struct ValidRecord {
    std::string uuid, kind, hall_id, kiosk_id, created_at;
};
// Checks a record of any known kind ("feedback", "audit"); nullopt + why when it is not acceptable.
std::optional<ValidRecord> validate_record(const nlohmann::json& j, std::string& why);


// Reply to a push: one result per record, in request order.
enum class RecordStatus { Stored, Duplicate, Rejected };
struct RecordResult {
    std::string uuid;
    RecordStatus status = RecordStatus::Rejected;
    std::string reason;  // when rejected
};
nlohmann::json push_reply_to_json(const std::vector<RecordResult>& results);
// Parses a push reply; nullopt + why when it is not one.
std::optional<std::vector<RecordResult>> push_reply_from_json(const nlohmann::json& j, std::string& why);
const char* to_string(RecordStatus s);

struct Heartbeat {
    std::string kiosk_version;
    std::string content_version;
    std::int64_t outbox_depth = 0;
    std::string last_sync_error;
    std::int64_t free_disk_bytes = -1;
    std::string at;  // kiosk's clock, ISO 8601 UTC
    // Kiosk health (issue 16): "ok", "low", "reserve_in_use", "reserve_gone"; "" from older kiosks.
    std::string storage;
    std::int64_t reserve_bytes = -1;  // the complaint reserve still held, -1 unknown
};
nlohmann::json heartbeat_to_json(const Heartbeat& h);
std::optional<Heartbeat> heartbeat_from_json(const nlohmann::json& j, std::string& why);

nlohmann::json queue_to_json(const QueueSnapshot& q);
std::optional<QueueSnapshot> queue_from_json(const nlohmann::json& j, std::string& why);

// Orders content versions such as "2026.11.20-1" < "2026.11.20-2" < "2026.12.1": digit runs
// compare as numbers, everything else as bytes. Returns <0, 0, >0.
int compare_versions(const std::string& a, const std::string& b);

}  // namespace hall::wire
