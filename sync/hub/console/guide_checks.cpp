#include "hub/console/guide_checks.h"

#include <array>
#include <string_view>

#include "content/bundle.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;

std::string trimmed(std::string s) {
    const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && ws(s.back())) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && ws(s[i])) ++i;
    s.erase(0, i);
    // Full-width spaces (U+3000) are blanks too.
    while (s.rfind("\xE3\x80\x80", 0) == 0) s.erase(0, 3);
    while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) s.resize(s.size() - 3);
    return s;
}

std::string text_of(const json& g, const std::string& key, const char* lang = "zh-Hans") {
    if (!g.is_object() || !g.contains(key) || !g[key].is_object()) return "";
    const auto& t = g[key];
    if (!t.contains(lang) || !t[lang].is_string()) return "";
    return trimmed(t[lang].get<std::string>());
}

long long int_of(const json& g, const char* key) {
    if (!g.is_object() || !g.contains(key)) return 0;
    const auto& v = g[key];
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_string()) {
        try {
            return std::stoll(v.get<std::string>());
        } catch (...) {
            return 0;
        }
    }
    return 0;
}

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }
bool ends_with(const std::string& s, std::string_view what) {
    return s.size() >= what.size() && s.compare(s.size() - what.size(), what.size(), what) == 0;
}

// Answers that say nothing: an empty legal basis written as "无".
bool is_placeholder(const std::string& s) {
    static const std::array<std::string_view, 10> words = {"", "无", "無", "暂无", "暫無", "-", "/", "—", "none", "None"};
    for (auto w : words)
        if (s == w) return true;
    return false;
}

// A concrete list in the notes: at least two named items, none of them a catch-all again.
bool is_concrete_list(const std::string& notes) {
    if (notes.empty() || is_catch_all_name(notes)) return false;
    int separators = 0;
    for (std::string_view sep : {"、", "；", ";", "\n", "，", ","}) {
        for (std::size_t p = notes.find(sep); p != std::string::npos; p = notes.find(sep, p + sep.size())) ++separators;
    }
    return separators >= 1;
}

bool looks_like_form(const std::string& name) {
    for (std::string_view s : {"表", "申请书", "申請書", "承诺书", "承諾書", "委托书", "委託書"})
        if (ends_with(name, s)) return true;
    return false;
}

Finding make(std::string rule, Severity sev, std::string field, std::string hans, std::string hant, std::string en) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = sev;
    f.field = std::move(field);
    f.zh_hans = std::move(hans);
    f.zh_hant = std::move(hant);
    f.en = std::move(en);
    return f;
}

// Every TEXT in the guide (objects with a zh-Hans key), with its path.
void each_text(const json& j, const std::string& path, std::vector<std::pair<std::string, const json*>>& out) {
    if (j.is_object()) {
        if (j.contains("zh-Hans") && j["zh-Hans"].is_string()) {
            out.emplace_back(path, &j);
            return;
        }
        for (auto& [k, v] : j.items()) {
            if (k == "aliases" || k == "accepted") continue;
            each_text(v, path.empty() ? k : path + "." + k, out);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) each_text(j[i], path + "[" + std::to_string(i) + "]", out);
    }
}

// A URL a citizen's phone can open, or a file the hub serves.
bool has_link(const json& m, const char* key) {
    if (!m.contains(key) || !m[key].is_string()) return false;
    const auto s = m[key].get<std::string>();
    return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || s.rfind("/guide-files/", 0) == 0;
}

bool guide_form_link(const json& g, const std::string& name, bool sample) {
    if (!g.contains("forms") || !g["forms"].is_array()) return false;
    for (const auto& f : g["forms"]) {
        if (!f.is_object() || text_of(f, "name") != name) continue;
        if (f.value("sample", false) == sample && has_link(f, "url")) return true;
    }
    return false;
}

}  // namespace

bool is_catch_all_name(const std::string& raw) {
    const auto name = trimmed(raw);
    for (std::string_view p : {"其他材料", "其它材料", "相关材料", "相關材料", "有关材料", "有關材料", "其他相关", "其他相關",
                               "其他证明", "其他證明", "其他资料", "其他資料", "其他文件"})
        if (contains(name, p)) return true;
    if (ends_with(name, "等")) return true;
    for (std::string_view tail : {"材料", "证明", "證明", "文件", "资料", "資料", "证件", "證件", "相关", "相關", "有关", "有關"})
        if (contains(name, std::string("等") + std::string(tail))) return true;
    return false;
}

const std::vector<std::string>& check_rules() {
    static const std::vector<std::string> r = {"incomplete",          "catch_all_material", "promised_over_legal", "form_no_blank",
                                               "form_no_sample",      "no_legal_basis",     "licence_no_remedy",   "visits_without_reason",
                                               "unknown_department",  "unknown_window",     "missing_translation", "not_reviewed"};
    return r;
}

