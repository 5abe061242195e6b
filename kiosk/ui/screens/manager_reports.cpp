#include "ui/screens/manager_reports.h"

#include "ui/flow.h"

namespace hall::ui {

ManagerIntent draw_manager_reports(Ui& ui, const ManagerModel& m, ManagerReportsState& st) {
    namespace mi = manager_intent;
    ManagerIntent out;
    ui.heading_t("manager.reports.folder");
    {
        FlowRow row(ui);
        for (std::size_t i = 0; i < st.folders.size(); ++i)
            if (row.button(st.folders[i], "manager.reports.folder." + std::to_string(i), st.folder == st.folders[i])) st.folder = st.folders[i];
        if (row.button_t("manager.reports.rescan", false, ButtonStyle::Secondary)) out = mi::RescanFolders{};
    }
    // One export at a time: the buttons wait while the worker writes.
    const bool idle = !st.exporting;
    ui.heading_t("manager.reports.export");
    {
        FlowRow row(ui);
        if (row.button_t("manager.reports.feedback", false, ButtonStyle::Primary, idle)) out = mi::Export{ExportKind::Feedback};
        if (row.button_t("manager.reports.ledger", false, ButtonStyle::Primary, idle)) out = mi::Export{ExportKind::Ledger};
    }
    ui.heading_t("manager.reports.monthly");
    {
        FlowRow row(ui);
        for (const auto& month : {m.this_month, m.last_month})
            if (row.button(month, "manager.reports.month." + month, st.month == month)) st.month = month;
        if (row.button_t("manager.reports.monthly_export", false, ButtonStyle::Primary, idle)) out = mi::Export{ExportKind::MonthlyReport};
    }
    if (st.exporting) ui.text_t("manager.loading", colour::kTextMuted);
    for (const auto& line : st.result_lines) ui.text(line, st.result_ok ? colour::kGood : colour::kBad);
    return out;
}

}  // namespace hall::ui
