// Guide search on the real kiosk (headless), typed on the on-screen keyboard through the
// finger input path: pinyin mode, letters (pinyin initials), handwriting; the no-match
// screen's closest guides and departments; misses counted and sent when the day is over.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "support/handwriting.h"
#include "ime_test_support.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;
using ui::Screen;

namespace {

constexpr const char* kIdCard = "441302-GA-001";
constexpr const char* kHukou = "441302-GA-002";
constexpr const char* kSocialCard = "441302-RS-001";

void open_search(Kiosk& k) {
    k.tap("#home.guides");
    REQUIRE(k.app->screen() == Screen::Guides);
    k.tap("#guides.search");
}

const std::string& query(Kiosk& k) { return k.app->guides_state().query; }
const std::vector<std::string>& results(Kiosk& k) { return k.app->guides_state().results; }

// Ends on the guide: closes the keyboard, taps the result card, checks the detail screen.
void open_result(Kiosk& k, const std::string& code) {
    k.tap("#key.done");
    k.tap("#guide." + code);
    REQUIRE(k.app->screen() == Screen::GuideDetail);
    const Guide* g = nullptr;
    const auto bundle = k.app->guide_store().load();
    REQUIRE(bundle);
    for (const auto& x : bundle->guides)
        if (x.code == code) g = &x;
    REQUIRE(g);
    CHECK(k.shows(g->name[Lang::Hans]));
}

void write_on_pad(Kiosk& k, const std::string& c) {
    static const auto chars = test::load_handwriting_fixture(test::fixture("handwriting.txt"));
    const auto it = std::find_if(chars.begin(), chars.end(), [&](const auto& w) { return w.expected == c; });
    REQUIRE(it != chars.end());
    k.write_on_pad(*it);
}

}  // namespace

TEST_CASE("pinyin mode: shebao, a tapped candidate, and the social security card guide", "[search][ui]") {
    Kiosk k;
    REQUIRE(k.app->ime().pinyin);
    open_search(k);
    k.keys("shebao");
    const auto cands = k.candidate_labels();
    INFO(cands.size());
    REQUIRE(std::find(cands.begin(), cands.end(), "社保") != cands.end());
    k.tap("社保");
    CHECK(query(k) == "社保");
    REQUIRE_FALSE(results(k).empty());
    CHECK(results(k).front() == kSocialCard);  // an alias (社保卡) prefix, not a materials list
    open_result(k, kSocialCard);
}

TEST_CASE("letters mode: pinyin initials sfz find the identity card guide first", "[search][ui]") {
    Kiosk k;
    open_search(k);
    k.tap("#key.letters");
    k.keys("sf");
    REQUIRE_FALSE(results(k).empty());  // a prefix while typing already finds it
    k.keys("z");
    CHECK(query(k) == "sfz");
    REQUIRE_FALSE(results(k).empty());
    CHECK(results(k).front() == kIdCard);
    open_result(k, kIdCard);
    // Opened from "sfz": counted locally (query and guide, nothing else).
    CHECK(k.count("SELECT count FROM search_open WHERE query = 'sfz' AND code = '441302-GA-001'") == 1);
}

TEST_CASE("handwriting mode: 口 written on the pad finds the hukou transfer guide", "[search][ui]") {
    Kiosk k;
    REQUIRE(k.app->ime().handwriting);
    open_search(k);
    k.tap("#key.handwriting");
    write_on_pad(k, "口");
    const auto cands = k.candidate_labels();
    INFO(cands.size());
    REQUIRE(std::find(cands.begin(), cands.end(), "口") != cands.end());
    k.tap("口");
    CHECK(query(k) == "口");
    REQUIRE_FALSE(results(k).empty());
    CHECK(results(k).front() == kHukou);
    open_result(k, kHukou);
}

TEST_CASE("no match is never a dead end: closest guides by sound, departments, plain words", "[search][ui]") {
    Kiosk k;
    open_search(k);
    k.driver->type("身分证");  // the Taiwanese spelling: no guide has it
    CHECK(results(k).empty());
    CHECK(k.shows("#guides.no_match"));
    CHECK(k.shows("#guides.closest"));
    CHECK(k.shows("#guides.ask_desk"));
    CHECK(k.shows("#closest_dept.public_security"));
    k.tap("#key.done");
    k.tap(std::string("#closest.") + kIdCard);
    CHECK(k.app->screen() == Screen::GuideDetail);

    // Nothing close at all: every department is offered; one tap lists its guides.
    k.tap("#common.back");
    REQUIRE(k.app->screen() == Screen::Guides);
    k.tap("#guides.search");
    for (int i = 0; i < 3; ++i) k.tap("#key.backspace");
    k.driver->type("~~~");
    CHECK(results(k).empty());
    CHECK_FALSE(k.shows("#guides.closest"));
    CHECK(k.shows("#closest_dept.environment"));
    k.tap("#key.done");
    k.tap("#closest_dept.environment");
    CHECK(query(k).empty());
    REQUIRE(results(k).size() == 3);
    for (const auto& code : results(k)) CHECK(code.find("-HB-") != std::string::npos);
}

TEST_CASE("search misses: counted per day without personal numbers, sent when the day is over", "[search][ui][misses]") {
    Kiosk k;
    open_search(k);
    k.driver->type("护照");
    k.tap("#key.done");
    k.tap("#common.home");
    open_search(k);
    k.driver->type("13800138000");  // a phone number is never kept
    k.tap("#key.done");
    k.tap("#common.home");
    open_search(k);
    k.driver->type("社保卡");      // found and opened: not a miss
    open_result(k, kSocialCard);
    k.tap("#common.home");
    CHECK(k.count("SELECT COUNT(*) FROM search_miss") == 1);
    CHECK(k.count("SELECT count FROM search_miss WHERE query = '护照'") == 1);
    CHECK(k.count("SELECT COUNT(*) FROM search_miss WHERE query LIKE '%138%'") == 0);
    CHECK(k.count("SELECT COUNT(*) FROM outbox WHERE kind = 'search_miss'") == 0);  // today is not over

    k.clock.advance(24LL * 3600 * 1000);  // the next day
    k.driver->frames(3);
    CHECK(k.count("SELECT COUNT(*) FROM search_miss") == 0);
    CHECK(k.count("SELECT COUNT(*) FROM outbox WHERE kind = 'search_miss'") == 1);
    auto st = k.app->db().prepare("SELECT payload FROM outbox WHERE kind = 'search_miss'");
    REQUIRE(st.step());
    const auto j = nlohmann::json::parse(st.text(0));
    CHECK(j["query"] == "护照");
    CHECK(j["count"] == 1);
    CHECK(j["hall_id"] == k.config.hall.id);
}
