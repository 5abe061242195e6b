#include <catch2/catch.hpp>

#include <map>

#include "core/text.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;

namespace {

bool has_cjk(const std::string& s) {
    for (char32_t cp : decode_utf8(s))
        if (cp >= 0x3000 && cp <= 0x9FFF) return true;
    return false;
}

// Walks every citizen screen (and the keyboard and the idle overlay), calling visit on each.
template <typename F>
void tour(Kiosk& k, F visit) {
    visit("home");
    k.tap("#home.guides");
    visit("guides");
    k.tap("#guides.search");
    visit("guides+keyboard");
    k.tap("#key.done");
    k.tap("#guide." + k.app->guides_state().results.at(0));
    visit("guide");
    k.tap("#guide.show_on_map");
    visit("map");
    k.tap("#common.home");
    k.tap("#home.queue");
    k.tap("#queue.window.w02");
    visit("queue");
    k.tap("#queue.report_other");
    visit("feedback.category");
    k.tap("#category.long_wait");
    k.tap("#feedback.next");
    visit("feedback.rating");
    k.tap("#rate.overall.basic");
    k.tap("#feedback.next");
    k.tap("#feedback.text");
    visit("feedback.details");
    k.tap("#key.done");
    k.tap("#feedback.next");
    visit("feedback.review");
    k.tap("#feedback.submit");
    visit("thanks");
    k.tap("#thanks.done");
    k.tap("#home.feedback");
    visit("feedback.window");
    k.driver->wait_ms(k.config.kiosk.idle_timeout_s * 1000 + 1000);
    visit("idle");
    k.tap("#idle.continue");
    k.tap("#common.home");
}

}  // namespace

TEST_CASE("the three string tables have the same keys", "[ui][i18n]") {
    Kiosk k;
    const auto& hans = k.app->strings().table(Lang::Hans);
    for (Lang l : {Lang::Hant, Lang::En}) {
        const auto& other = k.app->strings().table(l);
        for (const auto& [key, v] : hans) {
            INFO(lang_code(l) << " lacks " << key);
            CHECK(other.count(key) == 1);
        }
        for (const auto& [key, v] : other) {
            INFO("zh-Hans lacks " << key);
            CHECK(hans.count(key) == 1);
        }
    }
}

namespace {

// Every widget's visible label on every screen of the tour, by screen and widget key.
struct Seen {
    std::string label;
    std::string text_key;  // the UI string it shows, empty for content (names)
};
using Labels = std::map<std::string, std::map<std::string, Seen>>;
using Table = std::map<std::string, std::string>;

// One kiosk at a time: the IME engines and the ImGui context are one per process.
Labels labels_in(Lang lang, Table* hans_table = nullptr, Table* hant_table = nullptr) {
    Kiosk k;
    if (hans_table) *hans_table = k.app->strings().table(Lang::Hans);
    if (hant_table) *hant_table = k.app->strings().table(Lang::Hant);
    if (lang != Lang::Hans) k.tap("#lang." + std::string(lang_code(lang)));
    REQUIRE(k.app->lang() == lang);
    Labels out;
    tour(k, [&](const char* screen) {
        k.driver->frames(2);
        if (std::string(screen) == "idle") REQUIRE(k.app->idle_countdown_visible());
        for (const auto& w : k.app->registry().widgets())
            if (!w.label.empty()) out[screen][w.key] = {w.label, w.text_key};
    });
    // Every key the screens asked for exists in this language.
    for (const auto& m : k.app->strings().missing()) FAIL_CHECK("missing string " << m);
    return out;
}

// A number, a ticket or a phone number ("07", "A012", "0755-1234567", "12345"): the same in
// every language. Letters of a word or any Chinese character make it language text.
bool is_number(const std::string& label) {
    bool digit = false;
    for (char32_t cp : decode_utf8(label)) {
        if (cp >= '0' && cp <= '9') digit = true;
        else if ((cp >= 'a' && cp <= 'z') || cp >= 0x2E80) return false;
    }
    return digit;
}

// The buttons that name a language in that language (中文简体, 繁體, English), on purpose,
// and the keyboard's typing keys, whose label is the character they type (q, 。, ，).
bool same_in_every_language(const std::string& key, const std::string& label) {
    return key.rfind("lang.", 0) == 0 || key == "key." + label;
}

}  // namespace

