#include <catch2/catch.hpp>

#include <algorithm>

#include "support/handwriting.h"
#include "ime/ime_session.h"
#include "ime_test_support.h"

using namespace hall;
using namespace hall::ime;

namespace {

struct Engines {
    std::unique_ptr<PinyinEngine> pinyin;
    std::unique_ptr<HandwritingEngine> handwriting;
    Engines(Lang lang = Lang::Hans) {
        std::string error;
        pinyin = PinyinEngine::open({test::shared_test_rime(), lang, true}, error);
        INFO(error);
        REQUIRE(pinyin);
        handwriting = HandwritingEngine::open(kDefaultHandwritingModel, error);
        INFO(error);
        REQUIRE(handwriting);
        handwriting->set_lang(lang);
    }
};

void press_all(ImeSession& s, std::string_view letters) {
    for (char c : letters) REQUIRE(s.press(std::string(1, c)));
}

std::ptrdiff_t index_of(const CandidateBar& bar, const std::string& text) {
    const auto it = std::find(bar.items.begin(), bar.items.end(), text);
    return it == bar.items.end() ? -1 : it - bar.items.begin();
}

void write(ImeSession& s, const test::WrittenCharacter& ch) {
    for (const auto& stroke : ch.strokes) {
        s.stroke_begin(stroke[0]);
        for (std::size_t i = 1; i < stroke.size(); ++i) s.stroke_move(stroke[i]);
        s.stroke_end();
    }
}

const test::WrittenCharacter& fixture_char(const std::string& c) {
    static const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    return *std::find_if(chars.begin(), chars.end(), [&](const auto& w) { return w.expected == c; });
}

}  // namespace

TEST_CASE("Pinyin keys and a candidate tap land in the field", "[ime][session]") {
    Engines en;
    ImeSession s(en.pinyin.get(), en.handwriting.get(), TextField(200));
    const TextField& field = s.field();
    CHECK(s.mode() == InputMode::Pinyin);
    press_all(s, "chuangkou");
    CHECK(field.text().empty());
    const CandidateBar bar = s.candidates();
    CHECK(bar.preedit == "chuang kou");
    const auto i = index_of(bar, "窗口");
    REQUIRE(i >= 0);
    REQUIRE(s.pick(i));
    CHECK(field.text() == "窗口");
    CHECK(s.candidates().empty());

    // Punctuation while composing commits the first candidate first.
    press_all(s, "meiren");
    const std::string first = s.candidates().items.at(0);
    REQUIRE(s.press("，"));
    CHECK(field.text() == "窗口" + first + "，");

    // Backspace eats pinyin letters before characters.
    press_all(s, "ab");
    REQUIRE(s.backspace());
    REQUIRE(s.backspace());
    CHECK(field.text() == "窗口" + first + "，");
    REQUIRE(s.backspace());
    CHECK(field.text() == "窗口" + first);

    // The apostrophe separates syllables while composing: xi'an is 西安, not xian (先).
    press_all(s, "xi");
    REQUIRE(s.press("'"));
    press_all(s, "an");
    CHECK(en.pinyin->view().input == "xi'an");
    const auto xian = index_of(s.candidates(), "西安");
    REQUIRE(xian >= 0);
    REQUIRE(s.pick(xian));
    CHECK(field.text() == "窗口" + first + "西安");
    for (int k = 0; k < 2; ++k) REQUIRE(s.backspace());

    // Enter commits the letters themselves; space picks the first candidate.
    press_all(s, "ok");
    REQUIRE(s.enter());
    CHECK(field.text() == "窗口" + first + "ok");
    REQUIRE(s.space());
    CHECK(field.text() == "窗口" + first + "ok ");
}

