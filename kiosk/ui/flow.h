#pragma once
// A row of choice buttons that wraps at the right edge of the space it starts in
// (filters, presets, actions): each button as wide as its label plus a finger's margin.
#include <string>

#include "ui/widgets.h"

namespace hall::ui {

class FlowRow {
public:
    explicit FlowRow(Ui& ui);
    // A button with any label and a stable key (text_key: the string it was made from, if any).
    bool button(const std::string& label, const std::string& key, bool selected, ButtonStyle st = ButtonStyle::Choice,
                bool enabled = true, const std::string& text_key = {});
    // A button labelled with the UI string text_key; its key is text_key.
    bool button_t(const std::string& text_key, bool selected, ButtonStyle st = ButtonStyle::Choice, bool enabled = true) {
        return button(ui_.tr(text_key), text_key, selected, st, enabled, text_key);
    }

private:
    Ui& ui_;
    float right_;
    bool first_ = true;
};

}  // namespace hall::ui
