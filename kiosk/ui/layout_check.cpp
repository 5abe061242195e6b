#include "ui/layout_check.h"

#include <algorithm>
#include <cstdio>

namespace hall::ui {
namespace {

constexpr float kSlack = 1;  // layout units: borders and rounding

struct Rect {
    ImVec2 min, max;
    bool empty() const { return max.x - min.x <= kSlack || max.y - min.y <= kSlack; }
};

Rect intersect(Rect a, Rect b) {
    return {ImVec2(std::max(a.min.x, b.min.x), std::max(a.min.y, b.min.y)),
            ImVec2(std::min(a.max.x, b.max.x), std::min(a.max.y, b.max.y))};
}

std::string num(float v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    return b;
}

std::string rect_text(Rect r) {
    return "[" + num(r.min.x) + "," + num(r.min.y) + " " + num(r.max.x - r.min.x) + "x" + num(r.max.y - r.min.y) + "]";
}

std::string name_of(const WidgetInfo& w) { return "'" + w.label + "' (#" + w.key + ")"; }

std::string short_text(const std::string& s) {
    // At most ~24 characters of UTF-8, cut on a character boundary.
    std::size_t i = 0, chars = 0;
    while (i < s.size() && chars < 24) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++chars;
    }
    return "'" + s.substr(0, std::min(i, s.size())) + (i < s.size() ? "…'" : "'");
}

}  // namespace

std::vector<std::string> check_layout(const Registry& reg, const Layout& layout) {
    std::vector<std::string> out;
    const Rect screen{ImVec2(0, 0), ImVec2(layout.width(), layout.height())};
    const float min_target = layout.units(kMinTargetDp);
    const float min_text = layout.units(kMinBodyDp);

    // The part of each target a finger can reach: inside its scroll region (or layer).
    const auto& ws = reg.widgets();
    std::vector<Rect> visible(ws.size());
    for (std::size_t i = 0; i < ws.size(); ++i) visible[i] = intersect({ws[i].min, ws[i].max}, {ws[i].clip_min, ws[i].clip_max});

    for (std::size_t i = 0; i < ws.size(); ++i) {
        const WidgetInfo& w = ws[i];
        if (!w.tappable || w.gesture) continue;
        const Rect r{w.min, w.max};
        const bool in_region = w.scroll_region >= 0;
        // Sideways a target never leaves its region or the screen; up and down only a region scrolls.
        const Rect bound = in_region ? intersect(screen, {w.clip_min, w.clip_max}) : screen;
        if (r.min.x < bound.min.x - kSlack || r.max.x > bound.max.x + kSlack ||
            (!in_region && (r.min.y < bound.min.y - kSlack || r.max.y > bound.max.y + kSlack)))
            out.push_back("target " + name_of(w) + " " + rect_text(r) + " outside " + (in_region ? "its region " : "the screen ") +
                          rect_text(bound));
        if (r.max.x - r.min.x < min_target - 0.5f || r.max.y - r.min.y < min_target - 0.5f)
            out.push_back("target " + name_of(w) + " " + rect_text(r) + " smaller than " + num(kMinTargetDp) + " dp (" +
                          num(min_target) + " units)");
        if (visible[i].empty()) continue;
        for (std::size_t j = i + 1; j < ws.size(); ++j) {
            const WidgetInfo& o = ws[j];
            if (!o.tappable || o.gesture || o.layer != w.layer || visible[j].empty()) continue;
            const Rect both = intersect(visible[i], visible[j]);
            if (!both.empty())
                out.push_back("targets " + name_of(w) + " and " + name_of(o) + " overlap at " + rect_text(both));
        }
    }

    for (const TextInfo& t : reg.texts()) {
        const Rect r{t.min, t.max};
        const Rect panel{t.panel_min, t.panel_max};
        const std::string where = t.panel.empty() ? std::string("the screen") : "#" + t.panel;
        const bool out_x = r.min.x < panel.min.x - kSlack || r.max.x > panel.max.x + kSlack;
        const bool out_y = !t.scrolls && (r.min.y < panel.min.y - kSlack || r.max.y > panel.max.y + kSlack);
        const bool off_screen = r.min.x < -kSlack || r.max.x > screen.max.x + kSlack ||
                                (!t.in_region && (r.min.y < -kSlack || r.max.y > screen.max.y + kSlack));
        if (out_x || out_y || off_screen)
            out.push_back("text " + short_text(t.text) + " " + rect_text(r) + " outside " + (off_screen ? "the screen" : where) + " " +
                          rect_text(off_screen ? screen : panel));
        if (t.font_size < min_text - 0.01f)
            out.push_back("text " + short_text(t.text) + " is " + num(t.font_size * layout.scale / layout.dp) + " dp, under " +
                          num(kMinBodyDp) + " dp");
        // Text under a target it does not belong to: the target hides it or steals its taps.
        const Rect seen = intersect(r, {t.clip_min, t.clip_max});
        if (seen.empty()) continue;
        for (std::size_t j = 0; j < ws.size(); ++j) {
            const WidgetInfo& w = ws[j];
            if (!w.tappable || w.gesture || w.layer != t.layer || w.key == t.panel || visible[j].empty()) continue;
            const Rect both = intersect(seen, visible[j]);
            if (!both.empty()) out.push_back("text " + short_text(t.text) + " lies under target " + name_of(w) + " at " + rect_text(both));
        }
    }
    return out;
}

}  // namespace hall::ui
