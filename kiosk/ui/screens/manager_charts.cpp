#include "ui/screens/manager_charts.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/charts.h"
#include "ui/screens/feedback.h"  // window_label
#include "ui/screens/manager_screens.h"

namespace hall::ui {

ManagerIntent draw_manager_charts(Ui& ui, const ManagerModel& m, ManagerChartsState& st) {
    if (!st.data) {
        if (st.loading) ui.text_t("manager.loading", colour::kTextMuted);
        return {};  // (a store failure shows above the tabs)
    }
    const ChartsData& c = *st.data;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.charts", avail, true);
    ui.text(ui.strings().fmt("manager.charts.range", {c.from, c.to}), colour::kTextMuted);
    // The headline rate, with a stable key so tests (and people) can read it.
    const std::string rate = ui.strings().fmt("manager.charts.rate", {pct_text(c.overall.overall), std::to_string(c.overall.overall.total)});
    ui.text(rate, colour::kPrimaryDark, ui.fonts().heading());
    ui.note_text(rate, "manager.charts.overall_rate", "", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    {
        std::string ind;
        for (int i = 0; i < kIndicatorCount; ++i)
            ind += ui.tr("indicator." + std::string(indicator_key(static_cast<Indicator>(i)))) + " " +
                   pct_text(c.overall.indicators[static_cast<std::size_t>(i)]) + "   ";
        ui.text(ind);
    }
    const float half = (ImGui::GetContentRegionAvail().x - ui.metrics().gap) / 2;
    const float label_w = 260;
    // Left column: per window (count, rate); right: per category; below: per day.
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    ui.heading_t("manager.charts.by_window");
    std::vector<std::string> labels, texts;
    std::vector<double> values;
    double maxv = 0;
    for (const auto& w : m.hall->windows) {
        std::int64_t n = 0;
        for (const auto& [id, v] : c.by_window)
            if (id == w.id) n = v;
        labels.push_back(ui.strings().fmt("queue.window_n", {w.number}));
        values.push_back(static_cast<double>(n));
        texts.push_back(std::to_string(n));
        maxv = std::max(maxv, static_cast<double>(n));
    }
    ImGui::BeginChild("manager.charts.left", ImVec2(half, 0), false, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoScrollbar);
    bar_chart(ui, "manager.charts.window", labels, values, maxv, texts, colour::kPrimary, label_w * 0.5f);
    ui.heading_t("manager.charts.rate_by_window");
    labels.clear();
    values.clear();
    texts.clear();
    for (const auto& w : m.hall->windows) {
        const auto it = c.satisfaction.find(w.id);
        const Satisfaction s = it == c.satisfaction.end() ? Satisfaction{} : it->second.overall;
        labels.push_back(ui.strings().fmt("queue.window_n", {w.number}));
        values.push_back(s.rate().value_or(0) * 100);
        texts.push_back(pct_text(s));
    }
    bar_chart(ui, "manager.charts.rate", labels, values, 100, texts, colour::kGood, label_w * 0.5f);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::SameLine(0, ui.metrics().gap);
    ImGui::BeginChild("manager.charts.right", ImVec2(half, 0), false, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoScrollbar);
    ui.heading_t("manager.charts.by_category");
    labels.clear();
    values.clear();
    texts.clear();
    maxv = 0;
    for (const auto& [cat, n] : c.by_category) {
        labels.push_back(ui.tr("category." + std::string(category_key(cat))));
        values.push_back(static_cast<double>(n));
        texts.push_back(std::to_string(n));
        maxv = std::max(maxv, static_cast<double>(n));
    }
    bar_chart(ui, "manager.charts.category", labels, values, maxv, texts, colour::kWarn, label_w);
    ui.heading(ui.strings().fmt("manager.charts.ranking", {c.month}));
    for (const auto& r : c.ranking) {
        std::string line = std::to_string(r.rank) + ". " + window_label(ui, *m.kiosk, r.window_id) + "  " + pct_text(r.satisfaction);
        if (r.last_twice) line += "  " + ui.tr("manager.charts.last_twice");
        else if (r.last) line += "  " + ui.tr("manager.charts.last");
        ui.text(line, r.last_twice ? colour::kBad : r.last ? colour::kWarn : colour::kText);
    }
    ImGui::EndChild();

    // Per day: vertical bars over the last 30 days.
    ui.heading_t("manager.charts.by_day");
    std::vector<DayBar> days;
    days.reserve(c.by_day.size());
    for (const auto& d : c.by_day) days.push_back({d.day, d.count});
    day_columns(ui, days, 220);

    // One visit, one rating: what share of the tickets served was rated (docs/feedback.md).
    ui.heading_t("manager.charts.coverage");
    labels.clear();
    values.clear();
    texts.clear();
    std::int64_t unticketed = 0, repeats = 0, held = 0;
    for (const auto& w : m.hall->windows) {
        CoverageTotal t;
        for (const auto& c0 : c.coverage)
            if (c0.window_id == w.id) t = c0;
        unticketed += t.unticketed;
        repeats += t.repeats;
        held += t.held;
        labels.push_back(ui.strings().fmt("queue.window_n", {w.number}));
        const double share = t.served > 0 ? static_cast<double>(t.rated) / static_cast<double>(t.served) : 0;
        values.push_back(share * 100);
        char pct[32];
        std::snprintf(pct, sizeof pct, "%.1f%%", share * 100);
        texts.push_back(t.served > 0 ? std::string(pct) + " (" + std::to_string(t.rated) + "/" + std::to_string(t.served) + ")" : "—");
    }
    bar_chart(ui, "manager.charts.coverage", labels, values, 100, texts, colour::kPrimary, label_w * 0.5f);
    ui.text(ui.strings().fmt("manager.charts.coverage_note", {std::to_string(unticketed), std::to_string(repeats), std::to_string(held)}),
            colour::kTextMuted);
    ui.end_scroll();
    return {};
}

}  // namespace hall::ui
