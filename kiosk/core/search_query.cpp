#include "core/search_query.h"

#include "core/text.h"

namespace hall {

bool looks_personal(std::string_view q) {
    int digits = 0;
    for (char32_t c : decode_utf8(q)) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c >= 0xFF10 && c <= 0xFF19) ++digits;  // full-width digits
        else if (c == '@' || c == 0xFF20) return true;
    }
    return digits >= 7;
}

std::string loggable_query(std::string_view raw) {
    const std::string s = sanitize_text(trim(raw), kMaxLoggedQueryChars * 2, false);
    if (s.empty() || looks_personal(s)) return {};
    std::string out;
    bool space = false;
    for (char32_t c : decode_utf8(s)) {
        if (c == ' ' || c == 0x3000 || c == '\t') { space = true; continue; }
        if (space && !out.empty()) out += ' ';
        space = false;
        append_utf8(out, c);
    }
    if (utf8_length(out) > kMaxLoggedQueryChars) {
        auto cps = decode_utf8(out);
        cps.resize(kMaxLoggedQueryChars);
        out = encode_utf8(cps);
    }
    return out;
}

}  // namespace hall

namespace hall {

std::optional<std::string> SearchSession::observe(const std::string& query) {
    const std::string q = trim(query);
    if (q == pending_) return std::nullopt;
    if (!q.empty() && pending_.rfind(q, 0) == 0) return std::nullopt;  // deleting back: the longer query stands
    if (!pending_.empty() && q.rfind(pending_, 0) == 0) {               // typing on
        pending_ = q;
        opened_ = false;  // a refined query must find something of its own
        return std::nullopt;
    }
    std::optional<std::string> miss = end();
    pending_ = q;
    return miss;
}

std::optional<std::string> SearchSession::end() {
    std::optional<std::string> miss;
    if (!pending_.empty() && !opened_) miss = pending_;
    pending_.clear();
    opened_ = false;
    return miss;
}

}  // namespace hall
