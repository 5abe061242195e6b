#include "manager/export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <map>
#include <cstring>
#include <filesystem>
#include <random>

#include "common/files.h"
#include "core/ids.h"

namespace hall {
namespace fs = std::filesystem;

namespace {

struct CompiledText {
    int lang;  // index in kAllLangs
    const char* key;
    const char* text;
};

// The export keys of assets/i18n/<lang>.json, generated at configure time.
constexpr CompiledText kExportTexts[] = {
#include "export_strings.inc"
};

const std::map<std::string, std::string, std::less<>>& table(Lang lang) {
    static const auto tables = [] {
        std::array<std::map<std::string, std::string, std::less<>>, kAllLangs.size()> t;
        for (const auto& e : kExportTexts) t[static_cast<std::size_t>(e.lang)][e.key] = e.text;
        return t;
    }();
    return tables[static_cast<std::size_t>(lang)];
}

std::string window_name(const HallInfo& hall, const std::string& id, const ExportText& text) {
    if (const auto* w = hall.find_window(id)) return text.fmt("export.window", {w->number, w->name.get(text.lang())});
    return id;
}

std::string categories_text(const std::vector<Category>& cs, const ExportText& text) {
    std::string out;
    for (Category c : cs) out += (out.empty() ? "" : text.tr("export.list_separator")) + export_label(c, text);
    return out;
}

ExportResult failed(const ExportText& text, std::string key, std::vector<std::string> args) {
    ExportResult r;
    r.error = text.fmt(key, args);
    r.error_key = std::move(key);
    r.error_args = std::move(args);
    return r;
}

std::string percent(const Satisfaction& s) {
    const auto r = s.rate();
    if (!r) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", *r * 100.0);
    return buf;
}

std::string ratio(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return buf;
}

std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string stamp(const ManagerStore& store) {
    // Local time, for names a manager recognises: 20261125-1114.
    const auto t = local_time_text(store.now(), store.context().utc_offset_minutes);
    std::string out;
    for (char c : t)
        if (c >= '0' && c <= '9') out += c;
    return out.size() >= 12 ? out.substr(0, 8) + "-" + out.substr(8, 4) : out;
}

std::string safe_name(std::string s) {
    for (char& c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_')) c = '_';
    return s;
}

std::string audit_after(const std::vector<std::string>& paths, std::int64_t rows) {
    std::string files;
    for (const auto& p : paths) {
        if (!files.empty()) files += ",";
        files += "\"" + fs::path(p).filename().string() + "\"";
    }
    return "{\"files\":[" + files + "],\"rows\":" + std::to_string(rows) + "}";
}

}  // namespace

std::string ExportText::tr(std::string_view key) const {
    const auto& t = table(lang_);
    const auto it = t.find(key);
    return it == t.end() ? std::string(key) : it->second;
}

std::string ExportText::fmt(std::string_view key, const std::vector<std::string>& args) const {
    std::string s = tr(key);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string ph = "{" + std::to_string(i) + "}";
        for (auto pos = s.find(ph); pos != std::string::npos; pos = s.find(ph, pos + args[i].size())) s.replace(pos, ph.size(), args[i]);
    }
    return s;
}

std::vector<std::string> ExportText::keys() {
    std::vector<std::string> out;
    for (const auto& [k, v] : table(Lang::Hans)) out.push_back(k);
    return out;
}

ExportResult write_file_atomic(const std::string& dir, const std::string& name, std::string_view content, const ExportText& text) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return failed(text, "export.error.no_folder", {dir});
    const fs::path target = fs::path(dir) / name;
    const FileWrite w = hall::write_file_atomic(target.string(), content);
    if (!w.ok) {
        if (w.disk_full) return failed(text, "export.error.disk_full", {dir});
        return failed(text, "export.error.write", {target.string(), w.error});
    }
    ExportResult r;
    r.ok = true;
    r.paths.push_back(target.string());
    return r;
}

std::string export_label(Category c, const ExportText& text) { return text.tr("export.category." + std::string(category_key(c))); }

std::string export_label(Rating r, const ExportText& text) { return text.tr("rating." + std::string(rating_key(r))); }

std::string export_label(HandlingState s, const ExportText& text) {
    return text.tr("manager.state." + std::string(handling_state_key(s)));
}

std::string export_label(LedgerList l, const ExportText& text) { return text.tr("manager.ledger.list." + std::string(ledger_list_key(l))); }

std::string export_label(RecheckResult r, const ExportText& text) { return text.tr("export.recheck." + std::string(recheck_result_key(r))); }

