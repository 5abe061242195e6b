// Guides authored in the console (issue #18): every data-quality rule on its own, and the
// guide store's workflow on SQLite and PostgreSQL (its own temporary cluster, as tests/pg):
// drafts, four-eyes approval, publishing a signed bundle the kiosk's parser and signature
// check accept, per-guide last-updated dates, history with a field-by-field diff, rollback,
// the CSV import naming every row it refuses, and the audit trail of every action.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "content/bundle.h"
#include "common/csv.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_queries.h"
#include "hub/console/console_routes.h"
#include "hub/console/guide_checks.h"
#include "hub/console/guide_routes.h"
#include "hub/console/guide_store.h"
#include "hub/hub_store.h"
#include "../pg/pg_cluster.h"
#include "protocol/api.h"
#include "protocol/signing.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::hub::console;
using nlohmann::json;

namespace {

json tx(const std::string& hans, const std::string& hant, const std::string& en) { return {{"zh-Hans", hans}, {"zh-Hant", hant}, {"en", en}}; }

// A complete guide that passes every rule.
json valid_guide(const std::string& code = "G-001") {
    return {
        {"code", code},
        {"name", tx("个体工商户设立登记", "個體工商戶設立登記", "Sole proprietorship registration")},
        {"aliases", {{"zh-Hans", {"开店"}}}},
        {"type", "administrative_license"},
        {"on_the_spot", false},
        {"department", "market"},
        {"windows", {"w01"}},
        {"accepting_body", tx("区市场监督管理局", "區市場監督管理局", "District market regulator")},
        {"deciding_body", tx("区市场监督管理局", "區市場監督管理局", "District market regulator")},
        {"legal_basis", tx("《个体工商户条例》第八条", "《個體工商戶條例》第八條", "Sole Proprietorship Regulations, Art. 8")},
        {"conditions", tx("有经营能力的公民", "有經營能力的公民", "Citizens able to run a business")},
        {"materials",
         {{{"name", tx("居民身份证", "居民身份證", "Identity card")},
           {"form", "original"},
           {"count", 1},
           {"source", tx("公安机关", "公安機關", "Police")},
           {"required", true}},
          {{"name", tx("个体工商户登记申请书", "個體工商戶登記申請書", "Registration application")},
           {"form", "original"},
           {"count", 1},
           {"source", tx("窗口领取", "窗口領取", "At the window")},
           {"required", true},
           {"blank_form", "https://example.gov.cn/blank.pdf"},
           {"sample", "https://example.gov.cn/sample.pdf"}}}},
        {"apply_methods", {"on_site", "online"}},
        {"steps", {tx("申请", "申請", "Apply"), tx("受理", "受理", "Acceptance"), tx("发照", "發照", "Licence issued")}},
        {"promised_days", 3},
        {"legal_days", 15},
        {"fees", tx("不收费", "不收費", "Free")},
        {"intermediary", tx("无", "無", "None")},
        {"delivery", tx("窗口领取", "窗口領取", "At the window")},
        {"remedies", tx("可依法申请行政复议或提起行政诉讼", "可依法申請行政覆議或提起行政訴訟", "Administrative review or lawsuit")},
        {"location", tx("一楼1号窗口", "一樓1號窗口", "Window 1, 1F")},
        {"hours", tx("工作日 9:00-17:00", "工作日 9:00-17:00", "Working days 9:00-17:00")},
        {"phone", "0755-12345678"},
        {"complaint", tx("12345", "12345", "12345")},
        {"progress_query", tx("窗口查询", "窗口查詢", "Ask at the window")},
        {"reviewed_on", "2026-06-01"},
    };
}

CheckContext ctx() {
    CheckContext c;
    c.today = "2026-12-02";
    c.departments = {"market", "hrss"};
    c.windows = {"w01", "w02"};
    return c;
}

std::vector<std::string> rules_of(const json& g, const CheckContext& c = ctx()) {
    std::vector<std::string> out;
    for (const auto& f : check_guide(g, c)) out.push_back(f.rule);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& rule) { return std::find(v.begin(), v.end(), rule) != v.end(); }

const Finding* finding(const std::vector<Finding>& fs, const std::string& rule) {
    for (const auto& f : fs)
        if (f.rule == rule) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("a complete guide passes every rule", "[guides]") {
    const auto f = check_guide(valid_guide(), ctx());
    for (const auto& x : f) INFO(x.rule << " " << x.en);
    CHECK(f.empty());
    CHECK(blocking_count(f) == 0);
}

TEST_CASE("rule: catch-all materials without a concrete list are errors", "[guides]") {
    for (const std::string name : {"其他材料", "其他相关材料", "相关材料", "户口簿等材料", "身份证明等", "營業執照等證明"}) {
        auto g = valid_guide();
        g["materials"][0]["name"] = tx(name, name, "Other materials");
        const auto fs = check_guide(g, ctx());
        INFO(name);
        const auto* f = finding(fs, "catch_all_material");
        REQUIRE(f);
        CHECK(f->severity == Severity::Error);
        CHECK(f->field == "materials[0].name");
        CHECK(f->zh_hans.find(name) != std::string::npos);  // names the material to the clerk
        CHECK(!f->zh_hant.empty());
        CHECK(!f->en.empty());
        CHECK(blocking_count(fs) >= 1);
    }
    // A concrete list in the notes makes it acceptable; a vague note does not.
    auto g = valid_guide();
    g["materials"][0]["name"] = tx("其他材料", "其他材料", "Other");
    g["materials"][0]["notes"] = tx("结婚证、离婚证", "結婚證、離婚證", "marriage or divorce certificate");
    CHECK_FALSE(has(rules_of(g), "catch_all_material"));
    g["materials"][0]["notes"] = tx("结婚证、离婚证等", "結婚證、離婚證等", "...");
    CHECK(has(rules_of(g), "catch_all_material"));
    // Words that merely contain 等 are not catch-alls.
    g = valid_guide();
    g["materials"][0]["name"] = tx("等级证书", "等級證書", "Grade certificate");
    CHECK_FALSE(has(rules_of(g), "catch_all_material"));
}

TEST_CASE("rule: promised days greater than legal days", "[guides]") {
    auto g = valid_guide();
    g["promised_days"] = 20;
    g["legal_days"] = 15;
    const auto fs = check_guide(g, ctx());
    const auto* f = finding(fs, "promised_over_legal");
    REQUIRE(f);
    CHECK(f->severity == Severity::Error);
    CHECK(f->zh_hans.find("20") != std::string::npos);
    g["promised_days"] = 15;
    CHECK_FALSE(has(rules_of(g), "promised_over_legal"));
}

TEST_CASE("rule: a form needs a blank form and a filled sample", "[guides]") {
    auto g = valid_guide();
    g["materials"][1].erase("blank_form");
    auto r = rules_of(g);
    CHECK(has(r, "form_no_blank"));
    CHECK_FALSE(has(r, "form_no_sample"));
    g = valid_guide();
    g["materials"][1].erase("sample");
    r = rules_of(g);
    CHECK(has(r, "form_no_sample"));
    CHECK_FALSE(has(r, "form_no_blank"));
    // Marked as a form though its name does not end in 表/申请书.
    g = valid_guide();
    g["materials"][0]["is_form"] = true;
    r = rules_of(g);
    CHECK(has(r, "form_no_blank"));
    CHECK(has(r, "form_no_sample"));
    // A guide-level form with the same name (as imported bundles carry them) counts.
    g = valid_guide();
    g["materials"][1].erase("blank_form");
    g["materials"][1].erase("sample");
    g["forms"] = {{{"name", tx("个体工商户登记申请书", "個體工商戶登記申請書", "x")}, {"url", "https://e.cn/a.pdf"}, {"sample", false}},
                  {{"name", tx("个体工商户登记申请书", "個體工商戶登記申請書", "x")}, {"url", "https://e.cn/b.pdf"}, {"sample", true}}};
    CHECK(rules_of(g).empty());
    // An uploaded file the hub serves counts; a bare word does not.
    g = valid_guide();
    g["materials"][1]["blank_form"] = "/guide-files/0123456789abcdef01234567/blank.pdf";
    g["materials"][1]["sample"] = "see window";
    r = rules_of(g);
    CHECK_FALSE(has(r, "form_no_blank"));
    CHECK(has(r, "form_no_sample"));
}

TEST_CASE("rule: no legal basis", "[guides]") {
    for (const std::string v : {"", "无", "  ", "暂无"}) {
        auto g = valid_guide();
        g["legal_basis"] = tx(v, v, v);
        INFO("'" << v << "'");
        CHECK(has(rules_of(g), "no_legal_basis"));
    }
    auto g = valid_guide();
    g.erase("legal_basis");
    CHECK(has(rules_of(g), "no_legal_basis"));
}

TEST_CASE("rule: a licence without a remedy (other types are left to the bundle rule)", "[guides]") {
    auto g = valid_guide();
    g["remedies"] = tx("无", "無", "none");
    CHECK(has(rules_of(g), "licence_no_remedy"));
    g["type"] = "public_service";
    CHECK_FALSE(has(rules_of(g), "licence_no_remedy"));
}

TEST_CASE("rule: visits on site without a reason", "[guides]") {
    auto g = valid_guide();
    g["visits"] = 1;
    CHECK(has(rules_of(g), "visits_without_reason"));
    g["visits_reason"] = tx("须现场核验原件并签字", "須現場核驗原件並簽字", "Originals checked and signed in person");
    CHECK_FALSE(has(rules_of(g), "visits_without_reason"));
    g = valid_guide();
    g["visits"] = 0;
    CHECK_FALSE(has(rules_of(g), "visits_without_reason"));
}

TEST_CASE("rule: a missing Traditional or English translation is a warning that a note accepts", "[guides]") {
    auto g = valid_guide();
    g["conditions"].erase("en");
    g["steps"][1].erase("en");
    auto fs = check_guide(g, ctx());
    const auto* f = finding(fs, "missing_translation");
    REQUIRE(f);
    CHECK(f->severity == Severity::Warning);
    CHECK(f->en.find("conditions") != std::string::npos);
    CHECK(f->en.find("steps[1]") != std::string::npos);
    // (Without zh-Hant a TEXT the kiosk requires is incomplete: an error, see below.)
    CHECK(blocking_count(fs) >= 1);  // not yet accepted
    g["accepted"] = {{"missing_translation", "英文版由省厅统一翻译后补"}};
    fs = check_guide(g, ctx());
    f = finding(fs, "missing_translation");
    REQUIRE(f);
    CHECK(f->accepted);
    CHECK(blocking_count(fs) == 0);
    // An empty note accepts nothing, and a note cannot accept an error.
    g["accepted"] = {{"missing_translation", " "}, {"no_legal_basis", "trust me"}};
    g["legal_basis"] = tx("", "", "");
    fs = check_guide(g, ctx());
    CHECK_FALSE(finding(fs, "missing_translation")->accepted);
    CHECK_FALSE(finding(fs, "no_legal_basis")->accepted);
}

TEST_CASE("rule: not reviewed for 12 months is a warning", "[guides]") {
    auto g = valid_guide();
    g["reviewed_on"] = "2025-12-02";
    auto fs = check_guide(g, ctx());
    REQUIRE(finding(fs, "not_reviewed"));
    CHECK(finding(fs, "not_reviewed")->severity == Severity::Warning);
    g["reviewed_on"] = "2025-12-03";
    CHECK_FALSE(has(rules_of(g), "not_reviewed"));
    g.erase("reviewed_on");
    CHECK(has(rules_of(g), "not_reviewed"));
}

TEST_CASE("rules: departments and windows from the halls' configuration, required fields", "[guides]") {
    auto g = valid_guide();
    g["department"] = "nowhere";
    g["windows"] = {"w01", "w99"};
    auto r = rules_of(g);
    CHECK(has(r, "unknown_department"));
    CHECK(has(r, "unknown_window"));
    g = valid_guide();
    g.erase("steps");
    g["hours"] = json::object();
    const auto fs = check_guide(g, ctx());
    int incomplete = 0;
    for (const auto& f : fs)
        if (f.rule == "incomplete") {
            ++incomplete;
            CHECK((f.field == "steps" || f.field.rfind("hours", 0) == 0));
        }
    CHECK(incomplete >= 2);
    CHECK(check_guide(json("not a guide"), ctx()).front().rule == "incomplete");
}

namespace {

struct TestStore {
    std::unique_ptr<pgtest::TempDir> tmp;
    std::unique_ptr<HubStore> store;
};

TestStore make_store(const std::string& backend) {
    TestStore t;
    if (backend == "sqlite") {
        t.tmp = std::make_unique<pgtest::TempDir>();
        t.store = open_hub_store((t.tmp->path / "hub.db").string());
    } else {
        t.store = open_hub_store(pgtest::shared_cluster().create_database());
    }
    return t;
}

GuideDirectory directory() {
    GuideDirectory d;
    d.add_hall({"hall-a",
                tx("甲大厅", "甲大廳", "Hall A"),
                {{"hall-a", "w01", "1", "market", tx("市场监督管理局", "市場監督管理局", "Market regulator")},
                 {"hall-a", "w02", "2", "hrss", tx("人社局", "人社局", "HRSS")}}});
    return d;
}

// Audited guide actions and how often (the log's order within a second is not kept).
std::map<std::string, int> audit_actions(SqlDb& db) {
    std::map<std::string, int> out;
    db.read([&](SqlConn& c) {
        c.query("SELECT action FROM console_audit WHERE action LIKE 'guide_%'", {}, [&](const SqlRow& r) { ++out[r.text(0)]; });
    });
    return out;
}

}  // namespace

TEST_CASE("guide store: draft, four eyes, publish signed, history, diff, rollback, audit", "[guides][console]") {
    for (const std::string backend : {"sqlite", "pg"}) {
        DYNAMIC_SECTION(backend) {
            auto t = make_store(backend);
            GuideStore gs(t.store->sql(), directory());
            const User editor{"ed", "guide-editor", "", false}, rev1{"rv1", "guide-reviewer", "", false},
                rev2{"rv2", "guide-reviewer", "", false}, viewer{"vw", "centre-viewer", "", false};
            const auto key = wire::generate_signing_key();
            const std::string today = "2026-12-02";

            // A draft with a catch-all: saved, but it cannot be submitted.
            auto doc = valid_guide();
            doc["materials"][0]["name"] = tx("其他材料", "其他材料", "Other materials");
            CHECK_THROWS_AS(gs.save(viewer, "G-001", doc, 0, ""), Forbidden);
            const auto r1 = gs.save(editor, "G-001", doc, 0, "");
            CHECK(r1 == 1);
            CHECK_THROWS_AS(gs.save(editor, "G-001", doc, 0, ""), Conflict);  // someone saved in between
            CHECK_THROWS_WITH(gs.submit(editor, "G-001", r1, today, ""), Catch::Contains("publishing blocked"));
            CHECK_THROWS_AS(gs.publish(*t.store, rev1, "*", key.secret_b64, "2026-12-02T01:00:00Z", today, ""), BadRequest);  // nothing approved

            // Fixed, submitted; the author may not approve, nor may an editor.
            auto fixed = valid_guide();
            const auto r2 = gs.save(editor, "G-001", fixed, r1, "");
            gs.submit(editor, "G-001", r2, today, "");
            CHECK_THROWS_AS(gs.approve(editor, "G-001", r2, today, ""), Forbidden);
            // A reviewer who wrote the revision is not a second pair of eyes either.
            const auto r3 = gs.save(rev1, "G-001", fixed, r2, "");
            gs.submit(rev1, "G-001", r3, today, "");
            CHECK_THROWS_WITH(gs.approve(rev1, "G-001", r3, today, ""), Catch::Contains("four eyes"));
            gs.approve(rev2, "G-001", r3, today, "");
            CHECK_THROWS_AS(gs.publish(*t.store, editor, "*", key.secret_b64, "2026-12-02T01:00:00Z", today, ""), Forbidden);
            CHECK_THROWS_AS(gs.publish(*t.store, rev2, "hall-x", key.secret_b64, "2026-12-02T01:00:00Z", today, ""), BadRequest);

            const auto p1 = gs.publish(*t.store, rev2, "*", key.secret_b64, "2026-12-02T01:00:00Z", today, "");
            CHECK(p1.version == "2026.12.02-1");
            CHECK(p1.guides == 1);
            CHECK(p1.changed == 1);
            // What a kiosk gets: the signature verifies with the public key, the kiosk's parser
            // takes it, the editor-only fields are gone, forms carry the blank and the sample.
            auto latest = t.store->latest_bundle("hall-a");
            REQUIRE(latest);
            CHECK(latest->version == p1.version);
            CHECK(static_cast<std::int64_t>(latest->envelope.size()) == p1.bundle_bytes);
            std::string why;
            auto text = wire::open_envelope(latest->envelope, key.public_b64, why);
            REQUIRE(text);
            auto parsed = parse_bundle(*text);
            INFO((parsed.errors.empty() ? "" : parsed.errors.front()));
            REQUIRE(parsed.ok());
            REQUIRE(parsed.bundle.guides.size() == 1);
            const auto& kg = parsed.bundle.guides.front();
            CHECK(kg.updated == today);
            CHECK(kg.forms.size() == 2);
            CHECK(parsed.bundle.departments.size() == 1);
            CHECK(parsed.bundle.departments.front().name[Lang::Hans] == "市场监督管理局");
            CHECK(text->find("reviewed_on") == std::string::npos);
            CHECK(text->find("blank_form") == std::string::npos);

            // A second guide published later keeps the first one's date: its content did not change.
            auto other = valid_guide("G-002");
            const auto o1 = gs.save(editor, "G-002", other, 0, "");
            gs.submit(editor, "G-002", o1, today, "");
            gs.approve(rev1, "G-002", o1, today, "");
            const auto p2 = gs.publish(*t.store, rev1, "*", key.secret_b64, "2026-12-05T01:00:00Z", "2026-12-05", "");
            CHECK(p2.changed == 1);
            CHECK(p2.guides == 2);
            parsed = parse_bundle(*wire::open_envelope(t.store->latest_bundle("")->envelope, key.public_b64, why));
            REQUIRE(parsed.ok());
            CHECK(parsed.bundle.guides[0].code == "G-001");
            CHECK(parsed.bundle.guides[0].updated == "2026-12-02");
            CHECK(parsed.bundle.guides[1].updated == "2026-12-05");

            // A change to G-001's conditions: history and a field-by-field diff.
            auto changed = fixed;
            changed["conditions"]["zh-Hans"] = "年满18周岁、有经营能力的公民";
            const auto r4 = gs.save(editor, "G-001", changed, r3, "");
            gs.submit(editor, "G-001", r4, today, "");
            gs.approve(rev1, "G-001", r4, today, "");
            const auto p3 = gs.publish(*t.store, rev1, "*", key.secret_b64, "2026-12-06T01:00:00Z", "2026-12-06", "");
            CHECK(p3.changed == 1);
            const auto d = gs.diff("G-001", r3, r4);
            REQUIRE(d.size() == 1);
            CHECK(d[0]["field"] == "conditions.zh-Hans");
            CHECK(d[0]["before"] == "有经营能力的公民");
            CHECK(d[0]["after"] == "年满18周岁、有经营能力的公民");

            // Rollback: a new revision equal to r3, approved by the reviewer; published as a newer
            // bundle whose G-001 carries the old text and a new date.
            CHECK_THROWS_AS(gs.rollback(editor, "G-001", r3, ""), Forbidden);
            CHECK_THROWS_AS(gs.rollback(rev1, "G-001", r1, ""), BadRequest);  // never published
            const auto r5 = gs.rollback(rev1, "G-001", r3, "");
            CHECK(r5 == r4 + 1);
            CHECK(gs.diff("G-001", r3, r5).empty());
            const auto p4 = gs.publish(*t.store, rev1, "*", key.secret_b64, "2026-12-07T01:00:00Z", "2026-12-07", "");
            CHECK(wire::compare_versions(p4.version, p3.version) > 0);
            parsed = parse_bundle(*wire::open_envelope(t.store->latest_bundle("")->envelope, key.public_b64, why));
            REQUIRE(parsed.ok());
            CHECK(parsed.bundle.guides[0].conditions[Lang::Hans] == "有经营能力的公民");
            CHECK(parsed.bundle.guides[0].updated == "2026-12-07");
            CHECK(parsed.bundle.guides[1].updated == "2026-12-05");

            auto got = gs.get("G-001", 0, today);
            REQUIRE(got);
            CHECK((*got)["state"] == "published");
            CHECK((*got)["revisions"].size() == 5);
            CHECK(gs.publications(10).size() == 4);

            // One hall only: stored for that hall, which then prefers it.
            const auto ph = gs.publish(*t.store, rev1, "hall-a", key.secret_b64, "2026-12-07T02:00:00Z", "2026-12-07", "");
            CHECK(t.store->latest_bundle("hall-a")->hall_id == "hall-a");
            CHECK(ph.hall_id == "hall-a");
            CHECK_THROWS_WITH(gs.publish(*t.store, rev1, "*", "", "2026-12-07T02:00:00Z", "2026-12-07", ""), Catch::Contains("signing key"));

            // Every action audited (refused ones change nothing and are not "done").
            CHECK(audit_actions(t.store->sql()) == std::map<std::string, int>{{"guide_save", 5}, {"guide_submit", 4}, {"guide_approve", 3},
                                                                               {"guide_publish", 5}, {"guide_rollback", 1}});
        }
    }
}

TEST_CASE("guide CSV import names every row it refuses, and the export reads back", "[guides][console]") {
    auto t = make_store("sqlite");
    GuideStore gs(t.store->sql(), directory());
    const User editor{"ed", "guide-editor", "", false};
    std::string csv = csv_line(guide_csv_columns());
    const auto row = [&](std::map<std::string, std::string> v) {
        std::vector<std::string> r;
        for (const auto& c : guide_csv_columns()) r.push_back(v.count(c) ? v[c] : "");
        csv += csv_line(r);
    };
    std::map<std::string, std::string> good = {{"code", "C-1"}, {"type", "public_service"}, {"department", "hrss"}, {"windows", "w02"},
                                               {"name", "失业登记"}, {"name_zh_hant", "失業登記"}, {"promised_days", "1"}, {"legal_days", "5"},
                                               {"steps", "申请\n受理"}, {"materials", "居民身份证 | original | 1 | 公安机关 | 1 | 无"}};
    row(good);
    auto dup = good;
    row(dup);  // line 3: the same code again
    auto bad_type = good;
    bad_type["code"] = "C-3";
    bad_type["type"] = "licence";
    row(bad_type);  // line 4
    auto bad_dept = good;
    bad_dept["code"] = "C-4";
    bad_dept["department"] = "tax";
    row(bad_dept);  // line 5
    auto bad_days = good;
    bad_days["code"] = "C-5";
    bad_days["legal_days"] = "十五";
    row(bad_days);  // line 6
    auto bad_mat = good;
    bad_mat["code"] = "C-6";
    bad_mat["materials"] = "身份证 | original";
    row(bad_mat);  // line 7
    auto bad_window = good;
    bad_window["code"] = "C-7";
    bad_window["windows"] = "w09";
    row(bad_window);  // line 8
    auto second = good;
    second["code"] = "C-8";
    second["materials"] = "其他材料 | copy | 2 | 自备 | 0 |";
    row(second);
    const auto rep = gs.import_csv(editor, csv, "");
    CHECK(rep.rows == 8);
    CHECK(rep.imported == 2);
    REQUIRE(rep.problems.size() == 6);
    CHECK(rep.problems[0].row == 3);
    CHECK(rep.problems[0].reason.find("twice") != std::string::npos);
    CHECK(rep.problems[1].row == 4);
    CHECK(rep.problems[1].reason.find("type") != std::string::npos);
    CHECK(rep.problems[2].row == 5);
    CHECK(rep.problems[2].reason.find("department") != std::string::npos);
    CHECK(rep.problems[3].row == 6);
    CHECK(rep.problems[4].row == 7);
    CHECK(rep.problems[4].reason.find("material 1") != std::string::npos);
    CHECK(rep.problems[5].row == 8);
    CHECK(rep.problems[5].reason.find("window") != std::string::npos);
    // Imported as drafts; the catch-all shows up in the checks, not as a lost row.
    auto g = gs.get("C-8", 0, "2026-12-02");
    REQUIRE(g);
    CHECK((*g)["state"] == "draft");
    CHECK((*g)["doc"]["materials"][0]["required"] == false);
    CHECK((*g)["checks"].dump().find("catch_all_material") != std::string::npos);
    // Export: the same columns, the same values back.
    const auto out = gs.export_csv();
    auto rows = parse_csv(out);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == guide_csv_columns());
    CHECK(rows[1][0] == "C-1");
    const auto again = gs.import_csv(editor, out, "");
    CHECK(again.imported == 2);
    CHECK(again.problems.empty());
    CHECK(gs.diff("C-1", 1, 2).empty());  // a round trip changes nothing
    // A header without the needed columns.
    CHECK(gs.import_csv(editor, "a,b\n1,2\n", "").problems.front().reason.find("code") != std::string::npos);
}

TEST_CASE("the demo guide set imports and publishes, and its bundle size", "[guides][console]") {
    auto t = make_store("sqlite");
    GuideStore gs(t.store->sql());
    std::ifstream in(std::string(HALL_SOURCE_DIR) + "/assets/content/demo-bundle.json");
    std::stringstream s;
    s << in.rdbuf();
    const User editor{"ed", "guide-editor", "", false}, reviewer{"rv", "guide-reviewer", "", false};
    const auto rep = gs.import_bundle(editor, s.str(), "");
    CHECK(rep.imported == 34);
    // Every demo guide as it is: how many the rules would hold back (printed, not asserted).
    int blocked = 0;
    for (const auto& g : gs.list("2026-12-02")) blocked += g["blocking"].get<int>() > 0;
    std::cout << "guides_demo_blocked " << blocked << " guides\n";
    // Publish them all, with the warnings accepted and the review date set (as after a review).
    const auto key = wire::generate_signing_key();
    for (const auto& g : gs.list("2026-12-02")) {
        const auto code = g["code"].get<std::string>();
        auto doc = (*gs.get(code, 0, "2026-12-02"))["doc"];
        doc["reviewed_on"] = "2026-12-01";
        doc["accepted"] = {{"missing_translation", "demo"}};
        // The demo set names forms without a filled sample (the rule holds them back, as
        // printed above); here the authors add the links.
        for (const auto& f : check_guide(doc, gs.context("2026-12-02"))) {
            if (f.rule != "form_no_blank" && f.rule != "form_no_sample") continue;
            const auto i = std::stoul(f.field.substr(10));  // materials[i].xxx
            doc["materials"][i][f.rule == "form_no_blank" ? "blank_form" : "sample"] =
                "https://example.gov.cn/forms/" + code + "-" + std::to_string(i) + (f.rule == "form_no_blank" ? "-blank.pdf" : "-sample.pdf");
        }
        const auto rev = gs.save(editor, code, doc, g["latest"].get<std::int64_t>(), "");
        try {
            gs.submit(editor, code, rev, "2026-12-02", "");
            gs.approve(reviewer, code, rev, "2026-12-02", "");
        } catch (const BadRequest& e) {
            std::cout << "guides_demo_held_back " << code << ": " << e.what() << "\n";
        }
    }
    const auto p = gs.publish(*t.store, reviewer, "*", key.secret_b64, "2026-12-02T01:00:00Z", "2026-12-02", "");
    CHECK(p.guides == 34);
    std::cout << "guides_demo_published " << p.guides << " guides\n";
    std::cout << "guides_demo_bundle_bytes " << p.bundle_bytes << " bytes\n";
}

TEST_CASE("guide routes: a session alone cannot sign, editors cannot approve, conflicts answer 409", "[guides]") {
    auto t = make_store("sqlite");
    ConsoleAuth auth(t.store->sql());
    auth.add_user("ed", "guide-editor", "", "editor-password");
    auth.add_user("rv", "guide-reviewer", "", "reviewer-password");
    ConsoleQueries q(*t.store, {});
    ConsoleDeps deps{*t.store, auth, q, {}};
    deps.options.web_dir = default_web_dir();
    GuideStore gs(t.store->sql(), directory());
    const auto key = wire::generate_signing_key();
    GuideDeps gdeps{deps, gs, key.secret_b64};
    Router router;
    add_guide_routes(router, gdeps);
    add_console_routes(router, deps);
    struct Login {
        std::string cookie, csrf;
    };
    const auto login = [&](const std::string& user, const std::string& pw) {
        HttpRequest r;
        r.method = "POST";
        r.path = "/console/api/login";
        r.peer = "127.0.0.1";
        r.body = json{{"user", user}, {"password", pw}}.dump();
        auto res = router.handle(r);
        REQUIRE(res.status == 200);
        std::string c;
        for (const auto& [k, v] : res.headers)
            if (k == "Set-Cookie") c = v.substr(0, v.find(';'));
        return Login{c, json::parse(res.body)["csrf"].get<std::string>()};
    };
    const auto call = [&](const Login& who, const std::string& method, const std::string& path, const json& body = nullptr) {
        HttpRequest r;
        r.method = method;
        r.path = path;
        r.peer = "127.0.0.1";
        r.headers = {{"cookie", who.cookie}, {"x-csrf-token", who.csrf}};
        if (!body.is_null()) r.body = body.dump();
        return router.handle(r);
    };
    const auto ed = login("ed", "editor-password"), rv = login("rv", "reviewer-password");
    auto doc = valid_guide("R-1");
    doc["department"] = "hrss";
    doc["windows"] = {"w02"};
    CHECK(call(ed, "POST", "/console/api/guides/R-1/save", {{"doc", doc}, {"base_rev", 0}}).status == 200);
    CHECK(call(ed, "POST", "/console/api/guides/R-1/save", {{"doc", doc}, {"base_rev", 0}}).status == 409);
    CHECK(call(ed, "POST", "/console/api/guides/R-1/submit", {{"rev", 1}}).status == 200);
    CHECK(call(ed, "POST", "/console/api/guides/R-1/approve", {{"rev", 1}}).status == 403);
    CHECK(call(rv, "POST", "/console/api/guides/R-1/approve", {{"rev", 1}}).status == 200);
    // The session and its CSRF token, without the password: no signature, nothing stored.
    CHECK(call(rv, "POST", "/console/api/guides/publish", {{"hall", "*"}}).status == 403);
    CHECK(call(rv, "POST", "/console/api/guides/publish", {{"hall", "*"}, {"password", "guessed-password"}}).status == 403);
    CHECK(call(ed, "POST", "/console/api/guides/publish", {{"hall", "*"}, {"password", "editor-password"}}).status == 403);
    CHECK_FALSE(t.store->latest_bundle(""));
    auto ok = call(rv, "POST", "/console/api/guides/publish", {{"hall", "*"}, {"password", "reviewer-password"}});
    REQUIRE(ok.status == 200);
    CHECK(json::parse(ok.body)["guides"] == 1);
    REQUIRE(t.store->latest_bundle(""));
    // Without the CSRF token a write is refused before anything else.
    HttpRequest r;
    r.method = "POST";
    r.path = "/console/api/guides/R-1/save";
    r.peer = "127.0.0.1";
    r.headers = {{"cookie", ed.cookie}};
    r.body = json{{"doc", doc}, {"base_rev", 1}}.dump();
    CHECK(router.handle(r).status == 403);
    auto prev = call(rv, "GET", "/console/api/guides/R-1/preview");
    REQUIRE(prev.status == 200);
    CHECK(json::parse(prev.body)["qr"]["zh-Hans"].get<std::string>().find("居民身份证") != std::string::npos);
    CHECK(call(rv, "GET", "/console/api/guides/NOPE").status == 404);
    // An uploaded sample: served publicly (citizens' phones open it from the QR code) as uploaded.
    const std::string pdf = "%PDF-1.4 sample";
    auto up = call(ed, "POST", "/console/api/guides/files",
                   {{"name", "样本 sample.pdf"}, {"mime", "application/pdf"},
                    {"data", wire::base64_encode(reinterpret_cast<const unsigned char*>(pdf.data()), pdf.size())}});
    REQUIRE(up.status == 200);
    const auto url = json::parse(up.body)["url"].get<std::string>();
    CHECK(url.rfind("/guide-files/", 0) == 0);
    HttpRequest f;
    f.method = "GET";
    f.path = url;
    f.peer = "10.1.2.3";  // no session needed
    auto served = router.handle(f);
    CHECK(served.status == 200);
    CHECK(served.body == pdf);
    CHECK(served.content_type == "application/pdf");
    CHECK(call(ed, "POST", "/console/api/guides/files", {{"name", "x.html"}, {"mime", "text/html"}, {"data", "PGgxPg=="}}).status == 400);
    f.path = "/guide-files/000000000000000000000000/x.pdf";
    CHECK(router.handle(f).status == 404);
    // The audit log has the wrong password typed again (a missing one is refused before any check).
    int failed = 0;
    for (const auto& a : auth.audit_log(100))
        if (a.action == "reauth_failed") ++failed;
    CHECK(failed == 1);
}
