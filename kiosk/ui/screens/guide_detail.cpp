#include "ui/screens/guide_detail.h"

#include <algorithm>

#include "ui/chrome.h"
#include "ui/screens/guides.h"

namespace hall::ui {
namespace {

std::string join_methods(const Ui& ui, const std::vector<std::string>& methods) {
    std::string s;
    for (const auto& a : methods) {
        if (!s.empty()) s += " / ";
        s += ui.tr("guide.apply." + a);
    }
    return s;
}

std::string material_form(const Ui& ui, MaterialForm f) { return ui.tr("material." + std::string(material_form_key(f))); }

}  // namespace

Intent draw_guide_detail(Ui& ui, const Model& m, GuideDetailState& st) {
    Intent out = top_bar(ui, m, "guide.title", true);
    const Guide* g = m.guide(st.code);
    if (!g) {
        ui.text_t("guide.gone", colour::kBad, ui.fonts().heading());
        return out;
    }
    const Lang L = m.lang;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool portrait = ui.metrics().portrait;
    const float gap = ui.metrics().gap;
    // Landscape: the guide at the left, QR codes and actions in a column at the right.
    // Portrait: the guide on top, the QR codes in a band under it, the actions at the bottom.
    const float side_w = std::clamp(avail.x * 0.3f, 440.f, 560.f);
    const float actions_h = portrait ? ui.metrics().touch + gap : 0;
    const float band_h = portrait ? std::min(avail.y * 0.3f, 520.f) : 0;
    const ImVec2 body_size = portrait ? ImVec2(avail.x, avail.y - band_h - actions_h - gap) : ImVec2(avail.x - side_w - gap, avail.y);
    ui.begin_scroll("guide.body", body_size, true);
    ui.text(g->name.get(L), colour::kPrimaryDark, ui.fonts().title());
    ui.text(guide_summary(ui, m, *g), colour::kTextMuted);
    ui.text(ui.strings().fmt("guide.updated", {g->updated}) + "    " + ui.strings().fmt("guide.code", {g->code}), colour::kTextMuted,
            ui.fonts().small());
    ImGui::Separator();

    ui.heading_t("guide.section.basics");
    ui.field("guide.type", ui.tr("guide.type." + g->type));
    ui.field("guide.kind", g->on_the_spot ? ui.tr("guide.on_the_spot") : ui.tr("guide.promised"));
    ui.field("guide.accepting_body", g->accepting_body.get(L));
    ui.field("guide.deciding_body", g->deciding_body.get(L));
    ui.field("guide.legal_basis", g->legal_basis.get(L));

    ui.heading_t("guide.section.who");
    ui.field("guide.conditions", g->conditions.get(L));
    ui.field("guide.prohibitions", g->prohibitions.get(L));

    ui.heading_t("guide.section.materials");
    int n = 0;
    for (const auto& mat : g->materials) {
        ++n;
        std::string line = std::to_string(n) + ". " + mat.name.get(L);
        ui.text(line, colour::kText, ui.fonts().heading());
        std::string detail = material_form(ui, mat.form) + " × " + std::to_string(mat.count) + "   ·   " +
                             (mat.required ? ui.tr("material.required") : ui.tr("material.optional")) + "   ·   " +
                             ui.strings().fmt("material.source", {mat.source.get(L)});
        ui.text(detail, colour::kTextMuted);
        if (!mat.notes.empty()) ui.text(ui.strings().fmt("material.notes", {mat.notes.get(L)}), colour::kWarn);
    }

    ui.heading_t("guide.section.how");
    ui.field("guide.apply_methods", join_methods(ui, g->apply_methods));
    int s = 0;
    for (const auto& step : g->steps) ui.text(ui.strings().fmt("guide.step_n", {std::to_string(++s)}) + "  " + step.get(L));
    ui.field("guide.promised_limit", g->promised_days > 0 ? ui.strings().fmt("guide.days", {std::to_string(g->promised_days)}) : ui.tr("guide.on_the_spot"));
    ui.field("guide.legal_limit", g->legal_days > 0 ? ui.strings().fmt("guide.days", {std::to_string(g->legal_days)}) : ui.tr("guide.none"));
    ui.field("guide.fees", g->fees.get(L));
    ui.field("guide.fee_basis", g->fee_basis.get(L));
    ui.field("guide.intermediary", g->intermediary.get(L));
    ui.field("guide.delivery", g->delivery.get(L));
    ui.field("guide.result_sample", g->result_sample.get(L));
    ui.field("guide.progress_query", g->progress_query.get(L));

    ui.heading_t("guide.section.where");
    ui.field("guide.location", g->location.get(L));
    ui.field("guide.hours", g->hours.get(L));
    ui.field("guide.phone", g->phone);
    ui.field("guide.complaint", g->complaint.get(L));
    ui.field("guide.remedies", g->remedies.get(L));
    ImGui::Dummy(ImVec2(0, 40));
    ui.end_scroll();

    if (!portrait) ImGui::SameLine();
    ui.begin_scroll("guide.side", portrait ? ImVec2(avail.x, band_h) : ImVec2(side_w, avail.y), true);
    // QR codes: one under another in the column; side by side in the portrait band, each
    // with its caption under it.
    const float col_w = portrait ? 340 : side_w;
    const float checklist_qr = portrait ? std::min(300.f, band_h - 150) : 300.f;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w - 2 * gap);
    ui.heading_t("guide.checklist");
    ui.qr("guide.qr.checklist", materials_checklist(*g, L), checklist_qr, ui.tr("guide.checklist.caption"));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    for (std::size_t i = 0; i < g->forms.size(); ++i) {
        const auto& f = g->forms[i];
        if (portrait) ImGui::SameLine(0, 2 * gap);
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col_w - 2 * gap);
        ui.text((f.sample ? ui.tr("guide.form.sample") : ui.tr("guide.form.blank")) + ": " + f.name.get(L), colour::kText);
        ui.qr("guide.qr.form" + std::to_string(i), f.url, portrait ? std::min(220.f, checklist_qr) : 220.f, ui.tr("guide.form.caption"));
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    }
    if (portrait) {
        ui.end_scroll();
        ImGui::BeginGroup();
    }
    const float action_w = portrait ? (g->window_ids.empty() ? avail.x : (avail.x - gap) / 2) : -1;
    if (!g->window_ids.empty()) {
        if (ui.button_t("guide.show_on_map", ImVec2(action_w, 0), ButtonStyle::Secondary)) {
            out = intent::ShowOnMap{g->window_ids.front()};
        }
        if (portrait) ImGui::SameLine();
    }
    if (ui.button_t("guide.give_feedback", ImVec2(action_w, 0), ButtonStyle::Primary)) {
        out = intent::StartFeedback{g->window_ids.empty() ? std::string() : g->window_ids.front(), std::nullopt, g->code};
    }
    if (portrait) ImGui::EndGroup();
    else ui.end_scroll();
    return out;
}

}  // namespace hall::ui
