// Guide search (issue #14): pinyin from the rime dictionary, script folding, keys, ranking,
// several words, closest guides, opened-most counts, aliases in the bundle, search misses.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "content/bundle.h"
#include "core/ids.h"
#include "core/search_query.h"
#include "core/text.h"
#include "protocol/api.h"
#include "store/guide_store.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "store/pinyin_dict.h"
#include "store/script_fold.h"
#include "store/search_keys.h"
#include "store/search_log.h"
#include "support/fixtures.h"

using namespace hall;
using test::tx;

namespace {

const PinyinDict& real_dict() {
    static const PinyinDict d = [] {
        std::string error;
        auto loaded = PinyinDict::load(default_pinyin_dict_paths(), error);
        if (!loaded) FAIL(error);
        return std::move(*loaded);
    }();
    return d;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool has_key(const std::vector<SearchKey>& keys, const std::string& k, KeyKind kind) {
    for (const auto& x : keys)
        if (x.key == k && x.kind == kind) return true;
    return false;
}

// A small hall: names and aliases chosen so each test has one clear answer.
ContentBundle search_bundle() {
    auto b = test::sample_bundle("s1");
    b.departments.push_back({"hrss", tx("人社局", "人社局", "HR")});
    b.guides[0].aliases[Lang::Hans] = {"身份证", "换身份证"};
    b.guides[0].aliases[Lang::En] = {"identity card"};
    b.guides[2].aliases[Lang::Hans] = {"良民证"};            // Simplified only
    b.guides[1].aliases[Lang::Hant] = {"落戶"};              // Traditional only
    b.guides.push_back(test::sample_guide("G-004", tx("社会保障卡申领", "社會保障卡申領", "Social security card"), "hrss"));
    b.guides.back().aliases[Lang::Hans] = {"社保卡"};
    b.guides.push_back(test::sample_guide("G-005", tx("灵活就业人员社保缴费", "靈活就業人員社保繳費", "Social insurance for the self-employed"), "hrss"));
    b.guides.push_back(test::sample_guide("G-006", tx("机动车行驶证补领", "機動車行駛證補領", "Vehicle licence replacement")));
    b.guides.push_back(test::sample_guide("G-007", tx("长期居住登记", "長期居住登記", "Long-term residence registration")));
    return b;
}

struct SearchFixture {
    test::TempDir dir;
    Db db{dir.file("k.sqlite")};
    GuideStore guides{db};
    SearchFixture() {
        migrate(db);
        auto r = guides.import(bundle_to_json(search_bundle()));
        REQUIRE(r.ok);
        REQUIRE(guides.has_pinyin());
    }
};

}  // namespace

TEST_CASE("the rime dictionary gives every reading of a polyphonic character", "[search][pinyin]") {
    const auto& d = real_dict();
    CHECK(d.size() > 5000);
    const auto readings = [&](const char* ch) { return *d.readings(decode_utf8(ch)[0]); };
    CHECK(has(readings("行"), "xing"));
    CHECK(has(readings("行"), "hang"));
    CHECK(has(readings("长"), "chang"));
    CHECK(has(readings("长"), "zhang"));
    CHECK(has(readings("重"), "zhong"));
    CHECK(has(readings("重"), "chong"));
    CHECK(has(readings("地"), "di"));
    CHECK(has(readings("地"), "de"));
    CHECK(readings("的").front() == "de");  // most frequent first
    CHECK(d.readings(U'A') == nullptr);

    PinyinDict small;
    small.add_dict_text("---\nname: x\n...\n\n社\tshe\t10\n保\tbao\t5\n卡\tka\t9\n卡\tqia\t1\n社保\tshe bao\t3\n");
    CHECK(small.size() == 3);
    CHECK(*small.readings(U'卡') == std::vector<std::string>{"ka", "qia"});
    std::string error;
    CHECK_FALSE(PinyinDict::load({"/nonexistent/a.dict.yaml"}, error));
    CHECK(error.find("rime-data-pinyin-simp") != std::string::npos);
}

TEST_CASE("folding meets Traditional and Simplified, full-width and case", "[search][fold]") {
    ScriptFolder f;
    REQUIRE(f.has_opencc());
    CHECK(f.fold("身份證") == "身份证");
    CHECK(f.fold("無犯罪記錄證明") == "无犯罪记录证明");
    CHECK(f.fold("身份证") == "身份证");
    CHECK(f.fold("ＩＤ　Card") == "id card");
    CHECK(f.fold("  Internet   café ") == "internet cafe");
}

TEST_CASE("keys: substrings, full pinyin and initials from each character", "[search][keys]") {
    const auto keys = search_keys("社保卡", &real_dict());
    CHECK(has_key(keys, "社保卡", KeyKind::Text));
    CHECK(has_key(keys, "保卡", KeyKind::Text));
    CHECK(has_key(keys, "卡", KeyKind::Text));
    CHECK(has_key(keys, "shebaoka", KeyKind::Pinyin));
    CHECK(has_key(keys, "baoka", KeyKind::Pinyin));
    CHECK(has_key(keys, "sbk", KeyKind::Initials));
    CHECK(has_key(keys, "sbq", KeyKind::Initials));  // 卡 qia: every reading
    for (const auto& k : keys) {
        if (k.key == "社保卡") CHECK((k.at_start && k.whole));
        if (k.key == "保卡") CHECK_FALSE(k.at_start);
    }
    const auto en = search_keys("id card", nullptr);
    CHECK(has_key(en, "id card", KeyKind::Text));
    CHECK(has_key(en, "card", KeyKind::Text));
    CHECK_FALSE(has_key(en, "d card", KeyKind::Text));  // English: word starts only
    // Punctuation ends a pinyin run: no key spans （.
    const auto paren = search_keys("排污许可证（简化）", &real_dict());
    CHECK(has_key(paren, "jianhua", KeyKind::Pinyin));
    CHECK_FALSE(has_key(paren, "zhengjianhua", KeyKind::Pinyin));
}

TEST_CASE("pinyin finds names and aliases: full, spaced, initials, prefix while typing", "[search]") {
    SearchFixture fx;
    auto& g = fx.guides;
    for (const char* q : {"shenfenzheng", "shen fen zheng", "sfz", "shenf", "SFZ", "huan shenfenzheng"})
        CHECK(g.search(q).front() == "G-001");
    CHECK(g.search("shebaoka").front() == "G-004");
    CHECK(g.search("sbk").front() == "G-004");
    CHECK(g.search("shehuibaozhangka").front() == "G-004");
    CHECK(g.search("wfz").front() == "G-003");
    // Polyphonic characters match by each reading: 行 xing/hang, 长 chang/zhang.
    CHECK(g.search("xingshizheng").front() == "G-006");
    CHECK(g.search("hangshizheng").front() == "G-006");
    CHECK(g.search("changqi").front() == "G-007");
    CHECK(g.search("zhangqi").front() == "G-007");
    CHECK(g.search("qqqzzz").empty());
}

TEST_CASE("script-blind: Simplified finds Traditional-only text and the reverse", "[search]") {
    SearchFixture fx;
    auto& g = fx.guides;
    CHECK(g.search("落户").front() == "G-002");   // alias only in zh-Hant
    CHECK(g.search("良民證").front() == "G-003");  // alias only in zh-Hans
    CHECK(g.search("身份證").front() == "G-001");
    CHECK(g.search("社會保障卡").front() == "G-004");
}

TEST_CASE("several words all match, in any order", "[search]") {
    SearchFixture fx;
    auto& g = fx.guides;
    CHECK(g.search("灵活就业 社保") == std::vector<std::string>{"G-005"});
    CHECK(g.search("社保 灵活就业") == std::vector<std::string>{"G-005"});
    CHECK(g.search("社保　灵活") == std::vector<std::string>{"G-005"});  // ideographic space
    CHECK(g.search("社保 护照").empty());
    CHECK(g.search("card identity").front() == "G-001");
}

TEST_CASE("ranking: exact, then prefix, then substring; names before bodies; opened-most rises", "[search]") {
    SearchFixture fx;
    auto& g = fx.guides;
    // 社保: prefix of G-004's alias 社保卡 before the inner 社保 of G-005's name.
    auto r = g.search("社保");
    REQUIRE(r.size() == 2);
    CHECK(r[0] == "G-004");
    CHECK(r[1] == "G-005");
    // 户口簿 is only in every guide's materials list; 户口 is in G-002's name.
    CHECK(g.search("户口簿").size() == 7);
    CHECK(g.search("户口").front() == "G-002");
    CHECK(g.search("户口").size() == 1);  // 1-2 characters search names and aliases only
    // Citizens of this kiosk open G-005 for 社保: it rises above the prefix match.
    for (int i = 0; i < 3; ++i) g.note_opened("社保", "G-005");
    CHECK(g.search("社保").front() == "G-004");  // a few opens are not enough
    for (int i = 0; i < 7; ++i) g.note_opened("社保", "G-005");
    CHECK(g.search("社保").front() == "G-005");
    CHECK(g.search("社保卡").front() == "G-004");  // an exact alias still wins its own query
    // A body-only match never passes a name match, however often it was opened.
    for (int i = 0; i < 50; ++i) g.note_opened("户口簿", "G-003");
    CHECK(g.search("户口簿").front() == "G-003");
    for (int i = 0; i < 50; ++i) g.note_opened("户口", "G-003");
    CHECK(g.search("户口").front() == "G-002");
    g.note_opened("13800138000", "G-005");       // a phone number is never kept
    auto st = fx.db.prepare("SELECT COUNT(*) FROM search_open WHERE query LIKE '%138%'");
    st.step();
    CHECK(st.i64(0) == 0);
}

TEST_CASE("when nothing matches: closest guides by sound or shared characters, and their departments", "[search]") {
    SearchFixture fx;
    auto& g = fx.guides;
    REQUIRE(g.search("身分证").empty());  // Taiwanese spelling: another character, same sound
    auto c = g.closest("身分证");
    REQUIRE_FALSE(c.guides.empty());
    CHECK(c.guides.front() == "G-001");
    CHECK(c.departments.front() == "police");
    REQUIRE(g.search("社会保险卡").empty());
    c = g.closest("社会保险卡");
    REQUIRE_FALSE(c.guides.empty());
    CHECK(c.guides.front() == "G-004");
    CHECK(has(c.departments, "hrss"));
    c = g.closest("shebaokaa");
    REQUIRE_FALSE(c.guides.empty());
    CHECK(c.guides.front() == "G-004");
    CHECK(g.closest("").guides.empty());
}

TEST_CASE("an index built by an older kiosk is rebuilt from the stored bundle", "[search]") {
    SearchFixture fx;
    fx.db.exec("DELETE FROM guide_key; UPDATE meta SET value = 'old' WHERE key = 'guide_index'");
    CHECK(fx.guides.search("sfz").empty());
    CHECK(fx.guides.rebuild_index_if_stale());
    CHECK(fx.guides.search("sfz").front() == "G-001");
    CHECK_FALSE(fx.guides.rebuild_index_if_stale());
}

TEST_CASE("aliases in the bundle: optional, checked, round-tripped", "[search][bundle]") {
    auto b = search_bundle();
    auto parsed = parse_bundle(bundle_to_json(b));
    REQUIRE(parsed.ok());
    CHECK(parsed.bundle.guides[0].aliases[Lang::Hans] == std::vector<std::string>{"身份证", "换身份证"});
    CHECK(parsed.bundle.guides[0].aliases[Lang::En] == std::vector<std::string>{"identity card"});
    CHECK(parsed.bundle.guides[3].aliases[Lang::Hant].empty());
    // A bundle without aliases (the format before) still loads.
    auto plain = parse_bundle(bundle_to_json(test::sample_bundle("p")));
    REQUIRE(plain.ok());
    CHECK(plain.bundle.guides[0].aliases.empty());

    const auto with = [&](const std::string& aliases_json) {
        auto j = nlohmann::json::parse(bundle_to_json(test::sample_bundle("a")));
        j["guides"][0]["aliases"] = nlohmann::json::parse(aliases_json);
        return parse_bundle(j.dump()).errors;
    };
    CHECK(test::mentions(with(R"(["社保卡"])"), "guides[0](G-001).aliases: must be an object"));
    CHECK(test::mentions(with(R"({"zh-Hans": "社保卡"})"), "aliases.zh-Hans: must be a list"));
    CHECK(test::mentions(with(R"({"fr": ["x"]})"), "aliases.fr: unknown language"));
    CHECK(test::mentions(with(R"({"zh-Hans": ["社保卡", " "]})"), "aliases.zh-Hans[1]: empty"));
    CHECK(test::mentions(with(R"({"zh-Hans": ["社保卡", "社保卡"]})"), "aliases.zh-Hans[1]: duplicate alias"));
    CHECK(test::mentions(with(R"({"en": [5]})"), "aliases.en[0]: must be a string"));
    CHECK(test::mentions(with("{\"en\": [\"" + std::string(41, 'x') + "\"]}"), "longer than 40"));
    CHECK(with(R"({"zh-Hant": ["社保卡"]})").empty());
}

TEST_CASE("what may be kept of a query: never a phone or identity number", "[search][privacy]") {
    CHECK(looks_personal("13800138000"));
    CHECK(looks_personal("138 0013 8000"));
    CHECK(looks_personal("44130219900101123X"));
    CHECK(looks_personal("１３８００１３８０００"));
    CHECK(looks_personal("me@example.com"));
    CHECK_FALSE(looks_personal("社保卡"));
    CHECK_FALSE(looks_personal("12345"));
    CHECK(loggable_query("  灵活就业   社保 ") == "灵活就业 社保");
    CHECK(loggable_query("身份证 44130219900101123X").empty());
    CHECK(utf8_length(loggable_query(std::string(100, 'a'))) == kMaxLoggedQueryChars);
}

TEST_CASE("search misses: counted per day, a closed day leaves through the outbox once", "[search][misses]") {
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    SearchLog log(db);
    CHECK(log.note_miss("护照", "2026-12-01"));
    CHECK(log.note_miss(" 护照 ", "2026-12-01"));
    CHECK(log.note_miss("签证", "2026-12-01"));
    CHECK(log.note_miss("护照", "2026-12-02"));
    CHECK_FALSE(log.note_miss("13800138000", "2026-12-01"));
    CHECK_FALSE(log.note_miss("   ", "2026-12-01"));
    const auto day1 = log.misses("2026-12-01");
    REQUIRE(day1.size() == 2);
    CHECK(day1[0] == std::pair<std::string, std::int64_t>{"护照", 2});

    CHECK(log.flush_closed_days("2026-12-02", "hall-1", "kiosk-1") == 2);  // today stays
    CHECK(log.misses("2026-12-01").empty());
    CHECK(log.misses("2026-12-02").size() == 1);
    CHECK(log.flush_closed_days("2026-12-02", "hall-1", "kiosk-1") == 0);
    Outbox outbox(db);
    auto items = outbox.peek(10);
    REQUIRE(items.size() == 2);
    for (const auto& it : items) {
        CHECK(it.kind == "search_miss");
        std::string why;
        auto v = wire::validate_record(nlohmann::json::parse(it.payload), why);
        REQUIRE(v);
        CHECK(v->kind == "search_miss");
        CHECK(v->hall_id == "hall-1");
        auto j = nlohmann::json::parse(it.payload);
        CHECK(j["day"] == "2026-12-01");
        CHECK_FALSE(j.contains("created_at"));  // the day is all that is kept of the time
    }
}

TEST_CASE("the hub refuses search_miss records that break the rules", "[search][misses]") {
    SearchMiss m{new_uuid(), "h", "k", "2026-12-01", "护照", 3};
    std::string why;
    CHECK(wire::validate_record(wire::search_miss_to_json(m), why));
    auto bad = wire::search_miss_to_json(m);
    bad["query"] = "13800138000";
    CHECK_FALSE(wire::validate_record(bad, why));
    CHECK(why.find("query") != std::string::npos);
    bad = wire::search_miss_to_json(m);
    bad["count"] = 0;
    CHECK_FALSE(wire::validate_record(bad, why));
    bad = wire::search_miss_to_json(m);
    bad["day"] = "yesterday";
    CHECK_FALSE(wire::validate_record(bad, why));
    bad = wire::search_miss_to_json(m);
    bad["query"] = " padded";
    CHECK_FALSE(wire::validate_record(bad, why));
}

TEST_CASE("sync/openapi.json documents the search_miss record exactly as the kiosk sends it", "[search][misses][openapi]") {
    std::ifstream in(HALL_OPENAPI);
    REQUIRE(in);
    const auto spec = nlohmann::json::parse(in);
    const auto& schema = spec["components"]["schemas"]["SearchMissRecord"];
    REQUIRE(schema.is_object());
    const auto sent = wire::search_miss_to_json(SearchMiss{new_uuid(), "h", "k", "2026-12-01", "护照", 1});
    std::set<std::string> required, keys, documented;
    for (const auto& k : schema["required"]) required.insert(k.get<std::string>());
    for (const auto& [k, _] : sent.items()) keys.insert(k);
    for (const auto& [k, _] : schema["properties"].items()) documented.insert(k);
    CHECK(required == keys);
    CHECK(documented == keys);
    CHECK(schema["properties"]["kind"]["enum"][0] == wire::kKindSearchMiss);
    CHECK(schema["properties"]["query"]["maxLength"] == kMaxLoggedQueryChars);
    bool in_push = false;
    for (const auto& alt : spec["components"]["schemas"]["PushRequest"]["properties"]["records"]["items"]["oneOf"])
        in_push = in_push || alt["$ref"] == "#/components/schemas/SearchMissRecord";
    CHECK(in_push);
}
