#include <catch2/catch.hpp>

#include "core/text.h"
#include "ime/text_field.h"

using namespace hall::ime;

TEST_CASE("TextField counts characters, not bytes, and stops at its limit", "[ime][text]") {
    TextField f(5);
    CHECK(f.counter() == "0/5");
    auto r = f.insert("窗口");
    CHECK(r.accepted == 2);
    CHECK_FALSE(r.truncated);
    CHECK(f.counter() == "2/5");
    r = f.insert("没人在岗位");
    CHECK(r.accepted == 3);
    CHECK(r.truncated);
    CHECK(f.text() == "窗口没人在");
    CHECK(f.full());
    CHECK(f.remaining() == 0);
    r = f.insert("a");
    CHECK(r.accepted == 0);
    CHECK(r.truncated);
    CHECK(f.text() == "窗口没人在");
}

TEST_CASE("TextField drops control characters and keeps stored text valid UTF-8", "[ime][text]") {
    TextField f(100);
    const auto r = f.insert("a\x01\x1b[2Jb\x7f\xC2\x85");
    CHECK(f.text() == "a[2Jb");
    CHECK_FALSE(r.truncated);   // dropped control bytes are not a cut
    f.insert("ok\xFF\xC3");
    CHECK(hall::is_valid_utf8(f.text()));
    CHECK(f.length() == hall::utf8_length(f.text()));

    TextField single(100, false);
    single.insert("line1\nline2\r\n");
    CHECK(single.text() == "line1line2");
    TextField multi(100, true);
    multi.insert("line1\nline2\r\n");
    CHECK(multi.text() == "line1\nline2\n");
}

TEST_CASE("TextField backspace removes one whole character", "[ime][text]") {
    TextField f(10);
    f.insert("A中𠀀");   // 1-, 3- and 4-byte characters
    REQUIRE(f.length() == 3);
    CHECK(f.backspace());
    CHECK(f.text() == "A中");
    CHECK(f.backspace());
    CHECK(f.text() == "A");
    CHECK(f.backspace());
    CHECK_FALSE(f.backspace());
    CHECK(f.length() == 0);
    CHECK(f.text().empty());
}

TEST_CASE("TextField set replaces a draft under the same rules", "[ime][text]") {
    TextField f(3);
    f.insert("xyz");
    const auto r = f.set("一二\x02三四");
    CHECK(f.text() == "一二三");
    CHECK(r.truncated);
    CHECK(f.counter() == "3/3");
}

TEST_CASE("TextField takes new limits when another field takes the keyboard", "[ime][text]") {
    TextField f(10, true);
    f.insert("一二三四五\n六");
    f.set_limits(4, false);
    CHECK(f.text() == "一二三四");
    CHECK(f.counter() == "4/4");
    f.set_limits(20, true);
    CHECK(f.text() == "一二三四");
    CHECK(f.insert("\n").accepted == 1);
}
