#include <catch2/catch.hpp>

#include <sstream>

#include "core/line_break.h"
#include "core/text.h"

using namespace hall;

namespace {

// Every character one unit wide, as a monospace CJK font's ideographs are.
float one(char32_t) { return 1.f; }

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace

TEST_CASE("a closing mark never starts a line: the character before it comes down with it", "[text]") {
    // The home card's text at a width where a plain cut puts "？" first on the second line.
    const std::string s = "窗口没人、态度不好、来回跑？或者想表扬好窗口？请告诉我们";
    const auto out = break_lines(s, 21, one);
    const auto lines = lines_of(out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "窗口没人、态度不好、来回跑？或者想表扬好窗");
    CHECK(lines[1] == "口？请告诉我们");
    for (const auto& l : lines) {
        CHECK(utf8_length(l) <= 21);
        CHECK_FALSE(no_line_start(decode_utf8(l).front()));
    }
}

TEST_CASE("an opening bracket never ends a line", "[text]") {
    const auto lines = lines_of(break_lines("携带本人（身份证）原件", 5, one));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "携带本人");
    CHECK(lines[1] == "（身份证）");
    CHECK(lines[2] == "原件");
}

TEST_CASE("Latin words stay whole and the breaking space goes", "[text]") {
    CHECK(break_lines("Find a service guide", 8, one) == "Find a\nservice\nguide");
    // Between Latin and Chinese a line may break without a space.
    CHECK(break_lines("ID卡办理", 3, one) == "ID卡\n办理");
}

TEST_CASE("a word longer than a line is cut where it overflows; short text and newlines are kept", "[text]") {
    CHECK(break_lines("abcdefghij", 4, one) == "abcd\nefgh\nij");
    CHECK(break_lines("短", 10, one) == "短");
    CHECK(break_lines("第一行\n第二行", 10, one) == "第一行\n第二行");
    CHECK(break_lines("一二三四五六", 0, one) == "一二三四五六");  // no width: unchanged
    const std::string bad = "\xff\xfe";
    CHECK(break_lines(bad, 1, one) == bad);
}