std::string feedback_csv(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, std::int64_t* rows,
                         const ExportText& text) {
    const auto t = [&](std::string_view key) { return text.tr(key); };
    std::string out(kUtf8Bom);
    out += csv_line({t("export.header.receipt"), t("export.header.time"), t("export.header.window"), t("export.header.category"),
                     t("export.header.rating"), t("export.header.state"), t("export.header.deadline"), t("export.header.overdue"),
                     t("export.header.excluded"), t("export.header.phone"), t("export.header.text")});
    const int offset = store.context().utc_offset_minutes;
    const std::string yes = t("export.yes");
    std::int64_t n = 0;
    // Keyset paging: a steady pace through 100,000 rows without OFFSET's growing cost.
    std::optional<PageCursor> cursor;
    for (;;) {
        const auto page = cursor ? store.page_after(filter, *cursor, 1000) : store.page(filter, 0, 1000);
        for (const auto& r : page) {
            out += csv_line({r.receipt, local_time_text(r.created_at, offset), window_name(hall, r.window_id, text),
                             categories_text(r.categories, text), export_label(r.overall, text), export_label(r.state, text),
                             r.deadline, r.overdue ? yes : "", r.excluded ? yes : "", r.phone_masked, r.text});
            ++n;
        }
        if (page.size() < 1000) break;
        cursor = PageCursor{page.back().created_at, page.back().id};
    }
    if (rows) *rows = n;
    return out;
}

std::string ledger_csv(ManagerStore& store, const HallInfo& hall, std::int64_t* rows, const ExportText& text) {
    const auto t = [&](std::string_view key) { return text.tr(key); };
    std::string out(kUtf8Bom);
    out += csv_line({t("export.header.receipt"), t("export.header.received"), t("export.header.window"), t("export.header.category"),
                     t("export.header.rating"), t("export.header.list"), t("export.header.measure"), t("export.header.responsible"),
                     t("export.header.fix_deadline"), t("export.header.state"), t("export.header.overdue"),
                     t("export.header.recheck_date"), t("export.header.recheck_result")});
    const int offset = store.context().utc_offset_minutes;
    const std::string yes = t("export.yes");
    std::int64_t n = 0;
    for (const auto& r : store.ledger_rows(false)) {
        const std::string recheck = r.entry.recheck_result ? export_label(*r.entry.recheck_result, text) : "";
        out += csv_line({r.feedback.receipt, local_time_text(r.feedback.created_at, offset), window_name(hall, r.feedback.window_id, text),
                         categories_text(r.feedback.categories, text), export_label(r.feedback.overall, text),
                         export_label(r.entry.list, text), r.entry.measure, r.entry.responsible, r.entry.deadline,
                         export_label(r.feedback.state, text), r.feedback.overdue ? yes : "", r.entry.recheck_date, recheck});
        ++n;
    }
    if (rows) *rows = n;
    return out;
}

std::vector<CoverageTotal> coverage_by_window(const std::vector<CoverageRow>& rows) {
    std::map<std::string, CoverageTotal> by;
    for (const auto& d : rows) {
        auto& t = by[d.window_id];
        t.window_id = d.window_id;
        t.served += d.served;
        t.rated += d.rated;
        t.repeats += d.repeats;
        t.held += d.held;
        t.unticketed += d.unticketed;
    }
    std::vector<CoverageTotal> out;
    for (auto& [w, t] : by) out.push_back(std::move(t));
    return out;
}

// One visit, one rating (issue 20): repeats, the stuffing guard and coverage, kept in their
// own section so the report's other lines stay as they are.
std::string one_visit_csv(const MonthlyReport& r, const HallInfo& hall, const ExportText& text) {
    const auto t = [&](std::string_view key) { return text.tr(key); };
    std::string out;
    out += csv_line({t("export.one_visit.title"), t("export.report.value")});
    out += csv_line({t("export.one_visit.repeats"), std::to_string(r.repeats)});
    out += csv_line({t("export.one_visit.flag_pending"), std::to_string(r.flag_pending)});
    out += csv_line({t("export.one_visit.flag_rejected"), std::to_string(r.flag_rejected)});
    out += "\r\n";
    out += csv_line({t("export.header.window"), t("export.one_visit.served"), t("export.one_visit.rated"), t("export.one_visit.coverage"),
                     t("export.one_visit.unticketed"), t("export.one_visit.repeat_count"), t("export.one_visit.held")});
    for (const auto& c : coverage_by_window(r.coverage))
        out += csv_line({window_name(hall, c.window_id, text), std::to_string(c.served), std::to_string(c.rated), ratio(c.rated, c.served),
                         std::to_string(c.unticketed), std::to_string(c.repeats), std::to_string(c.held)});
    out += "\r\n";
    return out;
}

