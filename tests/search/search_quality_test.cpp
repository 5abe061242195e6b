// The query set (queries.tsv, written before tuning): each query as citizens type it must
// put its guide in the top 3 of the demo bundle, for at least 95 % of the queries.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "store/guide_store.h"
#include "store/migrations.h"
#include "support/fixtures.h"
#include "support/files.h"

using namespace hall;

TEST_CASE("query set: the expected guide is in the top 3 for at least 95% of queries", "[search][quality]") {
    const std::string bundle = test::read_text(std::string(HALL_TEST_ASSETS) + "/content/demo-bundle.json");
    REQUIRE_FALSE(bundle.empty());
    test::TempDir dir;
    Db db(dir.file("k.sqlite"));
    migrate(db);
    GuideStore guides(db);
    REQUIRE(guides.import(bundle).ok);

    std::ifstream in(std::string(HALL_SEARCH_QUERIES));
    REQUIRE(in);
    std::string line;
    int total = 0, hits = 0;
    std::vector<std::string> langs_seen;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
        REQUIRE(cols.size() >= 3);
        const std::string& query = cols[0];
        const std::string& expected = cols[2];
        if (std::find(langs_seen.begin(), langs_seen.end(), cols[1]) == langs_seen.end()) langs_seen.push_back(cols[1]);
        ++total;
        const auto got = guides.search(query, 10);
        const auto at = std::find(got.begin(), got.end(), expected);
        if (at != got.end() && at - got.begin() < 3) {
            ++hits;
        } else {
            std::string first;
            for (std::size_t i = 0; i < got.size() && i < 3; ++i) first += (i ? ", " : "") + got[i];
            std::printf("MISS %-24s expected %s, got [%s]%s\n", query.c_str(), expected.c_str(), first.c_str(),
                        at == got.end() ? "" : (" (at " + std::to_string(at - got.begin() + 1) + ")").c_str());
        }
    }
    const double rate = total ? 100.0 * hits / total : 0;
    std::printf("search_query_set_top3 %.1f %% (%d of %d)\n", rate, hits, total);
    CHECK(total >= 60);
    CHECK(langs_seen.size() == 3);
    CHECK(rate >= 95.0);
}
