#include "hub/console/guide_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "content/bundle.h"
#include "common/csv.h"
#include "core/ids.h"
#include "protocol/api.h"
#include "protocol/signing.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;

// Created here, not in the store backends: the same SQL on SQLite and PostgreSQL.
constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS guide_heads (
  code TEXT PRIMARY KEY,
  latest BIGINT NOT NULL,
  state TEXT NOT NULL,
  live_rev BIGINT NOT NULL DEFAULT 0,
  live_since TEXT NOT NULL DEFAULT '',
  changed_on TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS guide_revisions (
  code TEXT NOT NULL,
  rev BIGINT NOT NULL,
  doc TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at TEXT NOT NULL,
  submitted_by TEXT NOT NULL DEFAULT '',
  approved_by TEXT NOT NULL DEFAULT '',
  publication BIGINT NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (code, rev)
);
CREATE TABLE IF NOT EXISTS guide_publications (
  id BIGINT PRIMARY KEY,
  version TEXT NOT NULL,
  hall_id TEXT NOT NULL,
  published_at TEXT NOT NULL,
  publisher TEXT NOT NULL,
  guides BIGINT NOT NULL,
  changed BIGINT NOT NULL,
  bundle_bytes BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS guide_departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS guide_files (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  data TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
);
)SQL";

constexpr std::size_t kMaxDocBytes = 512 * 1024;
constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;  // base64 in a body under the 4 MB cap

void audit(SqlConn& c, const User& who, const std::string& action, const std::string& target, const std::string& detail,
           const std::string& peer) {
    c.exec("INSERT INTO console_audit(id, at, user_name, role, hall_id, action, target, detail, peer) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {new_uuid(), now_iso_utc(), who.name, who.role, who.hall_id, action, target, detail, peer});
}

bool valid_code(const std::string& c) {
    return !c.empty() && c.size() <= 64 && std::all_of(c.begin(), c.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.';
    });
}

struct Head {
    std::string code, state, live_since, changed_on;
    std::int64_t latest = 0, live_rev = 0;
};

std::optional<Head> head(SqlConn& c, const std::string& code) {
    std::optional<Head> h;
    c.query("SELECT code, latest, state, live_rev, live_since, changed_on FROM guide_heads WHERE code = ?", {code},
            [&](const SqlRow& r) { h = Head{r.text(0), r.text(2), r.text(4), r.text(5), r.i64(1), r.i64(3)}; });
    return h;
}

struct Rev {
    std::int64_t rev = 0;
    json doc;
    std::string author, created_at, submitted_by, approved_by, note;
    std::int64_t publication = 0;
};

std::optional<Rev> revision(SqlConn& c, const std::string& code, std::int64_t rev) {
    std::optional<Rev> out;
    c.query("SELECT rev, doc, author, created_at, submitted_by, approved_by, publication, note FROM guide_revisions WHERE code = ? AND rev = ?",
            {code, rev}, [&](const SqlRow& r) {
                out = Rev{r.i64(0), json::parse(r.text(1), nullptr, false), r.text(2), r.text(3), r.text(4), r.text(5), r.text(7), r.i64(6)};
            });
    return out;
}

void need(const User& who, Permission p, const char* what) {
    if (!who.can(p)) throw Forbidden(std::string("role ") + who.role + " may not " + what);
}

void need_latest(const Head& h, std::int64_t rev, const char* state) {
    if (h.latest != rev) throw Conflict("revision " + std::to_string(rev) + " is not the latest (" + std::to_string(h.latest) + ")");
    if (h.state != state) throw Conflict(std::string("the guide is ") + h.state + ", not " + state);
}

std::string first_blocking(const std::vector<Finding>& f) {
    for (const auto& x : f)
        if (x.severity == Severity::Error || !x.accepted) return x.en;
    return "";
}

// Leaves of a document as path -> printed value, for the field-by-field diff.
void flatten(const json& j, const std::string& path, std::map<std::string, std::string>& out) {
    if (j.is_object()) {
        for (auto& [k, v] : j.items()) flatten(v, path.empty() ? k : path + "." + k, out);
        if (j.empty() && !path.empty()) out[path] = "";
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], path + "[" + std::to_string(i) + "]", out);
        if (j.empty()) out[path] = "";
    } else if (j.is_string()) {
        out[path] = j.get<std::string>();
    } else if (!j.is_null()) {
        out[path] = j.dump();
    }
}

// The guide as the kiosk gets it: editor-only fields out, materials' forms and samples as
// the bundle's forms (QR codes), the last-updated date from its publication.
}  // namespace

