#include <catch2/catch.hpp>

#include <fstream>

#include "content/bundle.h"
#include "common/files.h"
#include "core/ids.h"
#include "core/text.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;
using ui::Screen;

TEST_CASE("a citizen finds a guide by a Chinese substring and opens it", "[ui][guides]") {
    Kiosk k;
    k.tap("办事指南");
    REQUIRE(k.app->screen() == Screen::Guides);
    const auto all = k.app->guides_state().results.size();
    CHECK(all >= 30);
    k.tap("#guides.search");
    k.driver->type("身份");  // two characters: no trigram, still found
    CHECK(k.app->guides_state().results.size() < all);
    k.driver->type("证");    // the results follow every keystroke
    const auto& results = k.app->guides_state().results;
    REQUIRE_FALSE(results.empty());
    for (const auto& code : results) INFO(code);
    REQUIRE(k.shows("居民身份证换领"));
    k.tap("#key.done");
    k.tap("居民身份证换领");
    REQUIRE(k.app->screen() == Screen::GuideDetail);
    CHECK(k.shows("申请材料（请一次带齐）"));
    CHECK(k.shows("#guide.qr.checklist"));
    CHECK(k.shows("最近更新："));
}

TEST_CASE("a Traditional query finds the same guide", "[ui][guides]") {
    Kiosk k;
    k.tap("#home.guides");
    k.tap("#guides.search");
    k.driver->type("身份證");
    REQUIRE_FALSE(k.app->guides_state().results.empty());
    k.driver->type("xyz不存在");
    CHECK(k.app->guides_state().results.empty());
    CHECK(k.shows("#guides.no_match"));
}

TEST_CASE("browsing by department narrows the list", "[ui][guides]") {
    Kiosk k;
    k.tap("#home.guides");
    k.tap("#dept.public_security");
    const auto& r = k.app->guides_state().results;
    REQUIRE(r.size() >= 3);
    for (const auto& code : r) CHECK(code.find("-GA-") != std::string::npos);
}

TEST_CASE("one feedback of each category lands as exactly one row each", "[ui][feedback]") {
    Kiosk k;
    for (Category c : all_categories()) {
        const std::string key(category_key(c));
        INFO(key);
        k.tap("#home.feedback");
        REQUIRE(k.app->screen() == Screen::Feedback);
        k.tap("#feedback.window.w05");
        k.tap("#feedback.next");
        k.tap("#category." + key);
        k.tap("#feedback.next");
        k.tap(c == Category::Praise ? "#rate.overall.very_satisfied" : "#rate.overall.dissatisfied");
        k.tap("#feedback.next");
        k.tap("#feedback.next");  // details are optional
        k.tap("#feedback.submit");
        REQUIRE(k.app->screen() == Screen::Thanks);
        k.tap("#thanks.done");
        REQUIRE(k.app->screen() == Screen::Home);
    }
    CHECK(k.count("SELECT COUNT(*) FROM feedback") == kCategoryCount);
    CHECK(k.count("SELECT COUNT(*) FROM outbox") == kCategoryCount);
    for (Category c : all_categories()) {
        INFO(category_key(c));
        CHECK(k.count("SELECT COUNT(*) FROM feedback_category WHERE category = '" + std::string(category_key(c)) + "'") == 1);
    }
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE window_id = 'w05' AND phone = ''") == kCategoryCount);
}

TEST_CASE("the queue board reports an empty window in one flow and the record says so", "[ui][queue][feedback]") {
    Kiosk k;
    k.tap("#home.queue");
    REQUIRE(k.app->screen() == Screen::Queue);
    k.tap("#queue.window.w07");
    k.tap("#queue.report_empty");
    REQUIRE(k.app->screen() == Screen::Feedback);
    CHECK(k.app->feedback_state().draft.window_id == "w07");
    CHECK(k.app->feedback_state().draft.has(Category::EmptyWindow));
    k.tap("#rate.overall.very_dissatisfied");
    k.tap("#feedback.next");
    // A call-back number, typed on the keypad, validated.
    k.tap("#feedback.callback");
    k.tap("#feedback.phone");
    k.keys("12345");
    k.tap("#feedback.next");
    CHECK(k.app->feedback_state().step == ui::FeedbackStep::Details);
    CHECK(k.shows("#feedback.error.phone_invalid"));  // the message is shown
    for (int i = 0; i < 5; ++i) k.tap("#key.backspace");
    k.keys("13912345678");
    k.tap("#key.done");
    k.tap("#feedback.next");
    REQUIRE(k.app->feedback_state().step == ui::FeedbackStep::Review);
    CHECK(k.shows("139****5678"));  // the review masks the number
    k.tap("#feedback.submit");
    REQUIRE(k.app->screen() == Screen::Thanks);
    const std::string receipt = k.app->thanks_state().receipt;
    auto f = k.app->feedback_store().by_receipt(receipt);
    REQUIRE(f);
    CHECK(f->window_id == "w07");
    CHECK(f->categories == std::vector<Category>{Category::EmptyWindow});
    CHECK(f->overall == Rating::VeryDissatisfied);
    CHECK(f->phone == "13912345678");
    CHECK(k.app->thanks_state().bad_rating);
}

