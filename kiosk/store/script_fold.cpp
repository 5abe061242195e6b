#include "store/script_fold.h"

#include <opencc.h>

#include "core/text.h"

namespace hall {

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2EBEF) ||
           (c >= 0xF900 && c <= 0xFAFF);
}

ScriptFolder::ScriptFolder() {
    const opencc_t cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (cc != reinterpret_cast<opencc_t>(-1)) cc_ = cc;
}

ScriptFolder::~ScriptFolder() {
    if (cc_) opencc_close(static_cast<opencc_t>(cc_));
}

std::vector<std::string> ScriptFolder::fold_all(const std::vector<std::string>& texts) const {
    std::string joined;
    for (const auto& t : texts) {
        joined += t;
        joined += '\n';
    }
    std::string simp = joined;
    if (cc_) {
        char* converted = opencc_convert_utf8(static_cast<opencc_t>(cc_), joined.data(), joined.size());
        if (converted) {
            simp = converted;
            opencc_convert_utf8_free(converted);
        }
    }
    std::vector<std::string> out;
    out.reserve(texts.size());
    std::size_t p = 0;
    while (out.size() < texts.size()) {
        std::size_t e = simp.find('\n', p);
        if (e == std::string::npos) e = simp.size();
        out.push_back(fold_simplified(std::string_view(simp).substr(p, e - p)));
        p = e + 1;
    }
    return out;
}

std::string ScriptFolder::fold(std::string_view s) const {
    std::string simp;
    bool any_han = false;
    for (char32_t c : decode_utf8(s))
        if (is_han(c)) { any_han = true; break; }
    if (any_han && cc_) {
        char* converted = opencc_convert_utf8(static_cast<opencc_t>(cc_), s.data(), s.size());
        if (converted) {
            simp = converted;
            opencc_convert_utf8_free(converted);
        } else {
            simp = s;
        }
    } else {
        simp = s;
    }
    return fold_simplified(simp);
}

std::string ScriptFolder::fold_simplified(std::string_view simp) {
    std::string out;
    out.reserve(simp.size());
    bool space = false;
    for (char32_t c : decode_utf8(simp)) {
        if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
        if (c == 0x3000 || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        if (c == 0xE9 || c == 0xE8) c = 'e';  // café: typed without the accent on the keyboard
        append_utf8(out, c);
    }
    return out;
}

}  // namespace hall
