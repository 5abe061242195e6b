#include "ui/widgets.h"

#include <imgui_internal.h>
#include <qrencode.h>

#include <algorithm>

namespace hall::ui {

void Ui::begin_frame(const std::string& screen, const Metrics& m) {
    screen_ = screen;
    m_ = m;
    regions_.clear();
    registry_.begin_frame();
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
    if (!regions_.empty()) {
        w.scroll_region = regions_.back().index;
        w.clip_min = regions_.back().min;
        w.clip_max = regions_.back().max;
    } else {
        w.clip_min = ImVec2(0, 0);
        w.clip_max = ImGui::GetIO().DisplaySize;
    }
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
    if (!enabled) ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    const bool pressed = ImGui::Button(id.c_str(), size);
    if (!enabled) ImGui::PopItemFlag();
    if (font) ImGui::PopFont();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(5);
    record(label, key, text_key, pos, ImVec2(pos.x + size.x, pos.y + size.y), true, enabled, selected);
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
    const ImVec2 ts = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, wrap, title.c_str());
    const ImVec2 ds = detail.empty() ? ImVec2(0, 0)
                                     : fonts_.body()->CalcTextSizeA(fonts_.body()->FontSize, FLT_MAX, size.x - inner * 2, detail.c_str());
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
    dl->AddText(hf, hf->FontSize, ImVec2(pos.x + inner, pos.y + 14), colour::kText, title.c_str(), nullptr, wrap);
    if (!detail.empty())
        dl->AddText(fonts_.body(), fonts_.body()->FontSize, ImVec2(pos.x + inner, pos.y + 14 + ts.y + 6), colour::kTextMuted,
                    detail.c_str(), nullptr, size.x - inner * 2);
    dl->PopClipRect();
    record(title, key, {}, pos, max, true, true, selected);
    return pressed;
}

void Ui::text_keyed(const std::string& s, const std::string& text_key, ImU32 colour, ImFont* font) {
    fonts_.request(s);
    if (font) ImGui::PushFont(font);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(s.c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 max = ImGui::GetItemRectMax();
    if (colour) ImGui::PopStyleColor();
    if (font) ImGui::PopFont();
    record(s, text_key, text_key, pos, max, false, true, false);
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
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    const float label_h = ImGui::GetItemRectSize().y;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + label_w, pos.y));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    const ImVec2 vmax = ImGui::GetItemRectMax();
    record(label, label_key, label_key, pos, ImVec2(pos.x + label_w, pos.y + label_h), false, true, false);
    record(value, label_key + ".value", {}, ImVec2(pos.x + label_w, pos.y), vmax, false, true, false);
    const float bottom = std::max(pos.y + label_h, vmax.y);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, bottom + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(0, 0));
}

void Ui::draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, const std::string& s, float wrap) {
    fonts_.request(s);
    dl->AddText(font, font->FontSize, pos, col, s.c_str(), nullptr, wrap);
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
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (m.empty()) {
        text_t("qr.too_long", colour::kBad);
        return false;
    }
    const int w = m[0];
    const float quiet = 4;  // modules of white border scanners need
    const float cell = std::floor(size / (w + quiet * 2));
    const float full = cell * (w + quiet * 2);
    dl->AddRectFilled(pos, ImVec2(pos.x + full, pos.y + full), colour::kWhite);
    for (int y = 0; y < w; ++y)
        for (int x = 0; x < w; ++x)
            if (m[1 + static_cast<std::size_t>(y * w + x)]) {
                const ImVec2 a(pos.x + (x + quiet) * cell, pos.y + (y + quiet) * cell);
                dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(0, 0, 0, 255));
            }
    ImGui::Dummy(ImVec2(full, full));
    record(caption, key, {}, pos, ImVec2(pos.x + full, pos.y + full), false, true, false);
    if (!caption.empty()) {
        fonts_.request(caption);
        ImGui::PushFont(fonts_.small());
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour::kTextMuted));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(full, 240.f));
        ImGui::TextUnformatted(caption.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    return true;
}

}  // namespace hall::ui
