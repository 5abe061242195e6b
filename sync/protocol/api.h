#pragma once
// The hall-hub HTTP API as both sides see it (documented in sync/openapi.json): paths,
// request and reply bodies, and the record kinds a kiosk may push.
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/queue.h"
#include "wire/records.h"  // kKindFeedback, kKindAudit and their encoders

namespace hall::wire {

inline constexpr const char* kPathRecords = "/api/v1/records";      // POST: push a batch
inline constexpr const char* kPathBundle = "/api/v1/bundle";        // GET: signed content bundle (ETag)
inline constexpr const char* kPathQueue = "/api/v1/queue";          // GET: hall's queue; POST: the hall's queue system
inline constexpr const char* kPathHeartbeat = "/api/v1/heartbeat";  // POST: kiosk health
inline constexpr const char* kPathHealth = "/api/v1/health";        // GET: no auth, liveness

inline constexpr std::size_t kMaxBatchRecords = 1000;
inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;
// Deepest nesting any request body may have; a record itself is at most 4 deep.
inline constexpr int kMaxJsonDepth = 32;

// Parses JSON only after a linear scan has shown it nests no deeper than max_depth (so no
// tree, and no recursion over one, is ever built for a hostile body). Invalid UTF-8 is
// refused by the parser. nullopt + why otherwise.
std::optional<nlohmann::json> parse_bounded_json(std::string_view text, int max_depth, std::string& why);

// A pushed record after validation: what the hub stores and keys by uuid. canonical is
// the record re-encoded by the hub from the decoded fields (never the bytes received).
struct ValidRecord {
    std::string uuid, kind, hall_id, kiosk_id, created_at;
    std::string canonical;
};
// Checks a record of any known kind against its strict schema (known fields only, UUIDs,
// RFC 3339 times within [2020-01-01, now + 1 day], the kiosk's own length limits);
// nullopt + why when it is not acceptable.
std::optional<ValidRecord> validate_record(const nlohmann::json& j, std::string& why);

// The record kinds the hub accepts: one entry per kind. decode checks the record strictly
// (unknown fields are refused) and returns it re-encoded; add a kind by adding an entry.
struct RecordKind {
    const char* kind;
    std::optional<ValidRecord> (*decode)(const nlohmann::json& j, std::string& why);
};
const std::vector<RecordKind>& record_kinds();

// Strict field checks shared by the record kinds.
bool is_uuid(std::string_view s);
// RFC 3339 date-time ("2026-11-25T01:00:00Z", fractions and offsets allowed) between
// 2020-01-01 and one day after now.
bool is_sane_rfc3339(std::string_view s, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());
// The first field of object j not in allowed, or "" when there is none.
std::string unknown_field(const nlohmann::json& j, std::initializer_list<const char*> allowed);


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
