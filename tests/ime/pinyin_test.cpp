#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "core/text.h"
#include "ime/ime_libraries.h"
#include "ime/pinyin_engine.h"
#include "ime_test_support.h"

using namespace hall;
using namespace hall::ime;

namespace {

std::unique_ptr<PinyinEngine> open_engine(Lang lang) {
    std::string error;
    auto engine = PinyinEngine::open({test::shared_test_rime(), lang, true}, error);
    INFO(error);
    REQUIRE(engine);
    return engine;
}

void type(PinyinEngine& e, std::string_view letters) {
    for (char c : letters) REQUIRE(e.key(c));
}

bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + " ";
    return s;
}

}  // namespace

TEST_CASE("Typing nihao offers 你好 and picking it commits 你好", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    CHECK(detail::rime_library_mapped());   // opened with dlopen by the engine (not linked: see ime.not_linked)
    CHECK(e->schema() == "pinyin_simp");
    type(*e, "nihao");
    const PinyinView& v = e->view();
    CHECK(v.input == "nihao");
    CHECK(v.preedit == "ni hao");
    INFO(joined(v.candidates));
    REQUIRE(has(v.candidates, "你好"));
    CHECK(v.candidates.size() <= std::size_t(kCandidatesPerPage));
    const auto index = std::find(v.candidates.begin(), v.candidates.end(), "你好") - v.candidates.begin();
    CHECK(e->take_commit().empty());   // nothing committed while composing
    REQUIRE(e->pick(index));
    CHECK(e->take_commit() == "你好");
    CHECK(e->take_commit().empty());   // taken once
    CHECK_FALSE(e->view().composing());
    CHECK(e->view().candidates.empty());
}

TEST_CASE("A full page has nine candidates and pages move through the list", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    type(*e, "shi");
    const auto first = e->view().candidates;
    REQUIRE(first.size() == std::size_t(kCandidatesPerPage));
    CHECK(e->view().page == 0);
    CHECK_FALSE(e->view().last_page);
    CHECK_FALSE(e->page_up());   // already on the first page

    // The next pages are known ahead (for the font atlas) and are what paging shows.
    const auto upcoming = e->view().upcoming;
    REQUIRE(upcoming.size() >= std::size_t(kCandidatesPerPage));
    REQUIRE(e->page_down());
    CHECK(e->view().page == 1);
    const auto second = e->view().candidates;
    CHECK(std::vector<std::string>(upcoming.begin(), upcoming.begin() + second.size()) == second);
    REQUIRE_FALSE(second.empty());
    for (const auto& c : second) CHECK_FALSE(has(first, c));

    // A pick on page 2 commits that page's candidate.
    REQUIRE(e->pick(0));
    CHECK(e->take_commit() == second[0]);

    type(*e, "shi");
    REQUIRE(e->page_down());
    REQUIRE(e->page_up());
    CHECK(e->view().page == 0);
    CHECK(e->view().candidates == first);
}

TEST_CASE("The Traditional schema gives Traditional characters", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hant);
    CHECK(e->schema() == "luna_pinyin");
    type(*e, "zhongguo");
    INFO(joined(e->view().candidates));
    CHECK(e->view().candidates.at(0) == "中國");
    CHECK_FALSE(has(e->view().candidates, "中国"));
    REQUIRE(e->confirm());
    CHECK(e->take_commit() == "中國");
}

TEST_CASE("Switching the kiosk language switches the schema", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    type(*e, "zhongguo");
    CHECK(e->view().candidates.at(0) == "中国");

    REQUIRE(e->set_lang(Lang::Hant));
    CHECK(e->schema() == "luna_pinyin");
    CHECK_FALSE(e->view().composing());   // the switch drops the half-typed word
    type(*e, "zhongguo");
    CHECK(e->view().candidates.at(0) == "中國");

    REQUIRE(e->set_lang(Lang::En));       // English screens type Simplified
    CHECK(e->schema() == "pinyin_simp");
    type(*e, "zhongguo");
    CHECK(e->view().candidates.at(0) == "中国");
}

TEST_CASE("A pick that covers part of the letters keeps composing the rest", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    type(*e, "nihaoma");
    // Find 你好 alone (not 你好吗) among the candidates of the first page or two.
    std::ptrdiff_t index = -1;
    for (int page = 0; page < 3 && index < 0; ++page) {
        const auto& c = e->view().candidates;
        const auto it = std::find(c.begin(), c.end(), "你好");
        if (it != c.end()) index = it - c.begin();
        else if (!e->page_down()) break;
    }
    REQUIRE(index >= 0);
    REQUIRE(e->pick(index));
    CHECK(e->take_commit().empty());   // 'ma' is still open
    CHECK(e->view().composing());
    REQUIRE_FALSE(e->view().candidates.empty());
    const std::string ma = e->view().candidates[0];
    REQUIRE(e->confirm());
    CHECK(e->take_commit() == "你好" + ma);
}

TEST_CASE("Backspace, enter and clear while composing", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    CHECK_FALSE(e->backspace());   // nothing composed: the field deletes instead
    type(*e, "nihaox");
    REQUIRE(e->backspace());
    CHECK(e->view().input == "nihao");
    REQUIRE(e->commit_letters());
    CHECK(e->take_commit() == "nihao");

    type(*e, "zhong");
    e->clear();
    CHECK_FALSE(e->view().composing());
    CHECK(e->take_commit().empty());

    CHECK_FALSE(e->key('1'));
    CHECK_FALSE(e->key(' '));
    CHECK_FALSE(e->key('\''));   // a separator needs letters before it
    type(*e, "XI'AN");           // capitals fold to lower case
    CHECK(e->view().input == "xi'an");
    INFO(joined(e->view().candidates));
    CHECK(has(e->view().candidates, "西安"));
}

TEST_CASE("Pinyin input is capped", "[ime][pinyin]") {
    auto e = open_engine(Lang::Hans);
    std::size_t taken = 0;
    for (int i = 0; i < 100; ++i) taken += e->key("zhongguo"[i % 8]) ? 1 : 0;
    CHECK(taken == PinyinEngine::kMaxInput);
    CHECK(e->view().input.size() == PinyinEngine::kMaxInput);
}

TEST_CASE("Only one pinyin engine is open at a time, and it can be reopened", "[ime][pinyin]") {
    {
        auto first = open_engine(Lang::Hans);
        std::string error;
        auto second = PinyinEngine::open({test::shared_test_rime(), Lang::Hans, true}, error);
        CHECK_FALSE(second);
        CHECK(error.find("already open") != std::string::npos);
        type(*first, "ni");   // the first is unharmed
        CHECK_FALSE(first->view().candidates.empty());
    }
    auto again = open_engine(Lang::Hant);   // after a finalize, rime starts again
    type(*again, "nihao");
    CHECK(has(again->view().candidates, "你好"));
}

TEST_CASE("The kiosk never learns what citizens type", "[ime][pinyin]") {
    const auto rime = test::shared_test_rime();
    {
        auto e = open_engine(Lang::Hans);
        type(*e, "shi");
        const auto before = e->view().candidates;
        REQUIRE(before.size() == std::size_t(kCandidatesPerPage));
        // The last candidate on the page, picked again and again: a learning IME would
        // move it up.
        const std::string rare = before.back();
        for (int i = 0; i < 5; ++i) {
            REQUIRE(e->pick(before.size() - 1));
            CHECK(e->take_commit() == rare);
            type(*e, "shi");
        }
        CHECK(e->view().candidates == before);
    }
    for (const auto& entry : std::filesystem::directory_iterator(rime.user_dir))
        CHECK(entry.path().extension() != ".userdb");
}
