// The string check (after ImHex's check_langs.py), both ways and with places:
//  - missing: every key the code asks for exists in zh-Hans, zh-Hant and en. A key the code
//    asks for is a literal given to the string helpers (tr, button_t, ...), an error key of any
//    layer ("store.error.*", "ledger.error.*", ... as ActionResult and StoreError carry them),
//    an export key, or a key built from a domain enum: the enum's own key function is iterated
//    (categories, ratings, indicators, handling states, ledger lists, call-back grades, appeal
//    reasons and decisions, recheck results, material forms, store failures, languages), so a
//    new enum value without its strings fails here. Guide types and ways to apply come from
//    the shipped demo content. Each failure names the file and line that asked.
//  - unused: every key of the tables is asked for somewhere, or named as a literal in the code,
//    or is one of a numbered series whose prefix the code builds ("manager.preset.measure." + i).
//    Each failure names the line of assets/i18n/zh-Hans.json to delete.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "content/bundle.h"
#include "core/feedback.h"
#include "core/guide.h"
#include "core/handling.h"
#include "core/lang.h"
#include "core/ledger.h"
#include "manager/export.h"
#include "sqlite/database.h"
#include "support/files.h"

using namespace hall;
namespace fs = std::filesystem;

namespace {

const std::string kSource = HALL_SOURCE_DIR;

// A string literal in the code that looks like a key, and where it stands.
struct Literal {
    std::string text;
    std::string where;  // "kiosk/ui/screens/home.cpp:42"
    bool asked = false;  // given to a string helper (tr, button_t, text_t, ...)
};

// Every key-shaped literal of kiosk/ (code, headers, generated-in includes), line by line.
std::vector<Literal> literals_in_code() {
    static const std::regex literal(R"re("([a-z_][a-z0-9_]*(?:\.[a-zA-Z0-9_-]+)+\.?)")re");
    static const std::regex call(R"re((?:tr|button_t|text_t|heading_t|fmt|field)\(\s*"([a-z_]+\.[a-z0-9_.]+)")re");
    std::vector<Literal> out;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(kSource + "/kiosk"))
        if (e.path().extension() == ".cpp" || e.path().extension() == ".h" || e.path().extension() == ".inc") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path);
        const std::string rel = fs::relative(path, kSource).string();
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            std::set<std::string> asked;
            for (std::sregex_iterator it(line.begin(), line.end(), call), end; it != end; ++it) asked.insert((*it)[1]);
            for (std::sregex_iterator it(line.begin(), line.end(), literal), end; it != end; ++it) {
                const std::string text = (*it)[1];
                out.push_back({text, rel + ":" + std::to_string(n), asked.count(text) == 1});
            }
        }
    }
    return out;
}

// Keys of an enum, from its key function: the values 0, 1, 2, ... up to the first one the
// key function refuses (a table lookup out of range) or from_key does not read back.
template <typename E, typename KeyFn, typename FromFn>
std::vector<std::string> enum_keys(KeyFn key, FromFn from) {
    std::vector<std::string> out;
    for (int i = 0; i < 64; ++i) {
        const auto e = static_cast<E>(i);
        std::string k;
        try {
            k = std::string(key(e));
        } catch (const std::exception&) {
            break;
        }
        const auto back = from(k);
        if (!back || *back != e) break;
        out.push_back(k);
    }
    return out;
}

