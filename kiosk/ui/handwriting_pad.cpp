#include "ui/handwriting_pad.h"

#include <cmath>

#include "ime/ime_session.h"

namespace hall::ui {
namespace {

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) { return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y; }

bool finite(ImVec2 p) { return std::isfinite(p.x) && std::isfinite(p.y) && p.x > -1e30f && p.y > -1e30f; }

void dashed(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
    const float len = std::hypot(b.x - a.x, b.y - a.y);
    const int dashes = std::max(1, static_cast<int>(len / 16));
    for (int i = 0; i < dashes; i += 2) {
        const float t0 = static_cast<float>(i) / dashes, t1 = static_cast<float>(i + 1) / dashes;
        dl->AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                    ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), col, 1.5f);
    }
}

}  // namespace

void handwriting_pad(Ui& ui, const std::string& key, ime::ImeSession& session, ImVec2 size, bool& drawing) {
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    ImGui::Dummy(size);
    session.resize_pad(size.x, size.y);
    auto local = [&](ImVec2 p) { return ime::InkPoint{p.x - min.x, p.y - min.y}; };

    // A stroke starts where the finger went down (inside the pad) and follows it until it
    // lifts; the lift position is still reported on the frame the finger comes up.
    TouchInput& in = ui.input();
    if (in.down() && inside(in.drag_start(), min, max)) {
        if (!drawing) {
            session.stroke_begin(local(in.drag_start()));
            drawing = true;
        }
        session.stroke_move(local(in.pos()));
    } else if (drawing) {
        if (finite(in.pos())) session.stroke_move(local(in.pos()));
        session.stroke_end();
        drawing = false;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = ui.metrics().radius;
    dl->AddRectFilled(min, max, colour::kPanel, r);
    dl->AddRect(min, max, colour::kPrimary, r, 0, 2.f);
    // A 米字格 in a centred square, as on Chinese practice paper: it shows where one
    // character goes and how big.
    const float side = std::min(size.x, size.y) - 16;
    const ImVec2 c((min.x + max.x) / 2, (min.y + max.y) / 2);
    const ImVec2 s0(c.x - side / 2, c.y - side / 2), s1(c.x + side / 2, c.y + side / 2);
    const ImU32 guide = colour::kBorder;
    dl->AddRect(s0, s1, guide, 0, 0, 1.5f);
    dashed(dl, ImVec2(c.x, s0.y), ImVec2(c.x, s1.y), guide);
    dashed(dl, ImVec2(s0.x, c.y), ImVec2(s1.x, c.y), guide);
    dashed(dl, s0, s1, guide);
    dashed(dl, ImVec2(s1.x, s0.y), ImVec2(s0.x, s1.y), guide);

    const std::string& hint = ui.tr("key.handwriting_hint");
    if (session.ink().empty()) {
        ImFont* f = ui.fonts().body();
        const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, hint.c_str());
        ui.draw_text(dl, f, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), colour::kTextMuted, hint);
    }
    dl->PushClipRect(min, max, true);
    const float thickness = std::max(5.f, side / 40);
    for (const ime::Stroke& stroke : session.ink().strokes()) {
        if (stroke.size() == 1) {
            dl->AddCircleFilled(ImVec2(min.x + stroke[0].x, min.y + stroke[0].y), thickness / 2, colour::kText);
            continue;
        }
        for (std::size_t i = 1; i < stroke.size(); ++i)
            dl->AddLine(ImVec2(min.x + stroke[i - 1].x, min.y + stroke[i - 1].y),
                        ImVec2(min.x + stroke[i].x, min.y + stroke[i].y), colour::kText, thickness);
    }
    dl->PopClipRect();
    ui.record(hint, key, "key.handwriting_hint", min, max, true, true, drawing);
}

}  // namespace hall::ui
