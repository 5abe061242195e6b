// Start-up work a normal start skips (issue 15): the font atlas comes from the cache in the
// data folder, unchanged bundled content is not imported again, and new characters grow the
// atlas on a worker thread while the current one keeps drawing.
#include <catch2/catch.hpp>

#include <imgui.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "ui/damage.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;
using hall::test::KioskOptions;

namespace {

const std::string kConfig = std::string(HALL_TEST_CONFIG) + "/demo-hall.toml";

struct GlyphFacts {
    float advance, x0, y0, x1, y1, u0, v0, u1, v1;
    bool operator==(const GlyphFacts&) const = default;
};

GlyphFacts facts(ImFont* font, ImWchar c) {
    const ImFontGlyph* g = font->FindGlyphNoFallback(c);
    REQUIRE(g);
    return {g->AdvanceX, g->X0, g->Y0, g->X1, g->Y1, g->U0, g->V0, g->U1, g->V1};
}

std::uint64_t pixels_hash() {
    const ImFontAtlas* a = ImGui::GetIO().Fonts;
    REQUIRE(a->TexPixelsAlpha8);
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t i = 0, n = static_cast<std::size_t>(a->TexWidth) * a->TexHeight; i < n; ++i) h = (h ^ a->TexPixelsAlpha8[i]) * 1099511628211ULL;
    return h;
}

std::vector<std::filesystem::path> cache_files(const std::string& data) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(data + "/font-atlas", ec))
        if (e.path().extension() == ".atlas") out.push_back(e.path());
    return out;
}

}  // namespace

TEST_CASE("A second start loads the same font atlas from the cache; a damaged cache is rebuilt", "[ui][startup]") {
    test::TempDir dir;
    const std::string data = dir.file("data");
    GlyphFacts zheng{}, a_body{}, digit{};
    std::uint64_t pixels = 0;
    int width = 0, height = 0;
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        CHECK(k.app->fonts().stats().cache_loads == 0);
        zheng = facts(k.app->fonts().title(), 0x653F);   // 政
        a_body = facts(k.app->fonts().body(), 'A');
        digit = facts(k.app->fonts().digits(), '7');
        pixels = pixels_hash();
        width = ImGui::GetIO().Fonts->TexWidth;
        height = ImGui::GetIO().Fonts->TexHeight;
    }
    REQUIRE(cache_files(data).size() == 1);
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        CHECK(k.app->fonts().stats().cache_loads == 1);
        CHECK(k.app->fonts().stats().builds == 1);   // nothing drawn on Home was missing
        CHECK(facts(k.app->fonts().title(), 0x653F) == zheng);
        CHECK(facts(k.app->fonts().body(), 'A') == a_body);
        CHECK(facts(k.app->fonts().digits(), '7') == digit);
        CHECK(ImGui::GetIO().Fonts->TexWidth == width);
        CHECK(ImGui::GetIO().Fonts->TexHeight == height);
        CHECK(pixels_hash() == pixels);
        // Traditional uses another face: its own atlas, cached beside the first.
        k.tap("#lang.zh-Hant");
        k.driver->frames(2);
        CHECK(k.app->fonts().stats().cache_loads == 1);
    }
    CHECK(cache_files(data).size() == 2);
    // A cache cut short (power cut, full disk) is not trusted: the atlas is built again.
    for (const auto& f : cache_files(data)) std::filesystem::resize_file(f, std::filesystem::file_size(f) / 2);
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        CHECK(k.app->fonts().stats().cache_loads == 0);
        CHECK(facts(k.app->fonts().title(), 0x653F) == zheng);
        CHECK(pixels_hash() == pixels);
    }
}

