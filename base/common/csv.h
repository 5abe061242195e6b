#pragma once
// The project's one CSV writer (manager exports on the kiosk, `hall-hub export`): RFC 4180
// quoting, and the spreadsheet formula guard, because exported complaint texts are citizen
// input that Excel or WPS would otherwise run ("=HYPERLINK(...)").
#include <string>
#include <string_view>
#include <vector>

namespace hall {

// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled); text that
// a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe.
std::string csv_field(std::string_view s);
std::string csv_line(const std::vector<std::string>& fields);  // ends with CRLF
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
// Parses CSV as written above (for tests and re-import checks); BOM skipped.
std::vector<std::vector<std::string>> parse_csv(std::string_view text);

}  // namespace hall
