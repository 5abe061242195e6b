#include "store/pinyin_dict.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace hall {

std::vector<std::string> default_pinyin_dict_paths() {
    return {"/usr/share/rime-data/pinyin_simp.dict.yaml", "/usr/share/rime-data/luna_pinyin.dict.yaml"};
}

void PinyinDict::add_dict_text(std::string_view text) {
    // Weighted readings of the characters this text adds; characters known from an earlier
    // dictionary are left as they are.
    std::unordered_map<char32_t, std::vector<std::pair<double, std::string>>> found;
    bool in_body = false;  // entries follow the YAML header's "..." line
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!in_body) {
            if (line == "...") in_body = true;
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        const std::size_t t1 = line.find('\t');
        if (t1 == std::string_view::npos) continue;
        const std::string_view word = line.substr(0, t1);
        if (utf8_length(word) != 1) continue;  // phrases: their characters have their own lines
        const std::size_t t2 = line.find('\t', t1 + 1);
        std::string_view code = line.substr(t1 + 1, t2 == std::string_view::npos ? std::string_view::npos : t2 - t1 - 1);
        if (code.empty() || code.find(' ') != std::string_view::npos) continue;
        if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) continue;
        double weight = 0;
        if (t2 != std::string_view::npos) {
            std::string_view w = line.substr(t2 + 1);
            const bool percent = !w.empty() && w.back() == '%';
            if (percent) w.remove_suffix(1);
            std::string ws(w);
            try { weight = ws.empty() ? 0 : std::stod(ws); } catch (...) { weight = 0; }
            if (percent) weight *= 1000;  // luna's "90%" against pinyin_simp's raw counts: keeps the order within a character
        }
        const char32_t c = decode_utf8(word)[0];
        if (readings_.count(c)) continue;
        found[c].emplace_back(weight, std::string(code));
    }
    for (auto& [c, list] : found) {
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        std::vector<std::string> out;
        for (auto& [w, r] : list)
            if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
        readings_[c] = std::move(out);
    }
}

std::optional<PinyinDict> PinyinDict::load(const std::vector<std::string>& paths, std::string& error) {
    PinyinDict d;
    for (const auto& p : paths) {
        std::ifstream in(p, std::ios::binary);
        if (!in) continue;
        std::ostringstream ss;
        ss << in.rdbuf();
        d.add_dict_text(ss.str());
    }
    if (d.readings_.empty()) {
        error = "no pinyin dictionary found (looked for";
        for (const auto& p : paths) error += " " + p;
        error += "; Debian package rime-data-pinyin-simp)";
        return std::nullopt;
    }
    return d;
}

const std::vector<std::string>* PinyinDict::readings(char32_t c) const {
    auto it = readings_.find(c);
    return it == readings_.end() ? nullptr : &it->second;
}

}  // namespace hall
