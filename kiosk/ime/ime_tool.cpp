// hall-ime: rime deployment for packaging (postinst) and a shell check of the engines.
//   hall-ime deploy --data-dir /var/lib/hall-kiosk [--force]
//   hall-ime type --data-dir DIR --lang zh-Hant zhongguo
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "core/lang.h"
#include "ime/pinyin_engine.h"
#include "ime/rime_deploy.h"

using namespace hall;
using namespace hall::ime;

int main(int argc, char** argv) {
    CLI::App app{"Hall Kiosk Chinese input: rime deployment and checks"};
    app.require_subcommand(1);
    std::string data_dir = "hall-data";
    std::string shared_dir = RimePaths{}.shared_dir.string();
    bool force = false;
    std::string lang_code = "zh-Hans";
    std::string letters;

    auto* deploy = app.add_subcommand("deploy", "compile the pinyin schemas into DATA_DIR/rime once");
    deploy->add_option("--data-dir", data_dir, "kiosk data folder (config kiosk.data_dir)");
    deploy->add_option("--shared-dir", shared_dir, "rime shared data");
    deploy->add_flag("--force", force, "deploy even when the stamp says it is up to date");

    auto* type = app.add_subcommand("type", "type pinyin letters and print the candidates");
    type->add_option("--data-dir", data_dir, "kiosk data folder");
    type->add_option("--shared-dir", shared_dir, "rime shared data");
    type->add_option("--lang", lang_code, "zh-Hans, zh-Hant or en");
    type->add_option("letters", letters, "pinyin letters, e.g. nihao")->required();

    CLI11_PARSE(app, argc, argv);
    RimePaths paths = rime_paths_for_data_dir(data_dir);
    paths.shared_dir = shared_dir;

    if (deploy->parsed()) {
        const DeployReport r = ensure_rime_deployed(paths, force);
        if (!r.ok) {
            std::fprintf(stderr, "hall-ime deploy: %s\n", r.error.c_str());
            return 1;
        }
        std::printf("%s %s in %.0f ms\n", r.deployed ? "deployed" : "already up to date", paths.user_dir.c_str(),
                    r.millis);
        return 0;
    }

    const auto lang = lang_from_code(lang_code);
    if (!lang) {
        std::fprintf(stderr, "hall-ime type: unknown language '%s' (zh-Hans, zh-Hant, en)\n", lang_code.c_str());
        return 2;
    }
    std::string error;
    auto engine = PinyinEngine::open({paths, *lang, true}, error);
    if (!engine) {
        std::fprintf(stderr, "hall-ime type: %s\n", error.c_str());
        return 1;
    }
    for (char c : letters) {
        if (!engine->key(c)) {
            std::fprintf(stderr, "hall-ime type: '%c' is not a pinyin letter\n", c);
            return 2;
        }
    }
    const PinyinView& v = engine->view();
    std::printf("%s [%s] page %d%s:", engine->schema().c_str(), v.preedit.c_str(), v.page + 1, v.last_page ? " (last)" : "");
    for (std::size_t i = 0; i < v.candidates.size(); ++i) std::printf(" %zu.%s", i + 1, v.candidates[i].c_str());
    std::printf("\n");
    return 0;
}