std::string one_visit_html(const MonthlyReport& r, const HallInfo& hall, const ExportText& text) {
    const auto e = [](std::string_view s) { return html_escape(s); };
    const auto t = [&](std::string_view key) { return e(text.tr(key)); };
    std::string h = "<h2>" + t("export.one_visit.heading") + "</h2>\n<p>" +
                    e(text.fmt("export.one_visit.summary", {std::to_string(r.repeats), std::to_string(r.flag_pending),
                                                             std::to_string(r.flag_rejected)})) +
                    "</p>\n";
    h += "<table>\n<thead><tr><th>" + t("export.header.window") + "</th><th>" + t("export.one_visit.served") + "</th><th>" +
         t("export.one_visit.rated") + "</th><th>" + t("export.one_visit.coverage") + "</th><th>" + t("export.one_visit.unticketed") +
         "</th><th>" + t("export.one_visit.repeat_count") + "</th><th>" + t("export.one_visit.held") + "</th></tr></thead>\n<tbody>\n";
    for (const auto& c : coverage_by_window(r.coverage))
        h += "<tr><td>" + e(window_name(hall, c.window_id, text)) + "</td><td class=\"num\">" + std::to_string(c.served) +
             "</td><td class=\"num\">" + std::to_string(c.rated) + "</td><td class=\"num\">" + e(ratio(c.rated, c.served)) +
             "</td><td class=\"num\">" + std::to_string(c.unticketed) + "</td><td class=\"num\">" + std::to_string(c.repeats) +
             "</td><td class=\"num\">" + std::to_string(c.held) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";
    return h;
}

std::string coverage_table_text(const std::vector<CoverageRow>& rows, const HallInfo& hall) {
    std::string out = "day         window            served  rated  coverage  no-ticket  repeats  held\n";
    char buf[256];
    CoverageTotal all;
    for (const auto& d : rows) {
        std::snprintf(buf, sizeof buf, "%-10s  %-16s  %6lld  %5lld  %8s  %9lld  %7lld  %4lld\n", d.day.c_str(),
                      (d.window_id + " " + (hall.find_window(d.window_id) ? hall.find_window(d.window_id)->number + "号" : std::string())).c_str(),
                      static_cast<long long>(d.served), static_cast<long long>(d.rated), ratio(d.rated, d.served).c_str(),
                      static_cast<long long>(d.unticketed), static_cast<long long>(d.repeats), static_cast<long long>(d.held));
        out += buf;
        all.served += d.served;
        all.rated += d.rated;
        all.unticketed += d.unticketed;
        all.repeats += d.repeats;
        all.held += d.held;
    }
    std::snprintf(buf, sizeof buf, "%-10s  %-16s  %6lld  %5lld  %8s  %9lld  %7lld  %4lld\n", "total", "", static_cast<long long>(all.served),
                  static_cast<long long>(all.rated), ratio(all.rated, all.served).c_str(), static_cast<long long>(all.unticketed),
                  static_cast<long long>(all.repeats), static_cast<long long>(all.held));
    out += buf;
    return out;
}

static std::string indicator_rate_key(int i) { return "export.report.indicator_rate." + std::string(indicator_key(static_cast<Indicator>(i))); }