json guide_for_kiosk(json doc, const std::string& updated) {
    json forms = doc.contains("forms") && doc["forms"].is_array() ? doc["forms"] : json::array();
    std::set<std::string> urls;
    for (const auto& f : forms)
        if (f.is_object() && f.contains("url") && f["url"].is_string()) urls.insert(f["url"].get<std::string>());
    if (doc.contains("materials") && doc["materials"].is_array())
        for (auto& m : doc["materials"]) {
            if (!m.is_object()) continue;
            for (auto [key, sample] : {std::pair{"blank_form", false}, std::pair{"sample", true}}) {
                if (m.contains(key) && m[key].is_string() && !m[key].get<std::string>().empty()) {
                    const auto url = m[key].get<std::string>();
                    if (urls.insert(url).second) forms.push_back({{"name", m.value("name", json::object())}, {"url", url}, {"sample", sample}});
                }
                m.erase(key);
            }
            m.erase("is_form");
        }
    doc["forms"] = forms;
    for (const char* k : {"visits", "visits_reason", "reviewed_on", "accepted"}) doc.erase(k);
    doc["updated"] = updated;
    return doc;
}

void GuideDirectory::add_hall(Hall h) {
    for (const auto& w : h.windows) {
        if (w.department.empty()) continue;
        if (std::none_of(departments.begin(), departments.end(), [&](const Department& d) { return d.id == w.department; }))
            departments.push_back({w.department, w.name});
    }
    halls.push_back(std::move(h));
}

json GuideDirectory::to_json() const {
    json hs = json::array(), ds = json::array();
    for (const auto& h : halls) {
        json ws = json::array();
        for (const auto& w : h.windows)
            ws.push_back({{"id", w.id}, {"number", w.number}, {"department", w.department}, {"name", w.name}});
        hs.push_back({{"id", h.id}, {"name", h.name}, {"windows", ws}});
    }
    for (const auto& d : departments) ds.push_back({{"id", d.id}, {"name", d.name}});
    return {{"halls", hs}, {"departments", ds}};
}

const std::vector<std::string>& guide_csv_columns() {
    static const std::vector<std::string> cols = [] {
        std::vector<std::string> c = {"code", "type", "department", "windows", "on_the_spot", "promised_days", "legal_days", "phone",
                                      "apply_methods", "aliases", "reviewed_on", "visits"};
        for (const char* f : {"name", "accepting_body", "deciding_body", "legal_basis", "conditions", "fees", "intermediary", "delivery",
                              "remedies", "location", "hours", "complaint", "progress_query", "visits_reason"})
            for (const char* l : {"", "_zh_hant", "_en"}) c.push_back(std::string(f) + l);
        c.push_back("steps");
        c.push_back("materials");
        return c;
    }();
    return cols;
}

GuideStore::GuideStore(SqlDb& db, GuideDirectory dir) : db_(db), dir_(std::move(dir)) {
    // Several hubs starting on one PostgreSQL database may race on CREATE TABLE IF NOT EXISTS
    // (a duplicate catalogue row): the loser finds the tables there on its second try.
    for (int attempt = 0;; ++attempt) {
        try {
            db_.transaction([](SqlConn& c) { c.script(kSchema); });
            return;
        } catch (const HubStoreUnavailable&) {
            throw;
        } catch (const std::exception&) {
            if (attempt >= 2) throw;
        }
    }
}

CheckContext GuideStore::context(const std::string& today) const {
    CheckContext ctx;
    ctx.today = today;
    for (const auto& h : dir_.halls)
        for (const auto& w : h.windows) ctx.windows.insert(w.id);
    for (const auto& d : dir_.departments) ctx.departments.insert(d.id);
    return ctx;
}

json GuideStore::list(const std::string& today) {
    json out = json::array();
    const auto ctx = context(today);
    db_.read([&](SqlConn& c) {
        c.query("SELECT h.code, h.latest, h.state, h.live_rev, h.live_since, h.changed_on, r.doc, r.author, r.created_at "
                "FROM guide_heads h JOIN guide_revisions r ON r.code = h.code AND r.rev = h.latest ORDER BY h.code",
                {}, [&](const SqlRow& r) {
                    auto doc = json::parse(r.text(6), nullptr, false);
                    const auto findings = check_guide(doc, ctx);
                    out.push_back({{"code", r.text(0)}, {"latest", r.i64(1)}, {"state", r.text(2)}, {"live_rev", r.i64(3)},
                                   {"live_since", r.text(4)}, {"updated", r.text(5)},
                                   {"name", doc.is_object() ? doc.value("name", json::object()) : json::object()},
                                   {"department", doc.is_object() ? doc.value("department", "") : ""}, {"author", r.text(7)},
                                   {"saved_at", r.text(8)}, {"blocking", blocking_count(findings)}});
                });
    });
    return out;
}

