#include <catch2/catch.hpp>

#include "core/text.h"
#include "ui/kiosk_fixture.h"

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

TEST_CASE("switching language changes every visible label on every screen", "[ui][i18n]") {
    for (Lang lang : {Lang::Hant, Lang::En}) {
        Kiosk k;
        k.tap("#lang." + std::string(lang_code(lang)));
        REQUIRE(k.app->lang() == lang);
        int labels = 0;
        tour(k, [&](const char* screen) {
            k.driver->frames(2);
            if (std::string(screen) == "idle") REQUIRE(k.app->idle_countdown_visible());
            for (const auto& w : k.app->registry().widgets()) {
                if (w.text_key.empty() || w.text_key.rfind("lang.", 0) == 0) continue;
                INFO(lang_code(lang) << " " << screen << ": " << w.text_key << " = '" << w.label << "'");
                // Exact, or the string inside a composed label ("✓ Praise  —  great service").
                CHECK(w.label.find(k.app->strings().tr(w.text_key, lang)) != std::string::npos);
                if (lang == Lang::En) CHECK_FALSE(has_cjk(w.label));
                if (lang == Lang::Hant && k.app->strings().tr(w.text_key, Lang::Hans) != w.label) ++labels;
                ++labels;
            }
        });
        CHECK(labels > 150);
        // Every key the screens asked for exists in every language.
        for (const auto& m : k.app->strings().missing()) FAIL_CHECK("missing string " << m);
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
