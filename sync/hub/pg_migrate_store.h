#pragma once
// `hall-hub migrate-store`: moves a county's hub (SQLite) into the province's database
// (PostgreSQL), or between any two HubStores. Repeatable: records are keyed by UUID,
// principals by name, bundles by (hall, ETag), so running it twice copies nothing twice.
#include <cstdint>
#include <functional>
#include <string>

#include "hub/hub_store.h"

namespace hall::hub {

struct StoreCopyReport {
    std::int64_t principals_copied = 0, principals_present = 0;
    std::int64_t bundles_copied = 0, bundles_present = 0;
    std::int64_t queues_copied = 0, queues_kept = 0;   // kept: the target's feed was as new or newer
    std::int64_t records_copied = 0, records_present = 0;
};

// Copies principals (token hashes, heartbeats), bundles (oldest first, so the newest stays
// the latest), queue feeds and every record in received order. progress gets a line now
// and then. Throws HubStoreError (or HubStoreUnavailable) and can simply be run again.
StoreCopyReport copy_hub_store(HubStore& from, HubStore& to, const std::function<void(const std::string&)>& progress = {});

}  // namespace hall::hub