std::string monthly_report_csv(const MonthlyReport& r, const HallInfo& hall, const ExportText& text) {
    const auto t = [&](std::string_view key) { return text.tr(key); };
    const std::string yes = t("export.yes");
    std::string out(kUtf8Bom);
    out += csv_line({t("export.report.title"), hall.name.get(text.lang()), r.month});
    out += "\r\n";
    out += csv_line({t("export.report.summary"), t("export.report.value")});
    out += csv_line({t("export.report.total"), std::to_string(r.total)});
    out += csv_line({t("export.report.bad"), std::to_string(r.bad)});
    out += csv_line({t("export.report.excluded"), std::to_string(r.excluded)});
    out += csv_line({t("export.report.rate"), percent(r.satisfaction.overall)});
    for (int i = 0; i < kIndicatorCount; ++i)
        out += csv_line({t(indicator_rate_key(i)), percent(r.satisfaction.indicators[static_cast<std::size_t>(i)])});
    out += csv_line({t("export.report.named_bad"), std::to_string(r.bad_with_phone)});
    out += csv_line({t("export.report.called_back"), std::to_string(r.called_back)});
    out += csv_line({t("export.report.callback_rate"), ratio(r.called_back, r.bad_with_phone)});
    out += csv_line({t("export.report.closed_in_time"), std::to_string(r.bad_closed_in_time)});
    out += csv_line({t("export.report.closed_in_time_rate"), ratio(r.bad_closed_in_time, r.bad)});
    out += csv_line({t("export.report.ledger_open"), std::to_string(r.ledger_open)});
    out += csv_line({t("export.report.ledger_overdue"), std::to_string(r.ledger_overdue)});
    out += "\r\n";
    out += csv_line({t("export.report.rank"), t("export.header.window"), t("export.report.count"), t("export.report.good"),
                     t("export.report.rate"), t("export.report.last"), t("export.report.last_twice")});
    for (const auto& row : r.ranking)
        out += csv_line({std::to_string(row.rank), window_name(hall, row.window_id, text), std::to_string(row.satisfaction.total),
                         std::to_string(row.satisfaction.good), percent(row.satisfaction), row.last ? yes : "",
                         row.last_twice ? yes : ""});
    out += "\r\n";
    out += csv_line({t("export.header.window"), t("export.report.count")});
    for (const auto& [w, n] : r.by_window) out += csv_line({window_name(hall, w, text), std::to_string(n)});
    out += "\r\n";
    out += csv_line({t("export.header.category"), t("export.report.items")});
    for (const auto& [c, n] : r.by_category) out += csv_line({export_label(c, text), std::to_string(n)});
    out += "\r\n";
    out += one_visit_csv(r, hall, text);
    out += csv_line({t("export.report.overdue_ledger"), t("export.header.window"), t("export.header.list"), t("export.header.measure"),
                     t("export.header.responsible"), t("export.header.fix_deadline")});
    for (const auto& it : r.overdue_items)
        out += csv_line({it.feedback.receipt, window_name(hall, it.feedback.window_id, text), export_label(it.entry.list, text),
                         it.entry.measure, it.entry.responsible, it.entry.deadline});
    return out;
}

