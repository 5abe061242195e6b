#include <catch2/catch.hpp>

#include "core/text.h"

using namespace hall;

TEST_CASE("UTF-8 validation accepts Chinese and rejects malformed bytes", "[text]") {
    CHECK(is_valid_utf8("辦事指南 guide"));
    CHECK_FALSE(is_valid_utf8("\xC3"));           // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));       // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));   // surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // > U+10FFFF
}

TEST_CASE("sanitize_text drops control characters, repairs bytes and cuts by characters", "[text]") {
    CHECK(sanitize_text("窗口\x01没人\x7F", 100) == "窗口没人");
    CHECK(sanitize_text("a\nb", 100, true) == "a\nb");
    CHECK(sanitize_text("a\nb", 100, false) == "ab");
    CHECK(sanitize_text("一二三四五", 3) == "一二三");
    const std::string repaired = sanitize_text("ok\xFF", 10);
    CHECK(is_valid_utf8(repaired));
    CHECK(repaired == "ok\xEF\xBF\xBD");
}

TEST_CASE("pop_utf8 removes one whole character", "[text]") {
    std::string s = "ab窗";
    pop_utf8(s);
    CHECK(s == "ab");
    pop_utf8(s);
    CHECK(s == "a");
    CHECK(utf8_length("窗口A") == 3);
}
