// `hall-hub migrate-store`: a county's SQLite hub moved into the province's PostgreSQL gives
// the same `hall-hub export`, and running it again copies nothing twice.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "hub/hub_admin.h"
#include "hub/hub_store.h"
#include "pg_cluster.h"
#include "protocol/signing.h"

using namespace hall;
using namespace hall::hub;
using namespace hall::pgtest;
using nlohmann::json;

namespace {

struct Run {
    int code = -1;
    std::string output;
};

// Runs hall-hub with args, stdout+stderr into one log; bounded to two minutes.
Run hall_hub(const fs::path& work, const std::vector<std::string>& args) {
    static int n = 0;
    const auto log = work / ("run" + std::to_string(++n) + ".log");
    std::vector<std::string> argv{HALL_HUB_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const pid_t pid = spawn(argv, log);
    const int st = wait_exit(pid, std::chrono::seconds(120));
    if (st == -1) stop_pid(pid, SIGKILL, std::chrono::seconds(5));
    return {st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1, read_text(log)};
}

RecordRow county_record(int i) {
    const auto uuid = new_uuid();
    const auto hall = "hall-" + std::to_string(i % 7);
    const auto kiosk = "kiosk-" + std::to_string(i % 23);
    json j;
    if (i % 5 == 4) {
        j = {{"kind", "audit"}, {"uuid", uuid}, {"hall_id", hall}, {"kiosk_id", kiosk}, {"at", "2026-11-24T08:00:00Z"},
             {"action", "feedback.handled"}, {"target_uuid", new_uuid()}, {"before", json::object()}, {"after", {{"state", "handled"}}}};
    } else {
        // Feedback with the characters a CSV has to quote: commas, quotes, a newline, Chinese.
        j = {{"kind", "feedback"}, {"uuid", uuid}, {"hall_id", hall}, {"kiosk_id", kiosk},
             {"created_at", "2026-11-24T09:" + std::to_string(10 + i % 50) + ":00Z"}, {"window_id", "W" + std::to_string(i % 12)},
             {"rating", i % 3 == 0 ? "bad" : "good"}, {"categories", json::array({"attitude", "long_wait"})},
             {"service_code", "S-" + std::to_string(i % 34)}, {"ticket", "A" + std::to_string(i)},
             {"text", "窗口第" + std::to_string(i) + "號, \"說半句留半句\"\n來回跑"}};
    }
    const std::string created = j.contains("at") ? j["at"].get<std::string>() : j["created_at"].get<std::string>();
    return {uuid, j["kind"], hall, kiosk, created, j.dump(), kiosk, "2026-11-24T10:00:00Z"};
}

}  // namespace

TEST_CASE("migrate-store moves a county hub of 10,000 records into PostgreSQL, repeatably", "[pg][migrate]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    TempDir work;
    const auto sqlite = (work.path / "hub.sqlite").string();
    std::string token;
    {
        auto county = open_hub_store(sqlite);
        token = add_kiosk(*county, "kiosk-1", "hall-1");
        add_kiosk(*county, "queue-1", "hall-1", "queue");
        county->put_heartbeat("kiosk-1", R"({"content_version":"2026.11.20-1","outbox_depth":0})", "2026-11-24T10:00:00Z");
        county->put_bundle({0, "*", "2026.11.20-1", "\"etag-1\"", R"({"bundle":"one"})", "2026-11-20T00:00:00Z"});
        county->put_bundle({0, "hall-1", "2026.11.21-1", "\"etag-2\"", R"({"bundle":"two"})", "2026-11-21T00:00:00Z"});
        county->put_queue({"hall-1", R"({"windows":[]})", "2026-11-24T10:00:00Z"});
        for (int b = 0; b < 10; ++b) {
            std::vector<RecordRow> rows;
            for (int i = 0; i < 1000; ++i) rows.push_back(county_record(b * 1000 + i));
            county->put_records(rows);
        }
        REQUIRE(county->record_count() == 10000);
    }

    auto first = hall_hub(work.path, {"migrate-store", "--from", sqlite, "--to", url});
    INFO(first.output);
    REQUIRE(first.code == 0);
    CHECK_THAT(first.output, Catch::Contains("records: 10000 copied, 0 already there"));
    CHECK_THAT(first.output, Catch::Contains("principals: 2 copied"));
    CHECK_THAT(first.output, Catch::Contains("bundles: 2 copied"));

    auto second = hall_hub(work.path, {"migrate-store", "--from", sqlite, "--to", url});
    INFO(second.output);
    REQUIRE(second.code == 0);
    CHECK_THAT(second.output, Catch::Contains("records: 0 copied, 10000 already there"));
    CHECK_THAT(second.output, Catch::Contains("principals: 0 copied, 2 already there"));
    CHECK_THAT(second.output, Catch::Contains("bundles: 0 copied, 2 already there"));
    CHECK(psql(url, "SELECT count(*) FROM records") == "10000");

    for (const std::string format : {"csv", "jsonl"}) {
        const auto a = (work.path / ("county." + format)).string(), b = (work.path / ("province." + format)).string();
        REQUIRE(hall_hub(work.path, {"--db", sqlite, "export", "--format", format, "--out", a}).code == 0);
        REQUIRE(hall_hub(work.path, {"--db", url, "export", "--format", format, "--out", b}).code == 0);
        const auto county_out = read_text(a), province_out = read_text(b);
        CHECK(std::count(county_out.begin(), county_out.end(), '\n') >= 10000);
        CHECK(county_out == province_out);
    }

    // The kiosk's token works against the province's database; the newest bundle is the same.
    auto province = open_hub_store(url);
    auto who = province->principal_by_token_hash(wire::blake2b_hex(token));
    REQUIRE(who);
    CHECK(who->name == "kiosk-1");
    CHECK(province->latest_bundle("hall-1")->etag == "\"etag-2\"");
    CHECK(province->latest_bundle("hall-2")->etag == "\"etag-1\"");
    CHECK(province->queue("hall-1")->snapshot == R"({"windows":[]})");
    CHECK(province->kiosks().front().last_heartbeat.find("2026.11.20-1") != std::string::npos);

    auto migrate = hall_hub(work.path, {"--db", url, "migrate"});
    CHECK(migrate.code == 0);
    CHECK_THAT(migrate.output, Catch::Contains("up to date"));
}

TEST_CASE("hall-hub migrate says what it did and refuses a newer schema", "[pg][migrate]") {
    auto& cluster = shared_cluster();
    const auto url = cluster.create_database();
    TempDir work;
    auto r = hall_hub(work.path, {"--db", url, "migrate"});
    INFO(r.output);
    CHECK(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains("schema migrated from version 0 to 2"));
    r = hall_hub(work.path, {"--db", url, "migrate"});
    CHECK_THAT(r.output, Catch::Contains("schema is up to date at version 2"));
    psql(url, "INSERT INTO hub_schema_versions(version, description) VALUES(99, 'from the future')");
    r = hall_hub(work.path, {"--db", url, "--listen", "127.0.0.1:0"});
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("newer than this build knows"));
    // Nothing listening on the database's behalf: a bad URL is a clear message, not a crash.
    r = hall_hub(work.path, {"--db", "postgresql://postgres@127.0.0.1:1/none", "kiosks"});
    CHECK(r.code == 1);
    CHECK_THAT(r.output, Catch::Contains("PostgreSQL unreachable"));
}
