#pragma once
// Phone-number retention on the hub (privacy.phone_retention_days, docs/privacy.md): the hub
// keeps each record's payload as received, so an expired number is erased from the stored
// payload (the record stays, marked "phone_erased_at"). The clock starts when the kiosk's
// manager closed the case (the "state" audit record moving it to closed or unfounded) or,
// for a record that opened no case (rating 3 to 5), when it was given. A 差評 whose case is
// still open keeps its number: the call-back is not done.
#include <chrono>
#include <cstdint>
#include <string>

#include "hub/hub_store.h"

namespace hall::hub {

inline constexpr int kDefaultPhoneRetentionDays = 180;

// The payload with its phone number erased and marked when; unchanged when it has none.
std::string payload_without_phone(const std::string& payload, const std::string& at);
// "13812345678" -> "138****5678": what exports carry instead of a number.
std::string masked_phone(const std::string& phone);

struct RetentionReport {
    std::int64_t erased = 0;     // payloads whose number was erased now
    std::int64_t kept_open = 0;  // numbers kept because their case is still open
};
RetentionReport run_phone_retention(HubStore& store, int days, std::chrono::system_clock::time_point now);

}  // namespace hall::hub
