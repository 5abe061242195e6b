#pragma once
// UTF-8 helpers for everything a citizen types or a bundle carries.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hall {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Decodes s into code points; invalid bytes become U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view s);
void append_utf8(std::string& out, char32_t cp);
std::string encode_utf8(const std::vector<char32_t>& cps);

// Number of code points (what a citizen perceives as characters for CJK text).
std::size_t utf8_length(std::string_view s);

// Makes typed or imported text safe to store: invalid bytes replaced, control characters
// dropped (newline kept when allow_newline), then cut to max_chars code points.
std::string sanitize_text(std::string_view s, std::size_t max_chars, bool allow_newline = true);

// Removes the last code point (the on-screen keyboard's backspace).
void pop_utf8(std::string& s);

std::string trim(std::string_view s);

}  // namespace hall
