#include "ui/widgets.h"

#include <imgui_internal.h>
#include <qrencode.h>

#include <algorithm>
#include <cmath>

#include "core/line_break.h"

namespace hall::ui {

namespace {

// Text broken into lines that fit width by the Chinese line-breaking rules (core/line_break.h)
// before ImGui sees it: ImGui would put a "？" or "，" first on a line.
std::string fit_lines(ImFont* font, float size, float width, const std::string& s) {
    if (width <= 0 || s.empty()) return s;
    // In the font's own units, as ImGui's CalcWordWrapPositionA measures (it breaks where a
    // line passes the width), so ImGui never breaks one of these lines again.
    const float scale = size / font->FontSize;
    return break_lines(s, width / scale, [&](char32_t c) {
        return c > 0xFFFF ? font->FallbackAdvanceX : font->GetCharAdvance(static_cast<ImWchar>(c));
    });
}

}  // namespace

void Ui::begin_frame(const std::string& screen, const Metrics& m) {
    screen_ = screen;
    m_ = m;
    regions_.clear();
    panels_.clear();
    layers_.clear();
    registry_.begin_frame();
}

void Ui::push_panel(const std::string& key, ImVec2 min, ImVec2 max) { panels_.push_back({key, min, max, false}); }
void Ui::pop_panel() { panels_.pop_back(); }

void Ui::record_text_in(const std::string& s, ImVec2 min, ImVec2 max, float size, const Panel& panel) {
    if (s.empty()) return;
    TextInfo t;
    t.text = s;
    t.min = min;
    t.max = max;
    t.panel = panel.key;
    t.panel_min = panel.min;
    t.panel_max = panel.max;
    t.scrolls = panel.scrolls;
    t.font_size = size;
    t.in_region = !regions_.empty();
    if (t.in_region) {
        t.clip_min = regions_.back().min;
        t.clip_max = regions_.back().max;
    } else if (!layers_.empty()) {
        const auto& l = registry_.layers()[static_cast<std::size_t>(layers_.back().index - 1)];
        t.clip_min = l.min;
        t.clip_max = l.max;
    } else {
        t.clip_min = ImVec2(0, 0);
        t.clip_max = ImGui::GetIO().DisplaySize;
    }
    t.layer = layers_.empty() ? 0 : layers_.back().index;
    registry_.add_text(std::move(t));
}

void Ui::record_text(const std::string& s, ImVec2 min, ImVec2 max, float size) {
    const Panel screen{"", ImVec2(0, 0), ImGui::GetIO().DisplaySize, false};
    record_text_in(s, min, max, size, panels_.empty() ? screen : panels_.back());
}

void Ui::begin_layer(const std::string& key, ImVec2 min, ImVec2 max) {
    ImGui::SetNextWindowPos(min);
    ImGui::SetNextWindowSize(ImVec2(max.x - min.x, max.y - min.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(colour::kBackground));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.f);
    ImGui::Begin(key.c_str(), nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoScrollWithMouse);
    layers_.push_back({registry_.add_layer({key, min, max}), std::move(regions_)});
    regions_.clear();
    panels_.push_back({key, min, max, false});
}

void Ui::end_layer() {
    panels_.pop_back();
    regions_ = std::move(layers_.back().regions);
    layers_.pop_back();
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void Ui::record(const std::string& label, const std::string& key, const std::string& text_key, ImVec2 min, ImVec2 max,
                bool tappable, bool enabled, bool selected) {
    WidgetInfo w;
    w.label = label;
    w.key = key;
    w.text_key = text_key;
    w.min = min;
    w.max = max;
    w.tappable = tappable;
    w.enabled = enabled;
    w.selected = selected;
    w.layer = layers_.empty() ? 0 : layers_.back().index;
    if (!regions_.empty()) {
        w.scroll_region = regions_.back().index;
        w.clip_min = regions_.back().min;
        w.clip_max = regions_.back().max;
    } else if (!layers_.empty()) {
        const auto& l = registry_.layers()[static_cast<std::size_t>(layers_.back().index - 1)];
        w.clip_min = l.min;
        w.clip_max = l.max;
    } else {
        w.clip_min = ImVec2(0, 0);
        w.clip_max = ImGui::GetIO().DisplaySize;
    }
    registry_.add(std::move(w));
}

void Ui::record_gesture_zone(const std::string& key, ImVec2 min, ImVec2 max) {
    WidgetInfo w;
    w.key = key;
    w.min = w.clip_min = min;
    w.max = w.clip_max = max;
    w.gesture = true;
    w.layer = layers_.empty() ? 0 : layers_.back().index;
    registry_.add(std::move(w));
}

void Ui::note_text(const std::string& s, const std::string& key, const std::string& text_key, ImVec2 min, ImVec2 max) {
    record(s, key, text_key, min, max, false, true, false);
}

bool Ui::button_t(const std::string& text_key, ImVec2 size, ButtonStyle st, bool selected, bool enabled) {
    return button(tr(text_key), text_key, size, st, selected, enabled, text_key);
}

bool Ui::button(const std::string& label, const std::string& key, ImVec2 size, ButtonStyle st, bool selected,
                bool enabled, const std::string& text_key, ImFont* font) {
    fonts_.request(label);
    if (size.y <= 0) size.y = m_.touch;
    ImU32 bg = colour::kPrimary, fg = colour::kWhite, border = 0;
    switch (st) {
        case ButtonStyle::Primary: break;
        case ButtonStyle::Secondary: bg = colour::kPanel; fg = colour::kPrimaryDark; border = colour::kPrimary; break;
        case ButtonStyle::Choice:
            bg = selected ? colour::kPrimary : colour::kPanel;
            fg = selected ? colour::kWhite : colour::kText;
            border = selected ? colour::kPrimaryDark : colour::kBorder;
            break;
        case ButtonStyle::Danger: bg = colour::kBad; break;
        case ButtonStyle::Good: bg = colour::kGood; break;
    }
    if (!enabled) { bg = IM_COL32(200, 204, 210, 255); fg = colour::kTextMuted; border = 0; }
    const ImVec4 bgv = ImGui::ColorConvertU32ToFloat4(bg);
    ImGui::PushStyleColor(ImGuiCol_Button, bgv);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bgv);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::ColorConvertU32ToFloat4(st == ButtonStyle::Primary ? colour::kPrimaryDark : colour::kSelected));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(fg));
    ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(border));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, border ? 2.f : 0.f);
    if (font) ImGui::PushFont(font);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const std::string id = label + "###" + key;
    const ImVec2 text_size = ImGui::CalcTextSize(label.c_str());
    if (size.x < 0) size.x = std::max(ImGui::GetContentRegionAvail().x + size.x + 1, 1.f);  // -1: full width, as ImGui does
    if (size.x == 0) size.x = text_size.x + ImGui::GetStyle().FramePadding.x * 2;
    // A label wider than the button (a long English label, large text, a narrow panel) wraps
    // onto more lines and the button grows to hold them; ImGui's own button would cut it.
    const ImVec2 frame_pad = ImGui::GetStyle().FramePadding;
    const float inner_w = size.x - frame_pad.x * 2;
    const float font_size = ImGui::GetFontSize();
    const bool wrap = text_size.x > inner_w && inner_w > 0;
    ImVec2 text_box = text_size;
    const std::string lines = wrap ? fit_lines(ImGui::GetFont(), font_size, inner_w, label) : std::string();
    if (wrap) {
        text_box = ImGui::GetFont()->CalcTextSizeA(font_size, FLT_MAX, inner_w, lines.c_str());
        size.y = std::max(size.y, text_box.y + frame_pad.y * 2);
    }
    if (!enabled) ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    bool pressed = false;
    if (!wrap) {
        pressed = ImGui::Button(id.c_str(), size);
    } else {
        pressed = ImGui::InvisibleButton(id.c_str(), size);
        const ImU32 fill = ImGui::GetColorU32(ImGui::IsItemActive() ? ImGuiCol_ButtonActive : ImGuiCol_Button);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        dl->AddRectFilled(pos, max, fill, ImGui::GetStyle().FrameRounding);
        if (border) dl->AddRect(pos, max, border, ImGui::GetStyle().FrameRounding, 0, 2.f);
        dl->AddText(ImGui::GetFont(), font_size, ImVec2(pos.x + frame_pad.x, pos.y + (size.y - text_box.y) / 2), fg, lines.c_str(), nullptr,
                    inner_w);
    }
    if (!enabled) ImGui::PopItemFlag();
    if (font) ImGui::PopFont();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(5);
    record(label, key, text_key, pos, ImVec2(pos.x + size.x, pos.y + size.y), true, enabled, selected);
    // The label's box: centred on one line, or the wrapped lines from the left padding.
    const ImVec2 tmin = wrap ? ImVec2(pos.x + frame_pad.x, pos.y + (size.y - text_box.y) / 2)
                             : ImVec2(pos.x + (size.x - text_size.x) / 2, pos.y + (size.y - text_size.y) / 2);
    record_text_in(label, tmin, ImVec2(tmin.x + text_box.x, tmin.y + text_box.y), font_size,
                   Panel{key, pos, ImVec2(pos.x + size.x, pos.y + size.y), false});
    return pressed && enabled;
}