TEST_CASE("switching language changes every visible label on every screen, except names and numbers", "[ui][i18n]") {
    Table hans_table, hant_table;  // to tell a string both scripts spell alike from a forgotten one
    const Labels hans = labels_in(Lang::Hans, &hans_table, &hant_table);
    REQUIRE(hans.size() == 13);  // the tour's screens, each seen
    for (Lang lang : {Lang::Hant, Lang::En}) {
        const Labels other = labels_in(lang);
        int compared = 0, changed = 0;
        for (const auto& [screen, widgets] : hans) {
            INFO(lang_code(lang) << " " << screen);
            REQUIRE(other.count(screen) == 1);
            const auto& there = other.at(screen);
            for (const auto& [key, seen] : widgets) {
                if (same_in_every_language(key, seen.label) || is_number(seen.label)) continue;
                const auto it = there.find(key);
                INFO(key << ": zh-Hans '" << seen.label << "'");
                CHECK(it != there.end());  // the same widgets in every language
                if (it == there.end()) continue;
                const std::string& label = it->second.label;
                INFO(lang_code(lang) << " '" << label << "'");
                ++compared;
                if (label != seen.label) {
                    ++changed;
                    continue;
                }
                if (lang == Lang::En) {
                    FAIL_CHECK("the label did not change");
                    continue;
                }
                // Traditional may write a word as Simplified does (窗口, 公安分局): allowed for a
                // name from the content or config, and for a UI string both tables spell the same.
                if (seen.text_key.empty()) continue;
                const auto a = hans_table.find(seen.text_key), b = hant_table.find(seen.text_key);
                INFO("string " << seen.text_key);
                CHECK((a != hans_table.end() && b != hant_table.end() && a->second == b->second));
            }
            if (lang == Lang::En)
                for (const auto& [key, seen] : there) {
                    INFO(key << " '" << seen.label << "'");
                    if (!same_in_every_language(key, seen.label)) CHECK_FALSE(has_cjk(seen.label));
                }
        }
        INFO(lang_code(lang) << ": " << changed << " of " << compared << " labels changed");
        CHECK(compared > 150);
        CHECK(changed * 2 > compared);
    }
}

TEST_CASE("Chinese renders everywhere: every drawn character is in the atlas", "[ui][fonts]") {
    for (Lang lang : {Lang::Hans, Lang::Hant}) {
        Kiosk k;
        k.tap("#lang." + std::string(lang_code(lang)));
        k.driver->frames(2);
        const int builds_before = k.app->fonts().stats().builds;
        tour(k, [&](const char*) { k.driver->frames(1); });
        const auto& st = k.app->fonts().stats();
        INFO(lang_code(lang) << ": atlas " << st.atlas_width << "x" << st.atlas_height << ", " << st.glyphs << " glyphs");
        // The first build already held every character the screens drew: no growth, no box.
        CHECK(st.builds == builds_before);
        CHECK(st.unrenderable == 0);
        CHECK(st.glyphs > 1000);
        CHECK(st.atlas_height <= 4096);
    }
}

TEST_CASE("new characters grow the atlas before the next frame", "[ui][fonts]") {
    Kiosk k;
    k.tap("#home.feedback");
    k.tap("#feedback.window.w01");
    k.tap("#feedback.next");
    k.tap("#category.attitude");
    k.tap("#feedback.next");
    k.tap("#rate.overall.basic");
    k.tap("#feedback.next");
    k.tap("#feedback.text");
    const int before = k.app->fonts().stats().builds;
    k.driver->type("龘靐齉");  // rare characters no UI string or guide uses
    k.driver->frames(2);
    CHECK(k.app->fonts().stats().builds == before + 1);
    CHECK_FALSE(k.app->fonts().dirty());
    CHECK(k.app->fonts().stats().unrenderable == 0);
}

TEST_CASE("large-text mode enlarges the fonts and the touch targets", "[ui][a11y]") {
    Kiosk k;
    const float body = k.app->fonts().body_size();
    const float h = k.app->registry().find("#common.large_text").widget->max.y - k.app->registry().find("#common.large_text").widget->min.y;
    k.tap("#common.large_text");
    k.driver->frames(2);
    CHECK(k.app->large_text());
    CHECK(k.app->fonts().body_size() > body);
    const auto* w = k.app->registry().find("#common.large_text").widget;
    REQUIRE(w);
    CHECK(w->max.y - w->min.y > h);
    CHECK(w->selected);
}
