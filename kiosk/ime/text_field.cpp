#include "ime/text_field.h"

#include "core/text.h"

namespace hall::ime {

InsertResult TextField::insert(std::string_view text) {
    InsertResult r;
    // Everything that would survive with no limit, to tell a cut from a dropped control byte.
    const std::string clean = sanitize_text(text, text.size(), multiline_);
    const std::string fits = sanitize_text(clean, remaining(), multiline_);
    r.accepted = utf8_length(fits);
    r.truncated = fits.size() < clean.size();
    text_ += fits;
    length_ += r.accepted;
    return r;
}

bool TextField::backspace() {
    if (text_.empty()) return false;
    pop_utf8(text_);
    --length_;
    return true;
}

InsertResult TextField::set(std::string_view text) {
    clear();
    return insert(text);
}

void TextField::set_limits(std::size_t max_chars, bool multiline) {
    if (max_chars == max_chars_ && multiline == multiline_) return;
    max_chars_ = max_chars;
    multiline_ = multiline;
    const std::string old = text_;
    set(old);
}

std::string TextField::counter() const {
    return std::to_string(length_) + "/" + std::to_string(max_chars_);
}

}  // namespace hall::ime
