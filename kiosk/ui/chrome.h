#pragma once
// What every screen shares: the top bar (back, home, title, language, large text, clock)
// and the small sync/content status line.
#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

// Opens the fullscreen root window (call End via end_root).
void begin_root(const char* id);
void end_root();

// The top bar. Returns Back/Home/SetLang/ToggleLargeText when tapped.
Intent top_bar(Ui& ui, const Model& m, const std::string& title_key, bool show_back);
// Language and large-text buttons (also on Home).
Intent language_buttons(Ui& ui, const Model& m);
// Their width in a row.
float language_buttons_width(Ui& ui, const Model& m);
// "Guides updated … · synced …" in muted text.
void status_line(Ui& ui, const Model& m);

}  // namespace hall::ui
