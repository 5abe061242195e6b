#include "ui/chrome.h"

namespace hall::ui {
namespace {

// A button sized to its label, as Ui::button draws it with size.x == 0.
float label_button_w(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
}

float text_w(ImFont* f, const std::string& s) { return f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.c_str()).x; }

}  // namespace

void begin_root(const char* id) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // Fullscreen, undecorated, never moved or saved: a kiosk has exactly one window.
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
}

void end_root() { ImGui::End(); }

float language_buttons_width(Ui& ui, const Model& m) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float w = label_button_w(ui.tr("common.large_text"));
    if (m.languages.size() > 1)
        for (Lang l : m.languages) w += label_button_w(ui.strings().tr("lang." + std::string(lang_code(l)), l)) + spacing;
    return w;
}

Intent language_buttons(Ui& ui, const Model& m) {
    Intent out;
    if (m.languages.size() > 1) {
        for (Lang l : m.languages) {
            const std::string key = "lang." + std::string(lang_code(l));
            // Each language's own name in its own script, whatever the current language.
            const std::string& label = ui.strings().tr(key, l);
            if (ui.button(label, key, ImVec2(0, 0), ButtonStyle::Choice, m.lang == l)) out = intent::SetLang{l};
            ImGui::SameLine();
        }
    }
    if (ui.button_t("common.large_text", ImVec2(0, 0), ButtonStyle::Choice, m.large_text)) out = intent::ToggleLargeText{};
    return out;
}

Intent top_bar(Ui& ui, const Model& m, const std::string& title_key, bool show_back) {
    // One row when everything fits: [back][home]  title  ...  [languages][large text] 12:00.
    // On a narrow panel (portrait, large text, long English labels) the languages and then
    // the title move to rows of their own, so nothing is covered and no label is cut.
    Intent out;
    const float touch = ui.metrics().touch;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float row_h = touch + 12;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImFont* title_font = ui.fonts().title();
    ImFont* clock_font = ui.fonts().heading();
    const std::string& title = ui.tr(title_key);
    const float left_w = (show_back ? label_button_w(ui.tr("common.back")) + spacing : 0) + label_button_w(ui.tr("common.home"));
    const float langs_w = language_buttons_width(ui, m);
    const float clock_w = text_w(clock_font, m.clock_hhmm) + 24;
    const float title_w = text_w(title_font, title);
    const float gap = 32;

    const bool langs_in_row1 = left_w + gap + langs_w + clock_w <= w;
    const float row1_right = langs_in_row1 ? langs_w + clock_w : clock_w;
    const bool title_in_row1 = left_w + gap + title_w + gap + row1_right <= w;
    // Row 2 (when needed): the title at the left if it fits beside the languages.
    const bool title_in_row2 = !title_in_row1 && !langs_in_row1 && title_w + gap + langs_w <= w;
    const int rows = 1 + (!langs_in_row1 || !title_in_row1 ? 1 : 0) + (!title_in_row1 && !langs_in_row1 && !title_in_row2 ? 1 : 0);
    const float h = rows * row_h + 12;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float screen_w = ImGui::GetIO().DisplaySize.x;
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(screen_w, p0.y + h), colour::kPanel);
    dl->AddLine(ImVec2(0, p0.y + h), ImVec2(screen_w, p0.y + h), colour::kBorder, 2);

    const float y1 = p0.y + 12;
    ImGui::SetCursorScreenPos(ImVec2(p0.x, y1));
    if (show_back) {
        if (ui.button_t("common.back", ImVec2(0, 0), ButtonStyle::Secondary)) out = intent::Back{};
        ImGui::SameLine();
    }
    if (ui.button_t("common.home", ImVec2(0, 0), ButtonStyle::Secondary)) out = intent::Home{};

    // The clock, always at the right of the first row.
    const float clock_x = p0.x + w - clock_w + 24;
    ImGui::SetCursorScreenPos(ImVec2(clock_x, y1 + (touch - clock_font->FontSize) / 2));
    ui.text(m.clock_hhmm, colour::kText, clock_font);

    const float langs_y = langs_in_row1 ? y1 : y1 + row_h;
    const float langs_x = langs_in_row1 ? clock_x - 24 - langs_w : p0.x + w - langs_w;
    ImGui::SetCursorScreenPos(ImVec2(langs_x, langs_y));
    if (Intent li = language_buttons(ui, m)) out = li;

    // The title, in the room its row leaves it.
    float tx = p0.x, ty = y1, room = w;
    if (title_in_row1) {
        tx = p0.x + left_w + gap;
        room = w - left_w - gap - row1_right;
    } else if (title_in_row2) {
        ty = y1 + row_h;
        room = w - langs_w - gap;
    } else {
        ty = y1 + row_h * (rows - 1);
    }
    const ImVec2 tmin(tx, ty + (touch - title_font->FontSize) / 2 - 4);
    ui.push_panel("top_bar.title", ImVec2(tx, ty), ImVec2(tx + room, ty + touch));
    ImGui::SetCursorScreenPos(tmin);
    ui.text_t(title_key, colour::kPrimaryDark, title_font);
    ui.pop_panel();
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h + ui.metrics().gap));
    return out;
}

void status_line(Ui& ui, const Model& m) {
    std::string s = ui.strings().fmt("status.content", {m.content_version});
    if (m.sync.configured) {
        s += "   ·   ";
        s += m.sync.online ? ui.tr("status.online") : ui.tr("status.offline");
        if (m.sync.outbox_depth > 0) s += "   " + ui.strings().fmt("status.pending", {std::to_string(m.sync.outbox_depth)});
    }
    ui.text(s, colour::kTextMuted, ui.fonts().small());
}

}  // namespace hall::ui
