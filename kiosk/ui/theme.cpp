#include "ui/theme.h"

namespace hall::ui {

Metrics apply_theme(bool large) {
    Metrics m;
    m.touch = large ? 96.f : 80.f;
    m.gap = large ? 20.f : 16.f;
    m.pad = large ? 28.f : 24.f;

    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(m.pad, m.pad);
    s.FramePadding = ImVec2(20, large ? 22 : 18);
    s.ItemSpacing = ImVec2(m.gap, m.gap);
    s.ItemInnerSpacing = ImVec2(12, 8);
    s.TouchExtraPadding = ImVec2(4, 4);   // small: touch panels are accurate to a few pixels
    s.ScrollbarSize = m.scrollbar;
    s.GrabMinSize = 40;
    s.WindowRounding = 0;
    s.ChildRounding = m.radius;
    s.FrameRounding = m.radius;
    s.PopupRounding = m.radius;
    s.ScrollbarRounding = m.radius;
    s.GrabRounding = m.radius;
    s.WindowBorderSize = 0;
    s.ChildBorderSize = 1;
    s.FrameBorderSize = 0;
    s.PopupBorderSize = 2;
    s.AntiAliasedLines = true;

    ImVec4* c = s.Colors;
    const auto v = [](ImU32 col) { return ImGui::ColorConvertU32ToFloat4(col); };
    c[ImGuiCol_Text] = v(colour::kText);
    c[ImGuiCol_TextDisabled] = v(colour::kTextMuted);
    c[ImGuiCol_WindowBg] = v(colour::kBackground);
    c[ImGuiCol_ChildBg] = v(colour::kPanel);
    c[ImGuiCol_PopupBg] = v(colour::kPanel);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.45f);
    c[ImGuiCol_Border] = v(colour::kBorder);
    c[ImGuiCol_FrameBg] = v(colour::kPanel);
    c[ImGuiCol_Button] = v(colour::kPrimary);
    // Hover looks the same as rest: on a touch screen "hover" is a finger that already left.
    c[ImGuiCol_ButtonHovered] = v(colour::kPrimary);
    c[ImGuiCol_ButtonActive] = v(colour::kPrimaryDark);
    c[ImGuiCol_Header] = v(colour::kSelected);
    c[ImGuiCol_HeaderHovered] = v(colour::kSelected);
    c[ImGuiCol_HeaderActive] = v(colour::kSelected);
    c[ImGuiCol_ScrollbarBg] = v(colour::kBackground);
    c[ImGuiCol_ScrollbarGrab] = v(colour::kBorder);
    c[ImGuiCol_ScrollbarGrabHovered] = v(colour::kBorder);
    c[ImGuiCol_ScrollbarGrabActive] = v(colour::kTextMuted);
    c[ImGuiCol_Separator] = v(colour::kBorder);
    c[ImGuiCol_TableHeaderBg] = v(colour::kSelected);
    c[ImGuiCol_TableBorderStrong] = v(colour::kBorder);
    c[ImGuiCol_TableBorderLight] = v(colour::kBorder);
    c[ImGuiCol_TableRowBg] = v(colour::kPanel);
    c[ImGuiCol_TableRowBgAlt] = v(IM_COL32(247, 249, 252, 255));
    return m;
}

}  // namespace hall::ui
