#pragma once
// Folds text so that every way of writing a word meets: Traditional becomes Simplified
// (OpenCC t2s), full-width letters and digits become ASCII, ASCII is lower-cased, any run of
// spaces (the ideographic one included) becomes one space. The search index holds folded
// text and every query is folded the same way, so 身份證 finds 身份证 and the reverse.
#include <string>
#include <string_view>
#include <vector>

namespace hall {

class ScriptFolder {
public:
    ScriptFolder();
    ~ScriptFolder();
    ScriptFolder(const ScriptFolder&) = delete;
    ScriptFolder& operator=(const ScriptFolder&) = delete;

    std::string fold(std::string_view s) const;
    // Folds many texts with one OpenCC call (an import folds thousands: one call per text
    // costs more than the conversion). Texts must not contain '\n'.
    std::vector<std::string> fold_all(const std::vector<std::string>& texts) const;
    bool has_opencc() const { return cc_ != nullptr; }

    // Everything but OpenCC: for text already in Simplified or English.
    static std::string fold_simplified(std::string_view s);

private:
    void* cc_ = nullptr;  // opencc_t; null when OpenCC's data is missing (then scripts stay apart)
};

bool is_han(char32_t c);

}  // namespace hall
