// Line breaking for Chinese, Japanese-style punctuation and Latin words (禁則處理): a line
// never starts with a closing mark (，。、？！）」…) nor ends with an opening one （「“), and
// a Latin word stays whole when it fits a line. ImGui 1.86 breaks CJK text before any
// character, so a question card read "……表扬好窗口" / "？请告诉我们".
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace hall {

// True for marks that must not begin a line (closing brackets, commas, full stops, ...).
bool no_line_start(char32_t c);
// True for marks that must not end a line (opening brackets and quotes).
bool no_line_end(char32_t c);

// text with '\n' inserted (a breaking space becomes the '\n') so that every line is at most
// width wide, measured with advance(codepoint). A single unbreakable run wider than a line
// is cut where it overflows. Existing '\n' are kept. Invalid UTF-8 is returned unchanged.
std::string break_lines(std::string_view text, float width, const std::function<float(char32_t)>& advance);

}  // namespace hall
