#include "core/lang.h"

namespace hall {

std::string_view lang_code(Lang l) {
    switch (l) {
        case Lang::Hans: return "zh-Hans";
        case Lang::Hant: return "zh-Hant";
        case Lang::En: return "en";
    }
    return "zh-Hans";
}

std::optional<Lang> lang_from_code(std::string_view code) {
    if (code == "zh-Hans" || code == "zh-CN" || code == "zh_CN") return Lang::Hans;
    if (code == "zh-Hant" || code == "zh-TW" || code == "zh_TW" || code == "zh-HK") return Lang::Hant;
    if (code == "en" || code == "en-US" || code == "en_US") return Lang::En;
    return std::nullopt;
}

const std::string& LocalizedText::get(Lang l) const {
    const auto& own = text[static_cast<int>(l)];
    if (!own.empty()) return own;
    // English falls back to Simplified, each Chinese script to the other, then to English.
    static const Lang order[3][2] = {{Lang::Hant, Lang::En}, {Lang::Hans, Lang::En}, {Lang::Hans, Lang::Hant}};
    for (Lang f : order[static_cast<int>(l)]) {
        const auto& t = text[static_cast<int>(f)];
        if (!t.empty()) return t;
    }
    return own;
}

}  // namespace hall