// Keys built from the domain's enums: key -> the enum it comes from.
std::map<std::string, std::string> keys_from_enums() {
    std::map<std::string, std::string> out;
    const auto add = [&](const std::string& prefix, const std::vector<std::string>& keys, const std::string& from,
                         const std::string& suffix = "") {
        REQUIRE_FALSE(keys.empty());
        for (const auto& k : keys) out[prefix + k + suffix] = from;
    };
    std::vector<std::string> categories, ratings, indicators, materials, failures, langs;
    for (Category c : all_categories()) categories.emplace_back(category_key(c));
    for (Rating r : kRatingsBestFirst) ratings.emplace_back(rating_key(r));
    for (int i = 0; i < kIndicatorCount; ++i) indicators.emplace_back(indicator_key(static_cast<Indicator>(i)));
    // MaterialForm has no from_key: its key function answers "original" past the last value.
    for (int i = 0; i < 64; ++i) {
        const std::string k(material_form_key(static_cast<MaterialForm>(i)));
        if (std::find(materials.begin(), materials.end(), k) != materials.end()) break;
        materials.push_back(k);
    }
    for (int i = 0; i <= static_cast<int>(StoreFailure::Other); ++i)
        failures.emplace_back(std::string(store_failure_key(static_cast<StoreFailure>(i))).substr(std::string("store.error.").size()));
    for (Lang l : kAllLangs) langs.emplace_back(lang_code(l));
    const auto states = enum_keys<HandlingState>(handling_state_key, handling_state_from_key);
    REQUIRE(states.size() == static_cast<std::size_t>(kHandlingStateCount));
    const auto lists = enum_keys<LedgerList>(ledger_list_key, ledger_list_from_key);
    REQUIRE(lists.size() == static_cast<std::size_t>(kLedgerListCount));

    add("category.", categories, "Category (kiosk/core/feedback.h)");
    add("category.", categories, "Category (kiosk/core/feedback.h)", ".hint");
    add("export.category.", categories, "Category (kiosk/core/feedback.h), in exports");
    add("rating.", ratings, "Rating (kiosk/core/feedback.h)");
    add("indicator.", indicators, "Indicator (kiosk/core/feedback.h)");
    add("export.report.indicator_rate.", indicators, "Indicator (kiosk/core/feedback.h), in the monthly report");
    add("material.", materials, "MaterialForm (kiosk/core/guide.h)");
    add("manager.state.", states, "HandlingState (kiosk/core/handling.h)");
    add("manager.to.", states, "HandlingState (kiosk/core/handling.h), the move buttons");
    add("manager.grade.", enum_keys<CallbackGrade>(callback_grade_key, callback_grade_from_key), "CallbackGrade (kiosk/core/handling.h)");
    add("manager.appeal.reason.", enum_keys<AppealReason>(appeal_reason_key, appeal_reason_from_key), "AppealReason (kiosk/core/handling.h)");
    add("manager.appeal.decision.", enum_keys<AppealDecision>(appeal_decision_key, appeal_decision_from_key),
        "AppealDecision (kiosk/core/handling.h)");
    add("manager.ledger.list.", lists, "LedgerList (kiosk/core/ledger.h)");
    const auto rechecks = enum_keys<RecheckResult>(recheck_result_key, recheck_result_from_key);
    add("manager.recheck.", rechecks, "RecheckResult (kiosk/core/ledger.h)");
    add("export.recheck.", rechecks, "RecheckResult (kiosk/core/ledger.h), in exports");
    add("store.error.", failures, "StoreFailure (kiosk/store/database.h)");
    add("lang.", langs, "Lang (kiosk/core/lang.h)");
    return out;
}

// Guide types and ways to apply are open lists in the content: every value the content
// format documents (docs/content-bundle.md, the `type` and `apply_methods` rows) and every
// one the shipped demo bundle uses needs its label.
std::map<std::string, std::string> keys_from_content() {
    std::map<std::string, std::string> out;
    const std::string doc = "docs/content-bundle.md";
    std::ifstream in(kSource + "/" + doc);
    REQUIRE(in);
    static const std::regex value("`([a-z_]+)`");
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::string prefix;
        if (line.rfind("| `type` |", 0) == 0) prefix = "guide.type.";
        else if (line.rfind("| `apply_methods` |", 0) == 0) prefix = "guide.apply.";
        else continue;
        const std::string values = line.substr(line.rfind('|', line.size() - 2));  // the last column
        for (std::sregex_iterator it(values.begin(), values.end(), value), end; it != end; ++it)
            out[prefix + (*it)[1].str()] = doc + ":" + std::to_string(n);
    }
    REQUIRE(out.size() >= 8);  // 5 types, 3 ways to apply
    const std::string path = "assets/content/demo-bundle.json";
    auto parsed = parse_bundle(test::read_text(kSource + "/" + path));
    REQUIRE(parsed.ok());
    for (const auto& g : parsed.bundle.guides) {
        out.emplace("guide.type." + g.type, path + " (guide " + g.code + ")");
        for (const auto& m : g.apply_methods) out.emplace("guide.apply." + m, path + " (guide " + g.code + ")");
    }
    return out;
}

