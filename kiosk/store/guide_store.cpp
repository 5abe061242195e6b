#include "store/guide_store.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <cstdio>

#include "core/ids.h"
#include "core/search_query.h"
#include "core/text.h"
#include "store/search_keys.h"

namespace hall {
namespace {

// Bumped when search_keys() or the indexed fields change: kiosks rebuild from the stored bundle.
constexpr const char* kIndexVersion = "search-3";

enum Field { kName = 0, kAlias = 1 };

// Score parts (see the header comment): any name/alias match beats any body match, a prefix
// beats a substring, an exact term beats a prefix. Opened-most: a guide opened ~10 times for
// a query passes a prefix match of another, never an exact one, and a body match never
// passes a name match.
constexpr int kScoreName = 12, kScoreAlias = 11, kScoreBody = 3;
constexpr int kScorePrefix = 20, kScoreExact = 40, kMaxOpenBonus = 24, kMaxBodyOpenBonus = 4;
constexpr int kPenaltyPinyin = 1, kPenaltyInitials = 2;
// Rows read per key scan: a one-letter word matches half the index; its best rows come first
// (prefix tier, read first; the inner tier only while there is room), and the list a citizen
// sees is short anyway.
constexpr int kScanRowsShort = 400, kScanRowsMedium = 600, kScanRowsLong = 1500;
// Body text is searched (3+ characters) when names and aliases found fewer guides than this:
// body matches rank below them, and a long list needs no tail.
constexpr std::size_t kBodyWhenFewer = 20;
constexpr int kBodyRows = 300;

// The guide's own text a citizen may look for is its code, conditions and materials (the
// steps, bodies and location repeat the same phrases in every guide and only add noise and
// import time). Held folded, one line per text.
void add_folded(std::string& out, const std::string& text) {
    if (text.empty()) return;
    out += ScriptFolder::fold_simplified(text);
    out += '\n';
}

bool is_ascii_letters(std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}
bool is_ascii(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The first max_chars code points of s.
std::string cut(std::string_view s, std::size_t max_chars) {
    if (utf8_length(s) <= max_chars) return std::string(s);
    auto cps = decode_utf8(s);
    cps.resize(max_chars);
    return encode_utf8(cps);
}

std::vector<std::string> split_words(const std::string& folded) {
    std::vector<std::string> words;
    std::size_t p = 0;
    while (p < folded.size()) {
        std::size_t e = folded.find(' ', p);
        if (e == std::string::npos) e = folded.size();
        if (e > p) words.push_back(folded.substr(p, e - p));
        p = e + 1;
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
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

struct GuideStore::Scores {
    std::unordered_map<std::int64_t, int> best;
    void offer(std::int64_t id, int score) {
        auto [it, fresh] = best.emplace(id, score);
        if (!fresh && score > it->second) it->second = score;
    }
};

GuideStore::GuideStore(Db& db, std::vector<std::string> dict_paths) : db_(db), dict_paths_(std::move(dict_paths)) {}
GuideStore::~GuideStore() = default;

const PinyinDict* GuideStore::dict() {
    if (!dict_tried_) {
        dict_tried_ = true;
        dict_ = PinyinDict::load(dict_paths_, dict_error_);
    }
    return dict_ ? &*dict_ : nullptr;
}

bool GuideStore::has_pinyin() { return dict() != nullptr; }

ImportResult GuideStore::import(std::string_view bundle_json) {
    ImportResult r;
    BundleParse parsed = parse_bundle(bundle_json);
    if (!parsed.ok()) {
        r.errors = std::move(parsed.errors);
        return r;
    }
    r.ok = true;
    r.version = parsed.bundle.version;
    {
        // The same bundle again (the demo seeds at every start): nothing to rebuild.
        auto st = db_.prepare("SELECT json FROM content WHERE id = 1");
        if (st.step() && st.text(0) == bundle_json && db_.meta("guide_index") == std::string(kIndexVersion)) {
            const auto fingerprint = text_fingerprint(bundle_json);
            if (db_.meta(kContentFingerprintKey) != fingerprint) db_.set_meta(kContentFingerprintKey, fingerprint);
            return r;
        }
    }
    Tx tx(db_);
    db_.prepare("INSERT INTO content(id, version, imported_at, json) VALUES(1, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET version = excluded.version, imported_at = excluded.imported_at, json = excluded.json")
        .bind(1, parsed.bundle.version).bind(2, now_iso_utc()).bind(3, bundle_json).run();
    build_index(parsed.bundle);
    db_.set_meta(kContentFingerprintKey, text_fingerprint(bundle_json));
    tx.commit();
    return r;
}

void GuideStore::build_index(const ContentBundle& b) {
    db_.exec("DELETE FROM guide_fts; DELETE FROM guide_key; DELETE FROM guide_ref;");
    const PinyinDict* d = dict();
    auto ref = db_.prepare("INSERT INTO guide_ref(id, code, department) VALUES(?, ?, ?)");
    auto fts = db_.prepare("INSERT INTO guide_fts(rowid, code, name, body) VALUES(?, ?, ?, ?)");
    struct Row {
        int kind, tier;
        std::string key;
        std::int64_t guide;
        int field, whole;
        bool operator<(const Row& o) const {
            return std::tie(kind, tier, key, guide, field, whole) < std::tie(o.kind, o.tier, o.key, o.guide, o.field, o.whole);
        }
    };
    std::vector<Row> rows;
    std::int64_t id = 0;
    for (const auto& g : b.guides) {
        ++id;
        ref.bind(1, id).bind(2, g.code).bind(3, g.department_id);
        ref.run();
        ref.reset();
        // Terms: the name and every alias in each language, folded (only zh-Hant text goes
        // through OpenCC, in one call per guide: conversion dominates an import otherwise).
        // The body: its zh-Hans and English lines; zh-Hant body text folds to the zh-Hans.
        std::vector<std::string> hant;
        std::vector<std::pair<std::string, int>> terms;
        for (Lang l : kAllLangs) {
            const auto put = [&](const std::string& text, int field) {
                std::string clean = sanitize_text(text, 200, false);
                if (l == Lang::Hant) { hant.push_back(std::move(clean)); terms.emplace_back(std::string(), field); }
                else terms.emplace_back(fold_.fold_simplified(clean), field);
            };
            if (!g.name[l].empty()) put(g.name[l], kName);
            for (const auto& a : g.aliases[l]) put(a, kAlias);
        }
        const std::vector<std::string> hant_folded = fold_.fold_all(hant);
        std::size_t hi = 0;
        for (auto& [t, field] : terms)
            if (t.empty() && hi < hant_folded.size()) t = hant_folded[hi++];
        std::sort(terms.begin(), terms.end());
        terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
        std::string name;
        for (const auto& [t, field] : terms) {
            if (field == kName) { name += t; name += '\n'; }
            for (auto& k : search_keys(t, d))
                rows.push_back({static_cast<int>(k.kind), k.at_start ? 0 : 1, std::move(k.key), id, field, k.whole ? 1 : 0});
        }
        std::string folded;
        add_folded(folded, g.code);
        const auto add_text = [&](const LocalizedText& t) {
            add_folded(folded, t[Lang::Hans]);
            add_folded(folded, t[Lang::En]);
        };
        add_text(g.conditions);
        for (const auto& m : g.materials) add_text(m.name);
        fts.bind(1, id).bind(2, g.code).bind(3, name).bind(4, folded);
        fts.run();
        fts.reset();
    }
    // Sorted insertion into the WITHOUT ROWID table: appends to the B-tree instead of splitting it.
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return !(x < y) && !(y < x); }), rows.end());
    // Many rows per statement: an import inserts ~170 keys per guide.
    constexpr std::size_t kBatch = 100;
    const auto insert_sql = [](std::size_t n) {
        std::string sql = "INSERT INTO guide_key(kind, tier, key, guide, field, whole) VALUES";
        for (std::size_t i = 0; i < n; ++i) sql += i ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
        return sql;
    };
    const auto put = [&](Stmt& st, std::size_t at, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            const Row& r = rows[at + i];
            const int at_col = static_cast<int>(i) * 6;
            st.bind(at_col + 1, r.kind).bind(at_col + 2, r.tier).bind(at_col + 3, r.key).bind(at_col + 4, r.guide).bind(at_col + 5, r.field)
                .bind(at_col + 6, r.whole);
        }
        st.run();
        st.reset();
    };
    auto full = db_.prepare(insert_sql(kBatch));
    std::size_t at = 0;
    for (; at + kBatch <= rows.size(); at += kBatch) put(full, at, kBatch);
    if (at < rows.size()) {
        auto rest = db_.prepare(insert_sql(rows.size() - at));
        put(rest, at, rows.size() - at);
    }
    db_.set_meta("guide_index", kIndexVersion);
}

bool GuideStore::rebuild_index_if_stale() {
    if (db_.meta("guide_index") == std::string(kIndexVersion)) return false;
    auto bundle = load();
    if (!bundle) return false;
    Tx tx(db_);
    build_index(*bundle);
    tx.commit();
    return true;
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

void GuideStore::scan(int kind, const std::string& word, int limit, int penalty, Scores& out) {
    // Keys starting with `word`: [word, word + 0xFF) in byte order (0xFF never occurs in UTF-8).
    const std::string lo = kind == static_cast<int>(KeyKind::Text) ? cut(word, kKeyMaxChars) : word;
    const std::string hi = lo + "\xFF";
    auto st = db_.prepare(
        "SELECT guide, field, whole AND key = ?2 FROM guide_key WHERE kind = ?1 AND tier = ?4 AND key >= ?2 AND key < ?3 LIMIT ?5");
    int left = limit;
    for (int tier = 0; tier < 2 && left > 0; ++tier) {
        st.bind(1, kind).bind(2, lo).bind(3, hi).bind(4, tier).bind(5, left);
        while (st.step()) {
            --left;
            int s = (st.i32(1) == kName ? kScoreName : kScoreAlias) - penalty;
            if (tier == 0) s += kScorePrefix;
            if (st.i32(2) && lo == word) s += kScoreExact;
            out.offer(st.i64(0), s);
        }
        st.reset();
    }
}

void GuideStore::match_word(const std::string& word, bool pinyin_only, bool one_of_several, Scores& out) {
    const std::size_t len = utf8_length(word);
    // Each word of several narrows the others: it reads fewer keys (a per-keystroke budget).
    const int limit = len <= 1 ? kScanRowsShort : (len <= 3 || one_of_several) ? kScanRowsMedium : kScanRowsLong;
    if (!pinyin_only) scan(static_cast<int>(KeyKind::Text), word, limit, 0, out);
    if (is_ascii_letters(word)) {
        scan(static_cast<int>(KeyKind::Pinyin), word, limit, kPenaltyPinyin, out);
        scan(static_cast<int>(KeyKind::Initials), word, limit, kPenaltyInitials, out);
    }
    if (!pinyin_only && utf8_length(word) >= 3 && out.best.size() < kBodyWhenFewer) {
        // A quoted FTS5 string is matched as a phrase of trigrams: a plain substring search.
        std::string phrase = "\"";
        for (char c : word) phrase += (c == '"') ? std::string("\"\"") : std::string(1, c);
        phrase += "\"";
        auto st = db_.prepare("SELECT rowid FROM guide_fts WHERE guide_fts MATCH ? LIMIT ?");
        st.bind(1, "{name body}: " + phrase).bind(2, kBodyRows);
        while (st.step()) out.offer(st.i64(0), kScoreBody);
    }
}

std::vector<std::string> GuideStore::codes_of(const std::vector<std::int64_t>& ids) {
    std::vector<std::string> out;
    auto st = db_.prepare("SELECT code FROM guide_ref WHERE id = ?");
    for (auto id : ids) {
        st.bind(1, id);
        if (st.step()) out.push_back(st.text(0));
        st.reset();
    }
    return out;
}

std::vector<std::string> GuideStore::search(std::string_view raw, int limit) {
    const std::string q = fold_.fold(sanitize_text(trim(raw), 64, false));
    const std::vector<std::string> words = split_words(q);
    if (words.empty()) return {};
    // Every word must match; a guide's score is the sum of its best match per word.
    std::unordered_map<std::int64_t, int> total;
    for (std::size_t i = 0; i < words.size(); ++i) {
        Scores s;
        match_word(words[i], false, words.size() > 1, s);
        if (i == 0) total = std::move(s.best);
        else {
            for (auto it = total.begin(); it != total.end();) {
                auto m = s.best.find(it->first);
                if (m == s.best.end()) it = total.erase(it);
                else { it->second += m->second; ++it; }
            }
        }
        if (total.empty()) break;
    }
    // Pinyin typed with spaces between syllables (shen fen zheng): also as one word.
    if (words.size() > 1 && std::all_of(words.begin(), words.end(), [](const std::string& w) { return is_ascii_letters(w); })) {
        std::string joined;
        for (char c : q)
            if (c != ' ') joined += c;
        Scores s;
        match_word(joined, true, false, s);
        for (auto& [id, sc] : s.best) {
            const int as_words = sc * static_cast<int>(words.size());
            auto [it, fresh] = total.emplace(id, as_words);
            if (!fresh) it->second = std::max(it->second, as_words);
        }
    }
    if (total.empty()) return {};
    {
        auto st = db_.prepare("SELECT g.id, o.count FROM search_open o JOIN guide_ref g ON g.code = o.code WHERE o.query = ?");
        st.bind(1, q);
        while (st.step()) {
            auto it = total.find(st.i64(0));
            if (it == total.end()) continue;
            int bonus = std::min(kMaxOpenBonus, static_cast<int>(6 * std::log2(1.0 + static_cast<double>(st.i64(1)))));
            // A guide found only by its body text never passes one found by name or alias.
            if (it->second < kScoreName * static_cast<int>(words.size()) - kPenaltyInitials) bonus = std::min(bonus, kMaxBodyOpenBonus);
            it->second += bonus;
        }
    }
    std::vector<std::pair<int, std::int64_t>> ranked;
    ranked.reserve(total.size());
    for (auto& [id, s] : total) ranked.emplace_back(-s, id);
    const std::size_t n = std::min(ranked.size(), static_cast<std::size_t>(std::max(0, limit)));
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<long>(n), ranked.end());
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < n; ++i) ids.push_back(ranked[i].second);
    return codes_of(ids);
}

