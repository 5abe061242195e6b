#include "ui/keyboard.h"

#include <algorithm>

#include "core/text.h"
#include "ime/ime_session.h"
#include "ui/handwriting_pad.h"

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
    ui.push_panel(key, pos, max);
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
    ui.pop_panel();
    dl->AddText(small, small->FontSize, ImVec2(max.x - cs.x - 20, max.y - cs.y - 12),
                utf8_length(value) >= limit.max_chars ? colour::kBad : colour::kTextMuted, counter.c_str());
    ui.record(value.empty() ? placeholder : value, key, {}, pos, max, true, true, focused);
    return tapped;
}

namespace {

using ime::InputMode;

// The digits-only keypad (phone numbers): no Chinese input.
bool phone_keypad(Ui& ui, std::string& value, const TextLimit& limit) {
    if (std::string typed = ui.input().take_text(); !typed.empty()) insert(value, typed, limit);
    for (int n = ui.input().take_backspaces(); n > 0; --n) pop_utf8(value);
    bool done = ui.input().take_enter();
    const float gap = 10;
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    const float kw = std::min(220.f, (avail - gap * 3) / 4);
    auto key_row = [&](const char* keys) {
        for (const char* k = keys; *k; ++k) {
            const std::string label(1, *k);
            if (ui.button(label, "key." + label, ImVec2(kw, ui.metrics().touch), ButtonStyle::Secondary)) insert(value, label, limit);
            ImGui::SameLine();
        }
    };
    for (const char* r : {"123", "456", "789"}) {
        key_row(r);
        ImGui::NewLine();
    }
    key_row("-");
    key_row("0");
    if (ui.button_t("key.backspace", ImVec2(kw, ui.metrics().touch), ButtonStyle::Secondary)) pop_utf8(value);
    ImGui::SameLine();
    if (ui.button_t("key.done", ImVec2(kw, ui.metrics().touch), ButtonStyle::Primary)) done = true;
    ImGui::PopStyleVar();
    return done;
}

// The session for this keyboard, attached to `value`: limits and text copied in, the
// pinyin engine claimed, the language followed.
ime::ImeSession& attach(Ui& ui, KeyboardState& st, const std::string& value, const TextLimit& limit) {
    ImeServices* services = ui.ime();
    ime::PinyinEngine* pinyin = services ? services->pinyin : nullptr;
    ime::HandwritingEngine* handwriting = services ? services->handwriting : nullptr;
    if (st.ime && !st.ime->uses(pinyin, handwriting)) {
        // The engines arrived (they load on demand) or left: a new session over the same text,
        // starting in the mode this field wants.
        st.ime.reset();
        st.target = nullptr;
    }
    if (!st.ime) st.ime = std::make_shared<ime::ImeSession>(pinyin, handwriting);
    ime::ImeSession& s = *st.ime;
    s.field().set_limits(limit.max_chars, limit.allow_newline);
    if (s.field().text() != value) s.field().set(value);
    if (st.target != &value) {
        // Another field took the keyboard: start in the mode that field wants.
        st.target = &value;
        st.shift = false;
        s.reset_composition();   // the old field's half-typed word must not land in this one
        s.set_mode(limit.chinese && s.mode_available(InputMode::Pinyin) ? InputMode::Pinyin : InputMode::Letters);
    }
    if (services && services->owner != &s) {
        // The engine still holds another keyboard's half-typed word: drop it here.
        s.reset_composition();
        services->owner = &s;
    }
    s.follow_lang(ui.strings().lang());
    return s;
}

// The row above the keys: candidates while there are some, else digits and 。，
void candidate_row(Ui& ui, ime::ImeSession& s, float kw, float avail) {
    const float h = ui.metrics().touch;
    const ime::CandidateBar bar = s.candidates();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // The atlas grows before the next frame with this page and the next two, so one rebuild
    // covers paging on (ImGui 1.86 rebuilds the whole atlas each time; see the ime bench).
    for (const auto& c : bar.upcoming) ui.fonts().request(c);
    if (bar.items.empty() && bar.preedit.empty()) {
        if (s.mode() == InputMode::Handwriting) {
            ImGui::Dummy(ImVec2(avail, h));   // candidates appear here after the first stroke
            return;
        }
        const char* digits = "1234567890";
        for (const char* k = digits; *k; ++k) {
            const std::string label(1, *k);
            if (ui.button(label, "key." + label, ImVec2(kw, h), ButtonStyle::Secondary)) s.press(label);
            ImGui::SameLine();
        }
        for (const char* p : {"，", "。"}) {
            const std::string label(p);
            if (ui.button(label, "key." + label, ImVec2(kw, h), ButtonStyle::Secondary)) s.press(label);
            ImGui::SameLine();
        }
        ImGui::NewLine();
        return;
    }
    float x_used = 0;
    ImFont* font = ui.fonts().body();
    if (!bar.preedit.empty()) {
        // The letters as rime reads them ("ni hao"): not tappable.
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float w = std::max(kw * 1.5f, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, bar.preedit.c_str()).x + 24);
        ImGui::Dummy(ImVec2(w, h));
        ui.draw_text(ImGui::GetWindowDrawList(), font, ImVec2(pos.x + 8, pos.y + (h - font->FontSize) / 2),
                     colour::kTextMuted, bar.preedit);
        ui.note_text(bar.preedit, "key.preedit", {}, pos, ImVec2(pos.x + w, pos.y + h));
        ImGui::SameLine();
        x_used += w + gap;
    }
    const float pager_w = kw * 0.8f;
    const bool pager = bar.can_page_up || bar.can_page_down || s.mode() == InputMode::Pinyin;
    const float room = avail - (pager ? 2 * (pager_w + gap) : 0);
    for (std::size_t i = 0; i < bar.items.size(); ++i) {
        const std::string& c = bar.items[i];
        const float w = std::max(kw * 0.9f, font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, c.c_str()).x + 32);
        if (i > 0 && x_used + w > room)
            break;  // no room: the rest stays on this page, reachable after a pick or by the pager
        if (ui.button(c, "key.cand." + std::to_string(i), ImVec2(w, h), ButtonStyle::Choice, i == 0)) s.pick(i);
        ImGui::SameLine();
        x_used += w + gap;
    }
    if (pager) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.f, avail - x_used - 2 * (pager_w + gap)));
        if (ui.button("◀", "key.page_up", ImVec2(pager_w, h), ButtonStyle::Secondary, false, bar.can_page_up)) s.page_up();
        ImGui::SameLine();
        if (ui.button("▶", "key.page_down", ImVec2(pager_w, h), ButtonStyle::Secondary, false, bar.can_page_down)) s.page_down();
    } else {
        ImGui::NewLine();   // ends the row of candidates (each was followed by SameLine)
    }
}

}  // namespace