TEST_CASE("Bundled content is imported only when the store does not hold that file already", "[ui][startup]") {
    test::TempDir dir;
    const std::string data = dir.file("data");
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        CHECK(k.count("SELECT COUNT(*) FROM guide_fts") > 0);
        k.app->db().exec("UPDATE content SET imported_at = 'marker'");
    }
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        auto st = k.app->db().prepare("SELECT imported_at FROM content WHERE id = 1");
        REQUIRE(st.step());
        CHECK(st.text(0) == "marker");   // not parsed and imported again
        CHECK_FALSE(k.app->guide_store().search("社会保障").empty());
        // The store now holds other content than the bundled file (as after a package upgrade
        // brought a new file): the next start imports the file.
        k.app->db().exec("UPDATE content SET json = json || ' '");
        k.app->db().set_meta("content.fingerprint", "something else");
    }
    {
        Kiosk k(kConfig, KioskOptions{data, false});
        auto st = k.app->db().prepare("SELECT imported_at FROM content WHERE id = 1");
        REQUIRE(st.step());
        CHECK(st.text(0) != "marker");
    }
}

TEST_CASE("New characters grow the atlas on a worker while the current atlas keeps drawing", "[ui][startup]") {
    Kiosk k(kConfig, KioskOptions{"", true});
    k.app->fonts().finish_background();
    k.driver->frames(2);
    const int builds = k.app->fonts().stats().builds;
    const ImWchar rare = 0x9F98;   // 龘: in Noto CJK, in no string of the demo hall
    REQUIRE_FALSE(k.app->fonts().body()->FindGlyphNoFallback(rare));
    REQUIRE(k.app->fonts().request("龘"));
    k.driver->frame();   // starts the build; this frame still draws with the current atlas
    CHECK(k.app->fonts().stats().builds == builds);
    CHECK_FALSE(k.app->fonts().body()->FindGlyphNoFallback(rare));
    k.app->fonts().finish_background();
    CHECK(k.app->needs_frame());   // the finished atlas wants a frame to be swapped in
    k.driver->frame();
    CHECK(k.app->fonts().stats().builds == builds + 1);
    CHECK(k.app->fonts().body()->FindGlyphNoFallback(rare));
    // The idle kiosk lets the atlas shrink back to what the hall always shows.
    CHECK(k.app->fonts().above_baseline());
    k.driver->wait_ms((k.config.kiosk.idle_timeout_s + k.config.kiosk.idle_countdown_s + 1) * 1000);
    k.app->fonts().finish_background();
    k.driver->frames(2);
    CHECK_FALSE(k.app->fonts().above_baseline());
    CHECK_FALSE(k.app->fonts().body()->FindGlyphNoFallback(rare));
}

TEST_CASE("A frame never waits for the atlas worker, and a bigger atlas waits staged while the current one draws", "[ui][startup]") {
    Kiosk k(kConfig, KioskOptions{"", true});
    ui::Fonts& fonts = k.app->fonts();
    fonts.finish_background();
    k.driver->frames(2);
    const ImWchar rare = 0x9F98;   // 龘: in Noto CJK, in no string of the demo hall
    // The worker is held after rasterising: a frame that waited for it would never return.
    fonts.hold_background(true);
    REQUIRE(fonts.request("龘"));
    k.driver->frames(5);
    CHECK(fonts.busy());
    CHECK(k.app->ms_until_next_change() <= 16);   // the loop looks again soon
    CHECK_FALSE(fonts.body()->FindGlyphNoFallback(rare));
    fonts.hold_background(false);
    fonts.finish_background();
    k.driver->frame();
    CHECK(fonts.body()->FindGlyphNoFallback(rare));

    // A renderer that uploads a texture of another size in slices: the atlas that outgrew the
    // texture is staged, the current one keeps drawing until the renderer adopts it.
    fonts.set_staged_resize(true);
    const int height = ImGui::GetIO().Fonts->TexHeight;
    std::vector<char32_t> many;   // enough CJK characters to need a taller texture
    for (char32_t c = 0x4E00; c < 0x4E00 + 4000; ++c) many.push_back(c);
    REQUIRE(fonts.request(encode_utf8(many)));
    k.driver->frame();
    fonts.finish_background();
    k.driver->frames(3);
    REQUIRE(fonts.staged());
    CHECK(fonts.staged()->TexHeight > height);
    CHECK(fonts.staged_rows() > 0);
    CHECK(fonts.staged_rows() <= fonts.staged()->TexHeight);
    CHECK(ImGui::GetIO().Fonts->TexHeight == height);   // still the current atlas
    CHECK_FALSE(fonts.body()->FindGlyphNoFallback(0x4E00 + 3999));
    CHECK(k.app->needs_frame());   // the renderer uploads a slice per frame
    CHECK(fonts.adopt_staged());
    CHECK_FALSE(fonts.staged());
    CHECK(ImGui::GetIO().Fonts->TexHeight > height);
    CHECK(fonts.body()->FindGlyphNoFallback(0x4E00 + 3999));
    CHECK(fonts.texture_rows() <= ImGui::GetIO().Fonts->TexHeight);
}

