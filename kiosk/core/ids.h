#pragma once
// Identifiers and timestamps for records that leave the kiosk.
#include <cstddef>
#include <string>

#include "common/time.h"  // iso_utc, now_iso_utc, parse_iso_utc: record timestamps

namespace hall {

// The longest id (hall, kiosk, window, guide code) the hub accepts in a record, in bytes.
// check-config and the bundle checker enforce it, so configuration cannot produce records
// the hub must reject.
inline constexpr std::size_t kMaxIdBytes = 64;

// Random (version 4) UUID, the idempotency key of a record on its way to the hub.
std::string new_uuid();
// A short receipt a citizen can read out on the phone: 8 characters of Crockford base32
// (no I, L, O, U), grouped "K7QM-9D2P". Derived from the UUID so it needs no counter.
std::string receipt_from_uuid(const std::string& uuid);

}  // namespace hall