bool keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout) {
    if (layout == KeyboardLayout::Phone) return phone_keypad(ui, value, limit);

    ime::ImeSession& s = attach(ui, st, value, limit);
    // Hardware keyboard / driver text is final text (a hardware IME composed it already).
    if (std::string typed = ui.input().take_text(); !typed.empty()) s.field().insert(typed);
    for (int n = ui.input().take_backspaces(); n > 0; --n) s.backspace();
    bool done = ui.input().take_enter();

    const float gap = 10;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float h = ui.metrics().touch;
    const float kw = std::min(130.f, (avail - gap * 11) / 12);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, gap));
    const InputMode mode = s.mode();
    auto key_row = [&](const char* keys) {
        for (const char* k = keys; *k; ++k) {
            std::string label(1, *k);
            if (mode == InputMode::Letters && st.shift && *k >= 'a' && *k <= 'z') label[0] = static_cast<char>(*k - 'a' + 'A');
            if (ui.button(label, "key." + label, ImVec2(kw, h), ButtonStyle::Secondary)) s.press(label);
            ImGui::SameLine();
        }
    };

    if (mode == InputMode::Pinyin || mode == InputMode::Handwriting) {
        candidate_row(ui, s, kw, avail);
    } else {
        key_row("1234567890");
        ImGui::NewLine();
    }

    if (mode == InputMode::Handwriting) {
        // The pad takes the three letter rows; rewrite and delete beside it.
        const float pad_h = h * 3 + gap * 2;
        const float side_w = kw * 2;
        const float pad_w = std::min(avail - side_w - gap, pad_h * 1.6f);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - side_w - gap - pad_w) / 2);
        handwriting_pad(ui, "key.pad", s, ImVec2(pad_w, pad_h), st.pad_drawing);
        ImGui::SameLine();
        ImGui::BeginGroup();
        if (ui.button_t("key.rewrite", ImVec2(side_w, h), ButtonStyle::Secondary, false, !s.ink().empty())) s.clear_ink();
        if (ui.button_t("key.backspace", ImVec2(side_w, h), ButtonStyle::Secondary)) s.backspace();
        ImGui::EndGroup();
    } else if (mode == InputMode::Digits) {
        key_row("-/:;()@\"'");
        ImGui::NewLine();
        key_row(".,?!~%&*+=");   // no '#': ImGui would read "#" + "###key.#" as a hidden label
        ImGui::NewLine();
        for (const char* p : {"，", "。", "？", "！", "、", "：", "；", "“", "”"}) {
            const std::string label(p);
            if (ui.button(label, "key." + label, ImVec2(kw, h), ButtonStyle::Secondary)) s.press(label);
            ImGui::SameLine();
        }
    } else {
        key_row("qwertyuiop");
        ImGui::NewLine();
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + kw / 2);
        key_row("asdfghjkl");
        ImGui::NewLine();
        if (mode == InputMode::Letters) {
            if (ui.button_t("key.shift", ImVec2(kw * 1.5f, h), ButtonStyle::Choice, st.shift)) st.shift = !st.shift;
        } else {
            // Pinyin: the syllable separator (xi'an) where shift would be.
            if (ui.button("'", "key.'", ImVec2(kw * 1.5f, h), ButtonStyle::Secondary)) s.press("'");
        }
        ImGui::SameLine();
        key_row("zxcvbnm");
    }
    if (mode != InputMode::Handwriting) {
        if (ui.button_t("key.backspace", ImVec2(kw * 1.5f, h), ButtonStyle::Secondary)) s.backspace();
    }

    // Pinyin could not start (e.g. no room to compile its schemas): say so, so a citizen
    // who looks for it knows to write or spell instead.
    if (ui.ime() && !s.mode_available(InputMode::Pinyin)) ui.text_t("key.pinyin_unavailable", colour::kTextMuted);

    // Bottom row: the modes this kiosk has, space, clear, done. A mode's name ("Handwriting")
    // may be wider than a key on a narrow panel: its button widens, in the small font if the
    // row would not fit otherwise.
    const std::pair<InputMode, const char*> modes[] = {{InputMode::Pinyin, "key.pinyin"}, {InputMode::Letters, "key.letters"},
                                                       {InputMode::Digits, "key.symbols"}, {InputMode::Handwriting, "key.handwriting"}};
    const auto mode_w = [&](const char* text_key, ImFont* f) {
        return std::max(kw * 1.2f, f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, ui.tr(text_key).c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + 4);
    };
    float modes_w = 0;
    for (auto [m, text_key] : modes)
        if (s.mode_available(m)) modes_w += mode_w(text_key, ui.fonts().body()) + gap;
    ImFont* mode_font = modes_w + kw * 4.5f + gap * 3 > avail ? ui.fonts().small() : ui.fonts().body();
    float used = 0;
    for (auto [m, text_key] : modes) {
        if (!s.mode_available(m)) continue;
        const float w = mode_w(text_key, mode_font);
        if (ui.button(ui.tr(text_key), text_key, ImVec2(w, h), ButtonStyle::Choice, mode == m, true, text_key, mode_font) && mode != m) {
            s.set_mode(m);
            st.pad_drawing = false;
        }
        ImGui::SameLine();
        used += w + gap;
    }
    const float space_w = std::max(kw, avail - used - kw * 3.5f - gap * 2);
    if (ui.button_t("key.space", ImVec2(space_w, h), ButtonStyle::Secondary)) s.space();
    ImGui::SameLine();
    if (ui.button_t("key.clear", ImVec2(kw * 1.5f, h), ButtonStyle::Secondary)) {
        s.reset_composition();
        s.field().clear();
    }
    ImGui::SameLine();
    if (ui.button_t("key.done", ImVec2(kw * 2, h), ButtonStyle::Primary)) done = true;
    ImGui::PopStyleVar();

    // Done while composing keeps what the citizen meant: the first candidate.
    if (done) s.finish();
    value = s.field().text();
    return done;
}

