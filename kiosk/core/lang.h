#pragma once
// The three languages a kiosk shows, and text that carries all three.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace hall {

enum class Lang { Hans = 0, Hant = 1, En = 2 };
inline constexpr std::array<Lang, 3> kAllLangs{Lang::Hans, Lang::Hant, Lang::En};

// "zh-Hans", "zh-Hant", "en": the codes used in bundles, configs and string files.
std::string_view lang_code(Lang l);
std::optional<Lang> lang_from_code(std::string_view code);

// A text in up to three languages. Missing English falls back to Chinese of the
// same script family the hall uses, so a citizen never sees an empty field.
struct LocalizedText {
    std::array<std::string, 3> text;

    const std::string& get(Lang l) const;
    bool empty() const { return text[0].empty() && text[1].empty() && text[2].empty(); }
    std::string& operator[](Lang l) { return text[static_cast<int>(l)]; }
    const std::string& operator[](Lang l) const { return text[static_cast<int>(l)]; }
};

}  // namespace hall