std::optional<json> GuideStore::get(const std::string& code, std::int64_t rev, const std::string& today) {
    std::optional<json> out;
    db_.read([&](SqlConn& c) {
        auto h = head(c, code);
        if (!h) return;
        auto r = revision(c, code, rev > 0 ? rev : h->latest);
        if (!r) return;
        json revs = json::array();
        c.query("SELECT rev, author, created_at, submitted_by, approved_by, publication, note FROM guide_revisions WHERE code = ? ORDER BY rev DESC",
                {code}, [&](const SqlRow& x) {
                    revs.push_back({{"rev", x.i64(0)}, {"author", x.text(1)}, {"saved_at", x.text(2)}, {"submitted_by", x.text(3)},
                                    {"approved_by", x.text(4)}, {"publication", x.i64(5)}, {"note", x.text(6)}});
                });
        out = json{{"code", code},         {"rev", r->rev},        {"latest", h->latest},        {"state", h->state},
                   {"live_rev", h->live_rev}, {"updated", h->changed_on}, {"author", r->author},  {"submitted_by", r->submitted_by},
                   {"approved_by", r->approved_by}, {"doc", r->doc}, {"checks", findings_json(check_guide(r->doc, context(today)))},
                   {"revisions", revs}};
    });
    return out;
}

std::int64_t GuideStore::save(const User& who, const std::string& code, const json& doc, std::int64_t base_rev, const std::string& peer) {
    need(who, Permission::EditGuides, "edit guides");
    if (!valid_code(code)) throw BadRequest("code: 1-64 letters, digits, '-', '_' or '.'");
    if (!doc.is_object()) throw BadRequest("the guide must be a JSON object");
    if (doc.value("code", code) != code) throw BadRequest("the guide's code does not match the address");
    json d = doc;
    d["code"] = code;
    d.erase("updated");  // set at publishing
    const auto text = d.dump();
    if (text.size() > kMaxDocBytes) throw BadRequest("the guide is larger than 512 KB");
    std::int64_t rev = 0;
    db_.transaction([&](SqlConn& c) {
        auto h = head(c, code);
        const std::int64_t latest = h ? h->latest : 0;
        if (latest != base_rev)
            throw Conflict("someone saved revision " + std::to_string(latest) + " of " + code + " since you opened revision " +
                           std::to_string(base_rev) + ": reload it");
        rev = latest + 1;
        c.exec("INSERT INTO guide_revisions(code, rev, doc, author, created_at) VALUES(?, ?, ?, ?, ?)", {code, rev, text, who.name, now_iso_utc()});
        if (h) c.exec("UPDATE guide_heads SET latest = ?, state = 'draft' WHERE code = ?", {rev, code});
        else c.exec("INSERT INTO guide_heads(code, latest, state) VALUES(?, ?, 'draft')", {code, rev});
        audit(c, who, "guide_save", code, "revision " + std::to_string(rev), peer);
    });
    return rev;
}

void GuideStore::submit(const User& who, const std::string& code, std::int64_t rev, const std::string& today, const std::string& peer) {
    need(who, Permission::EditGuides, "submit guides");
    db_.transaction([&](SqlConn& c) {
        auto h = head(c, code);
        if (!h) throw BadRequest("no guide " + code);
        need_latest(*h, rev, "draft");
        auto r = revision(c, code, rev);
        const auto findings = check_guide(r->doc, context(today));
        if (blocking_count(findings) > 0)
            throw BadRequest("publishing blocked: " + std::to_string(blocking_count(findings)) + " problem(s), first: " + first_blocking(findings));
        c.exec("UPDATE guide_revisions SET submitted_by = ? WHERE code = ? AND rev = ?", {who.name, code, rev});
        c.exec("UPDATE guide_heads SET state = 'submitted' WHERE code = ?", {code});
        audit(c, who, "guide_submit", code, "revision " + std::to_string(rev), peer);
    });
}

void GuideStore::approve(const User& who, const std::string& code, std::int64_t rev, const std::string& today, const std::string& peer) {
    need(who, Permission::ApproveGuides, "approve guides");
    db_.transaction([&](SqlConn& c) {
        auto h = head(c, code);
        if (!h) throw BadRequest("no guide " + code);
        need_latest(*h, rev, "submitted");
        auto r = revision(c, code, rev);
        if (r->author == who.name || r->submitted_by == who.name)
            throw Forbidden("four eyes: " + who.name + " wrote or submitted this revision; another reviewer must approve it");
        const auto findings = check_guide(r->doc, context(today));
        if (blocking_count(findings) > 0) throw BadRequest("publishing blocked: " + first_blocking(findings));
        c.exec("UPDATE guide_revisions SET approved_by = ? WHERE code = ? AND rev = ?", {who.name, code, rev});
        c.exec("UPDATE guide_heads SET state = 'approved' WHERE code = ?", {code});
        audit(c, who, "guide_approve", code, "revision " + std::to_string(rev), peer);
    });
}

