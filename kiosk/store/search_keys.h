#pragma once
// The keys a guide's name or alias is found by, computed once at content import and stored
// in SQLite (guide_key). A query word finds a term when some key STARTS with the word, so
// every lookup is one range scan of a B-tree, whatever the number of guides:
//   text      every suffix of the folded term (each position of Chinese text, each word
//             start of English), so any substring is a key prefix: 保障卡 in 社会保障卡;
//   pinyin    from each Chinese character on, the syllables run together (shehuibaozhangka,
//             baozhangka, ...), so full pinyin and its prefix while typing match;
//   initials  the same with first letters (shbzk, bzk, ...): sbk for 社保卡, sfz for 身份证.
// Characters with several readings give a key per reading (capped per position).
#include <string>
#include <string_view>
#include <vector>

#include "store/pinyin_dict.h"

namespace hall {

enum class KeyKind { Text = 0, Pinyin = 1, Initials = 2 };

struct SearchKey {
    std::string key;
    KeyKind kind = KeyKind::Text;
    bool at_start = false;  // the key starts where the term starts (a prefix match)
    bool whole = false;     // the key is the whole term (an exact match when equal to the query)
    bool operator==(const SearchKey& o) const { return key == o.key && kind == o.kind && at_start == o.at_start && whole == o.whole; }
};

inline constexpr std::size_t kKeyMaxChars = 12;          // text keys: longer queries are cut for the scan
inline constexpr std::size_t kPinyinKeySyllables = 8;   // pinyin keys span at most this many characters
inline constexpr std::size_t kReadingCombosPerStart = 4; // polyphonic combinations kept per position

// Keys of one folded term (see ScriptFolder). dict may be null: text keys only.
std::vector<SearchKey> search_keys(std::string_view folded_term, const PinyinDict* dict);

// The full-pinyin spellings of a folded Chinese word (at most `cap`), for "did you mean"
// by sound: 身分证 -> shenfenzheng.
std::vector<std::string> pinyin_spellings(std::string_view folded_word, const PinyinDict& dict, std::size_t cap = 4);

}  // namespace hall
