// The missing-key check (after ImHex's check_langs.py): every UI string key the screens
// name in code exists in all three string tables, and so does every key built from the
// domain (categories, ratings, indicators, guide types).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/feedback.h"

using namespace hall;

namespace {

std::set<std::string> keys_of(const std::string& lang) {
    std::ifstream in(std::string(HALL_TEST_ASSETS) + "/i18n/" + lang + ".json");
    REQUIRE(in);
    std::set<std::string> out;
    const auto table = nlohmann::json::parse(in);  // named: items() of a temporary would dangle
    for (auto& [k, v] : table.items()) out.insert(k);
    return out;
}

std::set<std::string> keys_in_code() {
    std::set<std::string> out;
    // Literal first arguments of the string-taking helpers.
    const std::regex call(R"re((?:tr|button_t|text_t|heading_t|fmt|field)\(\s*"([a-z_]+\.[a-z_.]+)")re");
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(HALL_SOURCE_DIR) + "/kiosk/ui")) {
        if (e.path().extension() != ".cpp") continue;
        std::ifstream in(e.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string src = ss.str();
        for (std::sregex_iterator it(src.begin(), src.end(), call), end; it != end; ++it) {
            const std::string k = (*it)[1];
            if (k.back() != '.') out.insert(k);  // "category." + key is checked below
        }
    }
    return out;
}

}  // namespace

TEST_CASE("every string key in the code exists in zh-Hans, zh-Hant and en", "[i18n]") {
    const auto code = keys_in_code();
    REQUIRE(code.size() > 100);
    std::set<std::string> domain;
    for (Category c : all_categories()) {
        domain.insert("category." + std::string(category_key(c)));
        domain.insert("category." + std::string(category_key(c)) + ".hint");
    }
    for (Rating r : kRatingsBestFirst) domain.insert("rating." + std::string(rating_key(r)));
    for (int i = 0; i < kIndicatorCount; ++i) domain.insert("indicator." + std::string(indicator_key(static_cast<Indicator>(i))));
    for (const char* t : {"administrative_license", "public_service", "administrative_confirmation", "administrative_payment", "other_power"})
        domain.insert(std::string("guide.type.") + t);
    for (const char* m : {"on_site", "online", "post"}) domain.insert(std::string("guide.apply.") + m);
    for (const char* f : {"original", "copy", "original_and_copy", "electronic"}) domain.insert(std::string("material.") + f);
    for (const char* lang : {"zh-Hans", "zh-Hant", "en"}) {
        const auto table = keys_of(lang);
        for (const auto& k : code) {
            INFO(lang << " lacks " << k);
            CHECK(table.count(k) == 1);
        }
        for (const auto& k : domain) {
            INFO(lang << " lacks " << k);
            CHECK(table.count(k) == 1);
        }
    }
}