void GuideStore::reject(const User& who, const std::string& code, std::int64_t rev, const std::string& note, const std::string& peer) {
    need(who, Permission::ApproveGuides, "send guides back");
    if (note.empty() || note.size() > 2000) throw BadRequest("say why (at most 2000 bytes)");
    db_.transaction([&](SqlConn& c) {
        auto h = head(c, code);
        if (!h) throw BadRequest("no guide " + code);
        if (h->latest != rev || (h->state != "submitted" && h->state != "approved")) throw Conflict("the guide is " + h->state);
        c.exec("UPDATE guide_revisions SET note = ?, approved_by = '' WHERE code = ? AND rev = ?", {note, code, rev});
        c.exec("UPDATE guide_heads SET state = 'draft' WHERE code = ?", {code});
        audit(c, who, "guide_reject", code, "revision " + std::to_string(rev) + ": " + note, peer);
    });
}

std::int64_t GuideStore::rollback(const User& who, const std::string& code, std::int64_t to_rev, const std::string& peer) {
    need(who, Permission::ApproveGuides, "roll guides back");
    std::int64_t rev = 0;
    db_.transaction([&](SqlConn& c) {
        auto h = head(c, code);
        if (!h) throw BadRequest("no guide " + code);
        auto old = revision(c, code, to_rev);
        if (!old) throw BadRequest("no revision " + std::to_string(to_rev));
        if (old->publication == 0) throw BadRequest("revision " + std::to_string(to_rev) + " was never published: only published text can be restored");
        rev = h->latest + 1;
        c.exec("INSERT INTO guide_revisions(code, rev, doc, author, created_at, submitted_by, approved_by, note) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
               {code, rev, old->doc.dump(), who.name, now_iso_utc(), who.name, who.name, "rollback to revision " + std::to_string(to_rev)});
        c.exec("UPDATE guide_heads SET latest = ?, state = 'approved' WHERE code = ?", {rev, code});
        audit(c, who, "guide_rollback", code, "revision " + std::to_string(rev) + " = revision " + std::to_string(to_rev), peer);
    });
    return rev;
}

json GuideStore::diff(const std::string& code, std::int64_t from_rev, std::int64_t to_rev) {
    std::optional<Rev> a, b;
    db_.read([&](SqlConn& c) {
        a = revision(c, code, from_rev);
        b = revision(c, code, to_rev);
    });
    if (!a || !b) throw BadRequest("no such revision");
    std::map<std::string, std::string> fa, fb;
    flatten(a->doc, "", fa);
    flatten(b->doc, "", fb);
    json out = json::array();
    std::set<std::string> keys;
    for (const auto& [k, v] : fa) keys.insert(k);
    for (const auto& [k, v] : fb) keys.insert(k);
    for (const auto& k : keys) {
        const auto ia = fa.find(k), ib = fb.find(k);
        const auto va = ia == fa.end() ? "" : ia->second, vb = ib == fb.end() ? "" : ib->second;
        if (va != vb || (ia == fa.end()) != (ib == fb.end()))
            out.push_back({{"field", k}, {"before", ia == fa.end() ? json(nullptr) : json(va)}, {"after", ib == fb.end() ? json(nullptr) : json(vb)}});
    }
    return out;
}

std::string GuideStore::build_bundle(const std::string& version, const std::string& now) {
    json guides = json::array();
    std::set<std::string> used;
    std::map<std::string, json> stored_depts;
    db_.read([&](SqlConn& c) {
        c.query("SELECT h.code, h.changed_on, r.doc FROM guide_heads h JOIN guide_revisions r ON r.code = h.code AND r.rev = h.live_rev "
                "WHERE h.live_rev > 0 ORDER BY h.code",
                {}, [&](const SqlRow& r) {
                    auto g = guide_for_kiosk(json::parse(r.text(2), nullptr, false), r.text(1));
                    used.insert(g.value("department", ""));
                    guides.push_back(std::move(g));
                });
        c.query("SELECT id, name FROM guide_departments", {},
                [&](const SqlRow& r) { stored_depts[r.text(0)] = json::parse(r.text(1), nullptr, false); });
    });
    json depts = json::array();
    std::set<std::string> have;
    for (const auto& d : dir_.departments)
        if (used.count(d.id) && have.insert(d.id).second) depts.push_back({{"id", d.id}, {"name", d.name}});
    for (const auto& [id, name] : stored_depts)
        if (used.count(id) && have.insert(id).second) depts.push_back({{"id", id}, {"name", name}});
    json b = {{"format", kBundleFormat}, {"schema", kBundleSchema}, {"version", version}, {"published_at", now},
              {"departments", depts}, {"guides", guides}};
    return b.dump();
}