// The keys of one table with the line each stands on.
std::map<std::string, int> table_lines(const std::string& lang) {
    std::ifstream in(kSource + "/assets/i18n/" + lang + ".json");
    REQUIRE(in);
    static const std::regex entry(R"re(^\s*"([^"]+)"\s*:)re");
    std::map<std::string, int> out;
    std::string line;
    std::smatch m;
    for (int n = 1; std::getline(in, line); ++n)
        if (std::regex_search(line, m, entry)) out[m[1]] = n;
    // Cross-check with a real parse: the line scan saw every key.
    const auto table = nlohmann::json::parse(test::read_text(kSource + "/assets/i18n/" + lang + ".json"));
    REQUIRE(out.size() == table.size());
    return out;
}

bool is_error_key(const std::string& s) { return std::regex_match(s, std::regex(R"re([a-z_]+\.error\.[a-z_]+)re")); }

}  // namespace

TEST_CASE("every string key the code asks for exists in zh-Hans, zh-Hant and en, named with its place", "[i18n]") {
    // key -> where it is asked for (the first place, enough to find it)
    std::map<std::string, std::string> asked;
    int helper_calls = 0, error_keys = 0, export_keys = 0;
    for (const auto& l : literals_in_code()) {
        if (l.text.back() == '.') continue;  // a prefix: its keys come from enums below
        const bool in_exports = l.where.rfind("kiosk/manager/export.cpp:", 0) == 0 && l.text.rfind("export.", 0) == 0;
        if (l.asked) ++helper_calls;
        else if (is_error_key(l.text)) ++error_keys;
        else if (in_exports) ++export_keys;
        else continue;
        asked.emplace(l.text, l.where);
    }
    // The places are right: the line named holds the key.
    for (const auto& [k, where] : asked) {
        const auto colon = where.rfind(':');
        std::ifstream in(kSource + "/" + where.substr(0, colon));
        std::string line;
        for (int n = std::stoi(where.substr(colon + 1)); n > 0 && std::getline(in, line);) --n;
        INFO(where << " should hold " << k);
        CHECK(line.find("\"" + k + "\"") != std::string::npos);
    }
    CHECK(helper_calls > 150);
    CHECK(error_keys >= 20);  // handling, ledger, callback, appeal, export errors
    CHECK(export_keys >= 40);
    const auto from_enums = keys_from_enums();
    const auto from_content = keys_from_content();
    CHECK(from_enums.size() > 60);
    CHECK(from_content.size() >= 5);
    for (const auto& [k, from] : from_enums) asked.emplace(k, "built from " + from);
    for (const auto& [k, from] : from_content) asked.emplace(k, "used by " + from);
    for (const char* lang : {"zh-Hans", "zh-Hant", "en"}) {
        const auto table = table_lines(lang);
        for (const auto& [k, where] : asked)
            if (table.count(k) == 0) FAIL_CHECK(where << ": key " << k << " is missing from assets/i18n/" << lang << ".json");
    }
}

TEST_CASE("every key in the string tables is used, and the three tables have the same keys", "[i18n]") {
    const auto literals = literals_in_code();
    std::set<std::string> named, prefixes;
    for (const auto& l : literals) (l.text.back() == '.' ? prefixes : named).insert(l.text);
    const auto from_enums = keys_from_enums();
    const auto from_content = keys_from_content();
    const auto hans = table_lines("zh-Hans");
    int used = 0;
    for (const auto& [k, line] : hans) {
        bool ok = named.count(k) || from_enums.count(k) || from_content.count(k);
        // A numbered series the code builds: "manager.preset.measure." + std::to_string(i).
        for (auto it = prefixes.begin(); !ok && it != prefixes.end(); ++it)
            ok = k.rfind(*it, 0) == 0 && k.size() > it->size() &&
                 k.find_first_not_of("0123456789", it->size()) == std::string::npos;
        if (ok) ++used;
        else FAIL_CHECK("assets/i18n/zh-Hans.json:" << line << ": key " << k << " is used nowhere in kiosk/");
    }
    CHECK(used > 400);
    for (const char* lang : {"zh-Hant", "en"}) {
        const auto other = table_lines(lang);
        for (const auto& [k, line] : other)
            if (!hans.count(k)) FAIL_CHECK("assets/i18n/" << lang << ".json:" << line << ": key " << k << " is not in zh-Hans");
        for (const auto& [k, line] : hans)
            if (!other.count(k)) FAIL_CHECK("assets/i18n/zh-Hans.json:" << line << ": key " << k << " is missing from " << lang);
    }
}

TEST_CASE("exports carry the keys of the string tables, and zh-Hans by default", "[i18n][export]") {
    const auto hans = table_lines("zh-Hans");
    const auto compiled = ExportText::keys();
    CHECK(compiled.size() > 80);
    for (const auto& k : compiled) {
        INFO(k);
        CHECK(hans.count(k) == 1);
    }
    const auto table = nlohmann::json::parse(test::read_text(kSource + "/assets/i18n/zh-Hans.json"));
    CHECK(ExportText().tr("export.category.empty_window") == table["export.category.empty_window"].get<std::string>());
    CHECK(ExportText(Lang::En).tr("export.header.receipt") ==
          nlohmann::json::parse(test::read_text(kSource + "/assets/i18n/en.json"))["export.header.receipt"].get<std::string>());
}