std::string monthly_report_html(const MonthlyReport& r, const HallInfo& hall, const ExportText& text) {
    const auto e = [](std::string_view s) { return html_escape(s); };
    const auto t = [&](std::string_view key) { return html_escape(text.tr(key)); };
    const auto th = [&](std::initializer_list<const char*> keys) {
        std::string row = "<thead><tr>";
        for (const char* k : keys) row += "<th>" + t(k) + "</th>";
        return row + "</tr></thead>\n";
    };
    const std::string hall_name = hall.name.get(text.lang());
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"" + std::string(lang_code(text.lang())) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<title>" + e(text.fmt("export.report.heading", {hall_name + " " + r.month})) + "</title>\n";
    h += R"css(<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 2em; color: #000; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; margin-top: 1.4em; border-bottom: 1px solid #000; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5em; }
th, td { border: 1px solid #444; padding: 4px 8px; text-align: left; font-size: 11pt; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.flag td { font-weight: bold; }
.mark { border: 1px solid #000; padding: 0 4px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; }
  h2 { break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
)css";
    h += "<h1>" + e(text.fmt("export.report.heading", {hall_name})) + "</h1>\n<p>" + e(text.fmt("export.report.month", {r.month})) +
         "</p>\n";
    const auto row2 = [&](const std::string& k, const std::string& v) {
        return "<tr><th scope=\"row\">" + t(k) + "</th><td class=\"num\">" + e(v) + "</td></tr>\n";
    };
    h += "<h2>" + t("export.report.summary") + "</h2>\n<table>\n";
    h += row2("export.report.total", std::to_string(r.total)) + row2("export.report.bad", std::to_string(r.bad)) +
         row2("export.report.excluded_note", std::to_string(r.excluded)) + row2("export.report.rate", percent(r.satisfaction.overall));
    for (int i = 0; i < kIndicatorCount; ++i)
        h += row2(indicator_rate_key(i), percent(r.satisfaction.indicators[static_cast<std::size_t>(i)]));
    h += row2("export.report.named_callback_rate", ratio(r.called_back, r.bad_with_phone) + "（" + std::to_string(r.called_back) + "/" +
                                                       std::to_string(r.bad_with_phone) + "）") +
         row2("export.report.closed_in_time", std::to_string(r.bad_closed_in_time) + "/" + std::to_string(r.bad)) +
         row2("export.report.ledger_open", std::to_string(r.ledger_open)) + row2("export.report.ledger_overdue", std::to_string(r.ledger_overdue));
    h += "</table>\n";

    h += one_visit_html(r, hall, text);
    h += "<h2>" + t("export.report.ranking") + "</h2>\n<table>\n" +
         th({"export.report.rank", "export.header.window", "export.report.count", "export.report.rate", "export.report.mark"}) + "<tbody>\n";
    for (const auto& row : r.ranking) {
        std::string mark;
        if (row.last_twice) mark = "<span class=\"mark\">" + t("export.report.last_twice_talk") + "</span>";
        else if (row.last) mark = t("export.report.last");
        h += std::string("<tr") + (row.last_twice ? " class=\"flag\"" : "") + "><td class=\"num\">" + std::to_string(row.rank) +
             "</td><td>" + e(window_name(hall, row.window_id, text)) + "</td><td class=\"num\">" + std::to_string(row.satisfaction.total) +
             "</td><td class=\"num\">" + e(percent(row.satisfaction)) + "</td><td>" + mark + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";

    h += "<h2>" + t("export.report.by_window") + "</h2>\n<table>\n" + th({"export.header.window", "export.report.count"}) + "<tbody>\n";
    for (const auto& [w, n] : r.by_window)
        h += "<tr><td>" + e(window_name(hall, w, text)) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";

    h += "<h2>" + t("export.report.by_category") + "</h2>\n<table>\n" + th({"export.report.category", "export.report.items"}) + "<tbody>\n";
    for (const auto& [c, n] : r.by_category)
        h += "<tr><td>" + e(export_label(c, text)) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";

    h += "<h2>" + t("export.report.overdue_ledger") + "</h2>\n";
    if (r.overdue_items.empty()) h += "<p>" + t("export.report.none") + "</p>\n";
    else {
        h += "<table>\n" +
             th({"export.header.receipt", "export.header.window", "export.header.list", "export.header.measure", "export.header.responsible",
                 "export.report.deadline"}) +
             "<tbody>\n";
        for (const auto& it : r.overdue_items)
            h += "<tr><td>" + e(it.feedback.receipt) + "</td><td>" + e(window_name(hall, it.feedback.window_id, text)) + "</td><td>" +
                 e(export_label(it.entry.list, text)) + "</td><td>" + e(it.entry.measure) + "</td><td>" + e(it.entry.responsible) +
                 "</td><td>" + e(it.entry.deadline) + "</td></tr>\n";
        h += "</tbody>\n</table>\n";
    }
    h += "</body>\n</html>\n";
    return h;
}

ExportResult export_feedback(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, const std::string& dir,
                             const ExportText& text) {
    std::int64_t rows = 0;
    const std::string csv = feedback_csv(store, hall, filter, &rows, text);
    auto r = write_file_atomic(dir, "feedback-" + safe_name(hall.id) + "-" + stamp(store) + ".csv", csv, text);
    r.rows = rows;
    if (r.ok) store.log("export", "", "{}", audit_after(r.paths, rows));
    return r;
}

ExportResult export_ledger(ManagerStore& store, const HallInfo& hall, const std::string& dir, const ExportText& text) {
    std::int64_t rows = 0;
    const std::string csv = ledger_csv(store, hall, &rows, text);
    auto r = write_file_atomic(dir, "ledger-" + safe_name(hall.id) + "-" + stamp(store) + ".csv", csv, text);
    r.rows = rows;
    if (r.ok) store.log("export", "", "{}", audit_after(r.paths, rows));
    return r;
}

ExportResult export_monthly_report(ManagerStore& store, const HallInfo& hall, const std::string& month, const std::string& dir,
                                   const ExportText& text) {
    if (!month_days(month)) return failed(text, "export.error.bad_month", {month});
    const auto report = store.monthly_report(month);
    const std::string base = "report-" + safe_name(hall.id) + "-" + month;
    auto csv = write_file_atomic(dir, base + ".csv", monthly_report_csv(report, hall, text), text);
    if (!csv.ok) return csv;
    auto html = write_file_atomic(dir, base + ".html", monthly_report_html(report, hall, text), text);
    if (!html.ok) return html;
    ExportResult out;
    out.ok = true;
    out.paths = {csv.paths[0], html.paths[0]};
    out.rows = report.total;
    store.log("export", "", "{}", audit_after(out.paths, out.rows));
    return out;
}

}  // namespace hall
