#include "store/guide_store.h"

#include <cstdio>

#include "core/ids.h"
#include "core/text.h"

namespace hall {
namespace {

void add(std::string& out, const LocalizedText& t) {
    for (Lang l : kAllLangs)
        if (!t[l].empty()) { out += t[l]; out += '\n'; }
}

std::string search_body(const Guide& g) {
    std::string b = g.code + "\n";
    add(b, g.conditions);
    add(b, g.accepting_body);
    add(b, g.deciding_body);
    for (const auto& m : g.materials) add(b, m.name);
    for (const auto& s : g.steps) add(b, s);
    add(b, g.location);
    return b;
}

std::string like_escape(std::string_view q) {
    std::string out;
    for (char c : q) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// A fingerprint of the imported text (FNV-1a 64 and the length): tells "the same file again"
// apart from "changed", not a security check (bundles from the hub are signed).
std::string text_fingerprint(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016llx-%zu", static_cast<unsigned long long>(h), text.size());
    return buf;
}

constexpr const char* kContentFingerprintKey = "content.fingerprint";

}  // namespace

ImportResult GuideStore::import(std::string_view bundle_json) {
    ImportResult r;
    BundleParse parsed = parse_bundle(bundle_json);
    if (!parsed.ok()) {
        r.errors = std::move(parsed.errors);
        return r;
    }
    Tx tx(db_);
    db_.prepare("INSERT INTO content(id, version, imported_at, json) VALUES(1, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET version = excluded.version, imported_at = excluded.imported_at, json = excluded.json")
        .bind(1, parsed.bundle.version).bind(2, now_iso_utc()).bind(3, bundle_json).run();
    db_.exec("DELETE FROM guide_fts");
    auto ins = db_.prepare("INSERT INTO guide_fts(code, name, body) VALUES(?, ?, ?)");
    for (const auto& g : parsed.bundle.guides) {
        std::string name;
        add(name, g.name);
        ins.bind(1, g.code).bind(2, name).bind(3, search_body(g));
        ins.run();
        ins.reset();
    }
    db_.set_meta(kContentFingerprintKey, text_fingerprint(bundle_json));
    tx.commit();
    r.ok = true;
    r.version = parsed.bundle.version;
    return r;
}

std::optional<ContentBundle> GuideStore::load() {
    auto st = db_.prepare("SELECT json FROM content WHERE id = 1");
    if (!st.step()) return std::nullopt;
    BundleParse parsed = parse_bundle(st.text(0));
    if (!parsed.ok()) return std::nullopt;  // cannot happen: only valid bundles are stored
    return std::move(parsed.bundle);
}

std::optional<std::string> GuideStore::version() {
    auto st = db_.prepare("SELECT version FROM content WHERE id = 1");
    if (st.step()) return st.text(0);
    return std::nullopt;
}

bool GuideStore::holds(std::string_view bundle_json) {
    const auto held = db_.meta(kContentFingerprintKey);
    return held && *held == text_fingerprint(bundle_json);
}

std::vector<std::string> GuideStore::search(std::string_view raw, int limit) {
    std::vector<std::string> out;
    const std::string q = sanitize_text(trim(raw), 64, false);
    if (q.empty()) return out;
    if (utf8_length(q) >= 3) {
        // A quoted FTS5 string is matched as a phrase of trigrams: a plain substring search.
        std::string phrase = "\"";
        for (char c : q) phrase += (c == '"') ? std::string("\"\"") : std::string(1, c);
        phrase += "\"";
        auto st = db_.prepare("SELECT code FROM guide_fts WHERE guide_fts MATCH ? ORDER BY bm25(guide_fts, 0.0, 10.0, 1.0) LIMIT ?");
        st.bind(1, "{name body}: " + phrase).bind(2, limit);
        while (st.step()) out.push_back(st.text(0));
        return out;
    }
    const std::string like = "%" + like_escape(q) + "%";
    auto st = db_.prepare(
        "SELECT code FROM guide_fts WHERE name LIKE ?1 ESCAPE '\\' OR body LIKE ?1 ESCAPE '\\' "
        "ORDER BY (name LIKE ?1 ESCAPE '\\') DESC, rowid LIMIT ?2");
    st.bind(1, like).bind(2, limit);
    while (st.step()) out.push_back(st.text(0));
    return out;
}

}  // namespace hall
