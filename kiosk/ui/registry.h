#pragma once
// Every tappable thing (and every text line) drawn this frame, with its visible label and
// rectangle: what the test driver and `--play` scripts find and tap, like a finger would.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

namespace hall::ui {

struct WidgetInfo {
    std::string label;     // what a person reads on it
    std::string key;       // stable id ("home.guides", "queue.window.w03")
    std::string text_key;  // i18n key of the label, when it is a UI string
    ImVec2 min, max;       // screen rectangle
    ImVec2 clip_min, clip_max;  // the visible part of its scroll region
    bool tappable = true;
    bool enabled = true;
    bool selected = false;
    int scroll_region = -1;  // index into regions(), -1 when not in one
    bool gesture = false;    // a long-press zone (the manager corner): no tap lands there
    int layer = 0;           // index into layers(): 0 the screen, higher ones drawn (and hit) above

    ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
    bool fully_visible() const {
        return min.x >= clip_min.x - 1 && min.y >= clip_min.y - 1 && max.x <= clip_max.x + 1 && max.y <= clip_max.y + 1;
    }
};

struct ScrollRegionInfo {
    std::string key;
    ImVec2 min, max;
    float scroll_y = 0, scroll_max_y = 0;
};

// Text drawn this frame and the panel it must stay inside (a button, a card, a scroll region,
// the screen): for the layout check, not for finding things (tests find widgets).
struct TextInfo {
    std::string text;
    ImVec2 min, max;
    ImVec2 panel_min, panel_max;
    std::string panel;        // key of the panel ("" = the screen)
    bool scrolls = false;     // the panel is a scroll region: only its width binds
    ImVec2 clip_min, clip_max;  // the scroll region (or layer, or screen) it is seen through
    bool in_region = false;   // inside a scroll region: it may lie beyond the screen
    float font_size = 0;      // layout units
    int layer = 0;
};

// A window drawn above the screen (the keyboard, a dialog): ImGui sends a tap inside it to it,
// never to what lies beneath.
struct LayerInfo {
    std::string key;
    ImVec2 min, max;
};

struct FindResult {
    const WidgetInfo* widget = nullptr;
    std::string error;  // "not found: 'X'; tappable now: a, b, c"
};

class Registry {
public:
    void begin_frame();
    void add(WidgetInfo w) { widgets_.push_back(std::move(w)); }
    int add_region(ScrollRegionInfo r) {
        regions_.push_back(std::move(r));
        return static_cast<int>(regions_.size()) - 1;
    }
    ScrollRegionInfo& region(int i) { return regions_.at(static_cast<std::size_t>(i)); }
    void add_text(TextInfo t) { texts_.push_back(std::move(t)); }
    int add_layer(LayerInfo l) {
        layers_.push_back(std::move(l));
        return static_cast<int>(layers_.size());  // 0 is the screen itself
    }

    // A query is a visible label (exact, then unique substring) or "#key".
    FindResult find(const std::string& query, bool tappable_only = true) const;
    const std::vector<WidgetInfo>& widgets() const { return widgets_; }
    const std::vector<ScrollRegionInfo>& regions() const { return regions_; }
    const std::vector<TextInfo>& texts() const { return texts_; }
    const std::vector<LayerInfo>& layers() const { return layers_; }  // layer i+1 is layers()[i]

private:
    std::vector<WidgetInfo> widgets_;
    std::vector<ScrollRegionInfo> regions_;
    std::vector<TextInfo> texts_;
    std::vector<LayerInfo> layers_;
};

}  // namespace hall::ui
