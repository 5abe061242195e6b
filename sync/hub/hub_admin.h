#pragma once
// hall-hub's administrative commands, callable in-process (tests) and from the CLI.
#include <chrono>
#include <optional>
#include <ostream>
#include <string>

#include "hub/hub_store.h"

namespace hall::hub {

// Issues a token for a new kiosk (role "kiosk") or a hall's queue system (role "queue").
// Returns the token, shown once; only its hash is stored. Throws HubStoreError.
// expires_days > 0: the token stops working after that many days.
std::string add_kiosk(HubStore& store, const std::string& name, const std::string& hall_id, const std::string& role = "kiosk",
                      int expires_days = 0);
// Revokes a kiosk's token (and any rotated one) at once: 401 from then on. false: no such kiosk.
bool revoke_kiosk(HubStore& store, const std::string& name);
// Issues a new token. The previous one keeps working for `grace`; while it is used, replies
// carry the new token (header X-Hall-New-Token) and the kiosk's sync client stores it; the
// first request with the new token ends the grace period. nullopt: no such active kiosk.
std::optional<std::string> rotate_kiosk(HubStore& store, const std::string& name, std::chrono::seconds grace, int expires_days = 0);

struct PublishResult {
    bool ok = false;
    std::string version, etag;
    std::string error;
};
// Checks the bundle (the kiosk's own parser: format, schema, every guide field), signs it
// with the Ed25519 secret key and stores it for hall_id ("*" = every hall).
PublishResult publish_bundle(HubStore& store, const std::string& bundle_json, const std::string& secret_key_b64,
                             const std::string& hall_id = "*");

// One line per kiosk; silent ones (no request for longer than silent_after) are flagged
// "SILENT". Returns how many are silent.
int list_kiosks(HubStore& store, std::ostream& out, std::chrono::seconds silent_after,
                std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// Writes every record: "jsonl" (one stored wire record per line) or "csv" (one row per
// record, main columns; the phone number is left out). kind "" = all. Returns rows written.
std::int64_t export_records(HubStore& store, const std::string& format, const std::string& kind, std::ostream& out);

// The top missed searches per hall (kind "search_miss"): one line per query, "hall  count
// days last-day  query", most missed first. hall_id "" = every hall. Returns lines written.
int list_search_misses(HubStore& store, std::ostream& out, const std::string& hall_id, int top);

}  // namespace hall::hub
