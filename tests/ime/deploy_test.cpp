#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "ime/pinyin_engine.h"
#include "ime/rime_deploy.h"
#include "ime_test_support.h"

using namespace hall;
using namespace hall::ime;
namespace fs = std::filesystem;

namespace {

fs::file_time_type mtime(const fs::path& p) { return fs::last_write_time(p); }

}  // namespace

TEST_CASE("Rime deploys once into the data folder and later starts skip it", "[ime][deploy]") {
    test::TempDir data;
    const RimePaths paths = rime_paths_for_data_dir(data.path);
    CHECK_FALSE(rime_deployment_current(paths));

    const DeployReport cold = ensure_rime_deployed(paths);
    INFO(cold.error);
    REQUIRE(cold.ok);
    CHECK(cold.deployed);
    CHECK(rime_deployment_current(paths));
    for (const char* f : {"default.yaml", "pinyin_simp.schema.yaml", "luna_pinyin.schema.yaml"})
        CHECK(fs::is_regular_file(paths.user_dir / "build" / f));
    const auto schema_time = mtime(paths.user_dir / "build" / "pinyin_simp.schema.yaml");
    const auto stamp_time = mtime(rime_stamp_path(paths));

    const DeployReport warm = ensure_rime_deployed(paths);
    REQUIRE(warm.ok);
    CHECK_FALSE(warm.deployed);
    CHECK(warm.millis < cold.millis);

    // Two engine starts: neither redeploys, and the compiled files are untouched.
    for (int i = 0; i < 2; ++i) {
        std::string error;
        auto engine = PinyinEngine::open({paths, Lang::Hans, true}, error);
        INFO(error);
        REQUIRE(engine);
        CHECK(engine->deploy_report().ok);
        CHECK_FALSE(engine->deploy_report().deployed);
    }
    CHECK(mtime(paths.user_dir / "build" / "pinyin_simp.schema.yaml") == schema_time);
    CHECK(mtime(rime_stamp_path(paths)) == stamp_time);

    const DeployReport forced = ensure_rime_deployed(paths, true);
    REQUIRE(forced.ok);
    CHECK(forced.deployed);
}

TEST_CASE("The engine can refuse to deploy and says what to run", "[ime][deploy]") {
    test::TempDir data;
    const RimePaths paths = rime_paths_for_data_dir(data.path);
    std::string error;
    auto engine = PinyinEngine::open({paths, Lang::Hans, false}, error);
    CHECK_FALSE(engine);
    CHECK(error.find("hall-ime deploy") != std::string::npos);
    CHECK_FALSE(fs::exists(paths.user_dir / "build"));
}

TEST_CASE("A changed rime-data package makes the next start redeploy", "[ime][deploy]") {
    // A private copy of the shared data, to play a package upgrade on.
    test::TempDir tmp;
    RimePaths paths = rime_paths_for_data_dir(tmp.path / "data");
    paths.shared_dir = tmp.path / "shared";
    fs::copy(RimePaths{}.shared_dir, paths.shared_dir, fs::copy_options::recursive);

    REQUIRE(ensure_rime_deployed(paths).ok);
    REQUIRE(rime_deployment_current(paths));

    // The upgrade rewrites a schema file.
    const fs::path schema = paths.shared_dir / "pinyin_simp.schema.yaml";
    { std::ofstream(schema, std::ios::app) << "\n# upgraded\n"; }
    CHECK_FALSE(rime_deployment_current(paths));
    const DeployReport again = ensure_rime_deployed(paths);
    INFO(again.error);
    REQUIRE(again.ok);
    CHECK(again.deployed);
    CHECK(rime_deployment_current(paths));

    // A deleted output (a half-cleaned disk) also triggers a redeploy.
    fs::remove(paths.user_dir / "build" / "luna_pinyin.schema.yaml");
    CHECK_FALSE(rime_deployment_current(paths));
    CHECK(ensure_rime_deployed(paths).deployed);
}

TEST_CASE("Missing rime data names the Debian package", "[ime][deploy]") {
    test::TempDir tmp;
    RimePaths paths = rime_paths_for_data_dir(tmp.path / "data");
    paths.shared_dir = tmp.path / "shared";
    fs::copy(RimePaths{}.shared_dir, paths.shared_dir, fs::copy_options::recursive);
    fs::remove(paths.shared_dir / "essay.txt");
    const DeployReport r = ensure_rime_deployed(paths);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("rime-essay") != std::string::npos);
}

TEST_CASE("No deployment while an engine is open in the process", "[ime][deploy]") {
    test::TempDir data;
    const RimePaths paths = rime_paths_for_data_dir(data.path);
    std::string error;
    auto engine = PinyinEngine::open({paths, Lang::Hans, true}, error);
    REQUIRE(engine);
    const DeployReport forced = ensure_rime_deployed(paths, true);
    CHECK_FALSE(forced.ok);
    CHECK(forced.error.find("engine is open") != std::string::npos);
    // The up-to-date check still answers.
    CHECK(ensure_rime_deployed(paths).ok);
}