PublishOutcome GuideStore::publish(HubStore& store, const User& who, const std::string& hall_id, const std::string& secret_key_b64,
                                   const std::string& now, const std::string& today, const std::string& peer) {
    need(who, Permission::PublishGuides, "publish guides");
    if (secret_key_b64.empty()) throw BadRequest("this hub has no signing key (hall-hub --signing-key FILE): publishing is off");
    if (hall_id != "*" && std::none_of(dir_.halls.begin(), dir_.halls.end(), [&](const auto& h) { return h.id == hall_id; }))
        throw BadRequest("unknown hall " + hall_id);
    PublishOutcome out;
    out.hall_id = hall_id;
    // Which approved revisions go live, checked once more.
    struct Change {
        std::string code;
        std::int64_t rev, live_rev;
        std::string changed_on;
        bool content_changed;
    };
    std::vector<Change> changes;
    std::int64_t next_id = 1;
    const auto ctx = context(today);
    db_.read([&](SqlConn& c) {
        c.query("SELECT COALESCE(MAX(id), 0) FROM guide_publications", {}, [&](const SqlRow& r) { next_id = r.i64(0) + 1; });
        std::vector<Head> heads;
        c.query("SELECT code, latest, state, live_rev, live_since, changed_on FROM guide_heads WHERE state = 'approved' ORDER BY code", {},
                [&](const SqlRow& r) { heads.push_back(Head{r.text(0), r.text(2), r.text(4), r.text(5), r.i64(1), r.i64(3)}); });
        for (const auto& h : heads) {
            auto r = revision(c, h.code, h.latest);
            const auto findings = check_guide(r->doc, ctx);
            if (blocking_count(findings) > 0) throw BadRequest("publishing blocked: " + h.code + ": " + first_blocking(findings));
            bool changed = true;
            if (h.live_rev > 0)
                if (auto live = revision(c, h.code, h.live_rev)) changed = live->doc != r->doc;
            changes.push_back({h.code, h.latest, h.live_rev, h.changed_on, changed});
        }
    });
    out.publication = next_id;
    // "2026.12.02-7": the hall's date and the publication's serial, always newer than the last.
    out.version = today.substr(0, 4) + "." + today.substr(5, 2) + "." + today.substr(8, 2) + "-" + std::to_string(next_id);
    std::string bundle;
    db_.transaction([&](SqlConn& c) {
        for (const auto& ch : changes) {
            c.exec("UPDATE guide_heads SET state = 'published', live_rev = ?, live_since = ?, changed_on = ? WHERE code = ? AND latest = ? AND state = 'approved'",
                   {ch.rev, now, ch.content_changed || ch.changed_on.empty() ? today : ch.changed_on, ch.code, ch.rev});
            c.exec("UPDATE guide_revisions SET publication = ? WHERE code = ? AND rev = ?", {next_id, ch.code, ch.rev});
        }
    });
    bundle = build_bundle(out.version, now);
    auto parsed = parse_bundle(bundle);
    const auto undo = [&] {
        db_.transaction([&](SqlConn& c) {
            for (const auto& ch : changes) {
                c.exec("UPDATE guide_heads SET state = 'approved', live_rev = ? WHERE code = ?", {ch.live_rev, ch.code});
                c.exec("UPDATE guide_revisions SET publication = 0 WHERE code = ? AND rev = ?", {ch.code, ch.rev});
            }
        });
    };
    if (!parsed.ok()) {
        undo();
        throw BadRequest("the bundle would be refused by kiosks: " + (parsed.errors.empty() ? std::string("no guides") : parsed.errors.front()));
    }
    std::string envelope;
    try {
        envelope = wire::sign_bundle(bundle, secret_key_b64);
        if (auto latest = store.latest_bundle(hall_id == "*" ? "" : hall_id);
            latest && latest->hall_id == hall_id && wire::compare_versions(out.version, latest->version) <= 0)
            throw BadRequest("version " + out.version + " is not newer than the published " + latest->version);
        out.etag = "\"" + wire::blake2b_hex(envelope).substr(0, 32) + "\"";
        store.put_bundle({0, hall_id, out.version, out.etag, envelope, now});
    } catch (...) {
        undo();
        throw;
    }
    out.guides = static_cast<std::int64_t>(parsed.bundle.guides.size());
    out.changed = static_cast<std::int64_t>(changes.size());
    out.bundle_bytes = static_cast<std::int64_t>(envelope.size());
    db_.transaction([&](SqlConn& c) {
        c.exec("INSERT INTO guide_publications(id, version, hall_id, published_at, publisher, guides, changed, bundle_bytes) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
               {next_id, out.version, hall_id, now, who.name, out.guides, out.changed, out.bundle_bytes});
        std::string codes;
        for (const auto& ch : changes) codes += (codes.empty() ? "" : ", ") + ch.code + " r" + std::to_string(ch.rev);
        audit(c, who, "guide_publish", hall_id, "version " + out.version + ", " + std::to_string(out.guides) + " guide(s); live now: " +
                                                    (codes.empty() ? "no change" : codes),
              peer);
    });
    return out;
}