bool Ui::card(const std::string& key, const std::string& title, const std::string& detail, ImVec2 size, bool selected,
              ImU32 accent, const std::string& badge, ImU32 badge_colour) {
    fonts_.request(title);
    fonts_.request(detail);
    fonts_.request(badge);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
    const float inner = 24;
    float badge_w = 0;
    if (!badge.empty()) badge_w = fonts_.small()->CalcTextSizeA(fonts_.small()->FontSize, FLT_MAX, 0, badge.c_str()).x + 24;
    ImFont* hf = fonts_.heading();
    const float wrap = size.x - inner * 2 - badge_w;
    const std::string title_lines = fit_lines(hf, hf->FontSize, wrap, title);
    const std::string detail_lines = fit_lines(fonts_.body(), fonts_.body()->FontSize, size.x - inner * 2, detail);
    const ImVec2 ts = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, wrap, title_lines.c_str());
    const ImVec2 ds = detail.empty() ? ImVec2(0, 0)
                                     : fonts_.body()->CalcTextSizeA(fonts_.body()->FontSize, FLT_MAX, size.x - inner * 2, detail_lines.c_str());
    if (size.y <= 0) size.y = 14 + ts.y + (detail.empty() ? 0 : 6 + ds.y) + 18;  // fit the text
    if (size.y < m_.touch) size.y = m_.touch;
    const bool pressed = ImGui::InvisibleButton(("##card_" + key).c_str(), size);
    const bool held = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    dl->AddRectFilled(pos, max, held ? colour::kSelected : (selected ? colour::kSelected : colour::kPanel), m_.radius);
    dl->AddRect(pos, max, selected ? colour::kPrimary : colour::kBorder, m_.radius, 0, selected ? 3.f : 1.5f);
    if (accent) dl->AddRectFilled(pos, ImVec2(pos.x + 10, max.y), accent, m_.radius, ImDrawFlags_RoundCornersLeft);
    if (!badge.empty()) {
        const ImVec2 bs = fonts_.small()->CalcTextSizeA(fonts_.small()->FontSize, FLT_MAX, 0, badge.c_str());
        const ImVec2 bmin(max.x - badge_w - 16, pos.y + 16);
        dl->AddRectFilled(bmin, ImVec2(bmin.x + badge_w, bmin.y + bs.y + 8), badge_colour ? badge_colour : colour::kPrimary, 8);
        dl->AddText(fonts_.small(), fonts_.small()->FontSize, ImVec2(bmin.x + 12, bmin.y + 4), colour::kWhite, badge.c_str());
    }
    dl->PushClipRect(pos, max, true);
    dl->AddText(hf, hf->FontSize, ImVec2(pos.x + inner, pos.y + 14), colour::kText, title_lines.c_str(), nullptr, wrap);
    if (!detail.empty())
        dl->AddText(fonts_.body(), fonts_.body()->FontSize, ImVec2(pos.x + inner, pos.y + 14 + ts.y + 6), colour::kTextMuted,
                    detail_lines.c_str(), nullptr, size.x - inner * 2);
    dl->PopClipRect();
    record(title, key, {}, pos, max, true, true, selected);
    const Panel panel{key, pos, max, false};
    record_text_in(title, ImVec2(pos.x + inner, pos.y + 14), ImVec2(pos.x + inner + ts.x, pos.y + 14 + ts.y), hf->FontSize, panel);
    if (!detail.empty())
        record_text_in(detail, ImVec2(pos.x + inner, pos.y + 14 + ts.y + 6), ImVec2(pos.x + inner + ds.x, pos.y + 14 + ts.y + 6 + ds.y),
                       fonts_.body()->FontSize, panel);
    if (!badge.empty()) {
        const ImVec2 bs = fonts_.small()->CalcTextSizeA(fonts_.small()->FontSize, FLT_MAX, 0, badge.c_str());
        const ImVec2 bmin(max.x - badge_w - 16 + 12, pos.y + 20);
        record_text_in(badge, bmin, ImVec2(bmin.x + bs.x, bmin.y + bs.y), fonts_.small()->FontSize, panel);
    }
    return pressed;
}

