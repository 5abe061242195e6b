#pragma once
// Fonts: the one place that loads them. The atlas holds only the characters the hall shows
// (UI strings, guides, hall names, typed text), not the full CJK range: at kiosk sizes that
// would be a 4096x16384 texture and seconds of start-up. Text the atlas lacks is noted as it
// is drawn and the atlas grows before the next frame.
#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"

struct ImFont;

namespace hall::ui {

struct FontStats {
    int atlas_width = 0, atlas_height = 0;
    int glyphs = 0;            // code points in the atlas (per size)
    double build_ms = 0;       // last build
    int builds = 0;
    int fallback_glyphs = 0;   // code points only WenQuanYi has
    int unrenderable = 0;      // code points no font has (drawn as nothing, never a box)
};

class Fonts {
public:
    Fonts();
    ~Fonts();
    // Finds the CJK fonts (override path first, then Noto Sans CJK, then WenQuanYi).
    bool init(const std::string& override_path, std::vector<std::string>& errors);

    // Adds every code point of text to the wanted set; returns true if any was new.
    bool request(std::string_view text);
    // The face follows the script (Noto's SC face for Simplified and English, TC for
    // Traditional) and the sizes follow large-text mode.
    void set_style(Lang lang, bool large);
    // Pixels per layout unit (ui/layout.h): glyphs are rasterised that much larger and their
    // metrics kept in layout units, so text stays sharp when the frame is scaled to the panel.
    void set_raster_scale(float px_per_unit);
    bool dirty() const {
        return glyphs_dirty_ || built_hant_ != (lang_ == Lang::Hant) || built_large_ != large_ || built_scale_ != scale_;
    }
    // Rebuilds the atlas if needed (call outside NewFrame/Render); true when it changed,
    // so the renderer must upload the texture again.
    bool rebuild_if_needed();

    ImFont* body() const { return body_; }
    ImFont* small() const { return small_; }
    ImFont* heading() const { return heading_; }
    ImFont* title() const { return title_; }
    ImFont* digits() const { return digits_; }  // big queue numbers and clock: ASCII only
    float body_size() const;
    bool large() const { return large_; }
    const FontStats& stats() const { return stats_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::bitset<65536> wanted_;
    bool glyphs_dirty_ = true;
    bool built_hant_ = false, built_large_ = false;  // what the atlas was last built for
    Lang lang_ = Lang::Hans;
    bool large_ = false;
    float scale_ = 1, built_scale_ = 1;
    ImFont* body_ = nullptr;
    ImFont* small_ = nullptr;
    ImFont* heading_ = nullptr;
    ImFont* title_ = nullptr;
    ImFont* digits_ = nullptr;
    FontStats stats_;
};

}  // namespace hall::ui
