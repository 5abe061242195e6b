// Checks that a screenshot of the whole output shows the kiosk's Home screen, not a black or
// empty frame: the theme's background fills much of it, the primary blue of the headings
// and the three Home cards' accent colours (guides blue, queue green, feedback amber) are
// all there, and the picture has many distinct colours (anti-aliased text, not a flat fill).
// Usage: home_screenshot_check FILE.png   exit 0 when it looks like Home, 1 otherwise.
#include <stb/stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace {

struct Rgb {
    int r, g, b;
};
// kiosk/ui/theme.h: kBackground, kPrimary, kGood, kWarn.
constexpr Rgb kBackground{244, 246, 250};
constexpr Rgb kPrimary{23, 84, 160};
constexpr Rgb kGood{22, 110, 50};
constexpr Rgb kWarn{138, 90, 0};

bool near(const unsigned char* p, Rgb c) {
    return std::abs(p[0] - c.r) <= 3 && std::abs(p[1] - c.g) <= 3 && std::abs(p[2] - c.b) <= 3;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: home_screenshot_check FILE.png\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &n, 3);
    if (!px) {
        std::fprintf(stderr, "%s: cannot read: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    long total = static_cast<long>(w) * h, black = 0, background = 0, primary = 0, good = 0, warn = 0;
    // The frame must fill the output: Home draws the hall's name at the top and the language
    // row at the bottom, so both tenths hold more than background (a frame drawn for another
    // size, shifted or cut, leaves one of them empty).
    const long band = static_cast<long>(w) * (h / 10);
    long top_ink = 0, bottom_ink = 0;
    std::set<int> colours;
    for (long i = 0; i < total; ++i) {
        const unsigned char* p = px + i * 3;
        if (p[0] < 8 && p[1] < 8 && p[2] < 8) ++black;
        background += near(p, kBackground);
        primary += near(p, kPrimary);
        good += near(p, kGood);
        warn += near(p, kWarn);
        if (colours.size() < 100000) colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
        if (!near(p, kBackground)) {
            if (i < band) ++top_ink;
            if (i >= total - band) ++bottom_ink;
        }
    }
    stbi_image_free(px);
    const auto pct = [&](long k) { return 100.0 * static_cast<double>(k) / static_cast<double>(total); };
    std::printf("%s: %dx%d, black %.1f%%, background %.1f%%, primary %.2f%%, green %.2f%%, amber %.2f%%, %zu colours\n",
                argv[1], w, h, pct(black), pct(background), pct(primary), pct(good), pct(warn), colours.size());
    // Each Home card has its accent strip and "open" button: well over 0.1% of the screen.
    bool ok = true;
    auto need = [&](bool cond, const char* what) {
        if (!cond) {
            std::printf("not Home: %s\n", what);
            ok = false;
        }
    };
    need(pct(black) < 20, "mostly black");
    need(pct(background) > 20, "too little of the theme's background");
    need(pct(primary) > 0.1, "no primary-blue guides card");
    need(pct(good) > 0.1, "no green queue card");
    need(pct(warn) > 0.1, "no amber feedback card");
    need(colours.size() > 50, "too few colours for text");
    need(band > 0 && 100.0 * static_cast<double>(top_ink) / static_cast<double>(band) > 0.5, "nothing drawn in the top tenth (frame shifted or cut)");
    need(band > 0 && 100.0 * static_cast<double>(bottom_ink) / static_cast<double>(band) > 0.5, "nothing drawn in the bottom tenth (frame shifted or cut)");
    return ok ? 0 : 1;
}
