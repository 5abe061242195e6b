#include <catch2/catch.hpp>

#include <algorithm>

#include "support/handwriting.h"
#include "ime/handwriting_engine.h"
#include "ime/ime_libraries.h"
#include "ime_test_support.h"

using namespace hall;
using namespace hall::ime;

namespace {

std::unique_ptr<HandwritingEngine> open_engine() {
    std::string error;
    auto engine = HandwritingEngine::open(kDefaultHandwritingModel, error);
    INFO(error);
    REQUIRE(engine);
    return engine;
}

std::string joined(const std::vector<HandwritingCandidate>& cs) {
    std::string s;
    for (const auto& c : cs) s += c.text + " ";
    return s;
}

std::size_t rank_of(const std::vector<HandwritingCandidate>& cs, const std::string& text) {
    return std::find_if(cs.begin(), cs.end(), [&](const auto& c) { return c.text == text; }) - cs.begin();
}

}  // namespace

TEST_CASE("Handwritten fixture characters are among the top 5 candidates", "[ime][handwriting]") {
    auto engine = open_engine();
    CHECK(detail::zinnia_library_mapped());   // opened with dlopen by the engine (not linked: see ime.not_linked)
    CHECK(engine->model_size() > 6000);   // the GB2312 model
    const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    REQUIRE(chars.size() >= 4);
    for (const auto& ch : chars) {
        const auto cs = engine->recognize(ch.strokes, ch.width, ch.height, 10);
        INFO("fixture line " << ch.line << " " << ch.expected << " -> " << joined(cs));
        REQUIRE_FALSE(cs.empty());
        CHECK(rank_of(cs, ch.expected) < 5);
        for (std::size_t i = 1; i < cs.size(); ++i) CHECK(cs[i - 1].score >= cs[i].score);
    }
}

TEST_CASE("Handwriting candidates follow the kiosk script", "[ime][handwriting]") {
    auto engine = open_engine();
    REQUIRE(engine->traditional_available());
    const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    const auto men = std::find_if(chars.begin(), chars.end(), [](const auto& c) { return c.expected == "门"; });
    REQUIRE(men != chars.end());

    engine->set_lang(Lang::Hans);
    auto cs = engine->recognize(men->strokes, men->width, men->height, 10);
    INFO("Simplified: " << joined(cs));
    CHECK(rank_of(cs, "门") < 5);
    CHECK(rank_of(cs, "門") == cs.size());

    engine->set_lang(Lang::Hant);
    cs = engine->recognize(men->strokes, men->width, men->height, 10);
    INFO("Traditional: " << joined(cs));
    CHECK(rank_of(cs, "門") < 5);
    CHECK(rank_of(cs, "门") == cs.size());
    // No duplicates after conversion.
    for (std::size_t i = 0; i < cs.size(); ++i)
        for (std::size_t j = i + 1; j < cs.size(); ++j) CHECK(cs[i].text != cs[j].text);
}

TEST_CASE("Handwriting scales with the pad and ignores empty ink", "[ime][handwriting]") {
    auto engine = open_engine();
    const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    const auto& da = *std::find_if(chars.begin(), chars.end(), [](const auto& c) { return c.expected == "大"; });
    // The same character written on a pad twice the size, through Ink.
    Ink ink(da.width * 2, da.height * 2);
    for (const auto& s : da.strokes) {
        ink.begin_stroke({s[0].x * 2, s[0].y * 2});
        for (std::size_t i = 1; i < s.size(); ++i) ink.add_point({s[i].x * 2, s[i].y * 2});
        ink.end_stroke();
    }
    const auto cs = engine->recognize(ink, 5);
    INFO(joined(cs));
    CHECK(rank_of(cs, "大") < 5);
    CHECK(cs.size() <= 5);

    CHECK(engine->recognize(Ink(300, 300)).empty());
    CHECK(engine->recognize(da.strokes, 0, 0).empty());
}

TEST_CASE("A character written small in a corner of the pad is still recognised", "[ime][handwriting]") {
    auto engine = open_engine();
    const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    std::size_t found = 0;
    for (const auto& ch : chars) {
        // A third of the size, in the bottom-left corner.
        std::vector<Stroke> small;
        for (const auto& s : ch.strokes) {
            Stroke t;
            for (const auto& p : s) t.push_back({p.x / 3 + 5, p.y / 3 + ch.height * 2 / 3 - 5});
            small.push_back(t);
        }
        const auto cs = engine->recognize(small, ch.width, ch.height, 10);
        INFO("fixture line " << ch.line << " " << ch.expected << " small -> " << joined(cs));
        CHECK(rank_of(cs, ch.expected) < 5);
        found += rank_of(cs, ch.expected) < 5;
    }
    CHECK(found == chars.size());
}

TEST_CASE("A missing handwriting model is a clear error", "[ime][handwriting]") {
    std::string error;
    auto engine = HandwritingEngine::open("/nonexistent/handwriting.model", error);
    CHECK_FALSE(engine);
    CHECK(error.find("/nonexistent/handwriting.model") != std::string::npos);
    CHECK(error.find("tegaki-zinnia-simplified-chinese") != std::string::npos);
}