json GuideStore::publications(int limit) {
    json out = json::array();
    db_.read([&](SqlConn& c) {
        c.query("SELECT id, version, hall_id, published_at, publisher, guides, changed, bundle_bytes FROM guide_publications ORDER BY id DESC LIMIT ?",
                {std::int64_t{limit}}, [&](const SqlRow& r) {
                    out.push_back({{"id", r.i64(0)}, {"version", r.text(1)}, {"hall_id", r.text(2)}, {"published_at", r.text(3)},
                                   {"publisher", r.text(4)}, {"guides", r.i64(5)}, {"changed", r.i64(6)}, {"bundle_bytes", r.i64(7)}});
                });
    });
    return out;
}

namespace {

std::vector<std::string> split(const std::string& s, const std::string& seps) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : s) {
        if (seps.find(ch) != std::string::npos) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += ch;
        }
    }
    out.push_back(cur);
    std::vector<std::string> kept;
    for (auto& x : out) {
        while (!x.empty() && (x.back() == ' ' || x.back() == '\r')) x.pop_back();
        while (!x.empty() && x.front() == ' ') x.erase(0, 1);
        if (!x.empty()) kept.push_back(x);
    }
    return kept;
}

const std::set<std::string> kTypes = {"administrative_license", "public_service", "administrative_confirmation", "administrative_payment",
                                      "other_power"};
const std::vector<std::string> kTextFields = {"name", "accepting_body", "deciding_body", "legal_basis", "conditions", "fees", "intermediary",
                                              "delivery", "remedies", "location", "hours", "complaint", "progress_query", "visits_reason"};

bool parse_int(const std::string& s, int lo, int hi, int& out) {
    if (s.empty()) {
        out = 0;
        return true;
    }
    try {
        std::size_t n = 0;
        const int v = std::stoi(s, &n);
        if (n != s.size() || v < lo || v > hi) return false;
        out = v;
        return true;
    } catch (...) {
        return false;
    }
}

}  // namespace