namespace {
constexpr float kKeyGap = 10;
// Widest useful keyboard: 12 keys of 130 (keyboard()) or 4 of 220 (phone_keypad()), with the
// layer window's padding (the theme's pad) on both sides.
float dock_width(const Ui& ui, KeyboardLayout layout) {
    return (layout == KeyboardLayout::Phone ? 4 * 220.f + 3 * kKeyGap : 12 * 130.f + 11 * kKeyGap) + 2 * ui.metrics().pad;
}
}  // namespace

float keyboard_height(const Ui& ui, KeyboardLayout layout) {
    const int rows = layout == KeyboardLayout::Phone ? 4 : 5;
    return rows * ui.metrics().touch + (rows - 1) * kKeyGap + 2 * ui.metrics().pad;
}

bool docked_keyboard(Ui& ui, KeyboardState& st, std::string& value, const TextLimit& limit, KeyboardLayout layout) {
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float w = std::min(screen.x, dock_width(ui, layout));
    const float h = keyboard_height(ui, layout);
    const ImVec2 min((screen.x - w) / 2, screen.y - h);
    ui.begin_layer("keyboard", min, ImVec2(min.x + w, screen.y));
    const bool done = keyboard(ui, st, value, limit, layout);
    ui.end_layer();
    return done;
}

}  // namespace hall::ui
