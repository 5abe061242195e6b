#pragma once
// Data-quality rules for a service guide (issue #18), free of any UI, store or clock: the
// console's editor shows them while a guide is written, and the guide store enforces them at
// submit, approval and publishing. Each finding names its rule, the field it is about and a
// short reason a clerk understands, in zh-Hans, zh-Hant and en.
//
// A guide here is the editor's document: the bundle's guide object (docs/content-bundle.md)
// plus editor-only fields that never reach a kiosk (docs/guides-console.md):
//   materials[].is_form      the material is a form the citizen fills in (申请表/登记表)
//   materials[].blank_form   address of the blank form (表格下载)
//   materials[].sample       address of a filled-in sample (示范文本)
//   visits, visits_reason    times a citizen must come in person (到现场次数) and why
//   reviewed_on              YYYY-MM-DD the content was last checked against the rules
//   accepted                 {rule: note}: warnings accepted by the author, with the reason
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace hall::hub::console {

enum class Severity { Error, Warning };

struct Finding {
    std::string rule;      // catch_all_material, promised_over_legal, ...
    Severity severity = Severity::Error;
    std::string field;     // "materials[2].name", "legal_basis", ...
    std::string zh_hans, zh_hant, en;
    bool accepted = false;        // a warning accepted with a note
    std::string note;             // that note
};

// What the rules need besides the guide: today (the hall's local date, YYYY-MM-DD) and the
// departments and windows the hub knows from its halls' configuration (empty: not checked).
struct CheckContext {
    std::string today;
    std::set<std::string> departments;
    std::set<std::string> windows;
};

// Every rule, in the order the editor lists them.
const std::vector<std::string>& check_rules();

std::vector<Finding> check_guide(const nlohmann::json& guide, const CheckContext& ctx);

// Errors, and warnings not accepted with a note: what blocks submitting and publishing.
int blocking_count(const std::vector<Finding>& findings);

nlohmann::json findings_json(const std::vector<Finding>& findings);

// True when a material's name (zh-Hans or zh-Hant) is a catch-all ("其他材料", "相关材料",
// "...等材料") rather than a named document. Exposed for the CSV import's messages.
bool is_catch_all_name(const std::string& name);

}  // namespace hall::hub::console
