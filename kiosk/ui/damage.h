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

struct DamageRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;   // screen pixels, top-left origin, x1/y1 exclusive
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

class Damage {
public:
    // This frame's draw data against the last frame's: the bounding box of the changed tiles
    // (the whole screen for the first frame or after a size change or forget()).
    DamageRect update(const ImDrawData& draw, int width, int height);
    // The next update reports the whole screen (the window was exposed, the atlas changed).
    void forget() { prev_.clear(); }
    // Clips every draw command to the rectangle, so the renderer skips what lies outside.
    static void clip(ImDrawData& draw, const DamageRect& r);

    static constexpr int kTile = 32;

private:
    std::vector<std::uint64_t> prev_, cur_;
    int cols_ = 0, rows_ = 0;
};

}  // namespace hall::ui
