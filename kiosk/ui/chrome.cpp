#include "ui/chrome.h"

namespace hall::ui {

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

Intent language_buttons(Ui& ui, const Model& m) {
    Intent out;
    if (m.languages.size() > 1) {
        for (Lang l : m.languages) {
            const std::string key = "lang." + std::string(lang_code(l));
            // Each language's own name in its own script, whatever the current language.
            const std::string& label = ui.strings().tr(key, l);
            if (ui.button(label, key, ImVec2(0, 0), ButtonStyle::Choice, m.lang == l)) {
                out.kind = Intent::Kind::SetLang;
                out.lang = l;
            }
            ImGui::SameLine();
        }
    }
    if (ui.button_t("common.large_text", ImVec2(0, 0), ButtonStyle::Choice, m.large_text)) out = Intent::of(Intent::Kind::ToggleLargeText);
    return out;
}

Intent top_bar(Ui& ui, const Model& m, const std::string& title_key, bool show_back) {
    Intent out;
    const float h = ui.metrics().touch + 24;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(ImGui::GetIO().DisplaySize.x, p0.y + h), colour::kPanel);
    dl->AddLine(ImVec2(0, p0.y + h), ImVec2(ImGui::GetIO().DisplaySize.x, p0.y + h), colour::kBorder, 2);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + 12));
    if (show_back) {
        if (ui.button_t("common.back", ImVec2(0, 0), ButtonStyle::Secondary)) out = Intent::of(Intent::Kind::Back);
        ImGui::SameLine();
    }
    if (ui.button_t("common.home", ImVec2(0, 0), ButtonStyle::Secondary)) out = Intent::of(Intent::Kind::Home);
    ImGui::SameLine(0, 32);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, p0.y + 12 + (ui.metrics().touch - ui.fonts().title()->FontSize) / 2 - 4));
    ui.text_t(title_key, colour::kPrimaryDark, ui.fonts().title());
    // Right side: language, large text, clock.
    const float right_w = (ui.fonts().large() ? 700.f : 620.f) + 130.f;
    ImGui::SetCursorScreenPos(ImVec2(p0.x + w - right_w, p0.y + 12));
    if (Intent li = language_buttons(ui, m)) out = li;
    ImGui::SameLine(0, 24);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, p0.y + 12 + (ui.metrics().touch - ui.fonts().heading()->FontSize) / 2));
    ui.text(m.clock_hhmm, colour::kText, ui.fonts().heading());
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
