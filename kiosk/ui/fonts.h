#pragma once
// Fonts: the one place that loads them. The atlas holds only the characters the hall shows
// (UI strings, guides, hall names, typed text), not the full CJK range: at kiosk sizes that
// would be a 4096x16384 texture and seconds of start-up. Text the atlas lacks is noted as it
// is drawn and the atlas grows before the next frame.
//
// Start-up and memory (issue 15): each font file is mapped once and shared by every size;
// a finished atlas is kept in a cache file in the data folder, keyed by everything that
// shapes it (characters, face, sizes, font files, ImGui version), so a normal start loads a
// ready atlas instead of rasterising it. With background growth on, new characters (an IME
// candidate page, new content) are rasterised on a worker thread and swapped in when ready.
#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang.h"
#include "ui/damage.h"

struct ImFont;
struct ImFontAtlas;

namespace hall::ui {

struct FontStats {
    int atlas_width = 0, atlas_height = 0;
    int glyphs = 0;            // code points in the atlas (per size)
    double build_ms = 0;       // last build (or cache load)
    int builds = 0;
    int cache_loads = 0;       // builds that loaded a cached atlas
    int fallback_glyphs = 0;   // code points only WenQuanYi has
    int unrenderable = 0;      // code points no font has (drawn as nothing, never a box)
};

class Fonts {
public:
    Fonts();
    ~Fonts();
    // Finds the CJK fonts (override path first, then Noto Sans CJK, then WenQuanYi) and maps
    // them. cache_dir: where finished atlases are kept (empty: no cache).
    bool init(const std::string& override_path, std::vector<std::string>& errors, const std::string& cache_dir = {});
    // Grow the atlas on a worker thread (the real kiosk); off: in place before the next frame.
    void set_background(bool on) { background_ = on; }
    // A renderer that uploads a texture of another size in slices (a software renderer pays
    // for every new page of texture memory): a finished atlas of another size than the
    // current one is held as staged() instead of swapped in, the current one keeps drawing,
    // and adopt_staged() swaps it in once its texture is complete.
    void set_staged_resize(bool on) { staged_resize_ = on; }
    ImFontAtlas* staged() const;
    int staged_rows() const;     // the staged atlas's rows that hold anything (the rest is never sampled)
    bool adopt_staged();         // true when it was swapped in (the renderer then uses its texture)
    // The current atlas's rows that hold anything: an upload may leave the rest of the
    // texture unwritten (its pages then never count towards memory).
    int texture_rows() const { return rows_; }

    // Adds every code point of text to the wanted set; returns true if any was new.
    bool request(std::string_view text);
    // The characters wanted now are what the hall always shows; drop_to_baseline (the idle
    // reset) lets the atlas shrink back to them after one citizen's typing.
    void set_baseline();
    bool drop_to_baseline();   // true when the atlas will shrink
    bool above_baseline() const { return wanted_ != baseline_ && baseline_.any(); }
    // The face follows the script (Noto's SC face for Simplified and English, TC for
    // Traditional) and the sizes follow large-text mode.
    void set_style(Lang lang, bool large);
    // Pixels per layout unit (ui/layout.h): glyphs are rasterised that much larger and their
    // metrics kept in layout units, so text stays sharp when the frame is scaled to the panel.
    void set_raster_scale(float px_per_unit);
    // Something to do before the next frame (a build to start, a finished one to swap in).
    bool dirty() const;
    // A background build is running (the loop looks again soon; the driver waits).
    bool busy() const;
    // Waits for a running background build (scripts and tests see a settled atlas).
    void finish_background();
    // Tests: a background build, once rasterised, waits here until released, so a test can
    // prove that frames go on drawing (and never wait) while the worker has not finished.
    void hold_background(bool hold);
    // Rebuilds or swaps the atlas if needed (call outside NewFrame/Render); true when it
    // changed, so the renderer must upload the texture again. The CPU copy of the pixels may
    // be released after the upload (ImFontAtlas::ClearTexData).
    bool rebuild_if_needed();

    ImFont* body() const { return body_; }
    ImFont* small() const { return small_; }
    ImFont* heading() const { return heading_; }
    ImFont* title() const { return title_; }
    ImFont* digits() const { return digits_; }  // big queue numbers and clock: ASCII only
    float body_size() const;
    bool large() const { return large_; }
    const FontStats& stats() const { return stats_; }
    // Which glyph each glyph corner of the current atlas shows (for damage tracking: a grown
    // atlas moves every glyph, the text on screen stays the same).
    const GlyphKeys& glyph_keys() const { return keys_; }
    // Changes when glyphs would look different (face, sizes, raster scale), not when the
    // atlas only grows or shrinks: text drawn before and after a growth looks the same.
    int appearance() const { return appearance_; }

private:
    struct Impl;
    struct Built;
    void adopt(Built& b);
    std::unique_ptr<Impl> impl_;
    std::bitset<65536> wanted_, baseline_;
    bool glyphs_dirty_ = true;
    bool built_any_ = false;
    bool built_hant_ = false, built_large_ = false;  // what the atlas was last built for
    bool background_ = false;
    Lang lang_ = Lang::Hans;
    bool large_ = false;
    float scale_ = 1, built_scale_ = 1;
    ImFont* body_ = nullptr;
    ImFont* small_ = nullptr;
    ImFont* heading_ = nullptr;
    ImFont* title_ = nullptr;
    ImFont* digits_ = nullptr;
    FontStats stats_;
    GlyphKeys keys_;
    int appearance_ = 0;
    int rows_ = 0;
    bool staged_resize_ = false;
    std::unique_ptr<Built> staged_;
};

}  // namespace hall::ui
