#include "ui/keyboard.h"

#include "core/text.h"

namespace hall::ui {
namespace {

void insert(std::string& value, const std::string& text, const TextLimit& limit) {
    const std::size_t have = utf8_length(value);
    if (have >= limit.max_chars) return;
    value += sanitize_text(text, limit.max_chars - have, limit.allow_newline);
}

}  // namespace

bool text_field(Ui& ui, const std::string& key, const std::string& value, const std::string& placeholder, bool focused,
                const TextLimit& limit, float height) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = height > 0 ? height : ui.metrics().touch;
    const bool tapped = ImGui::InvisibleButton(("##field_" + key).c_str(), ImVec2(w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + w, pos.y + h);
    dl->AddRectFilled(pos, max, colour::kPanel, ui.metrics().radius);
    dl->AddRect(pos, max, focused ? colour::kPrimary : colour::kBorder, ui.metrics().radius, 0, focused ? 3.f : 1.5f);
    const std::string counter = std::to_string(utf8_length(value)) + "/" + std::to_string(limit.max_chars);
    ImFont* small = ui.fonts().small();
    const ImVec2 cs = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, counter.c_str());
    const float text_w = w - cs.x - 56;
    dl->PushClipRect(pos, max, true);
    if (value.empty()) {
        ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + 20, pos.y + 16), colour::kTextMuted, placeholder, text_w);
    } else {
        ui.draw_text(dl, ui.fonts().body(), ImVec2(pos.x + 20, pos.y + 16), colour::kText, value, text_w);
    }
    if (focused) {
        // Caret after the last character.
        ImFont* f = ui.fonts().body();
        const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, text_w, value.c_str());
        const float line_h = f->FontSize;
        float cx = pos.x + 20 + (value.empty() ? 0 : ts.x);
        float cy = pos.y + 16 + (value.empty() ? 0 : ts.y - line_h);
        if (ts.y > line_h * 1.5f) cx = pos.x + 20 + text_w;  // wrapped: caret at the end of the last line
        dl->AddLine(ImVec2(cx + 2, cy), ImVec2(cx + 2, cy + line_h), colour::kPrimary, 3);
    }
    dl->PopClipRect();
    dl->AddText(small, small->FontSize, ImVec2(max.x - cs.x - 20, max.y - cs.y - 12),
                utf8_length(value) >= limit.max_chars ? colour::kBad : colour::kTextMuted, counter.c_str());
    ui.record(value.empty() ? placeholder : value, key, {}, pos, max, true, true, focused);
    return tapped;
}

bool keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout) {
    // Hardware keyboard / driver text first, through the same limits as taps.
    if (std::string typed = ui.input().take_text(); !typed.empty()) insert(value, typed, limit);
    for (int n = ui.input().take_backspaces(); n > 0; --n) pop_utf8(value);
    bool done = ui.input().take_enter();

    const float gap = 10;
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    auto key_row = [&](const char* keys, float key_w) {
        for (const char* k = keys; *k; ++k) {
            std::string label(1, *k);
            if (st.shift && *k >= 'a' && *k <= 'z') label[0] = static_cast<char>(*k - 'a' + 'A');
            if (ui.button(label, "key." + label, ImVec2(key_w, ui.metrics().touch), ButtonStyle::Secondary))
                insert(value, label, limit);
            ImGui::SameLine();
        }
    };
    if (layout == KeyboardLayout::Phone) {
        const float kw = std::min(220.f, (avail - gap * 3) / 4);
        const char* rows[] = {"123", "456", "789"};
        for (const char* r : rows) {
            key_row(r, kw);
            ImGui::NewLine();
        }
        key_row("-", kw);
        key_row("0", kw);
        if (ui.button_t("key.backspace", ImVec2(kw, ui.metrics().touch), ButtonStyle::Secondary)) pop_utf8(value);
        ImGui::SameLine();
        if (ui.button_t("key.done", ImVec2(kw, ui.metrics().touch), ButtonStyle::Primary)) done = true;
    } else {
        const float kw = std::min(130.f, (avail - gap * 11) / 12);
        if (st.symbols) {
            key_row("1234567890", kw);
            ImGui::NewLine();
            key_row("-/:;()@\"'", kw);
            ImGui::NewLine();
            key_row(".,?!#%&*+=", kw);
        } else {
            key_row("1234567890", kw);
            ImGui::NewLine();
            key_row("qwertyuiop", kw);
            ImGui::NewLine();
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kw / 2);
            key_row("asdfghjkl", kw);
            ImGui::NewLine();
            if (ui.button_t("key.shift", ImVec2(kw * 1.5f, ui.metrics().touch), ButtonStyle::Choice, st.shift)) st.shift = !st.shift;
            ImGui::SameLine();
            key_row("zxcvbnm", kw);
        }
        if (ui.button_t("key.backspace", ImVec2(kw * 1.5f, ui.metrics().touch), ButtonStyle::Secondary)) pop_utf8(value);
        ImGui::NewLine();
        if (ui.button_t(st.symbols ? "key.letters" : "key.symbols", ImVec2(kw * 2, ui.metrics().touch), ButtonStyle::Secondary))
            st.symbols = !st.symbols;
        ImGui::SameLine();
        if (ui.button_t("key.space", ImVec2(kw * 6, ui.metrics().touch), ButtonStyle::Secondary)) insert(value, " ", limit);
        ImGui::SameLine();
        if (ui.button_t("key.clear", ImVec2(kw * 1.5f, ui.metrics().touch), ButtonStyle::Secondary)) value.clear();
        ImGui::SameLine();
        if (ui.button_t("key.done", ImVec2(kw * 2, ui.metrics().touch), ButtonStyle::Primary)) done = true;
    }
    ImGui::PopStyleVar();
    return done;
}

}  // namespace hall::ui
