#include "manager/export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "common/files.h"
#include "core/ids.h"

namespace hall {
namespace fs = std::filesystem;

namespace {

std::string window_name(const HallInfo& hall, const std::string& id) {
    if (const auto* w = hall.find_window(id)) return w->number + "號 " + w->name.get(Lang::Hans);
    return id;
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


ExportResult write_file_atomic(const std::string& dir, const std::string& name, std::string_view content) {
    ExportResult r;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        r.error = "the folder " + dir + " does not exist (is the USB stick plugged in?)";
        return r;
    }
    const fs::path target = fs::path(dir) / name;
    const FileWrite w = hall::write_file_atomic(target.string(), content);
    if (!w.ok) {
        r.error = w.disk_full ? "the disk at " + dir + " is full; nothing was written" : w.error;
        return r;
    }
    r.ok = true;
    r.paths.push_back(target.string());
    return r;
}

std::string export_label(Category c) {
    switch (c) {
        case Category::EmptyWindow: return "空岗脱岗";
        case Category::Attitude: return "服务态度";
        case Category::Discipline: return "工作纪律";
        case Category::Integrity: return "廉洁问题";
        case Category::Delay: return "推诿拖延";
        case Category::BackAndForth: return "来回跑";
        case Category::LongWait: return "等候时间长";
        case Category::UnclearGuide: return "办事指南不清";
        case Category::HallLayout: return "大厅布局";
        case Category::BrokenEquipment: return "设备故障";
        case Category::Praise: return "表扬";
    }
    return "";
}

std::string export_label(Rating r) {
    switch (r) {
        case Rating::VerySatisfied: return "非常满意";
        case Rating::Satisfied: return "满意";
        case Rating::Basic: return "基本满意";
        case Rating::Dissatisfied: return "不满意";
        case Rating::VeryDissatisfied: return "非常不满意";
    }
    return "";
}

std::string export_label(HandlingState s) {
    switch (s) {
        case HandlingState::New: return "新收到";
        case HandlingState::Verifying: return "核实中";
        case HandlingState::Fixing: return "整改中";
        case HandlingState::Answered: return "已答复";
        case HandlingState::Closed: return "已销号";
        case HandlingState::Unfounded: return "不属实";
    }
    return "";
}

std::string export_label(LedgerList l) {
    switch (l) {
        case LedgerList::Immediate: return "立查立改";
        case LedgerList::Limited: return "限期整改";
        case LedgerList::LongTerm: return "长期整改";
    }
    return "";
}

std::string feedback_csv(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, std::int64_t* rows) {
    std::string out(kUtf8Bom);
    out += csv_line({"回执号", "时间", "窗口", "问题类别", "评价", "处理状态", "办理期限", "是否逾期", "申诉剔除", "联系电话", "内容"});
    const int offset = store.context().utc_offset_minutes;
    std::int64_t n = 0;
    // Keyset paging: a steady pace through 100,000 rows without OFFSET's growing cost.
    std::optional<PageCursor> cursor;
    for (;;) {
        const auto page = cursor ? store.page_after(filter, *cursor, 1000) : store.page(filter, 0, 1000);
        for (const auto& r : page) {
            std::string cats;
            for (Category c : r.categories) cats += (cats.empty() ? "" : "、") + export_label(c);
            out += csv_line({r.receipt, local_time_text(r.created_at, offset), window_name(hall, r.window_id), cats,
                             export_label(r.overall), export_label(r.state), r.deadline, r.overdue ? "是" : "",
                             r.excluded ? "是" : "", r.phone_masked, r.text});
            ++n;
        }
        if (page.size() < 1000) break;
        cursor = PageCursor{page.back().created_at, page.back().id};
    }
    if (rows) *rows = n;
    return out;
}

std::string ledger_csv(ManagerStore& store, const HallInfo& hall, std::int64_t* rows) {
    std::string out(kUtf8Bom);
    out += csv_line({"回执号", "收到时间", "窗口", "问题类别", "评价", "清单", "整改措施", "责任人", "整改期限", "处理状态",
                     "是否逾期", "回头看日期", "回头看结果"});
    const int offset = store.context().utc_offset_minutes;
    std::int64_t n = 0;
    for (const auto& r : store.ledger_rows(false)) {
        std::string cats;
        for (Category c : r.feedback.categories) cats += (cats.empty() ? "" : "、") + export_label(c);
        std::string recheck;
        if (r.entry.recheck_result) recheck = *r.entry.recheck_result == RecheckResult::Passed ? "通过" : "问题反弹";
        out += csv_line({r.feedback.receipt, local_time_text(r.feedback.created_at, offset), window_name(hall, r.feedback.window_id),
                         cats, export_label(r.feedback.overall), export_label(r.entry.list), r.entry.measure, r.entry.responsible,
                         r.entry.deadline, export_label(r.feedback.state), r.feedback.overdue ? "是" : "", r.entry.recheck_date,
                         recheck});
        ++n;
    }
    if (rows) *rows = n;
    return out;
}

std::string monthly_report_csv(const MonthlyReport& r, const HallInfo& hall) {
    std::string out(kUtf8Bom);
    out += csv_line({"月报", hall.name.get(Lang::Hans), r.month});
    out += "\r\n";
    out += csv_line({"汇总", "数值"});
    out += csv_line({"收到评价", std::to_string(r.total)});
    out += csv_line({"差评", std::to_string(r.bad)});
    out += csv_line({"申诉剔除", std::to_string(r.excluded)});
    out += csv_line({"满意率", percent(r.satisfaction.overall)});
    out += csv_line({"服务效率满意率", percent(r.satisfaction.indicators[0])});
    out += csv_line({"服务水平满意率", percent(r.satisfaction.indicators[1])});
    out += csv_line({"服务态度满意率", percent(r.satisfaction.indicators[2])});
    out += csv_line({"实名差评", std::to_string(r.bad_with_phone)});
    out += csv_line({"已回访", std::to_string(r.called_back)});
    out += csv_line({"回访率", ratio(r.called_back, r.bad_with_phone)});
    out += csv_line({"差评按期销号", std::to_string(r.bad_closed_in_time)});
    out += csv_line({"差评按期销号率", ratio(r.bad_closed_in_time, r.bad)});
    out += csv_line({"台账未销号", std::to_string(r.ledger_open)});
    out += csv_line({"台账逾期", std::to_string(r.ledger_overdue)});
    out += "\r\n";
    out += csv_line({"排名", "窗口", "评价数", "满意数", "满意率", "末位", "连续两月末位"});
    for (const auto& row : r.ranking)
        out += csv_line({std::to_string(row.rank), window_name(hall, row.window_id), std::to_string(row.satisfaction.total),
                         std::to_string(row.satisfaction.good), percent(row.satisfaction), row.last ? "是" : "",
                         row.last_twice ? "是" : ""});
    out += "\r\n";
    out += csv_line({"窗口", "评价数"});
    for (const auto& [w, n] : r.by_window) out += csv_line({window_name(hall, w), std::to_string(n)});
    out += "\r\n";
    out += csv_line({"问题类别", "件数"});
    for (const auto& [c, n] : r.by_category) out += csv_line({export_label(c), std::to_string(n)});
    out += "\r\n";
    out += csv_line({"逾期台账", "窗口", "清单", "整改措施", "责任人", "整改期限"});
    for (const auto& it : r.overdue_items)
        out += csv_line({it.feedback.receipt, window_name(hall, it.feedback.window_id), export_label(it.entry.list),
                         it.entry.measure, it.entry.responsible, it.entry.deadline});
    return out;
}

std::string monthly_report_html(const MonthlyReport& r, const HallInfo& hall) {
    const auto e = [](std::string_view s) { return html_escape(s); };
    std::string h;
    h += "<!DOCTYPE html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<title>" + e(hall.name.get(Lang::Hans)) + " " + e(r.month) + " 好差评月报</title>\n";
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
    h += "<h1>" + e(hall.name.get(Lang::Hans)) + " 好差评月报</h1>\n<p>月份：" + e(r.month) + "</p>\n";
    const auto row2 = [&](const std::string& k, const std::string& v) {
        return "<tr><th scope=\"row\">" + e(k) + "</th><td class=\"num\">" + e(v) + "</td></tr>\n";
    };
    h += "<h2>汇总</h2>\n<table>\n";
    h += row2("收到评价", std::to_string(r.total)) + row2("差评", std::to_string(r.bad)) +
         row2("申诉剔除（不计入统计）", std::to_string(r.excluded)) + row2("满意率", percent(r.satisfaction.overall)) +
         row2("服务效率满意率", percent(r.satisfaction.indicators[0])) + row2("服务水平满意率", percent(r.satisfaction.indicators[1])) +
         row2("服务态度满意率", percent(r.satisfaction.indicators[2])) +
         row2("实名差评回访率", ratio(r.called_back, r.bad_with_phone) + "（" + std::to_string(r.called_back) + "/" +
                                    std::to_string(r.bad_with_phone) + "）") +
         row2("差评按期销号", std::to_string(r.bad_closed_in_time) + "/" + std::to_string(r.bad)) +
         row2("台账未销号", std::to_string(r.ledger_open)) + row2("台账逾期", std::to_string(r.ledger_overdue));
    h += "</table>\n";

    h += "<h2>窗口排名</h2>\n<table>\n<thead><tr><th>排名</th><th>窗口</th><th>评价数</th><th>满意率</th><th>标记</th></tr></thead>\n<tbody>\n";
    for (const auto& row : r.ranking) {
        std::string mark;
        if (row.last_twice) mark = "<span class=\"mark\">连续两月末位 · 约谈</span>";
        else if (row.last) mark = "末位";
        h += std::string("<tr") + (row.last_twice ? " class=\"flag\"" : "") + "><td class=\"num\">" + std::to_string(row.rank) +
             "</td><td>" + e(window_name(hall, row.window_id)) + "</td><td class=\"num\">" + std::to_string(row.satisfaction.total) +
             "</td><td class=\"num\">" + e(percent(row.satisfaction)) + "</td><td>" + mark + "</td></tr>\n";
    }
    h += "</tbody>\n</table>\n";

    h += "<h2>按窗口</h2>\n<table>\n<thead><tr><th>窗口</th><th>评价数</th></tr></thead>\n<tbody>\n";
    for (const auto& [w, n] : r.by_window)
        h += "<tr><td>" + e(window_name(hall, w)) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";

    h += "<h2>按问题类别</h2>\n<table>\n<thead><tr><th>类别</th><th>件数</th></tr></thead>\n<tbody>\n";
    for (const auto& [c, n] : r.by_category)
        h += "<tr><td>" + e(export_label(c)) + "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>\n";
    h += "</tbody>\n</table>\n";

    h += "<h2>逾期台账</h2>\n";
    if (r.overdue_items.empty()) h += "<p>无</p>\n";
    else {
        h += "<table>\n<thead><tr><th>回执号</th><th>窗口</th><th>清单</th><th>整改措施</th><th>责任人</th><th>期限</th></tr></thead>\n<tbody>\n";
        for (const auto& it : r.overdue_items)
            h += "<tr><td>" + e(it.feedback.receipt) + "</td><td>" + e(window_name(hall, it.feedback.window_id)) + "</td><td>" +
                 e(export_label(it.entry.list)) + "</td><td>" + e(it.entry.measure) + "</td><td>" + e(it.entry.responsible) +
                 "</td><td>" + e(it.entry.deadline) + "</td></tr>\n";
        h += "</tbody>\n</table>\n";
    }
    h += "</body>\n</html>\n";
    return h;
}

ExportResult export_feedback(ManagerStore& store, const HallInfo& hall, const FeedbackFilter& filter, const std::string& dir) {
    std::int64_t rows = 0;
    const std::string csv = feedback_csv(store, hall, filter, &rows);
    auto r = write_file_atomic(dir, "feedback-" + safe_name(hall.id) + "-" + stamp(store) + ".csv", csv);
    r.rows = rows;
    if (r.ok) store.log("export", "", "{}", audit_after(r.paths, rows));
    return r;
}

ExportResult export_ledger(ManagerStore& store, const HallInfo& hall, const std::string& dir) {
    std::int64_t rows = 0;
    const std::string csv = ledger_csv(store, hall, &rows);
    auto r = write_file_atomic(dir, "ledger-" + safe_name(hall.id) + "-" + stamp(store) + ".csv", csv);
    r.rows = rows;
    if (r.ok) store.log("export", "", "{}", audit_after(r.paths, rows));
    return r;
}

ExportResult export_monthly_report(ManagerStore& store, const HallInfo& hall, const std::string& month, const std::string& dir) {
    ExportResult out;
    if (!month_days(month)) {
        out.error = "not a month like 2026-11: " + month;
        return out;
    }
    const auto report = store.monthly_report(month);
    const std::string base = "report-" + safe_name(hall.id) + "-" + month;
    auto csv = write_file_atomic(dir, base + ".csv", monthly_report_csv(report, hall));
    if (!csv.ok) return csv;
    auto html = write_file_atomic(dir, base + ".html", monthly_report_html(report, hall));
    if (!html.ok) return html;
    out.ok = true;
    out.paths = {csv.paths[0], html.paths[0]};
    out.rows = report.total;
    store.log("export", "", "{}", audit_after(out.paths, out.rows));
    return out;
}

}  // namespace hall