TEST_CASE("typed feedback text keeps its limit and drops control characters", "[ui][feedback]") {
    Kiosk k;
    k.open_feedback_text();
    k.tap("#key.letters");  // Latin letters, not pinyin
    k.keys("printer");
    k.driver->type("坏了\x01\x02");
    std::string long_text(400, 'x');
    k.driver->type(long_text);
    const std::string text = k.app->feedback_state().draft.text;
    CHECK(text.rfind("printer坏了x", 0) == 0);
    CHECK(utf8_length(text) == kMaxFeedbackTextChars);
    CHECK(text.find('\x01') == std::string::npos);
}

TEST_CASE("idle reset discards a half-filled form", "[ui][idle]") {
    Kiosk k;
    k.tap("#lang.zh-Hant");
    k.tap("#home.feedback");
    k.tap("#feedback.window.w02");
    k.tap("#feedback.next");
    k.tap("#category.attitude");
    k.tap("#feedback.next");
    k.tap("#rate.overall.dissatisfied");
    k.tap("#feedback.next");
    k.tap("#feedback.text");
    k.tap("#key.letters");  // Latin letters, not pinyin
    k.keys("rude");
    REQUIRE(k.app->feedback_state().draft.text == "rude");
    // Quiet for the timeout: the countdown shows, and nothing else can be tapped.
    k.driver->wait_ms(k.config.kiosk.idle_timeout_s * 1000 + 500);
    REQUIRE(k.app->idle_countdown_visible());
    std::string err;
    CHECK(k.shows("#idle.continue"));
    CHECK_FALSE(k.driver->tap("#feedback.next", err));
    // Then the countdown runs out.
    k.driver->wait_ms(k.config.kiosk.idle_countdown_s * 1000 + 500);
    CHECK(k.app->screen() == Screen::Home);
    CHECK(k.app->lang() == Lang::Hans);  // the next person starts in the hall's language
    k.tap("#home.feedback");
    CHECK(k.app->feedback_state().draft.text.empty());
    CHECK(k.app->feedback_state().draft.window_id.empty());
    CHECK(k.app->feedback_state().draft.categories.empty());
    CHECK(k.app->feedback_state().step == ui::FeedbackStep::Window);
    CHECK(k.count("SELECT COUNT(*) FROM feedback") == 0);
}

TEST_CASE("tapping 'still here' keeps the form", "[ui][idle]") {
    Kiosk k;
    k.tap("#home.feedback");
    k.tap("#feedback.window.w02");
    k.driver->wait_ms(k.config.kiosk.idle_timeout_s * 1000 + 2000);
    REQUIRE(k.app->idle_countdown_visible());
    k.tap("#idle.continue");
    CHECK_FALSE(k.app->idle_countdown_visible());
    CHECK(k.app->feedback_state().draft.window_id == "w02");
}

