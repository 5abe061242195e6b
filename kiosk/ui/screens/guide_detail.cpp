#include "ui/screens/guide_detail.h"

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
    const float side_w = 560;
    ui.begin_scroll("guide.body", ImVec2(avail.x - side_w - ui.metrics().gap, avail.y), true);
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

    ImGui::SameLine();
    ui.begin_scroll("guide.side", ImVec2(side_w, avail.y), true);
    ui.heading_t("guide.checklist");
    ui.qr("guide.qr.checklist", materials_checklist(*g, L), 300, ui.tr("guide.checklist.caption"));
    for (std::size_t i = 0; i < g->forms.size(); ++i) {
        const auto& f = g->forms[i];
        ui.text((f.sample ? ui.tr("guide.form.sample") : ui.tr("guide.form.blank")) + ": " + f.name.get(L), colour::kText);
        ui.qr("guide.qr.form" + std::to_string(i), f.url, 220, ui.tr("guide.form.caption"));
    }
    if (!g->window_ids.empty()) {
        if (ui.button_t("guide.show_on_map", ImVec2(-1, 0), ButtonStyle::Secondary)) {
            out.kind = Intent::Kind::ShowOnMap;
            out.id = g->window_ids.front();
        }
    }
    if (ui.button_t("guide.give_feedback", ImVec2(-1, 0), ButtonStyle::Primary)) {
        out.kind = Intent::Kind::StartFeedback;
        out.id = g->window_ids.empty() ? std::string() : g->window_ids.front();
        out.code = g->code;
    }
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
