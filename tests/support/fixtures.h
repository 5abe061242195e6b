#pragma once
// Small, valid content for tests that must not depend on the demo bundle's wording.
#include <string>
#include <vector>

#include "content/bundle.h"
#include "support/temp_dir.h"

namespace hall::test {

// True when some error message contains part (errors must name what is wrong).
inline bool mentions(const std::vector<std::string>& errors, const std::string& part) {
    for (const auto& e : errors)
        if (e.find(part) != std::string::npos) return true;
    return false;
}

inline LocalizedText tx(const std::string& hans, const std::string& hant, const std::string& en = "") {
    LocalizedText t;
    t[Lang::Hans] = hans;
    t[Lang::Hant] = hant;
    t[Lang::En] = en;
    return t;
}

inline Guide sample_guide(const std::string& code, const LocalizedText& name, const std::string& dept = "police") {
    Guide g;
    g.code = code;
    g.name = name;
    g.type = "public_service";
    g.department_id = dept;
    g.window_ids = {"w10"};
    g.accepting_body = tx("区公安分局", "區公安分局", "District police");
    g.deciding_body = g.accepting_body;
    g.legal_basis = tx("《居民身份证法》", "《居民身份證法》");
    g.conditions = tx("本区户籍居民", "本區戶籍居民");
    Material m;
    m.name = tx("户口簿", "戶口簿", "Household register");
    m.source = tx("申请人自备", "申請人自備");
    g.materials.push_back(m);
    g.apply_methods = {"on_site"};
    g.steps = {tx("受理", "受理"), tx("审核", "審核")};
    g.fees = tx("不收费", "不收費");
    g.intermediary = tx("无", "無");
    g.delivery = tx("窗口领取", "窗口領取");
    g.remedies = tx("行政复议", "行政復議");
    g.location = tx("一楼10号窗口", "一樓10號窗口");
    g.hours = tx("工作日", "工作日");
    g.phone = "0755-1234567";
    g.complaint = tx("12345", "12345");
    g.progress_query = tx("电话查询", "電話查詢");
    g.updated = "2026-11-01";
    return g;
}

inline ContentBundle sample_bundle(const std::string& version) {
    ContentBundle b;
    b.version = version;
    b.departments.push_back({"police", tx("公安分局", "公安分局", "Police")});
    b.guides.push_back(sample_guide("G-001", tx("居民身份证换领", "居民身份證換領", "ID card renewal")));
    b.guides.push_back(sample_guide("G-002", tx("户口迁移登记", "戶口遷移登記", "Household registration transfer")));
    b.guides.push_back(sample_guide("G-003", tx("无犯罪记录证明开具", "無犯罪記錄證明開具", "Certificate of no criminal record")));
    return b;
}

}  // namespace hall::test
