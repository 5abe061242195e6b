#include "store/search_keys.h"

#include <algorithm>
#include <tuple>

#include "core/text.h"
#include "store/script_fold.h"

namespace hall {
namespace {

bool is_ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Depth-first over the readings of cps[from..to), most frequent first, until cap spellings.
void spell(const std::vector<const std::vector<std::string>*>& readings, std::size_t i, std::size_t to, std::string& full,
           std::string& initials, std::size_t cap, std::vector<std::pair<std::string, std::string>>& out) {
    if (out.size() >= cap) return;
    if (i == to) {
        out.emplace_back(full, initials);
        return;
    }
    for (const auto& r : *readings[i]) {
        const std::size_t fl = full.size(), il = initials.size();
        full += r;
        initials += r[0];
        spell(readings, i + 1, to, full, initials, cap, out);
        full.resize(fl);
        initials.resize(il);
        if (out.size() >= cap) return;
    }
}

}  // namespace

std::vector<SearchKey> search_keys(std::string_view term, const PinyinDict* dict) {
    std::vector<SearchKey> keys;
    const auto add = [&](std::string key, KeyKind kind, bool at_start, bool whole) {
        if (!key.empty()) keys.push_back({std::move(key), kind, at_start, whole});
    };
    const std::vector<char32_t> cps = decode_utf8(term);
    const std::size_t n = cps.size();
    // Byte offset of each code point (and of the end), so keys are cut without re-encoding.
    std::vector<std::size_t> at(n + 1, term.size());
    for (std::size_t i = 0, b = 0; i < n; ++i) {
        at[i] = b;
        const auto c = static_cast<unsigned char>(term[b]);
        b += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }

    // Text: suffixes starting at each non-space character, except inside an ASCII word.
    for (std::size_t p = 0; p < n; ++p) {
        if (cps[p] == ' ') continue;
        if (p > 0 && is_ascii_alnum(cps[p]) && is_ascii_alnum(cps[p - 1])) continue;
        const std::size_t len = std::min(kKeyMaxChars, n - p);
        add(std::string(term.substr(at[p], at[p + len] - at[p])), KeyKind::Text, p == 0, p == 0 && len == n);
    }
    if (!dict) return keys;

    // Pinyin and initials: runs of characters the dictionary knows; anything else ends a run.
    std::size_t run_start = 0;
    while (run_start < n) {
        while (run_start < n && !(is_han(cps[run_start]) && dict->readings(cps[run_start]))) ++run_start;
        std::size_t run_end = run_start;
        std::vector<const std::vector<std::string>*> readings;
        while (run_end < n && is_han(cps[run_end]) && dict->readings(cps[run_end])) readings.push_back(dict->readings(cps[run_end++]));
        for (std::size_t p = run_start; p < run_end; ++p) {
            const std::size_t to = std::min(run_end, p + kPinyinKeySyllables);
            std::vector<std::pair<std::string, std::string>> spellings;
            std::string full, initials;
            std::vector<const std::vector<std::string>*> r(readings.begin() + static_cast<long>(p - run_start),
                                                           readings.begin() + static_cast<long>(to - run_start));
            spell(r, 0, r.size(), full, initials, kReadingCombosPerStart, spellings);
            // The first character's other readings must each start a key, however many
            // combinations the rest has: 行 starts both xing... and hang....
            for (std::size_t k = 1; k < readings[p - run_start]->size() && k < kReadingCombosPerStart; ++k) {
                std::vector<const std::vector<std::string>*> rest(r.begin() + 1, r.end());
                std::string f = (*readings[p - run_start])[k], in(1, f[0]);
                std::vector<std::pair<std::string, std::string>> more;
                spell(rest, 0, rest.size(), f, in, 1, more);
                spellings.insert(spellings.end(), more.begin(), more.end());
            }
            const bool at_start = p == 0;
            const bool whole = at_start && run_end == n && to == n;
            for (auto& [f, i] : spellings) {
                add(f, KeyKind::Pinyin, at_start, whole);
                add(i, KeyKind::Initials, at_start, whole);
            }
        }
        run_start = run_end;
    }
    // One key of each kind and position: several readings can spell the same initials.
    std::sort(keys.begin(), keys.end(), [](const SearchKey& a, const SearchKey& b) {
        return std::tie(a.kind, a.at_start, a.whole, a.key) < std::tie(b.kind, b.at_start, b.whole, b.key);
    });
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

std::vector<std::string> pinyin_spellings(std::string_view word, const PinyinDict& dict, std::size_t cap) {
    std::vector<const std::vector<std::string>*> readings;
    for (char32_t c : decode_utf8(word)) {
        if (!is_han(c)) continue;
        const auto* r = dict.readings(c);
        if (!r) return {};
        readings.push_back(r);
    }
    if (readings.empty()) return {};
    std::vector<std::pair<std::string, std::string>> spellings;
    std::string full, initials;
    spell(readings, 0, readings.size(), full, initials, cap, spellings);
    std::vector<std::string> out;
    for (auto& s : spellings) out.push_back(std::move(s.first));
    return out;
}

}  // namespace hall
