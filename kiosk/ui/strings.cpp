#include "ui/strings.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/files.h"
#include "core/text.h"

namespace hall::ui {

bool Strings::load(const std::string& dir, std::vector<std::string>& errors) {
    bool ok = true;
    for (Lang l : kAllLangs) {
        const std::string path = dir + "/" + std::string(lang_code(l)) + ".json";
        const auto text = read_file(path);
        if (!text) {
            errors.push_back(path + ": cannot be read");
            ok = false;
            continue;
        }
        try {
            auto j = nlohmann::json::parse(*text);
            auto& t = tables_[static_cast<int>(l)];
            t.clear();
            for (auto& [k, v] : j.items()) {
                if (!v.is_string() || !is_valid_utf8(v.get<std::string>())) {
                    errors.push_back(path + ": " + k + ": must be a UTF-8 string");
                    ok = false;
                    continue;
                }
                t[k] = v.get<std::string>();
            }
        } catch (const nlohmann::json::exception& e) {
            errors.push_back(path + ": " + e.what());
            ok = false;
        }
    }
    return ok;
}

const std::string& Strings::tr(std::string_view key, Lang l) const {
    const auto& t = tables_[static_cast<int>(l)];
    auto it = t.find(std::string(key));
    if (it != t.end()) return it->second;
    missing_.insert(std::string(lang_code(l)) + ":" + std::string(key));
    missing_tmp_ = std::string(key);
    return missing_tmp_;
}

const std::string& Strings::tr(std::string_view key) const { return tr(key, lang_); }

std::string Strings::fmt(std::string_view key, std::initializer_list<std::string> args) const {
    std::string s = tr(key);
    int i = 0;
    for (const auto& a : args) {
        const std::string ph = "{" + std::to_string(i++) + "}";
        for (auto pos = s.find(ph); pos != std::string::npos; pos = s.find(ph, pos + a.size())) s.replace(pos, ph.size(), a);
    }
    return s;
}

std::string Strings::all_text() const {
    std::string out;
    for (const auto& t : tables_)
        for (const auto& [k, v] : t) out += v;
    return out;
}

}  // namespace hall::ui