ImportReport GuideStore::import_csv(const User& who, const std::string& csv_text, const std::string& peer) {
    need(who, Permission::EditGuides, "import guides");
    ImportReport rep;
    const auto rows = parse_csv(csv_text);
    if (rows.empty()) {
        rep.problems.push_back({1, "", "the file is empty"});
        return rep;
    }
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < rows[0].size(); ++i) col[rows[0][i]] = i;
    for (const char* required : {"code", "type", "department", "name"})
        if (!col.count(required)) {
            rep.problems.push_back({1, "", std::string("the header has no column \"") + required + "\" (docs/guides-console.md lists the layout)"});
            return rep;
        }
    const auto ctx = context("");
    std::set<std::string> seen;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::int64_t line = static_cast<std::int64_t>(i) + 1;
        if (std::all_of(row.begin(), row.end(), [](const std::string& s) { return s.empty(); })) continue;
        ++rep.rows;
        const auto cell = [&](const std::string& name) -> std::string {
            auto it = col.find(name);
            return it == col.end() || it->second >= row.size() ? "" : row[it->second];
        };
        const auto code = cell("code");
        const auto fail = [&](const std::string& why) { rep.problems.push_back({line, code, why}); };
        if (row.size() != rows[0].size()) { fail("has " + std::to_string(row.size()) + " columns, the header " + std::to_string(rows[0].size())); continue; }
        if (!valid_code(code)) { fail("code: 1-64 letters, digits, '-', '_' or '.'"); continue; }
        if (!seen.insert(code).second) { fail("code " + code + " appears twice in the file"); continue; }
        if (!kTypes.count(cell("type"))) { fail("type \"" + cell("type") + "\": use administrative_license, public_service, administrative_confirmation, administrative_payment or other_power"); continue; }
        if (!ctx.departments.empty() && !ctx.departments.count(cell("department"))) { fail("department \"" + cell("department") + "\" is in no hall's configuration"); continue; }
        if (cell("name").empty()) { fail("name is empty"); continue; }
        json g = {{"code", code}, {"type", cell("type")}, {"department", cell("department")}};
        int promised = 0, legal = 0, visits = 0;
        if (!parse_int(cell("promised_days"), 0, 3650, promised) || !parse_int(cell("legal_days"), 0, 3650, legal)) { fail("promised_days / legal_days: whole numbers 0..3650"); continue; }
        if (!parse_int(cell("visits"), 0, 99, visits)) { fail("visits: a whole number 0..99"); continue; }
        g["promised_days"] = promised;
        g["legal_days"] = legal;
        if (visits) g["visits"] = visits;
        const auto spot = cell("on_the_spot");
        g["on_the_spot"] = spot == "1" || spot == "true" || spot == "是" || spot == "即办件" || spot == "即辦件";
        g["windows"] = split(cell("windows"), ";");
        bool bad_window = false;
        for (const auto& w : g["windows"])
            if (!ctx.windows.empty() && !ctx.windows.count(w.get<std::string>())) {
                fail("window \"" + w.get<std::string>() + "\" is in no hall's configuration");
                bad_window = true;
                break;
            }
        if (bad_window) continue;
        g["phone"] = cell("phone");
        g["apply_methods"] = split(cell("apply_methods").empty() ? "on_site" : cell("apply_methods"), ";");
        if (!cell("aliases").empty()) g["aliases"] = {{"zh-Hans", split(cell("aliases"), ";")}};
        if (!cell("reviewed_on").empty()) g["reviewed_on"] = cell("reviewed_on");
        for (const auto& f : kTextFields) {
            json t = json::object();
            if (!cell(f).empty()) t["zh-Hans"] = cell(f);
            if (!cell(f + "_zh_hant").empty()) t["zh-Hant"] = cell(f + "_zh_hant");
            if (!cell(f + "_en").empty()) t["en"] = cell(f + "_en");
            if (!t.empty()) g[f] = t;
        }
        g["steps"] = json::array();
        for (const auto& s : split(cell("steps"), "\n")) g["steps"].push_back({{"zh-Hans", s}});
        // materials: one per line, "name | form | count | source | required | notes".
        g["materials"] = json::array();
        std::string bad;
        int mi = 0;
        for (const auto& line_text : split(cell("materials"), "\n")) {
            ++mi;
            std::vector<std::string> p;
            std::string cur;
            for (char ch : line_text) {
                if (ch == '|') { p.push_back(cur); cur.clear(); } else cur += ch;
            }
            p.push_back(cur);
            for (auto& x : p) {
                while (!x.empty() && x.back() == ' ') x.pop_back();
                while (!x.empty() && x.front() == ' ') x.erase(0, 1);
            }
            if (p.size() < 5 || p.size() > 6) { bad = "material " + std::to_string(mi) + ": write \"name | form | count | source | required | notes\""; break; }
            if (p[1] != "original" && p[1] != "copy" && p[1] != "original_and_copy" && p[1] != "electronic") { bad = "material " + std::to_string(mi) + ": form must be original, copy, original_and_copy or electronic"; break; }
            int count = 0;
            if (!parse_int(p[2], 1, 99, count) || count < 1) { bad = "material " + std::to_string(mi) + ": count 1..99"; break; }
            json m = {{"name", {{"zh-Hans", p[0]}}}, {"form", p[1]}, {"count", count}, {"source", {{"zh-Hans", p[3]}}},
                      {"required", !(p[4] == "0" || p[4] == "false" || p[4] == "否" || p[4] == "选交" || p[4] == "選交")}};
            if (p.size() == 6 && !p[5].empty()) m["notes"] = {{"zh-Hans", p[5]}};
            g["materials"].push_back(m);
        }
        if (!bad.empty()) { fail(bad); continue; }
        try {
            std::int64_t base = 0;
            db_.read([&](SqlConn& c) {
                if (auto h = head(c, code)) base = h->latest;
            });
            save(who, code, g, base, peer);
            ++rep.imported;
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }
    db_.transaction([&](SqlConn& c) {
        audit(c, who, "guide_import", "csv", std::to_string(rep.imported) + " of " + std::to_string(rep.rows) + " row(s) imported, " +
                                                  std::to_string(rep.problems.size()) + " refused", peer);
    });
    return rep;
}

