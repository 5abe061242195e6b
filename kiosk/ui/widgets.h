#pragma once
// Touch widgets. Each draws with ImGui and records itself in the Registry (label, key,
// rectangle), which is how tests and `--play` scripts find what to tap. Screens use these
// instead of raw ImGui calls so every label is noted for the font atlas too.
#include <imgui.h>

#include <map>
#include <string>
#include <vector>

#include "ui/fonts.h"
#include "ui/input.h"
#include "ui/registry.h"
#include "ui/strings.h"
#include "ui/theme.h"

namespace hall::ui {

enum class ButtonStyle { Primary, Secondary, Choice, Danger, Good };
struct ImeServices;  // keyboard.h: the kiosk's Chinese input engines

class Ui {
public:
    Ui(Fonts& fonts, Strings& strings, TouchInput& input, Registry& registry)
        : fonts_(fonts), strings_(strings), input_(input), registry_(registry) {}

    void begin_frame(const std::string& screen, const Metrics& m);
    const Metrics& metrics() const { return m_; }
    const std::string& screen() const { return screen_; }
    Fonts& fonts() { return fonts_; }
    const Strings& strings() const { return strings_; }
    TouchInput& input() { return input_; }
    Registry& registry() { return registry_; }
    const std::string& tr(std::string_view key) const { return strings_.tr(key); }
    // Chinese input for the on-screen keyboard; null: letters and symbols only.
    void set_ime(ImeServices* ime) { ime_ = ime; }
    ImeServices* ime() const { return ime_; }

    // A button labelled with the UI string `text_key`; its id is the key itself.
    bool button_t(const std::string& text_key, ImVec2 size = {0, 0}, ButtonStyle st = ButtonStyle::Primary,
                  bool selected = false, bool enabled = true);
    // A button with any label (content text) and a stable key.
    bool button(const std::string& label, const std::string& key, ImVec2 size = {0, 0},
                ButtonStyle st = ButtonStyle::Primary, bool selected = false, bool enabled = true,
                const std::string& text_key = {}, ImFont* font = nullptr);
    // A large tappable panel: a title line and up to a few wrapped lines under it.
    bool card(const std::string& key, const std::string& title, const std::string& detail, ImVec2 size,
              bool selected = false, ImU32 accent = 0, const std::string& badge = {}, ImU32 badge_colour = 0);

    // Text, wrapped to the available width. colour 0 = default text colour.
    void text(const std::string& s, ImU32 colour = 0, ImFont* font = nullptr);
    void text_t(const std::string& text_key, ImU32 colour = 0, ImFont* font = nullptr) {
        text_keyed(tr(text_key), text_key, colour, font);
    }
    void heading(const std::string& s) { text(s, colour::kPrimaryDark, fonts_.heading()); }
    void heading_t(const std::string& text_key) { text_keyed(tr(text_key), text_key, colour::kPrimaryDark, fonts_.heading()); }
    // A label/value row, the value wrapped beside the label.
    void field(const std::string& label_key, const std::string& value);
    // Draw text at a position through the draw list (already noted for the atlas).
    void draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, const std::string& s, float wrap = 0);

    // Scrollable area that a finger drags. Items inside record the region for the driver.
    void begin_scroll(const std::string& key, ImVec2 size, bool border = false);
    void end_scroll();

    // A QR code of payload, size x size px, quiet zone included. Returns false if it cannot
    // be encoded (too long), in which case a message is drawn instead.
    bool qr(const std::string& key, const std::string& payload, float size, const std::string& caption);

    // Registers a text-only item (for expect/label checks).
    void note_text(const std::string& s, const std::string& key, const std::string& text_key, ImVec2 min, ImVec2 max);

    // Registers any drawn item (custom widgets call this).
    void record(const std::string& label, const std::string& key, const std::string& text_key, ImVec2 min, ImVec2 max,
                bool tappable, bool enabled, bool selected);

    // A hidden long-press zone (findable by key for `hold`); taps there do nothing.
    void record_gesture_zone(const std::string& key, ImVec2 min, ImVec2 max);

    // Text drawn at [min, max) in a font of `size`, inside the innermost panel (for the layout
    // check: text must stay inside the card, button or region it belongs to).
    void record_text(const std::string& s, ImVec2 min, ImVec2 max, float size);
    // Custom widgets name the panel their text belongs to (a card, a field, a bar).
    void push_panel(const std::string& key, ImVec2 min, ImVec2 max);
    void pop_panel();

    // A window above the screen at [min, max) (the keyboard, a dialog): what is drawn between
    // begin_layer and end_layer gets every tap inside it; the screen beneath gets none.
    void begin_layer(const std::string& key, ImVec2 min, ImVec2 max);
    void end_layer();

private:
    struct Panel {
        std::string key;
        ImVec2 min, max;
        bool scrolls = false;
    };
    void record_text_in(const std::string& s, ImVec2 min, ImVec2 max, float size, const Panel& panel);

    void text_keyed(const std::string& s, const std::string& text_key, ImU32 colour, ImFont* font);

    Fonts& fonts_;
    Strings& strings_;
    TouchInput& input_;
    Registry& registry_;
    ImeServices* ime_ = nullptr;
    Metrics m_;
    std::string screen_;
    struct Region {
        int index;
        ImVec2 min, max;
    };
    std::vector<Region> regions_;
    std::vector<Panel> panels_;
    struct Layer {
        int index;
        std::vector<Region> regions;  // the screen's open scroll regions, set aside
    };
    std::vector<Layer> layers_;
    std::map<std::string, std::vector<unsigned char>> qr_cache_;  // payload -> modules (width first)
};

}  // namespace hall::ui
