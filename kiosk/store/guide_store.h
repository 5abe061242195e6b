#pragma once
// The imported content bundle and its search index. import() is the one path content
// takes into the kiosk, from the demo file or from the hub: a bundle with any problem is
// refused whole and the guides the kiosk had stay.
//
// Search (issue #14) finds what citizens type, not only the official titles:
// - names and aliases (俗稱/別名) by any substring, full pinyin and pinyin initials, also as
//   a prefix while typing (search_keys.h), from keys built once at import into guide_key;
// - every text of the guide (conditions, materials, steps ...) by 3+ characters, FTS5 trigram;
// - script-blind: index and query are folded to Simplified (script_fold.h);
// - several words separated by spaces must all match, in any order;
// - ranking: exact name/alias, then name/alias prefix, then name/alias substring (by text
//   before pinyin before initials), then body; guides this kiosk's citizens opened most for
//   the same query rise a little (search_open, counted locally, nothing personal).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/bundle.h"
#include "sqlite/database.h"
#include "store/pinyin_dict.h"
#include "store/script_fold.h"

namespace hall {

struct ImportResult {
    bool ok = false;
    std::string version;              // the bundle's version when ok
    std::vector<std::string> errors;  // what is wrong, when not ok
};

// When nothing matches: guides that share sound (身分证 -> 身份证) or characters with the
// query, and the departments they belong to.
struct Closest {
    std::vector<std::string> guides;       // codes, closest first
    std::vector<std::string> departments;  // department ids of those guides, first seen first
};

class GuideStore {
public:
    // dict_paths: rime .dict.yaml files with the readings of single characters.
    explicit GuideStore(Db& db, std::vector<std::string> dict_paths = default_pinyin_dict_paths());
    ~GuideStore();

    ImportResult import(std::string_view bundle_json);
    // The bundle the kiosk holds (parsed), or nullopt before the first import.
    std::optional<ContentBundle> load();
    std::optional<std::string> version();
    // Builds the search index from the stored bundle when it was built by an older kiosk (or
    // not at all, before schema 3). True when it rebuilt.
    bool rebuild_index_if_stale();
    // Whether the store holds exactly this bundle text (compared by a hash kept at import),
    // so a start with unchanged content skips the parse and the import.
    bool holds(std::string_view bundle_json);

    // Guide codes matching a query, best first (see the header comment).
    std::vector<std::string> search(std::string_view query, int limit = 50);
    Closest closest(std::string_view query, int limit = 5);

    // A citizen opened `code` from the results of `query`: that guide rises for the same query.
    void note_opened(std::string_view query, const std::string& code);

    // False when no pinyin dictionary could be read: search then works on characters only.
    bool has_pinyin();
    const std::string& pinyin_error() const { return dict_error_; }

private:
    struct Scores;
    const PinyinDict* dict();
    void build_index(const ContentBundle& b);
    void match_word(const std::string& word, bool pinyin_only, bool one_of_several, Scores& out);
    void scan(int kind, const std::string& word, int limit, int penalty, Scores& out);
    std::vector<std::string> codes_of(const std::vector<std::int64_t>& ids);

    Db& db_;
    std::vector<std::string> dict_paths_;
    std::optional<PinyinDict> dict_;
    bool dict_tried_ = false;
    std::string dict_error_;
    ScriptFolder fold_;
};

}  // namespace hall