std::vector<Finding> check_guide(const json& g, const CheckContext& ctx) {
    std::vector<Finding> out;
    if (!g.is_object()) {
        out.push_back(make("incomplete", Severity::Error, "", "指南内容不是一个对象", "指南內容不是一個對象", "the guide is not an object"));
        return out;
    }

    // Required fields and their shapes: the kiosk's own bundle parser on a one-guide bundle.
    {
        const auto dept = g.contains("department") && g["department"].is_string() ? g["department"].get<std::string>() : "";
        json b = {{"format", kBundleFormat}, {"schema", kBundleSchema}, {"version", "0"},
                  {"departments", json::array({{{"id", dept.empty() ? "-" : dept}, {"name", {{"zh-Hans", "-"}, {"zh-Hant", "-"}}}}})},
                  {"guides", json::array({g})}};
        if (!b["guides"][0].contains("updated")) b["guides"][0]["updated"] = "2000-01-01";  // set at publishing
        for (const auto& e : parse_bundle(b.dump()).errors) {
            if (contains(e, "catch-all")) continue;  // the rule below says it better
            auto field = e.substr(0, e.find(": "));
            const auto what = e.size() > field.size() + 2 ? e.substr(field.size() + 2) : "";
            if (auto p = field.find(")."); p != std::string::npos && field.rfind("guides[", 0) == 0) field = field.substr(p + 2);
            else if (field.rfind("guides[0].", 0) == 0) field = field.substr(10);
            const bool missing = what == "missing" || what == "missing or empty" || what == "missing or not a list";
            out.push_back(make("incomplete", Severity::Error, field,
                               missing ? "必填项未填写：" + field : "填写格式不对：" + field + "（" + what + "）",
                               missing ? "必填項未填寫：" + field : "填寫格式不對：" + field + "（" + what + "）",
                               missing ? "required, not filled in: " + field : field + ": " + what));
        }
    }

    // Materials: no catch-all, and a form comes with its blank and a filled sample.
    if (g.contains("materials") && g["materials"].is_array()) {
        for (std::size_t i = 0; i < g["materials"].size(); ++i) {
            const auto& m = g["materials"][i];
            if (!m.is_object()) continue;
            const std::string at = "materials[" + std::to_string(i) + "]";
            const auto hans = text_of(m, "name"), hant = text_of(m, "name", "zh-Hant");
            if ((is_catch_all_name(hans) || is_catch_all_name(hant)) && !is_concrete_list(text_of(m, "notes")))
                out.push_back(make("catch_all_material", Severity::Error, at + ".name",
                                   "“" + hans + "”是兜底条款：请逐项写明要哪些材料（或在备注中列出具体清单）",
                                   "“" + (hant.empty() ? hans : hant) + "”是兜底條款：請逐項寫明要哪些材料（或在備註中列出具體清單）",
                                   "\"" + hans + "\" is a catch-all: name every material (or list them one by one in the notes)"));
            const bool is_form = m.value("is_form", false) || looks_like_form(hans);
            if (!is_form || hans.empty()) continue;
            if (!has_link(m, "blank_form") && !guide_form_link(g, hans, false))
                out.push_back(make("form_no_blank", Severity::Error, at + ".blank_form", "“" + hans + "”是表格：请上传空白表格或填写下载地址",
                                   "“" + (hant.empty() ? hans : hant) + "”是表格：請上傳空白表格或填寫下載地址",
                                   "\"" + hans + "\" is a form: add the blank form (upload or link)"));
            if (!has_link(m, "sample") && !guide_form_link(g, hans, true))
                out.push_back(make("form_no_sample", Severity::Error, at + ".sample", "“" + hans + "”是表格：请提供填写样本（示范文本）",
                                   "“" + (hant.empty() ? hans : hant) + "”是表格：請提供填寫樣本（示範文本）",
                                   "\"" + hans + "\" is a form: add a filled-in sample"));
        }
    }

    const auto promised = int_of(g, "promised_days"), legal = int_of(g, "legal_days");
    if (promised > legal)
        out.push_back(make("promised_over_legal", Severity::Error, "promised_days",
                           "承诺时限（" + std::to_string(promised) + " 个工作日）不能长于法定时限（" + std::to_string(legal) + " 个工作日）",
                           "承諾時限（" + std::to_string(promised) + " 個工作日）不能長於法定時限（" + std::to_string(legal) + " 個工作日）",
                           "promised time (" + std::to_string(promised) + " working days) is longer than the legal limit (" +
                               std::to_string(legal) + ")"));

    if (is_placeholder(text_of(g, "legal_basis")))
        out.push_back(make("no_legal_basis", Severity::Error, "legal_basis", "没有设定依据：请写明法律法规名称和条款",
                           "沒有設定依據：請寫明法律法規名稱和條款", "no legal basis: name the law or regulation and its article"));

    if (g.value("type", "") == "administrative_license" && is_placeholder(text_of(g, "remedies")))
        out.push_back(make("licence_no_remedy", Severity::Error, "remedies", "行政许可必须写明行政救济途径（复议、诉讼）",
                           "行政許可必須寫明行政救濟途徑（覆議、訴訟）",
                           "a licence must say how to appeal (administrative review, lawsuit)"));

    if (int_of(g, "visits") > 0 && is_placeholder(text_of(g, "visits_reason")))
        out.push_back(make("visits_without_reason", Severity::Error, "visits_reason",
                           "要求到现场 " + std::to_string(int_of(g, "visits")) + " 次：请写明为什么必须到现场",
                           "要求到現場 " + std::to_string(int_of(g, "visits")) + " 次：請寫明為什麼必須到現場",
                           "citizens must come " + std::to_string(int_of(g, "visits")) + " time(s): say why they must come in person"));

    if (!ctx.departments.empty() && g.contains("department") && g["department"].is_string()) {
        const auto d = g["department"].get<std::string>();
        if (!d.empty() && !ctx.departments.count(d))
            out.push_back(make("unknown_department", Severity::Error, "department", "部门“" + d + "”不在大厅配置中：请从列表中选择",
                               "部門“" + d + "”不在大廳配置中：請從列表中選擇", "department " + d + " is not in any hall's configuration: pick one from the list"));
    }
    if (!ctx.windows.empty() && g.contains("windows") && g["windows"].is_array())
        for (std::size_t i = 0; i < g["windows"].size(); ++i) {
            const auto& w = g["windows"][i];
            if (w.is_string() && !ctx.windows.count(w.get<std::string>()))
                out.push_back(make("unknown_window", Severity::Error, "windows[" + std::to_string(i) + "]",
                                   "窗口“" + w.get<std::string>() + "”不在大厅配置中", "窗口“" + w.get<std::string>() + "”不在大廳配置中",
                                   "window " + w.get<std::string>() + " is not in any hall's configuration"));
        }

    // Warnings.
    {
        std::vector<std::pair<std::string, const json*>> texts;
        each_text(g, "", texts);
        std::vector<std::string> lacking;
        for (const auto& [path, t] : texts) {
            const auto has = [&](const char* l) { return t->contains(l) && (*t)[l].is_string() && !trimmed((*t)[l].get<std::string>()).empty(); };
            if (has("zh-Hans") && (!has("zh-Hant") || !has("en"))) lacking.push_back(path);
        }
        if (!lacking.empty()) {
            std::string list;
            for (std::size_t i = 0; i < lacking.size() && i < 4; ++i) list += (i ? ", " : "") + lacking[i];
            if (lacking.size() > 4) list += " (+" + std::to_string(lacking.size() - 4) + ")";
            out.push_back(make("missing_translation", Severity::Warning, lacking.front(), "缺少繁体或英文译文：" + list,
                               "缺少繁體或英文譯文：" + list, "Traditional Chinese or English missing: " + list));
        }
    }
    {
        const auto r = g.contains("reviewed_on") && g["reviewed_on"].is_string() ? g["reviewed_on"].get<std::string>() : "";
        bool stale = true;
        if (r.size() == 10 && r[4] == '-' && r[7] == '-' && ctx.today.size() == 10) {
            try {
                const auto year_later = std::to_string(std::stoi(r.substr(0, 4)) + 1) + r.substr(4);
                stale = year_later <= ctx.today;
            } catch (...) {
            }
        }
        if (stale)
            out.push_back(make("not_reviewed", Severity::Warning, "reviewed_on",
                               r.empty() ? "从未审核过内容：请核对后填写审核日期" : "超过12个月未审核（上次 " + r + "）：请核对后更新审核日期",
                               r.empty() ? "從未審核過內容：請核對後填寫審核日期" : "超過12個月未審核（上次 " + r + "）：請核對後更新審核日期",
                               r.empty() ? "never reviewed: check the content and set the review date"
                                         : "not reviewed for 12 months (last " + r + "): check it and update the review date"));
    }

    // Warnings accepted with a note.
    if (g.contains("accepted") && g["accepted"].is_object())
        for (auto& f : out) {
            if (f.severity != Severity::Warning || !g["accepted"].contains(f.rule) || !g["accepted"][f.rule].is_string()) continue;
            const auto note = trimmed(g["accepted"][f.rule].get<std::string>());
            if (note.empty()) continue;
            f.accepted = true;
            f.note = note;
        }
    return out;
}

int blocking_count(const std::vector<Finding>& findings) {
    int n = 0;
    for (const auto& f : findings)
        if (f.severity == Severity::Error || !f.accepted) ++n;
    return n;
}

json findings_json(const std::vector<Finding>& findings) {
    json a = json::array();
    for (const auto& f : findings)
        a.push_back({{"rule", f.rule},
                     {"severity", f.severity == Severity::Error ? "error" : "warning"},
                     {"field", f.field},
                     {"message", {{"zh-Hans", f.zh_hans}, {"zh-Hant", f.zh_hant}, {"en", f.en}}},
                     {"accepted", f.accepted},
                     {"note", f.note}});
    return a;
}

}  // namespace hall::hub::console