Closest GuideStore::closest(std::string_view raw, int limit) {
    Closest out;
    const std::string q = fold_.fold(sanitize_text(trim(raw), 64, false));
    std::string compact;
    for (char c : q)
        if (c != ' ') compact += c;
    if (compact.empty()) return out;
    std::unordered_map<std::int64_t, int> score;
    const auto take = [&](Scores& s, int weight) {
        for (auto& [id, sc] : s.best) score[id] += weight * 100 + sc;
    };
    if (is_ascii(compact)) {
        // Letters: the longest prefix of what was typed that still finds something
        // (shebaokaa -> shebaoka).
        for (std::size_t n = compact.size(); n >= 2 && score.empty(); --n) {
            Scores s;
            match_word(compact.substr(0, n), false, false, s);
            take(s, 1);
        }
    } else {
        // The same sound written with other characters (身分证 -> 身份证), then shared characters.
        if (const PinyinDict* d = dict())
            for (const auto& spelling : pinyin_spellings(compact, *d)) {
                Scores s;
                match_word(spelling, true, false, s);
                take(s, 10);
            }
        std::vector<char32_t> chars;
        for (char32_t c : decode_utf8(compact))
            if (std::find(chars.begin(), chars.end(), c) == chars.end()) chars.push_back(c);
        for (char32_t c : chars) {
            std::string one;
            append_utf8(one, c);
            Scores s;
            scan(static_cast<int>(KeyKind::Text), one, kScanRowsShort, 0, s);
            take(s, 1);
        }
    }
    std::vector<std::pair<int, std::int64_t>> ranked;
    for (auto& [id, s] : score) ranked.emplace_back(-s, id);
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < ranked.size() && static_cast<int>(i) < limit; ++i) ids.push_back(ranked[i].second);
    out.guides = codes_of(ids);
    auto st = db_.prepare("SELECT department FROM guide_ref WHERE code = ?");
    for (const auto& code : out.guides) {
        st.bind(1, code);
        if (st.step()) {
            auto dep = st.text(0);
            if (std::find(out.departments.begin(), out.departments.end(), dep) == out.departments.end()) out.departments.push_back(dep);
        }
        st.reset();
    }
    return out;
}

void GuideStore::note_opened(std::string_view raw, const std::string& code) {
    const std::string q = fold_.fold(sanitize_text(trim(raw), 64, false));
    if (q.empty() || looks_personal(q)) return;
    db_.prepare("INSERT INTO search_open(query, code, count) VALUES(?, ?, 1) "
                "ON CONFLICT(query, code) DO UPDATE SET count = count + 1")
        .bind(1, q).bind(2, code).run();
}

}  // namespace hall
