#include "core/line_break.h"

#include <vector>

#include "core/text.h"

namespace hall {

namespace {

bool is_wide(char32_t c) {
    // CJK ideographs and their extensions, kana, Hangul, CJK symbols and full-width forms:
    // a line may break between any two of them.
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool in(std::u32string_view set, char32_t c) { return set.find(c) != std::u32string_view::npos; }

}  // namespace

bool no_line_start(char32_t c) {
    return in(U"，。、；：？！）」』】〉》〕］｝〗〙〛”’…‥—～・·ー％‰,.;:?!)]}%", c);
}

bool no_line_end(char32_t c) { return in(U"（「『【〈《〔［｛〖〘〚“‘([{", c); }

std::string break_lines(std::string_view text, float width, const std::function<float(char32_t)>& advance) {
    if (width <= 0 || !is_valid_utf8(text)) return std::string(text);
    const std::vector<char32_t> cps = decode_utf8(text);
    std::vector<bool> newline_before(cps.size() + 1, false);  // a '\n' goes before cps[i]
    std::vector<bool> drop(cps.size(), false);                // a breaking space is replaced
    const auto can_break_before = [&](std::size_t i) {
        if (i == 0 || i >= cps.size()) return false;
        const char32_t a = cps[i - 1], b = cps[i];
        if (a == '\n' || b == '\n' || b == ' ') return false;
        if (no_line_start(b) || no_line_end(a)) return false;
        return a == ' ' || is_wide(a) || is_wide(b);
    };
    float x = 0;
    std::size_t line_start = 0;
    std::size_t last_break = 0;  // best break opportunity in this line (0: none yet)
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (c == '\n') {
            x = 0;
            line_start = i + 1;
            last_break = 0;
            continue;
        }
        if (i > line_start && can_break_before(i)) last_break = i;
        const float w = advance(c);
        // A space at the end of a line does not count: it becomes the break.
        if (x + w > width && i > line_start && c != ' ') {
            std::size_t at = last_break > line_start ? last_break : i;  // no opportunity: cut here
            newline_before[at] = true;
            if (cps[at - 1] == ' ') drop[at - 1] = true;
            line_start = at;
            last_break = 0;
            x = 0;
            for (std::size_t k = at; k < i; ++k) {
                x += advance(cps[k]);
                if (k > at && can_break_before(k)) last_break = k;
            }
            if (i > line_start && can_break_before(i)) last_break = i;
        }
        x += w;
    }
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (newline_before[i]) out.push_back('\n');
        if (!(drop[i] && i + 1 < cps.size() && newline_before[i + 1])) append_utf8(out, cps[i]);
    }
    return out;
}

}  // namespace hall
