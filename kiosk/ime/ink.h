#pragma once
// The strokes a finger draws on the handwriting pad, in pad coordinates (0,0 top left).
// Pure data: the pad widget feeds it pointer positions, the recogniser reads it.
#include <cstddef>
#include <vector>

namespace hall::ime {

struct InkPoint {
    float x = 0;
    float y = 0;
};
using Stroke = std::vector<InkPoint>;

class Ink {
public:
    Ink(float width, float height) : width_(width), height_(height) {}

    // Finger down, moves, up. Points outside the pad are clamped to its edge; a move closer
    // than kMinStep to the last point is skipped (a resting finger adds nothing).
    void begin_stroke(InkPoint p);
    void add_point(InkPoint p);
    // Returns true when a stroke was finished (a tap with no movement still counts: a dot).
    bool end_stroke();

    void undo_stroke();
    void clear();

    bool drawing() const { return drawing_; }
    bool empty() const { return strokes_.empty(); }
    const std::vector<Stroke>& strokes() const { return strokes_; }
    float width() const { return width_; }
    float height() const { return height_; }

    static constexpr float kMinStep = 2.0f;
    static constexpr std::size_t kMaxStrokes = 64;     // more is scribbling, not a character
    static constexpr std::size_t kMaxPointsPerStroke = 512;

private:
    InkPoint clamp(InkPoint p) const;

    float width_;
    float height_;
    bool drawing_ = false;
    std::vector<Stroke> strokes_;
};

}  // namespace hall::ime
