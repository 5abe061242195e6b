#include "ime/ink.h"

#include <algorithm>

namespace hall::ime {

InkPoint Ink::clamp(InkPoint p) const {
    return {std::clamp(p.x, 0.0f, width_), std::clamp(p.y, 0.0f, height_)};
}

void Ink::begin_stroke(InkPoint p) {
    if (drawing_) end_stroke();
    if (strokes_.size() >= kMaxStrokes) return;
    strokes_.push_back({clamp(p)});
    drawing_ = true;
}

void Ink::add_point(InkPoint p) {
    if (!drawing_) return;
    Stroke& s = strokes_.back();
    if (s.size() >= kMaxPointsPerStroke) return;
    p = clamp(p);
    const float dx = p.x - s.back().x, dy = p.y - s.back().y;
    if (dx * dx + dy * dy < kMinStep * kMinStep) return;
    s.push_back(p);
}

bool Ink::end_stroke() {
    if (!drawing_) return false;
    drawing_ = false;
    return true;
}

void Ink::undo_stroke() {
    if (strokes_.empty()) return;
    strokes_.pop_back();
    drawing_ = false;
}

void Ink::clear() {
    strokes_.clear();
    drawing_ = false;
}

}  // namespace hall::ime
