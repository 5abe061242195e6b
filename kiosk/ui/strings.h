#pragma once
// Every visible string comes from a key looked up here (assets/i18n/<lang>.json), so a
// language switch changes every label and a missing translation is caught by tests.
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"

namespace hall::ui {

class Strings {
public:
    // Loads zh-Hans.json, zh-Hant.json and en.json from dir; problems go to errors.
    bool load(const std::string& dir, std::vector<std::string>& errors);

    void set_lang(Lang l) { lang_ = l; }
    Lang lang() const { return lang_; }

    // The text for key in the current language; the key itself (and a record) when missing.
    const std::string& tr(std::string_view key) const;
    const std::string& tr(std::string_view key, Lang l) const;
    // "{0}" style substitution for the few strings with numbers in them.
    std::string fmt(std::string_view key, std::initializer_list<std::string> args) const;

    const std::set<std::string>& missing() const { return missing_; }
    const std::map<std::string, std::string>& table(Lang l) const { return tables_[static_cast<int>(l)]; }
    // Every character any string uses, for the font atlas.
    std::string all_text() const;

private:
    std::array<std::map<std::string, std::string>, 3> tables_;
    Lang lang_ = Lang::Hans;
    mutable std::set<std::string> missing_;
    mutable std::string missing_tmp_;
};

}  // namespace hall::ui
