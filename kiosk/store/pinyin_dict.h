#pragma once
// Pinyin readings of single characters, read from the rime dictionaries the kiosk's IME
// already installs (rime-data-pinyin-simp, rime-data-luna-pinyin): the search index gets
// its pinyin from a real dictionary, never a hand-written table. A character with several
// readings (行 xing/hang, 长 chang/zhang, 重 zhong/chong, 地 di/de) keeps all of them.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hall {

class PinyinDict {
public:
    // Reads every "字<TAB>reading<TAB>weight" line of the given .dict.yaml files; a character
    // found in an earlier file ignores later ones. nullopt + error when none can be read.
    static std::optional<PinyinDict> load(const std::vector<std::string>& paths, std::string& error);
    // Parses one dictionary's text (tests feed small samples).
    void add_dict_text(std::string_view text);

    // Readings of c, most frequent first; nullptr when the dictionary does not know c.
    const std::vector<std::string>* readings(char32_t c) const;
    std::size_t size() const { return readings_.size(); }

private:
    std::unordered_map<char32_t, std::vector<std::string>> readings_;
};

// pinyin_simp first (Simplified, which is what the index holds), then luna_pinyin.
std::vector<std::string> default_pinyin_dict_paths();

}  // namespace hall