void Ui::text_keyed(const std::string& s, const std::string& text_key, ImU32 colour, ImFont* font) {
    fonts_.request(s);
    if (font) ImGui::PushFont(font);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // Wrapped at the region's edge, or where the caller set a narrower wrap.
    const float outer_wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos;
    const float width = outer_wrap > 0 ? outer_wrap - ImGui::GetCursorPosX() : ImGui::GetContentRegionAvail().x;
    ImGui::PushTextWrapPos(outer_wrap > 0 ? outer_wrap : 0.0f);
    ImGui::TextUnformatted(fit_lines(ImGui::GetFont(), ImGui::GetFontSize(), width, s).c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 max = ImGui::GetItemRectMax();
    const float size = ImGui::GetFontSize();
    if (colour) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    record(s, text_key, text_key, pos, max, false, true, false);
    record_text(s, pos, max, size);
}

void Ui::text(const std::string& s, ImU32 colour, ImFont* font) { text_keyed(s, {}, colour, font); }

void Ui::field(const std::string& label_key, const std::string& value) {
    if (value.empty()) return;
    const std::string& label = tr(label_key);
    fonts_.request(label);
    fonts_.request(value);
    const float label_w = fonts_.large() ? 260.f : 220.f;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::kTextMuted));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + label_w - 12);
    ImGui::TextUnformatted(fit_lines(ImGui::GetFont(), ImGui::GetFontSize(), label_w - 12, label).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    const float label_h = ImGui::GetItemRectSize().y;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + label_w, pos.y));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(fit_lines(ImGui::GetFont(), ImGui::GetFontSize(), ImGui::GetContentRegionAvail().x, value).c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 vmax = ImGui::GetItemRectMax();
    record(label, label_key, label_key, pos, ImVec2(pos.x + label_w, pos.y + label_h), false, true, false);
    record(value, label_key + ".value", {}, ImVec2(pos.x + label_w, pos.y), vmax, false, true, false);
    record_text(label, pos, ImVec2(pos.x + label_w, pos.y + label_h), ImGui::GetFontSize());
    record_text(value, ImVec2(pos.x + label_w, pos.y), vmax, ImGui::GetFontSize());
    const float bottom = std::max(pos.y + label_h, vmax.y);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, bottom + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0, 0));
}

