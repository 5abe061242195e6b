#pragma once
// A service guide (辦事指南) with every field DOMAIN.md lists, so a citizen learns
// everything at once (一次性告知). Guides come from a signed central bundle; the kiosk
// never edits them.
#include <array>
#include <string>
#include <vector>

#include "core/lang.h"

namespace hall {

enum class MaterialForm { Original, Copy, OriginalAndCopy, Electronic };
std::string_view material_form_key(MaterialForm f);  // "original", "copy", ...

struct Material {
    LocalizedText name;
    MaterialForm form = MaterialForm::Original;
    int count = 1;
    LocalizedText source;  // 來源渠道: where the citizen gets it
    bool required = true;
    LocalizedText notes;   // 填報須知
};

struct FormLink {   // 表格下載 / 示範文本, reached by QR code
    LocalizedText name;
    std::string url;
    bool sample = false;  // a filled-in sample text rather than a blank form
};

// Names people use for a guide (俗稱 / 別名 / 關鍵詞), per language: 社保卡 for
// 社會保障卡申領, "ID card". Search matches them like the name; they are never shown as the title.
struct Aliases {
    std::array<std::vector<std::string>, 3> list;
    std::vector<std::string>& operator[](Lang l) { return list[static_cast<int>(l)]; }
    const std::vector<std::string>& operator[](Lang l) const { return list[static_cast<int>(l)]; }
    bool empty() const { return list[0].empty() && list[1].empty() && list[2].empty(); }
};

struct Guide {
    std::string code;              // 事項編碼
    LocalizedText name;
    Aliases aliases;               // optional in the bundle
    std::string type;              // administrative_license, public_service, administrative_confirmation, ...
    bool on_the_spot = false;      // 即辦件 (true) or 承諾件 (false)
    std::string department_id;
    std::vector<std::string> window_ids;
    LocalizedText accepting_body;  // 受理機構
    LocalizedText deciding_body;   // 決定機構
    LocalizedText legal_basis;     // 設定依據
    LocalizedText conditions;      // 申請條件
    LocalizedText prohibitions;    // 禁止性規定
    std::vector<Material> materials;
    std::vector<std::string> apply_methods;  // on_site, online, post
    std::vector<LocalizedText> steps;        // 辦理流程
    int promised_days = 0;         // 承諾時限 (working days; 0 = on the spot)
    int legal_days = 0;            // 法定時限
    LocalizedText fees;            // 收費標準 (text: "不收費" is a valid answer)
    LocalizedText fee_basis;
    LocalizedText intermediary;    // 中介服務
    LocalizedText delivery;        // 結果送達
    LocalizedText result_sample;   // 結果樣本
    LocalizedText remedies;        // 行政救濟
    LocalizedText location;
    LocalizedText hours;
    std::string phone;             // 諮詢電話
    LocalizedText complaint;       // 監督投訴
    std::vector<FormLink> forms;
    LocalizedText progress_query;  // 進度查詢
    std::string updated;           // YYYY-MM-DD, shown to the citizen
};

struct Department {
    std::string id;
    LocalizedText name;
};

// A published set of guides: what the centre signs and the kiosk imports as one unit.
struct ContentBundle {
    int schema = 1;
    std::string version;       // e.g. "2026.11.20-1"; shown as the content version
    std::string published_at;
    std::vector<Department> departments;
    std::vector<Guide> guides;
};

// Materials checklist as plain text: what the QR code carries to the citizen's phone.
std::string materials_checklist(const Guide& g, Lang lang);

}  // namespace hall