TEST_CASE("A grown atlas moves every glyph but damages only what looks different", "[ui][startup]") {
    Kiosk k;   // the atlas grows in place before the next frame
    ui::Fonts& fonts = k.app->fonts();
    const int w = k.platform->width(), h = k.platform->height();
    ui::Damage by_glyph, by_texel;
    auto keyed = [&] {
        const ImFontAtlas* a = ImGui::GetIO().Fonts;
        by_glyph.set_font_texture(reinterpret_cast<std::uintptr_t>(a->TexID), a->TexWidth, a->TexHeight, &fonts.glyph_keys());
    };
    k.driver->frames(2);
    keyed();
    by_glyph.update(*ImGui::GetDrawData(), w, h);
    by_texel.update(*ImGui::GetDrawData(), w, h);
    const GlyphFacts a_before = facts(fonts.body(), 'A');
    const int builds = fonts.stats().builds;
    // Characters nothing on Home shows: the atlas is rebuilt and repacked.
    REQUIRE(fonts.request("龘靐齉爩鱻麤"));
    k.driver->frame();
    REQUIRE(fonts.stats().builds == builds + 1);
    keyed();
    const GlyphFacts a_after = facts(fonts.body(), 'A');
    CHECK(a_before.advance == a_after.advance);
    CHECK_FALSE((a_before.u0 == a_after.u0 && a_before.v0 == a_after.v0));   // 'A' moved in the texture
    CHECK_FALSE(by_texel.update(*ImGui::GetDrawData(), w, h).empty());     // so every text's vertices changed
    CHECK(by_glyph.update(*ImGui::GetDrawData(), w, h).empty());           // but the screen looks the same
    // A change that shows still damages: the clock's digits a minute later.
    k.clock.advance(60'000);
    k.driver->frame();
    const ui::DamageRect r = by_glyph.update(*ImGui::GetDrawData(), w, h);
    CHECK_FALSE(r.empty());
    CHECK((r.x1 - r.x0) * (r.y1 - r.y0) < w * h / 10);
}

TEST_CASE("Damage: an unchanged frame damages nothing, a change damages only where it draws", "[ui][startup]") {
    Kiosk k;
    ui::Damage damage;
    const int w = k.platform->width(), h = k.platform->height();
    k.driver->frame();
    ui::DamageRect r = damage.update(*ImGui::GetDrawData(), w, h);
    CHECK((r.x0 == 0 && r.y0 == 0 && r.x1 == w && r.y1 == h));   // the first frame: all of it
    k.driver->frame();
    CHECK(damage.update(*ImGui::GetDrawData(), w, h).empty());   // the same picture again
    // A minute later only the clock's digits changed: a small part of the screen is damaged.
    k.clock.advance(60'000);
    k.driver->frame();
    r = damage.update(*ImGui::GetDrawData(), w, h);
    CHECK_FALSE(r.empty());
    CHECK((r.x1 - r.x0) * (r.y1 - r.y0) < w * h / 10);
    // Clipping keeps every command inside the damaged rectangle.
    ImDrawData* draw = ImGui::GetDrawData();
    const ui::DamageRect box{100, 200, 300, 400};
    ui::Damage::clip(*draw, box);
    for (int l = 0; l < draw->CmdListsCount; ++l)
        for (const ImDrawCmd& c : draw->CmdLists[l]->CmdBuffer) {
            CHECK(c.ClipRect.x >= 100);
            CHECK(c.ClipRect.y >= 200);
            CHECK(c.ClipRect.z <= 300);
            CHECK(c.ClipRect.w <= 400);
        }
}