void Ui::draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, const std::string& s, float wrap) {
    fonts_.request(s);
    const std::string lines = fit_lines(font, font->FontSize, wrap, s);
    dl->AddText(font, font->FontSize, pos, col, lines.c_str(), nullptr, wrap);
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, lines.c_str());
    record_text(s, pos, ImVec2(pos.x + ts.x, pos.y + ts.y), font->FontSize);
}

void Ui::begin_scroll(const std::string& key, ImVec2 size, bool border) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(border ? colour::kPanel : colour::kBackground));
    ImGui::BeginChild(key.c_str(), size, border, ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 min = ImGui::GetWindowPos();
    const ImVec2 max(min.x + ImGui::GetWindowSize().x, min.y + ImGui::GetWindowSize().y);
    ScrollRegionInfo info;
    info.key = key;
    info.min = min;
    info.max = max;
    regions_.push_back({registry_.add_region(info), min, max});
    // Text in it may scroll out of sight vertically, never out at the sides (the scrollbar's
    // strip on the right belongs to the region too).
    panels_.push_back({key, min, max, true});
}

void Ui::end_scroll() {
    const Region r = regions_.back();
    const ImVec2 start = input_.drag_start();
    if (input_.dragging() && start.x >= r.min.x && start.x < r.max.x && start.y >= r.min.y && start.y < r.max.y) {
        const float y = std::clamp(ImGui::GetScrollY() - input_.drag_delta().y, 0.f, ImGui::GetScrollMaxY());
        ImGui::SetScrollY(y);
    }
    auto& info = registry_.region(r.index);
    info.scroll_y = ImGui::GetScrollY();
    info.scroll_max_y = ImGui::GetScrollMaxY();
    regions_.pop_back();
    panels_.pop_back();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

bool Ui::qr(const std::string& key, const std::string& payload, float size, const std::string& caption) {
    auto it = qr_cache_.find(payload);
    if (it == qr_cache_.end()) {
        std::vector<unsigned char> modules;
        if (QRcode* code = QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M)) {
            modules.push_back(static_cast<unsigned char>(code->width));
            for (int i = 0; i < code->width * code->width; ++i) modules.push_back(code->data[i] & 1);
            QRcode_free(code);
        }
        if (qr_cache_.size() > 64) qr_cache_.clear();
        it = qr_cache_.emplace(payload, std::move(modules)).first;
    }
    const auto& m = it->second;
    // Modules fall on whole panel pixels (the frame is scaled by px per unit), so every module
    // is the same size on the glass and phones read the code.
    const float px = std::max(ImGui::GetIO().DisplayFramebufferScale.x, 0.01f);
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    const ImVec2 pos(std::round(cur.x * px) / px, std::round(cur.y * px) / px);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (m.empty()) {
        text_t("qr.too_long", colour::kBad);
        return false;
    }
    const int w = m[0];
    const float quiet = 4;  // modules of white border scanners need
    const float cell = std::max(1.f, std::floor(size * px / (w + quiet * 2))) / px;
    const float full = cell * (w + quiet * 2);
    dl->AddRectFilled(pos, ImVec2(pos.x + full, pos.y + full), colour::kWhite);
    for (int y = 0; y < w; ++y)
        for (int x = 0; x < w; ++x)
            if (m[1 + static_cast<std::size_t>(y * w + x)]) {
                const ImVec2 a(pos.x + (x + quiet) * cell, pos.y + (y + quiet) * cell);
                dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(0, 0, 0, 255));
            }
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(full, full));
    record(caption, key, {}, pos, ImVec2(pos.x + full, pos.y + full), false, true, false);
    if (!caption.empty()) {
        fonts_.request(caption);
        ImGui::PushFont(fonts_.small());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::kTextMuted));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(full, 240.f));
        const ImVec2 cpos = ImGui::GetCursorScreenPos();
        ImGui::TextUnformatted(caption.c_str());
        record_text(caption, cpos, ImGui::GetItemRectMax(), ImGui::GetFontSize());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    return true;
}

}  // namespace hall::ui