TEST_CASE("Letters and digits modes type directly", "[ime][session]") {
    Engines en;
    ImeSession s(en.pinyin.get(), en.handwriting.get(), TextField(200, false));
    const TextField& field = s.field();
    press_all(s, "ni");
    const std::string ni = s.candidates().items.at(0);
    REQUIRE(s.set_mode(InputMode::Letters));   // keeps the unfinished pinyin: its first candidate
    CHECK(field.text() == ni);
    press_all(s, "Ab");
    REQUIRE(s.set_mode(InputMode::Digits));
    press_all(s, "13800000000");
    CHECK(field.text() == ni + "Ab13800000000");
    CHECK_FALSE(s.enter());   // a single-line field takes no newline
    CHECK(s.candidates().empty());
}

TEST_CASE("The field limit holds against pinyin commits", "[ime][session]") {
    Engines en;
    ImeSession s(en.pinyin.get(), en.handwriting.get(), TextField(3));
    const TextField& field = s.field();
    press_all(s, "ni");
    REQUIRE(s.pick(0));
    press_all(s, "zhongguoren");
    REQUIRE(s.space());
    CHECK(field.full());
    CHECK(s.last_insert_truncated());
    CHECK(field.length() == 3);
    CHECK_FALSE(s.press("a"));   // full: no new composition
    CHECK_FALSE(s.candidates().items.size());
}

TEST_CASE("Handwriting strokes give candidates and a tap writes the character", "[ime][session]") {
    Engines en;
    ImeSession s(en.pinyin.get(), en.handwriting.get(), TextField(200), 300, 300);
    const TextField& field = s.field();
    REQUIRE(s.set_mode(InputMode::Handwriting));
    write(s, fixture_char("中"));
    CHECK(s.ink().strokes().size() == 4);
    const CandidateBar bar = s.candidates();
    const auto i = index_of(bar, "中");
    INFO(bar.items.size());
    REQUIRE(i >= 0);
    CHECK(i < 5);
    REQUIRE(s.pick(i));
    CHECK(field.text() == "中");
    CHECK(s.ink().empty());
    CHECK(s.candidates().empty());

    // Backspace takes back strokes before characters.
    write(s, fixture_char("十"));
    REQUIRE(s.backspace());
    CHECK(s.ink().strokes().size() == 1);
    REQUIRE(s.backspace());
    CHECK(s.ink().empty());
    CHECK(field.text() == "中");
    REQUIRE(s.backspace());
    CHECK(field.text().empty());

    // Space takes the best candidate.
    write(s, fixture_char("口"));
    REQUIRE(s.space());
    CHECK(field.length() == 1);
}

TEST_CASE("The kiosk language switches the pinyin schema and the handwriting script", "[ime][session]") {
    Engines en(Lang::Hans);
    ImeSession s(en.pinyin.get(), en.handwriting.get(), TextField(200), 300, 300);
    const TextField& field = s.field();
    press_all(s, "zhongguo");
    CHECK(s.candidates().items.at(0) == "中国");
    s.set_lang(Lang::Hant);
    CHECK(en.pinyin->schema() == "luna_pinyin");
    press_all(s, "zhongguo");
    CHECK(s.candidates().items.at(0) == "中國");
    REQUIRE(s.space());
    CHECK(field.text() == "中國");

    REQUIRE(s.set_mode(InputMode::Handwriting));
    write(s, fixture_char("门"));
    CHECK(index_of(s.candidates(), "門") >= 0);
    s.set_lang(Lang::Hans);   // re-recognised in the new script
    CHECK(index_of(s.candidates(), "门") >= 0);
    CHECK(index_of(s.candidates(), "門") < 0);
}

TEST_CASE("Without engines the keyboard still types", "[ime][session]") {
    ImeSession s(nullptr, nullptr, TextField(10));
    const TextField& field = s.field();
    CHECK(s.mode() == InputMode::Letters);
    CHECK_FALSE(s.mode_available(InputMode::Pinyin));
    CHECK_FALSE(s.set_mode(InputMode::Handwriting));
    REQUIRE(s.press("h"));
    REQUIRE(s.press("i"));
    CHECK(field.text() == "hi");
}
