#include "manager/pin.h"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "config/config.h"
#include "manager/export.h"
#include "store/manager_store.h"

namespace hall {
namespace {

constexpr const char* kFailuresKey = "manager.pin_failures";
constexpr const char* kLockedUntilKey = "manager.pin_locked_until_ms";

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::int64_t meta_int(Db& db, const char* key) {
    const auto v = db.meta(key);
    if (!v) return 0;
    try {
        return std::stoll(*v);
    } catch (...) {
        return 0;
    }
}

}  // namespace

bool is_valid_pin_format(const std::string& pin) {
    return pin.size() >= 4 && pin.size() <= 12 && std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string hash_pin(const std::string& pin) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("hashing the PIN failed (out of memory?)");
    return out;
}

bool looks_like_pin_hash(const std::string& hash) {
    return hash.rfind("$argon2id$", 0) == 0 && hash.size() < crypto_pwhash_STRBYTES;
}

bool verify_pin(const std::string& hash, const std::string& pin) {
    if (!looks_like_pin_hash(hash)) return false;
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

std::int64_t lock_duration_ms(int failures) {
    if (failures < kPinFailuresBeforeLock) return 0;
    std::int64_t ms = kFirstLockMs;
    for (int i = kPinFailuresBeforeLock; i < failures && ms < kMaxLockMs; ++i) ms *= 2;
    return std::min(ms, kMaxLockMs);
}

PinGuard::PinGuard(Db& db, std::string pin_hash, ManagerStore* audit) : db_(db), hash_(std::move(pin_hash)), audit_(audit) {}

int PinGuard::failures() { return static_cast<int>(meta_int(db_, kFailuresKey)); }

std::int64_t PinGuard::locked_for_ms(std::int64_t now_ms) {
    const std::int64_t left = meta_int(db_, kLockedUntilKey) - now_ms;
    // Never longer than the longest lock, even if the clock was set back meanwhile.
    return std::clamp<std::int64_t>(left, 0, kMaxLockMs);
}

PinGuard::Attempt PinGuard::try_pin(const std::string& pin, std::int64_t now_ms) {
    Attempt a;
    a.failures = failures();
    if (!enabled()) {
        a.outcome = Outcome::Disabled;
        return a;
    }
    if ((a.locked_ms = locked_for_ms(now_ms)) > 0) {
        a.outcome = Outcome::Locked;  // not even checked: a locked pad gives no oracle
        return a;
    }
    if (verify_pin(hash_, pin)) {
        Tx tx(db_);
        db_.set_meta(kFailuresKey, "0");
        db_.set_meta(kLockedUntilKey, "0");
        tx.commit();
        if (audit_) audit_->log("login", "", "{}", "{}");
        a.outcome = Outcome::Ok;
        a.failures = 0;
        return a;
    }
    a.outcome = Outcome::Wrong;
    a.failures += 1;
    a.locked_ms = lock_duration_ms(a.failures);
    {
        Tx tx(db_);
        db_.set_meta(kFailuresKey, std::to_string(a.failures));
        db_.set_meta(kLockedUntilKey, std::to_string(a.locked_ms > 0 ? now_ms + a.locked_ms : 0));
        tx.commit();
    }
    if (audit_) {
        const std::string after = "{\"failures\":" + std::to_string(a.failures) + ",\"locked_ms\":" + std::to_string(a.locked_ms) + "}";
        audit_->log(a.locked_ms > 0 ? "pin_locked" : "login_failed", "", "{}", after);
    }
    return a;
}

void reset_pin_lockout(Db& db) {
    Tx tx(db);
    db.set_meta(kFailuresKey, "0");
    db.set_meta(kLockedUntilKey, "0");
    tx.commit();
}

std::string with_pin_hash(const std::string& text, const std::string& hash) {
    std::istringstream in(text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    const std::string entry = "pin_hash = \"" + hash + "\"   # set by `hall-kiosk set-pin`";
    const auto trimmed = [](const std::string& s) {
        const auto b = s.find_first_not_of(" \t");
        return b == std::string::npos ? std::string() : s.substr(b);
    };
    // Find [manager]; inside it replace pin_hash, or add it right under the header.
    int section = -1;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (trimmed(lines[i]).rfind("[manager]", 0) == 0) section = static_cast<int>(i);
    if (section < 0) {
        lines.push_back("");
        lines.push_back("[manager]");
        lines.push_back(entry);
    } else {
        bool done = false;
        for (std::size_t i = static_cast<std::size_t>(section) + 1; i < lines.size(); ++i) {
            const auto t = trimmed(lines[i]);
            if (!t.empty() && t[0] == '[') break;  // next section
            if (t.rfind("pin_hash", 0) == 0 && t.find('=') != std::string::npos) {
                lines[i] = entry;
                done = true;
                break;
            }
        }
        if (!done) lines.insert(lines.begin() + section + 1, entry);
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

std::optional<std::string> set_pin_in_config(const std::string& config_path, const std::string& pin) {
    if (!is_valid_pin_format(pin)) return "the PIN must be 4 to 12 digits";
    std::ifstream in(config_path, std::ios::binary);
    if (!in) return config_path + ": cannot be read";
    std::stringstream ss;
    ss << in.rdbuf();
    const auto before = load_config_string(ss.str(), config_path);
    if (!before.ok()) return config_path + ": fix the config first: " + before.errors.front();
    std::string hash;
    try {
        hash = hash_pin(pin);
    } catch (const std::exception& e) {
        return e.what();
    }
    const std::string text = with_pin_hash(ss.str(), hash);
    const auto after = load_config_string(text, config_path);
    if (!after.ok() || after.config.manager.pin_hash != hash) return config_path + ": could not place pin_hash in [manager]";
    const std::filesystem::path p(config_path);
    const auto written = write_file_atomic(p.has_parent_path() ? p.parent_path().string() : ".", p.filename().string(), text);
    if (!written.ok) return written.error;
    return std::nullopt;
}

}  // namespace hall
