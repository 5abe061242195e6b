#pragma once
// The text a citizen is writing (a feedback description, a name): what every on-screen
// keyboard key and IME commit edits. Always valid UTF-8, never a control character, never
// longer than its limit; the counter ("12/500") is what the field shows under itself.
#include <cstddef>
#include <string>
#include <string_view>

namespace hall::ime {

struct InsertResult {
    std::size_t accepted = 0;   // code points added
    bool truncated = false;     // some of the text did not fit: the UI flashes the counter
};

class TextField {
public:
    explicit TextField(std::size_t max_chars, bool multiline = true)
        : max_chars_(max_chars), multiline_(multiline) {}

    // Appends text after sanitize_text: invalid bytes become U+FFFD, control characters are
    // dropped (newline kept in a multi-line field), and what passes the limit is cut.
    InsertResult insert(std::string_view text);
    // Removes the last whole character; false when empty.
    bool backspace();
    void clear() { text_.clear(); length_ = 0; }
    // Replaces the whole text (a restored draft), with the same rules as insert().
    InsertResult set(std::string_view text);
    // Another field takes the keyboard: new limits (the text is cut to them).
    void set_limits(std::size_t max_chars, bool multiline);

    const std::string& text() const { return text_; }
    std::size_t length() const { return length_; }   // code points
    std::size_t max_chars() const { return max_chars_; }
    std::size_t remaining() const { return max_chars_ - length_; }
    bool full() const { return length_ >= max_chars_; }
    bool multiline() const { return multiline_; }
    std::string counter() const;   // "12/500"

private:
    std::string text_;
    std::size_t length_ = 0;
    std::size_t max_chars_;
    bool multiline_;
};

}  // namespace hall::ime