std::string GuideStore::export_csv() {
    std::string out(kUtf8Bom);
    out += csv_line(guide_csv_columns());
    db_.read([&](SqlConn& c) {
        c.query("SELECT r.doc FROM guide_heads h JOIN guide_revisions r ON r.code = h.code AND r.rev = h.latest ORDER BY h.code", {},
                [&](const SqlRow& r) {
                    auto g = json::parse(r.text(0), nullptr, false);
                    if (!g.is_object()) return;
                    const auto s = [&](const char* k) { return g.contains(k) && g[k].is_string() ? g[k].get<std::string>() : std::string(); };
                    const auto n = [&](const char* k) { return g.contains(k) && g[k].is_number_integer() ? std::to_string(g[k].get<int>()) : std::string(); };
                    const auto joined = [&](const json& a, const char* sep) {
                        std::string o;
                        if (a.is_array())
                            for (const auto& x : a)
                                if (x.is_string()) o += (o.empty() ? "" : sep) + x.get<std::string>();
                        return o;
                    };
                    const auto txt = [](const json& t, const char* l) {
                        return t.is_object() && t.contains(l) && t[l].is_string() ? t[l].get<std::string>() : std::string();
                    };
                    std::vector<std::string> row = {s("code"), s("type"), s("department"), joined(g.value("windows", json::array()), ";"),
                                                    g.value("on_the_spot", false) ? "1" : "0", n("promised_days"), n("legal_days"), s("phone"),
                                                    joined(g.value("apply_methods", json::array()), ";"),
                                                    joined(g.contains("aliases") && g["aliases"].is_object() ? g["aliases"].value("zh-Hans", json::array()) : json::array(), ";"),
                                                    s("reviewed_on"), n("visits")};
                    for (const auto& f : kTextFields) {
                        const json t = g.value(f, json::object());
                        for (const char* l : {"zh-Hans", "zh-Hant", "en"}) row.push_back(txt(t, l));
                    }
                    std::string steps, mats;
                    for (const auto& st : g.value("steps", json::array())) steps += (steps.empty() ? "" : "\n") + txt(st, "zh-Hans");
                    for (const auto& m : g.value("materials", json::array())) {
                        if (!m.is_object()) continue;
                        mats += (mats.empty() ? "" : "\n") + txt(m.value("name", json::object()), "zh-Hans") + " | " + m.value("form", "original") +
                                " | " + std::to_string(m.value("count", 1)) + " | " + txt(m.value("source", json::object()), "zh-Hans") + " | " +
                                (m.value("required", true) ? "1" : "0") + " | " + txt(m.value("notes", json::object()), "zh-Hans");
                    }
                    row.push_back(steps);
                    row.push_back(mats);
                    out += csv_line(row);
                });
    });
    return out;
}

ImportReport GuideStore::import_bundle(const User& who, const std::string& bundle_json, const std::string& peer) {
    need(who, Permission::EditGuides, "import guides");
    ImportReport rep;
    auto b = json::parse(bundle_json, nullptr, false);
    if (!b.is_object() || !b.contains("guides") || !b["guides"].is_array()) {
        rep.problems.push_back({0, "", "not a content bundle (docs/content-bundle.md)"});
        return rep;
    }
    if (b.contains("departments") && b["departments"].is_array())
        db_.transaction([&](SqlConn& c) {
            for (const auto& d : b["departments"])
                if (d.is_object() && d.contains("id") && d["id"].is_string())
                    c.exec("INSERT INTO guide_departments(id, name) VALUES(?, ?) ON CONFLICT (id) DO NOTHING",
                           {d["id"].get<std::string>(), d.value("name", json::object()).dump()});
        });
    std::int64_t i = 0;
    for (auto g : b["guides"]) {
        ++i;
        ++rep.rows;
        const auto code = g.is_object() && g.contains("code") && g["code"].is_string() ? g["code"].get<std::string>() : "";
        try {
            std::int64_t base = 0;
            db_.read([&](SqlConn& c) {
                if (auto h = head(c, code)) base = h->latest;
            });
            save(who, code, g, base, peer);
            ++rep.imported;
        } catch (const std::exception& e) {
            rep.problems.push_back({i, code, e.what()});
        }
    }
    return rep;
}

std::string GuideStore::put_file(const User& who, const std::string& name, const std::string& mime, const std::string& bytes,
                                 const std::string& peer) {
    need(who, Permission::EditGuides, "upload files");
    if (bytes.empty() || bytes.size() > kMaxFileBytes) throw BadRequest("a file of 1 byte to 2 MB");
    static const std::set<std::string> mimes = {"application/pdf", "image/png", "image/jpeg",
                                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                                "application/msword"};
    if (!mimes.count(mime)) throw BadRequest("PDF, Word, PNG or JPEG files only");
    std::string safe;
    for (char ch : name)
        safe += ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_') ? ch : '_';
    if (safe.empty() || safe.size() > 80 || safe[0] == '.') safe = "file";
    const auto id = wire::blake2b_hex(bytes).substr(0, 24);
    const auto b64 = wire::base64_encode(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    db_.transaction([&](SqlConn& c) {
        c.exec("INSERT INTO guide_files(id, name, mime, data, uploaded_by, uploaded_at) VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
               {id, safe, mime, b64, who.name, now_iso_utc()});
        audit(c, who, "guide_file", id, safe + " (" + std::to_string(bytes.size()) + " bytes)", peer);
    });
    return "/guide-files/" + id + "/" + safe;
}

std::optional<GuideStore::File> GuideStore::file(const std::string& id) {
    std::optional<File> out;
    if (id.size() != 24) return out;
    db_.read([&](SqlConn& c) {
        c.query("SELECT name, mime, data FROM guide_files WHERE id = ?", {id}, [&](const SqlRow& r) {
            if (auto bytes = wire::base64_decode(r.text(2))) out = File{r.text(0), r.text(1), *bytes};
        });
    });
    return out;
}

}  // namespace hall::hub::console
