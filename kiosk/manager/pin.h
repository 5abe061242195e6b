#pragma once
// The manager PIN: kept only as an Argon2id hash (libsodium crypt string) in the config, and
// a lockout that survives a restart: after 5 wrong PINs the pad locks, each further wrong
// PIN locks it for twice as long.
#include <cstdint>
#include <optional>
#include <string>

#include "sqlite/database.h"

namespace hall {

class ManagerStore;

// 4 to 12 digits: what the on-screen PIN pad can type.
bool is_valid_pin_format(const std::string& pin);
// Argon2id at libsodium's interactive limits (2 passes, 64 MiB): verifies in about 0.1-0.3 s on
// a kiosk PC, which makes guessing a 6-digit PIN from a stolen config slow without making
// the pad feel slow. Throws std::runtime_error when libsodium cannot allocate.
std::string hash_pin(const std::string& pin);
bool verify_pin(const std::string& hash, const std::string& pin);
// True when the string is a libsodium Argon2id crypt string ("$argon2id$v=19$...").
bool looks_like_pin_hash(const std::string& hash);

inline constexpr int kPinFailuresBeforeLock = 5;
inline constexpr std::int64_t kFirstLockMs = 30'000;
inline constexpr std::int64_t kMaxLockMs = 3'600'000;
// How long the pad locks after the n-th consecutive wrong PIN (0 below 5).
std::int64_t lock_duration_ms(int failures);

class PinGuard {
public:
    enum class Outcome { Ok, Wrong, Locked, Disabled };
    struct Attempt {
        Outcome outcome = Outcome::Wrong;
        int failures = 0;              // consecutive wrong PINs so far
        std::int64_t locked_ms = 0;    // how long the pad stays locked from now
    };

    // State lives in the meta table (schema 1). audit, when given, records logins, wrong
    // PINs and lockouts; it must use the same Db.
    PinGuard(Db& db, std::string pin_hash, ManagerStore* audit = nullptr);

    // now_ms: wall-clock milliseconds (the lock must outlast a restart, so not a steady clock).
    Attempt try_pin(const std::string& pin, std::int64_t now_ms);
    std::int64_t locked_for_ms(std::int64_t now_ms);
    int failures();
    bool enabled() const { return !hash_.empty(); }

private:
    Db& db_;
    std::string hash_;
    ManagerStore* audit_;
};

// Forget failures and any lock (e.g. after `hall-kiosk set-pin`).
void reset_pin_lockout(Db& db);

// `hall-kiosk set-pin`: hashes the PIN and writes [manager] pin_hash into the config file,
// keeping every other line and comment; the file is replaced atomically and read back.
// Returns an error message, or nullopt on success.
std::optional<std::string> set_pin_in_config(const std::string& config_path, const std::string& pin);
// The text edit alone (for tests): config text with pin_hash set in [manager].
std::string with_pin_hash(const std::string& config_text, const std::string& hash);

}  // namespace hall