TEST_CASE("a full disk at submit loses nothing: the form stays with a clear message", "[ui][feedback][fault]") {
    Kiosk k;
    k.tap("#home.feedback");
    k.tap("#feedback.window.w03");
    k.tap("#feedback.next");
    k.tap("#category.delay");
    k.tap("#feedback.next");
    k.tap("#rate.overall.very_dissatisfied");
    k.tap("#feedback.next");
    k.tap("#feedback.text");
    k.tap("#key.letters");  // Latin letters, not pinyin
    k.keys("refused");
    k.tap("#key.done");
    k.tap("#feedback.next");
    REQUIRE(k.app->feedback_state().step == ui::FeedbackStep::Review);
    auto pc = k.app->db().prepare("PRAGMA page_count");
    pc.step();
    k.app->db().exec("PRAGMA max_page_count = " + std::to_string(pc.i64(0)));
    // Fill every table the submit writes to with records no bigger than the citizen's,
    // until several in a row fail: the submit itself must then hit the full disk.
    test::FeedbackSpec filler;
    filler.hall = "h";
    filler.kiosk = "k";
    filler.categories = {Category::Delay};
    filler.rating = Rating::Basic;
    filler.text = "";
    int failures_in_a_row = 0;
    for (int i = 0; i < 100000 && failures_in_a_row < 5; ++i) {
        try {
            k.app->feedback_store().insert(test::make_record(filler));
            failures_in_a_row = 0;
        } catch (const StoreError& e) {
            REQUIRE(e.disk_full());
            ++failures_in_a_row;
        }
    }
    const auto stored_before = k.count("SELECT COUNT(*) FROM feedback");
    k.tap("#feedback.submit");
    CHECK(k.app->screen() == Screen::Feedback);
    CHECK(k.app->feedback_state().store_error_key == "feedback.error.disk_full");
    CHECK(k.app->feedback_state().draft.text == "refused");
    CHECK(k.shows(k.app->strings().tr("feedback.error.disk_full")));
    CHECK(k.count("SELECT COUNT(*) FROM feedback") == stored_before);
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE text = 'refused'") == 0);
    // Space comes back: the same form submits.
    k.app->db().exec("PRAGMA max_page_count = 1073741823");
    k.tap("#feedback.submit");
    CHECK(k.app->screen() == Screen::Thanks);
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE text = 'refused'") == 1);
}

TEST_CASE("the map highlights the window chosen from a guide", "[ui][map]") {
    Kiosk k;
    k.tap("#home.guides");
    k.tap("#dept.justice");
    const std::string code = k.app->guides_state().results.at(0);
    k.tap("#guide." + code);
    k.tap("#guide.show_on_map");
    REQUIRE(k.app->screen() == Screen::Map);
    const auto* w = k.app->registry().find("#map.window.w05").widget;
    REQUIRE(w);
    CHECK(w->selected);
    CHECK_FALSE(k.app->registry().find("#map.window.w01").widget->selected);
}

TEST_CASE("a bad bundle file is refused and the guides stay", "[ui][content]") {
    Kiosk k;
    const auto before = k.app->guide_store().version();
    std::ofstream(k.dir.file("bad.json")) << R"({"format":"hall-kiosk-bundle","schema":1,"version":"9","departments":[],"guides":[{"code":"x"}]})";
    auto r = k.app->import_bundle_file(k.dir.file("bad.json"));
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.errors.empty());
    CHECK(k.app->guide_store().version() == before);
    k.app->reload_content();
    k.tap("#home.guides");
    CHECK(k.app->guides_state().results.size() >= 30);
}

TEST_CASE("content imported by sync shows on screen without a restart", "[ui][content]") {
    Kiosk k;
    std::uint64_t generation = 0;
    k.app->set_content_generation([&] { return generation; });
    k.tap("#home.guides");
    const auto before = k.app->guides_state().results.size();
    // The sync thread imports through its own connection, as SyncService does.
    auto bundle = parse_bundle(*read_file(std::string(HALL_TEST_ASSETS) + "/content/demo-bundle.json"));
    REQUIRE(bundle.ok());
    Guide extra = bundle.bundle.guides.front();
    extra.code = "TEST-NEW-001";
    extra.name = test::tx("新增测试事项", "新增測試事項", "A newly published service");
    bundle.bundle.guides.push_back(extra);
    bundle.bundle.version = "2099.01.01-1";
    {
        Db other(k.dir.file("data") + "/kiosk.sqlite");
        REQUIRE(GuideStore(other).import(bundle_to_json(bundle.bundle)).ok);
    }
    ++generation;
    k.driver->frames(2);
    CHECK(k.app->guides_state().results.size() == before + 1);
    CHECK(k.shows("新增测试事项"));
    k.tap("#common.home");
    CHECK(k.shows("2099.01.01-1"));  // Home shows the new version
}
