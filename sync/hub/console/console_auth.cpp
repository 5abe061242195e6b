#include "hub/console/console_auth.h"

#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "core/ids.h"
#include "protocol/signing.h"

namespace hall::hub::console {
namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string now_iso() { return iso_utc(std::chrono::system_clock::now()); }

bool valid_name(const std::string& n) {
    return !n.empty() && n.size() <= 64 && std::all_of(n.begin(), n.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

void write_audit(SqlConn& c, const User& who, const std::string& action, const std::string& target, const std::string& detail,
                 const std::string& peer) {
    c.exec("INSERT INTO console_audit(id, at, user_name, role, hall_id, action, target, detail, peer) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {new_uuid(), now_iso(), who.name, who.role, who.hall_id, action, target, detail, peer});
}

}  // namespace

const std::vector<RoleInfo>& roles() {
    static const std::vector<RoleInfo> r = {
        {"centre-admin", false,
         {Permission::ViewAllHalls, Permission::RevealPhone, Permission::ManageTokens, Permission::ViewAudit, Permission::ViewGuides}},
        {"centre-viewer", false, {Permission::ViewAllHalls, Permission::ViewGuides}},
        {"hall-manager", true, {}},
        // Guides (issue #18): an editor writes and submits; a reviewer also approves other
        // people's guides, rolls back and publishes (with the password typed again).
        {"guide-editor", false, {Permission::ViewAllHalls, Permission::ViewGuides, Permission::EditGuides}},
        {"guide-reviewer", false,
         {Permission::ViewAllHalls, Permission::ViewGuides, Permission::EditGuides, Permission::ApproveGuides, Permission::PublishGuides}},
    };
    return r;
}

const RoleInfo* find_role(const std::string& name) {
    for (const auto& r : roles())
        if (name == r.name) return &r;
    return nullptr;
}

bool User::can(Permission p) const {
    const auto* r = find_role(role);
    return r && std::find(r->permissions.begin(), r->permissions.end(), p) != r->permissions.end();
}

std::string Scope::hall_filter(const std::string& requested) const {
    if (user.can(Permission::ViewAllHalls)) return requested;
    // Hall-bound: only its own hall, whatever was asked for.
    if (!requested.empty() && requested != user.hall_id) throw Forbidden("this account may see hall " + user.hall_id + " only");
    if (user.hall_id.empty()) throw Forbidden("this account has no hall");
    return user.hall_id;
}

std::string hash_password(const std::string& password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("hashing the password failed (out of memory?)");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    if (hash.rfind("$argon2id$", 0) != 0 || hash.size() >= crypto_pwhash_STRBYTES) return false;
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void ConsoleAuth::add_user(const std::string& name, const std::string& role, const std::string& hall_id,
                           const std::string& password) {
    if (!valid_name(name)) throw BadRequest("user name: 1-64 letters, digits, '-', '_' or '.'");
    const auto* r = find_role(role);
    if (!r) throw BadRequest("role " + role + ": use centre-admin, centre-viewer, hall-manager, guide-editor or guide-reviewer");
    if (r->hall_bound && hall_id.empty()) throw BadRequest("role " + role + " needs --hall");
    if (!r->hall_bound && !hall_id.empty()) throw BadRequest("role " + role + " sees every hall: leave out --hall");
    if (password.size() < 10) throw BadRequest("password: at least 10 characters");
    const auto hash = hash_password(password);
    db_.transaction([&](SqlConn& c) {
        const auto now = now_iso();
        const auto n = c.exec(
            "INSERT INTO console_users(name, role, hall_id, password_hash, created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO NOTHING",
            {name, role, hall_id, hash, now, now});
        if (n != 1) throw BadRequest("user " + name + " already exists");
        write_audit(c, User{"(cli)", "", "", false}, "user_add", name, role + (hall_id.empty() ? "" : " " + hall_id), "");
    });
}

void ConsoleAuth::set_password(const std::string& name, const std::string& password) {
    if (password.size() < 10) throw BadRequest("password: at least 10 characters");
    const auto hash = hash_password(password);
    db_.transaction([&](SqlConn& c) {
        const auto n = c.exec(
            "UPDATE console_users SET password_hash = ?, failed_logins = 0, locked_until = '', updated_at = ? WHERE name = ?",
            {hash, now_iso(), name});
        if (n != 1) throw BadRequest("no user " + name);
        c.exec("DELETE FROM console_sessions WHERE user_name = ?", {name});
        write_audit(c, User{"(cli)", "", "", false}, "user_passwd", name, "", "");
    });
}

void ConsoleAuth::disable_user(const std::string& name) {
    db_.transaction([&](SqlConn& c) {
        const auto n = c.exec("UPDATE console_users SET disabled = 1, updated_at = ? WHERE name = ?", {now_iso(), name});
        if (n != 1) throw BadRequest("no user " + name);
        c.exec("DELETE FROM console_sessions WHERE user_name = ?", {name});
        write_audit(c, User{"(cli)", "", "", false}, "user_disable", name, "", "");
    });
}

std::vector<User> ConsoleAuth::users() {
    std::vector<User> out;
    db_.read([&](SqlConn& c) {
        c.query("SELECT name, role, hall_id, disabled FROM console_users ORDER BY name", {},
                [&](const SqlRow& r) { out.push_back(User{r.text(0), r.text(1), r.text(2), r.i64(3) != 0}); });
    });
    return out;
}

LoginResult ConsoleAuth::login(const std::string& name, const std::string& password, const std::string& peer) {
    // A placeholder hash keeps an unknown name as slow as a wrong password.
    static const std::string dummy = hash_password("not-a-password-of-anyone");
    std::string hash, locked_until;
    std::int64_t failures = 0;
    std::optional<User> user;
    db_.read([&](SqlConn& c) {
        c.query("SELECT name, role, hall_id, disabled, password_hash, failed_logins, locked_until FROM console_users WHERE name = ?",
                {name}, [&](const SqlRow& r) {
                    user = User{r.text(0), r.text(1), r.text(2), r.i64(3) != 0};
                    hash = r.text(4);
                    failures = r.i64(5);
                    locked_until = r.text(6);
                });
    });
    const auto now = std::chrono::system_clock::now();
    LoginResult out;
    if (user && !locked_until.empty()) {
        auto until = parse_iso_utc(locked_until);
        if (until && *until > now) {
            verify_password(dummy, password);
            db_.transaction([&](SqlConn& c) { write_audit(c, *user, "login_locked", name, "locked until " + locked_until, peer); });
            out.outcome = LoginResult::Outcome::Locked;
            out.locked_until = locked_until;
            return out;
        }
    }
    const bool ok = verify_password(user ? hash : dummy, password) && user && !user->disabled && find_role(user->role);
    if (!ok) {
        db_.transaction([&](SqlConn& c) {
            if (user) {
                const auto n = failures + 1;
                std::string until;
                if (n >= opts_.failures_to_lock && n % opts_.failures_to_lock == 0) {
                    // 15 min, then 30, 60, ... while the failures go on (capped at a day).
                    const auto times = std::min<std::int64_t>(n / opts_.failures_to_lock - 1, 6);
                    until = iso_utc(now + opts_.lock_for * (std::int64_t{1} << times));
                }
                c.exec("UPDATE console_users SET failed_logins = ?, locked_until = CASE WHEN ? = '' THEN locked_until ELSE ? END "
                       "WHERE name = ?",
                       {n, until, until, name});
                write_audit(c, *user, until.empty() ? "login_failed" : "login_failed_locked", name,
                            user->disabled ? "account disabled" : "wrong password", peer);
            } else {
                write_audit(c, User{name, "", "", false}, "login_failed", name, "unknown user", peer);
            }
        });
        return out;
    }
    const auto cookie = wire::random_token(32);
    Session s{wire::blake2b_hex(cookie), *user, wire::random_token(24)};
    db_.transaction([&](SqlConn& c) {
        c.exec("UPDATE console_users SET failed_logins = 0, locked_until = '' WHERE name = ?", {name});
        const auto at = iso_utc(now);
        c.exec("INSERT INTO console_sessions(token_hash, user_name, csrf, created_at, last_seen_at, peer) VALUES(?, ?, ?, ?, ?, ?)",
               {s.token_hash, name, s.csrf, at, at, peer});
        write_audit(c, *user, "login", name, "", peer);
    });
    out.outcome = LoginResult::Outcome::Ok;
    out.cookie_value = cookie;
    out.session = s;
    return out;
}

std::optional<Session> ConsoleAuth::session(const std::string& cookie_value, const std::string& peer) {
    if (cookie_value.empty() || cookie_value.size() > 128) return std::nullopt;
    const auto hash = wire::blake2b_hex(cookie_value);
    std::optional<Session> s;
    std::string last_seen;
    db_.read([&](SqlConn& c) {
        c.query("SELECT s.csrf, s.last_seen_at, u.name, u.role, u.hall_id, u.disabled FROM console_sessions s "
                "JOIN console_users u ON u.name = s.user_name WHERE s.token_hash = ?",
                {hash}, [&](const SqlRow& r) {
                    s = Session{hash, User{r.text(2), r.text(3), r.text(4), r.i64(5) != 0}, r.text(0)};
                    last_seen = r.text(1);
                });
    });
    if (!s) return std::nullopt;
    const auto now = std::chrono::system_clock::now();
    const auto seen = parse_iso_utc(last_seen);
    if (s->user.disabled || !find_role(s->user.role) || !seen || now - *seen > opts_.idle_limit) {
        db_.transaction([&](SqlConn& c) {
            c.exec("DELETE FROM console_sessions WHERE token_hash = ?", {hash});
            write_audit(c, s->user, "session_expired", s->user.name, "idle since " + last_seen, peer);
        });
        return std::nullopt;
    }
    // One write per session every few seconds at most (the limit is in minutes).
    const auto step = std::min<std::chrono::seconds>(std::chrono::seconds(10), opts_.idle_limit / 4);
    if (now - *seen >= step)
        db_.transaction([&](SqlConn& c) {
            c.exec("UPDATE console_sessions SET last_seen_at = ? WHERE token_hash = ?", {iso_utc(now), hash});
        });
    return s;
}

void ConsoleAuth::logout(const Session& s, const std::string& peer) {
    db_.transaction([&](SqlConn& c) {
        c.exec("DELETE FROM console_sessions WHERE token_hash = ?", {s.token_hash});
        write_audit(c, s.user, "logout", s.user.name, "", peer);
    });
}

bool ConsoleAuth::reauthenticate(const User& who, const std::string& password, const std::string& action, const std::string& peer) {
    std::string hash;
    bool disabled = true;
    db_.read([&](SqlConn& c) {
        c.query("SELECT password_hash, disabled FROM console_users WHERE name = ?", {who.name}, [&](const SqlRow& r) {
            hash = r.text(0);
            disabled = r.i64(1) != 0;
        });
    });
    const bool ok = !disabled && password.size() <= 256 && verify_password(hash, password);
    db_.transaction([&](SqlConn& c) {
        if (!ok) c.exec("UPDATE console_users SET failed_logins = failed_logins + 1 WHERE name = ?", {who.name});
        write_audit(c, who, ok ? "reauth" : "reauth_failed", who.name, action, peer);
    });
    return ok;
}

void ConsoleAuth::audit(const User& who, const std::string& action, const std::string& target, const std::string& detail,
                        const std::string& peer) {
    db_.transaction([&](SqlConn& c) { write_audit(c, who, action, target, detail, peer); });
}

std::vector<ConsoleAuth::AuditRow> ConsoleAuth::audit_log(int limit, const std::string& hall_filter) {
    std::vector<AuditRow> out;
    db_.read([&](SqlConn& c) {
        c.query(std::string("SELECT at, user_name, role, hall_id, action, target, detail, peer FROM console_audit") +
                    (hall_filter.empty() ? "" : " WHERE hall_id = ?") + " ORDER BY at DESC, id DESC LIMIT ?",
                hall_filter.empty() ? std::vector<SqlValue>{std::int64_t{limit}} : std::vector<SqlValue>{hall_filter, std::int64_t{limit}},
                [&](const SqlRow& r) {
                    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7)});
                });
    });
    return out;
}

void audit_phone_erasure(ConsoleAuth& auth, std::int64_t erased, int retention_days) {
    if (erased <= 0) return;
    auth.audit(User{"hall-hub", "system", "", false}, "phone_erase", "",
               std::to_string(erased) + " phone number(s) older than " + std::to_string(retention_days) + " days", "");
}

}  // namespace hall::hub::console
