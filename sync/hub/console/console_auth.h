#pragma once
// Console accounts, roles, sessions and the console's audit log.
//
// Roles are a table of permissions (not checks of role names scattered over handlers), so a
// later role (guide-editor, guide-reviewer) is one more row. A hall-bound role sees one
// hall; Scope::hall_filter() is the one place a requested hall is checked against it.
//
// Passwords: Argon2id (libsodium crypto_pwhash_str, as the kiosk's manager PIN). Five
// wrong passwords lock the account for 15 minutes (doubling while it keeps failing);
// disabled accounts and unknown names get the same answer as a wrong password.
// Sessions: a random cookie value whose BLAKE2b hash is stored with a CSRF token; idle
// sessions end after ConsoleAuth's idle limit.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "hub/sql_db.h"

namespace hall::hub::console {

enum class Permission {
    ViewAllHalls,     // every hall (else only the account's own)
    RevealPhone,      // show a citizen's full phone number (audited)
    ManageTokens,     // revoke / rotate kiosk tokens
    ViewAudit,        // the console's own audit log
    ViewGuides,       // the guide list, revisions, checks, previews (issue #18)
    EditGuides,       // write, import and submit guides
    ApproveGuides,    // approve another person's submitted guide, send back, roll back
    PublishGuides,    // sign and publish the live guide set (the password typed again)
};

struct RoleInfo {
    const char* name;
    bool hall_bound;  // needs --hall, sees only it
    std::vector<Permission> permissions;
};
const std::vector<RoleInfo>& roles();
const RoleInfo* find_role(const std::string& name);

struct User {
    std::string name, role, hall_id;
    bool disabled = false;
    bool can(Permission p) const;
};

// 403: the account may not see or do this.
class Forbidden : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
// 400: the request itself is wrong.
class BadRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a logged-in account may see. Every query takes the hall it returns.
struct Scope {
    User user;
    // The hall a query is limited to: the account's own for a hall-bound role (asking for
    // another throws Forbidden), else the requested one ("" = every hall).
    std::string hall_filter(const std::string& requested) const;
};

std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

struct Session {
    std::string token_hash;
    User user;
    std::string csrf;
};

struct LoginResult {
    enum class Outcome { Ok, Wrong, Locked } outcome = Outcome::Wrong;
    std::string cookie_value;  // Ok: the session cookie's value (shown once)
    Session session;
    std::string locked_until;  // Locked: until when (UTC ISO)
};

struct AuthOptions {
    std::chrono::seconds idle_limit{15 * 60};
    int failures_to_lock = 5;
    std::chrono::seconds lock_for{15 * 60};
};

class ConsoleAuth {
public:
    ConsoleAuth(SqlDb& db, AuthOptions opts = {}) : db_(db), opts_(opts) {}

    // Accounts (hall-hub user ...). Throw BadRequest with a clear message.
    void add_user(const std::string& name, const std::string& role, const std::string& hall_id, const std::string& password);
    void set_password(const std::string& name, const std::string& password);  // also unlocks
    void disable_user(const std::string& name);                                // and ends its sessions
    std::vector<User> users();

    LoginResult login(const std::string& name, const std::string& password, const std::string& peer);
    // The session behind a cookie value, when it exists, is not idle too long and its account
    // is enabled; touches it. nullopt otherwise (an idle one is deleted and audited).
    std::optional<Session> session(const std::string& cookie_value, const std::string& peer);
    void logout(const Session& s, const std::string& peer);
    // The account's password typed again for one sensitive action (publishing guides): a
    // stolen session cookie is not enough. Wrong: audited and counted toward the lockout.
    bool reauthenticate(const User& who, const std::string& password, const std::string& action, const std::string& peer);

    // Appends to the console's audit log.
    void audit(const User& who, const std::string& action, const std::string& target, const std::string& detail,
               const std::string& peer);
    struct AuditRow {
        std::string at, user, role, hall_id, action, target, detail, peer;
    };
    std::vector<AuditRow> audit_log(int limit, const std::string& hall_filter = "");

    const AuthOptions& options() const { return opts_; }

private:
    SqlDb& db_;
    AuthOptions opts_;
};

// The hub's own phone-number erasures (hub/hub_retention.h) in the audit log, by the hub
// itself; the kiosks' erasures arrive as their synced audit records.
void audit_phone_erasure(ConsoleAuth& auth, std::int64_t erased, int retention_days);

}  // namespace hall::hub::console
