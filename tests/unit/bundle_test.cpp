#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "content/bundle.h"
#include "support/fixtures.h"
#include "support/files.h"

using namespace hall;
using hall::test::mentions;


TEST_CASE("a bundle survives a round trip through JSON", "[bundle]") {
    const auto b = test::sample_bundle("v1");
    auto parsed = parse_bundle(bundle_to_json(b));
    INFO(parsed.errors.size());
    REQUIRE(parsed.ok());
    REQUIRE(parsed.bundle.guides.size() == 3);
    CHECK(parsed.bundle.guides[0].name[Lang::Hant] == "居民身份證換領");
    CHECK(parsed.bundle.guides[0].materials[0].source[Lang::Hans] == "申请人自备");
    CHECK(parsed.bundle.version == "v1");
}

TEST_CASE("malformed bundles are refused with messages that say where", "[bundle]") {
    CHECK(mentions(parse_bundle("{not json").errors, "not valid JSON"));
    CHECK(mentions(parse_bundle("[]").errors, "must be a JSON object"));

    auto j = nlohmann::json::parse(bundle_to_json(test::sample_bundle("v1")));
    j["guides"][1]["name"].erase("zh-Hant");
    j["guides"][2]["materials"][0]["form"] = "photocopy";
    j["guides"][0]["updated"] = "2026-13-01";
    j["guides"][0]["department"] = "nowhere";
    j["schema"] = 9;
    const auto errors = parse_bundle(j.dump()).errors;
    CHECK(mentions(errors, "guides[1](G-002).name.zh-Hant: missing"));
    CHECK(mentions(errors, "guides[2](G-003).materials[0].form"));
    CHECK(mentions(errors, "guides[0](G-001).updated"));
    CHECK(mentions(errors, "unknown department nowhere"));
    CHECK(mentions(errors, "bundle.schema"));
}

TEST_CASE("a catch-all 其他材料 and duplicate codes are refused", "[bundle]") {
    auto b = test::sample_bundle("v1");
    b.guides[0].materials[0].name = test::tx("其他材料", "其他材料");
    b.guides[1].code = b.guides[2].code;
    const auto errors = parse_bundle(bundle_to_json(b)).errors;
    CHECK(mentions(errors, "其他材料"));
    CHECK(mentions(errors, "duplicate code"));
}

TEST_CASE("the shipped demo bundle is valid and complete", "[bundle][demo]") {
    const std::string text = test::read_text(std::string(HALL_TEST_ASSETS) + "/content/demo-bundle.json");
    REQUIRE_FALSE(text.empty());
    auto parsed = parse_bundle(text);
    for (const auto& e : parsed.errors) UNSCOPED_INFO(e);
    REQUIRE(parsed.ok());
    CHECK(parsed.bundle.guides.size() >= 30);
    CHECK(parsed.bundle.departments.size() == 11);
    for (const auto& g : parsed.bundle.guides) {
        INFO(g.code);
        CHECK_FALSE(g.name[Lang::En].empty());
        CHECK_FALSE(g.materials.empty());
        CHECK_FALSE(g.window_ids.empty());
        CHECK(g.name[Lang::Hans] != "");
    }
}
