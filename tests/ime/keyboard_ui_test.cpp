// The IME keyboard in the real kiosk App (headless), driven by finger taps and strokes
// through the same input path as the touch panel.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <algorithm>

#include "core/text.h"
#include "support/handwriting.h"
#include "ime/pinyin_engine.h"
#include "ime_test_support.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;

namespace {

const std::string& draft(Kiosk& k) { return k.app->feedback_state().draft.text; }

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

// Every code point of s has a real glyph in the body font (not the fallback, not a box).
void check_glyphs(Kiosk& k, const std::string& s) {
    ImFont* font = k.app->fonts().body();
    for (char32_t cp : decode_utf8(s)) {
        INFO("U+" << std::hex << static_cast<unsigned>(cp) << " of " << s);
        CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
}

const test::WrittenCharacter& fixture_char(const std::string& c) {
    static const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    return *std::find_if(chars.begin(), chars.end(), [&](const auto& w) { return w.expected == c; });
}

}  // namespace

TEST_CASE("Pinyin keys, a tapped candidate and the committed text in the feedback field", "[ime][keyboard]") {
    Kiosk k;
    REQUIRE(k.app->ime().pinyin);
    k.open_feedback_text();
    k.keys("chuangkou");
    CHECK(draft(k).empty());   // still composing
    CHECK(k.shows("chuang kou"));   // the preedit
    const auto cands = k.candidate_labels();
    INFO(cands.size());
    REQUIRE(contains(cands, "窗口"));
    k.tap("窗口");   // by its visible label, as a citizen sees it
    CHECK(draft(k) == "窗口");
    CHECK_FALSE(k.app->registry().find("#key.cand.0").widget);   // the bar is back to digits

    k.keys("meiren");
    k.tap("#key.space");   // the first candidate
    const std::string after = draft(k);
    CHECK(after.rfind("窗口", 0) == 0);
    CHECK(utf8_length(after) == 4);
    k.tap("#key.。");
    CHECK(draft(k) == after + "。");
    k.tap("#key.backspace");
    CHECK(draft(k) == after);

    // Every character shown in candidates or text has a glyph once the atlas caught up.
    k.driver->frames(2);
    check_glyphs(k, draft(k));
    CHECK(k.app->fonts().stats().unrenderable == 0);
}

TEST_CASE("The candidate bar pages through candidates and new glyphs reach the atlas", "[ime][keyboard]") {
    Kiosk k;
    k.open_feedback_text();
    k.keys("shi");
    const auto first = k.candidate_labels();
    REQUIRE(first.size() >= 5);
    k.driver->frames(2);
    // The next pages' characters went into the atlas with this one, before they are shown.
    const auto upcoming = k.app->ime().pinyin->view().upcoming;
    REQUIRE(upcoming.size() >= 9);
    for (const auto& c : upcoming) check_glyphs(k, c);
    k.tap("#key.page_down");
    const auto second = k.candidate_labels();
    REQUIRE_FALSE(second.empty());
    CHECK(second != first);
    for (const auto& c : second) CHECK_FALSE(contains(first, c));
    CHECK(std::vector<std::string>(upcoming.begin(), upcoming.begin() + second.size()) == second);
    k.tap("#key.cand.0");
    CHECK(draft(k) == second[0]);
}

TEST_CASE("Done or a mode switch while composing keeps the first candidate", "[ime][keyboard]") {
    Kiosk k;
    k.open_feedback_text();
    k.keys("nihao");
    const auto cands = k.candidate_labels();
    REQUIRE_FALSE(cands.empty());
    k.tap("#key.done");
    CHECK(draft(k) == cands[0]);
    CHECK(k.app->feedback_state().focus == ui::FeedbackState::Field::None);

    // So does switching to handwriting in the middle of a word.
    k.tap("#feedback.text");
    k.keys("fuwu");
    const auto fuwu = k.candidate_labels();
    REQUIRE_FALSE(fuwu.empty());
    k.tap("#key.handwriting");
    CHECK(draft(k) == cands[0] + fuwu[0]);
}

TEST_CASE("The Traditional kiosk language switches the keyboard to Traditional pinyin", "[ime][keyboard]") {
    Kiosk k;
    k.tap("#lang.zh-Hant");
    k.open_feedback_text();
    k.keys("zhongguo");
    const auto cands = k.candidate_labels();
    REQUIRE_FALSE(cands.empty());
    CHECK(cands[0] == "中國");
    k.tap("中國");
    CHECK(draft(k) == "中國");
    REQUIRE(k.app->ime().pinyin);
    CHECK(k.app->ime().pinyin->schema() == "luna_pinyin");
}

TEST_CASE("Handwriting on the pad gives candidates and a tap writes the character", "[ime][keyboard]") {
    Kiosk k;
    REQUIRE(k.app->ime().handwriting);
    k.open_feedback_text();
    k.tap("#key.handwriting");
    k.write_on_pad(fixture_char("中"));
    const auto cands = k.candidate_labels();
    INFO(cands.size());
    REQUIRE(contains(cands, "中"));
    k.driver->frames(2);
    for (const auto& c : cands) check_glyphs(k, c);
    k.tap("中");
    CHECK(draft(k) == "中");
    CHECK(k.candidate_labels().empty());   // the pad is clear for the next character

    // No stroke ever pressed a key under the pad: only the character went in.
    k.write_on_pad(fixture_char("口"));
    k.tap("#key.rewrite");
    CHECK(k.candidate_labels().empty());
    CHECK(draft(k) == "中");
}

TEST_CASE("A case-number field starts in letters and the text field in pinyin", "[ime][keyboard]") {
    Kiosk k;
    k.open_feedback_text();
    k.tap("#feedback.case_number");
    k.keys("a005");
    CHECK(k.app->feedback_state().draft.case_number == "a005");
    k.tap("#feedback.text");
    k.keys("ni");
    CHECK(draft(k).empty());
    CHECK_FALSE(k.candidate_labels().empty());
}

TEST_CASE("The next citizen never sees the last one's half-typed pinyin", "[ime][keyboard]") {
    Kiosk k;
    k.open_feedback_text();
    k.keys("mingzi");
    REQUIRE(k.app->ime().pinyin->view().composing());
    k.driver->wait_ms((k.config.kiosk.idle_timeout_s + k.config.kiosk.idle_countdown_s) * 1000 + 1000);
    REQUIRE(k.app->screen() == ui::Screen::Home);
    CHECK_FALSE(k.app->ime().pinyin->view().composing());
    k.open_feedback_text();
    CHECK(draft(k).empty());
    CHECK(k.candidate_labels().empty());
}

TEST_CASE("In the kiosk's mode the engines load on a worker when the feedback flow opens and leave at the idle reset", "[ime][keyboard]") {
    Kiosk k(std::string(HALL_TEST_CONFIG) + "/demo-hall.toml", test::KioskOptions{"", true});
    CHECK_FALSE(k.app->ime().pinyin);   // the start does not pay for them
    CHECK_FALSE(k.app->ime().handwriting);
    k.tap("#home.feedback");
    // Loading (a first start also deploys the schemas) runs while the citizen picks a window;
    // the UI keeps drawing frames meanwhile.
    k.wait_for_ime();
    REQUIRE(k.app->ime().pinyin);
    REQUIRE(k.app->ime().handwriting);
    k.open_feedback_text(false);
    k.keys("chuangkou");
    REQUIRE(contains(k.candidate_labels(), "窗口"));
    k.tap("窗口");
    CHECK(draft(k) == "窗口");
    // Nobody there: the idle reset sends the kiosk Home and the engines leave memory.
    k.driver->wait_ms((k.config.kiosk.idle_timeout_s + k.config.kiosk.idle_countdown_s) * 1000 + 1000);
    CHECK(k.app->screen() == ui::Screen::Home);
    CHECK_FALSE(k.app->ime().pinyin);
    CHECK_FALSE(k.app->ime().handwriting);
    // The next citizen's text field loads them again.
    k.tap("#home.guides");
    k.wait_for_ime();
    CHECK(k.app->ime().pinyin);
}
