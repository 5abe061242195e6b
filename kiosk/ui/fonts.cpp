#include "ui/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <imgui.h>
#include <imgui_freetype.h>

#include <chrono>
#include <filesystem>

#include "core/text.h"

namespace hall::ui {
namespace {

constexpr const char* kNotoRegular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr const char* kNotoBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
constexpr const char* kWqy = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
// Face indices inside Noto's TTC (fc-query): 2 = SC, 3 = TC.
constexpr int kNotoSC = 2, kNotoTC = 3;

struct Sizes {
    float small, body, heading, title, digits;
};
constexpr Sizes kNormal{24, 30, 40, 54, 80};
constexpr Sizes kLarge{30, 38, 50, 64, 96};  // 適老化: body well above 18 dp, largest above 30 dp

}  // namespace

struct Fonts::Impl {
    FT_Library ft = nullptr;
    FT_Face primary = nullptr;   // for coverage checks
    FT_Face fallback = nullptr;
    std::string primary_path, bold_path, fallback_path;
    bool primary_is_ttc = false;
    ImVector<ImWchar> ranges_main, ranges_fallback;
    ~Impl() {
        if (primary) FT_Done_Face(primary);
        if (fallback) FT_Done_Face(fallback);
        if (ft) FT_Done_FreeType(ft);
    }
};

Fonts::Fonts() : impl_(std::make_unique<Impl>()) {
    // Always present: printable ASCII, the replacement mark, and CJK punctuation we draw ourselves.
    request(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
    request("·—…、。，：；？！（）「」《》【】〈〉·￥×÷←→↑↓✓");
}

Fonts::~Fonts() = default;

bool Fonts::init(const std::string& override_path, std::vector<std::string>& errors) {
    namespace fs = std::filesystem;
    auto& im = *impl_;
    if (FT_Init_FreeType(&im.ft) != 0) {
        errors.push_back("FreeType failed to start");
        return false;
    }
    if (!override_path.empty()) {
        if (!fs::exists(override_path)) errors.push_back("kiosk.font_path: " + override_path + " does not exist");
        else im.primary_path = override_path;
    }
    if (im.primary_path.empty() && fs::exists(kNotoRegular)) {
        im.primary_path = kNotoRegular;
        im.primary_is_ttc = true;
        if (fs::exists(kNotoBold)) im.bold_path = kNotoBold;
    }
    if (fs::exists(kWqy)) im.fallback_path = kWqy;
    if (im.primary_path.empty()) im.primary_path = im.fallback_path;
    if (im.primary_path.empty()) {
        errors.push_back("no CJK font found: install fonts-noto-cjk (or fonts-wqy-microhei)");
        return false;
    }
    if (FT_New_Face(im.ft, im.primary_path.c_str(), im.primary_is_ttc ? kNotoSC : 0, &im.primary) != 0) {
        errors.push_back(im.primary_path + ": FreeType cannot open it");
        return false;
    }
    if (!im.fallback_path.empty() && im.fallback_path != im.primary_path) FT_New_Face(im.ft, im.fallback_path.c_str(), 0, &im.fallback);
    return true;
}

bool Fonts::request(std::string_view text) {
    bool added = false;
    for (char32_t cp : decode_utf8(text)) {
        if (cp >= 0x10000 || cp < 0x20) continue;  // ImWchar is 16-bit in Debian's build
        if (!wanted_.test(cp)) {
            wanted_.set(cp);
            added = true;
        }
    }
    if (added) glyphs_dirty_ = true;
    return added;
}

void Fonts::set_style(Lang lang, bool large) {
    // English uses the SC face too (same Latin glyphs): only Traditional needs another face.
    lang_ = lang;
    large_ = large;
}

void Fonts::set_raster_scale(float px_per_unit) { scale_ = px_per_unit > 0 ? px_per_unit : 1; }

float Fonts::body_size() const { return large_ ? kLarge.body : kNormal.body; }

bool Fonts::rebuild_if_needed() {
    if (!dirty()) return false;
    const auto t0 = std::chrono::steady_clock::now();
    auto& im = *impl_;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    io.Fonts->TexDesiredWidth = 2048;

    // Split wanted code points: those the primary font has, and those only the fallback has.
    ImFontGlyphRangesBuilder main_b, fb_b;
    int glyphs = 0, fallback = 0, none = 0;
    for (std::size_t cp = 0x20; cp < wanted_.size(); ++cp) {
        if (!wanted_.test(cp)) continue;
        ++glyphs;
        if (!im.primary || FT_Get_Char_Index(im.primary, static_cast<FT_ULong>(cp)) != 0) main_b.AddChar(static_cast<ImWchar>(cp));
        else if (im.fallback && FT_Get_Char_Index(im.fallback, static_cast<FT_ULong>(cp)) != 0) { fb_b.AddChar(static_cast<ImWchar>(cp)); ++fallback; }
        else ++none;
    }
    im.ranges_main.clear();
    im.ranges_fallback.clear();
    main_b.BuildRanges(&im.ranges_main);
    fb_b.BuildRanges(&im.ranges_fallback);

    const Sizes& s = large_ ? kLarge : kNormal;
    const int face = im.primary_is_ttc ? (lang_ == Lang::Hant ? kNotoTC : kNotoSC) : 0;
    static const ImWchar ascii[] = {0x20, 0x7E, 0};
    auto add = [&](const std::string& path, float size, const ImWchar* ranges, bool with_fallback) {
        ImFontConfig cfg;
        cfg.FontNo = face;
        cfg.OversampleH = 1;  // FreeType renders at the real size; oversampling would only grow the atlas
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), size * scale_, &cfg, ranges);
        if (with_fallback && fallback > 0 && !im.fallback_path.empty()) {
            ImFontConfig fc;
            fc.MergeMode = true;
            fc.OversampleH = fc.OversampleV = 1;
            io.Fonts->AddFontFromFileTTF(im.fallback_path.c_str(), size * scale_, &fc, im.ranges_fallback.Data);
        }
        return f;
    };
    const std::string& bold = im.bold_path.empty() ? im.primary_path : im.bold_path;
    body_ = add(im.primary_path, s.body, im.ranges_main.Data, true);
    small_ = add(im.primary_path, s.small, im.ranges_main.Data, true);
    heading_ = add(bold, s.heading, im.ranges_main.Data, true);
    title_ = add(bold, s.title, im.ranges_main.Data, true);
    digits_ = add(bold, s.digits, ascii, false);
    io.Fonts->Build();
    io.FontDefault = body_;
    if (scale_ != 1) {
        // Layout in layout units, texels at panel pixels: shrink the metrics, keep the UVs.
        const float k = 1 / scale_;
        for (ImFont* f : io.Fonts->Fonts) {
            for (ImFontGlyph& g : f->Glyphs) {
                g.X0 *= k, g.Y0 *= k, g.X1 *= k, g.Y1 *= k;
                g.AdvanceX *= k;
            }
            f->FontSize *= k;
            f->Ascent *= k;
            f->Descent *= k;
            f->BuildLookupTable();
        }
    }

    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    stats_.atlas_width = w;
    stats_.atlas_height = h;
    stats_.glyphs = glyphs;
    stats_.fallback_glyphs = fallback;
    stats_.unrenderable = none;
    stats_.builds++;
    stats_.build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    glyphs_dirty_ = false;
    built_hant_ = lang_ == Lang::Hant;
    built_large_ = large_;
    built_scale_ = scale_;
    return true;
}

}  // namespace hall::ui
