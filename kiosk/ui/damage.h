#pragma once
// Which part of the screen a frame changes. Every triangle ImGui draws (with its clip
// rectangle and texture) is hashed into the screen tiles it touches; the tiles whose hash
// differs from the last frame's are damaged. Under a software renderer a frame then only
// rasterises the damaged rectangle (the queue board changes a few numbers, not 2 million
// pixels), and a frame that changes nothing is not drawn at all.
#include <cstdint>
#include <vector>

struct ImDrawData;

namespace hall::ui {

// Which glyph each corner of the font atlas's glyph rectangles belongs to (a texel position to
// a key naming the font, the character and the corner). The atlas is repacked whenever it
// grows, so every glyph moves in the texture while it looks the same on screen; hashed by
// these keys instead of its texture coordinates, the text already on screen stays undamaged
// and a grown atlas redraws only where new characters appear.
class GlyphKeys {
public:
    void reserve(std::size_t corners);
    // Two glyphs claiming one texel corner make it ambiguous: it is then hashed by position.
    void add(int x, int y, std::uint32_t key);
    std::uint32_t find(int x, int y) const;   // 0: no glyph corner there (or ambiguous)
    bool empty() const { return used_ == 0; }

private:
    void grow();
    std::vector<std::uint64_t> slots_;   // texel << 32 | key; kEmpty when free
    std::size_t used_ = 0;
};

struct DamageRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // screen pixels, top-left origin, x1/y1 exclusive
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

class Damage {
public:
    // This frame's draw data against the last frame's: the bounding box of the changed tiles
    // (the whole screen for the first frame or after a size change or forget()).
    DamageRect update(const ImDrawData& draw, int width, int height);
    // The next update reports the whole screen (the window was exposed, the atlas changed
    // without glyph keys).
    void forget() { prev_.clear(); }
    // Draw commands with this texture (the font atlas, w x h texels) hash each vertex by the
    // glyph it shows (keys) rather than where the atlas holds it. keys must outlive the next
    // update or be replaced before it; null: texture coordinates as they are.
    void set_font_texture(std::uintptr_t texture, int w, int h, const GlyphKeys* keys) {
        font_texture_ = texture;
        font_w_ = w;
        font_h_ = h;
        keys_ = keys;
    }
    // Clips every draw command to the rectangle, so the renderer skips what lies outside.
    static void clip(ImDrawData& draw, const DamageRect& r);

    static constexpr int kTile = 32;

private:
    std::vector<std::uint64_t> prev_, cur_;
    int cols_ = 0, rows_ = 0;
    std::uintptr_t font_texture_ = 0;
    int font_w_ = 0, font_h_ = 0;
    const GlyphKeys* keys_ = nullptr;
};

}  // namespace hall::ui
