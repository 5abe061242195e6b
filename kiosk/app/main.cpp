// hall-kiosk: the kiosk binary. Without a subcommand it runs the kiosk; subcommands check
// configs, fill demo data, and (from other modules) sync, set the manager PIN, and so on.
#include <CLI/CLI.hpp>
#include <malloc.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

#include "app/bench.h"
#include "log/log.h"
#include "app/paths.h"
#include "client/sync_engine.h"
#include "client/sync_service.h"
#include "config/config.h"
#include "core/demo_feedback.h"
#include "manager/pin.h"
#include "ime/rime_deploy.h"
#include "store/feedback_store.h"
#include "store/migrations.h"
#include "store/outbox.h"
#include "ui/app.h"
#include "ui/driver.h"
#include "ui/platform.h"

namespace {

using namespace hall;

// Start-up phases for `--bench`; "libraries" ends when main() starts.
ui::StartupProfile g_profile;

struct RunOptions {
    bool demo = false;
    std::string config_path;
    std::string data_dir;
    std::string assets_dir;
    bool windowed = false;
    bool headless = false;
    std::string play;
    std::string screenshots;
    std::string size = "1920x1080";
    bool bench = false;
    bool quick = false;
    bool bench_startup = false;
    bool check_layout = false;
    float dpi = 0;           // the panel's DPI (tests: a 32" 4K panel is 138)
    std::string lang;        // start language (overrides kiosk.default_language)
    bool large_text = false; // the tour goes on in large-text mode
};

// The PIN the tour unlocks manager mode with, on the demo hall only (it has none of its own):
// set in memory for that run, never written to a config.
constexpr const char* kTourPin = "2468";
// Feedback the tour puts into an empty demo store, so the manager's lists, charts and
// reports have something to show: 90 days of a busy hall (hall-kiosk demo-data's records).
constexpr std::size_t kTourRecords = 600;

// The built-in tour; after showing Home in every language it carries on in `lang` (and
// large text) instead of the default, so every screen is seen in that language. With
// `manager`, it then unlocks manager mode as a manager would (hold the corner, type the PIN)
// and visits every tab.
std::string tour_script(const std::string& lang, bool large, bool manager) {
    std::string tour =
#include "app/screenshot_tour.inc"
        ;
    if (manager) {
        std::string pin;
        for (const char* c = kTourPin; *c; ++c) pin += std::string("tap #pin.digit.") + *c + "\n";
        tour +=
#include "app/screenshot_tour_manager.inc"
            ;
        const std::string digits = "tap #pin.digits\n";
        const auto at = tour.find(digits);
        if (at == std::string::npos) throw std::logic_error("screenshot tour: no PIN line in the manager section");
        tour.replace(at, digits.size(), pin);
    }
    const std::string anchor = "tap #common.large_text\ntap #home.guides\n";
    const auto at = tour.find(anchor);
    if (at == std::string::npos) throw std::logic_error("screenshot tour: no language section end to continue from");
    std::string switch_to = lang.empty() ? std::string() : "tap #lang." + lang + "\n";
    if (large) switch_to += "tap #common.large_text\n";
    tour.insert(at + anchor.find("tap #home.guides"), switch_to);
    return tour;
}

int print_errors(const std::vector<std::string>& errors) {
    for (const auto& e : errors) spdlog::error("{}", e);
    return errors.empty() ? 0 : 1;
}

// Loads the config the options name; the demo hall when --demo or nothing is given.
bool load_config(const RunOptions& o, Config& out, std::string& assets, std::vector<std::string>& errors) {
    assets = app::find_assets_dir(o.assets_dir);
    const std::string path = !o.config_path.empty() ? o.config_path : app::find_demo_config(assets);
    ConfigLoad c = load_config_file(path);
    if (!c.ok()) {
        errors = c.errors;
        return false;
    }
    out = std::move(c.config);
    if (!out.kiosk.assets_dir.empty() && o.assets_dir.empty()) assets = out.kiosk.assets_dir;
    if (!o.data_dir.empty()) out.kiosk.data_dir = o.data_dir;
    if (!o.lang.empty()) {
        const auto l = lang_from_code(o.lang);
        if (!l) {
            errors.push_back("--lang " + o.lang + ": use zh-Hans, zh-Hant or en");
            return false;
        }
        out.kiosk.default_language = *l;
    }
    return true;
}

int run_kiosk(const RunOptions& o) {
    // Blocks of 128 KB and more always come from mmap and go back to the system when freed.
    // Left to itself glibc raises this threshold to the largest block freed so far, and after
    // the first font texture or atlas copy (4-8 MB) is freed, the next ones stay in the heap,
    // where they keep pages after the IME's characters and engines are gone (issue 15).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (!load_config(o, config, assets, errors)) return print_errors(errors);
    g_profile.mark("config");

    ui::PlatformOptions popt;
    popt.headless = o.headless;
    popt.dpi = o.dpi;
    popt.windowed = o.windowed || !o.screenshots.empty();
    if (std::sscanf(o.size.c_str(), "%dx%d", &popt.width, &popt.height) != 2 || popt.width < 640 || popt.height < 480) {
        spdlog::error("--size must look like 1920x1080");
        return 2;
    }
    // Scripts and screenshots run on virtual time: `wait 90000` does not take 90 s.
    const bool virtual_time = !o.play.empty() || !o.screenshots.empty() || o.check_layout;
    ui::SteadyClock steady;
    ui::ManualClock manual(steady.wall_epoch_ms());
    app::BenchClock bench_clock;   // real time that the benchmark can skip ahead (the idle reset)
    ui::Clock& clock = virtual_time ? static_cast<ui::Clock&>(manual) : o.bench ? static_cast<ui::Clock&>(bench_clock) : steady;

    // The tour visits manager mode on the demo hall only: a real hall's PIN stays its own, and
    // its store never gets demo records.
    const bool touring = !o.screenshots.empty() || o.check_layout;
    // Headless only for now: on the GL platform (Xvfb) the corner's long press does not open
    // the PIN pad in the tour, which is not understood yet; the headless check covers layout.
    bool manager_tour = touring && o.headless && o.config_path.empty() && config.manager.pin_hash.empty();
    if (manager_tour) {
        try {
            config.manager.pin_hash = hash_pin(kTourPin);
        } catch (const std::exception& e) {
            spdlog::error("screenshot tour: no manager PIN ({}); manager mode is left out", e.what());
            manager_tour = false;
        }
    }

    auto platform = ui::Platform::create(popt);
    ui::App app(config, ui::AppPaths{assets, config.kiosk.data_dir}, clock);
    app.set_startup_profile(&g_profile);
    // The kiosk loads input engines and grows its atlas on worker threads; scripts and
    // screenshots on virtual time keep the old in-place order, so every step is settled.
    app.set_load_on_demand(!virtual_time && !o.headless);
    if (!app.init(errors)) return print_errors(errors);
    print_errors(errors);  // non-fatal problems (e.g. a bad bundle: the old content stays)
    errors.clear();
    if (!platform->open(app, errors)) return print_errors(errors);
    g_profile.mark("window_gl");
    if (manager_tour) {
        try {
            if (app.feedback_store().count() == 0)
                app.feedback_store().insert_many(
                    make_demo_feedback(config.hall, config.kiosk.id, kTourRecords, 1,
                                       std::chrono::system_clock::time_point(std::chrono::milliseconds(clock.wall_epoch_ms()))),
                    false);
        } catch (const StoreError& e) {
            spdlog::error("screenshot tour: cannot add demo feedback: {}", e.what());
        }
    }

    // With a hub configured, sync runs on its own thread; the UI only reads its status,
    // its queue feed and its content generation, and never waits for the network.
    std::unique_ptr<sync::SyncService> sync_service;
    if (!config.sync.hub_url.empty()) {
        sync::ServiceOptions sopts;
        sopts.engine.data_dir = config.kiosk.data_dir;
        sopts.engine.reserve_target_bytes = std::int64_t{config.storage.reserve_records} * kReserveBytesPerRecord;
        sopts.engine.low_free_bytes = std::int64_t{config.storage.low_free_mb} * 1024 * 1024;
        sync_service = std::make_unique<sync::SyncService>(
            (std::filesystem::path(config.kiosk.data_dir) / "kiosk.sqlite").string(), config.sync, sopts);
        auto* svc = sync_service.get();
        app.set_queue_source(svc->queue_source());
        app.set_sync_status([svc] {
            const sync::SyncStatus s = svc->status();
            return ui::SyncIndicator{s.configured, s.online, s.outbox_depth, s.last_success};
        });
        app.set_content_generation([svc] { return svc->content_generation(); });
        app.set_on_record_stored([svc] { svc->sync_now(); });
        sync_service->start();
    }

    if (o.bench) return app::run_bench(app, *platform, g_profile, bench_clock, o.quick, o.bench_startup);
    if (!o.play.empty()) {
        std::ifstream in(o.play);
        if (!in) {
            spdlog::error("cannot read script {}", o.play);
            return 2;
        }
        ui::Driver driver(app, *platform, &manual);
        return driver.run_script(in, o.play, std::cout);
    }
    if (!o.screenshots.empty() || o.check_layout) {
        ui::Driver driver(app, *platform, &manual);
        driver.set_check_layout_at_screenshots(o.check_layout);
        std::istringstream tour(tour_script(o.lang, o.large_text, manager_tour));
        // The tour's screenshot lines are relative; run it from the target folder.
        const auto cwd = std::filesystem::current_path();
        if (!o.screenshots.empty()) {
            std::filesystem::create_directories(o.screenshots);
            std::filesystem::current_path(o.screenshots);
        }
        std::ostringstream tour_log;
        int rc = driver.run_script(tour, "screenshot-tour", o.check_layout ? tour_log : std::cout);
        std::filesystem::current_path(cwd);
        if (rc != 0 && o.check_layout) std::cout << tour_log.str();
        if (o.check_layout) {
            const ui::Layout& l = app.layout();
            for (const auto& p : driver.layout_problems()) std::cout << p << "\n";
            std::printf("layout check %dx%d (%s, %.2f px/unit, %s%s): %zu problems\n", platform->width(), platform->height(),
                        l.portrait ? "portrait" : "landscape", l.scale, o.lang.empty() ? "zh-Hans" : o.lang.c_str(),
                        o.large_text ? ", large text" : "", driver.layout_problems().size());
            if (!driver.layout_problems().empty()) rc = 1;
        }
        return rc;
    }
    spdlog::info("hall-kiosk {} running: hall {}, kiosk {}, data {}, assets {}", HALL_VERSION, config.hall.id, config.kiosk.id,
                 config.kiosk.data_dir, assets);
    const int rc = ui::run_loop(app, *platform);
    spdlog::info("hall-kiosk stopped (exit code {})", rc);
    return rc;
}

int check_config(const std::string& path) {
    ConfigLoad c = load_config_file(path);
    if (c.ok()) {
        std::printf("%s: OK (hall %s, %zu windows)\n", path.c_str(), c.config.hall.id.c_str(), c.config.hall.windows.size());
        return 0;
    }
    std::fprintf(stderr, "%s: %zu problem%s\n", path.c_str(), c.errors.size(), c.errors.size() == 1 ? "" : "s");
    for (const auto& e : c.errors) std::fprintf(stderr, "  %s\n", e.c_str());
    return 1;
}

// The unit's ExecStart: starts cage with the panel's rotation from [display] and the kiosk in
// it, so rotating a panel is a config edit, never a unit edit. A config that does not load
// still starts the kiosk (unrotated), which then reports the problem as it always does.
int session(const RunOptions& o) {
    int rotation = 0;
    if (!o.config_path.empty()) {
        ConfigLoad c = load_config_file(o.config_path);
        if (c.ok()) rotation = c.config.display.rotation;
        else spdlog::error("{}: {} problem(s); starting unrotated (hall-kiosk check-config names them)", o.config_path, c.errors.size());
    }
    std::error_code ec;
    const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    std::vector<std::string> args{"cage"};
    for (int r = 0; r < rotation / 90; ++r) args.emplace_back("-r");  // each -r turns 90 degrees clockwise
    args.insert(args.end(), {"--", ec ? std::string("/usr/bin/hall-kiosk") : self});
    if (!o.config_path.empty()) args.insert(args.end(), {"--config", o.config_path});
    if (!o.data_dir.empty()) args.insert(args.end(), {"--data-dir", o.data_dir});
    if (!o.assets_dir.empty()) args.insert(args.end(), {"--assets", o.assets_dir});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    spdlog::info("starting cage (rotation {} degrees)", rotation);
    execvp("cage", argv.data());
    spdlog::error("cannot start cage: {}", std::strerror(errno));
    return 1;
}

// Reads one line from stdin without echo when it is a terminal (a PIN never on screen, never
// in shell history).
std::string read_secret(const char* prompt) {
    const bool tty = isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
        std::fprintf(stderr, "%s", prompt);
        tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fprintf(stderr, "\n");
    }
    return line;
}

// `hall-kiosk set-pin --config FILE`: the PIN from stdin (twice on a terminal), stored only as
// an Argon2id hash in [manager] pin_hash; the lockout in the store is cleared.
int set_pin(const RunOptions& o) {
    if (o.config_path.empty()) {
        std::fprintf(stderr, "hall-kiosk set-pin: name the config file to write with --config\n");
        return 2;
    }
    const std::string pin = read_secret("New manager PIN (4-12 digits): ");
    if (isatty(STDIN_FILENO) && read_secret("Again: ") != pin) {
        std::fprintf(stderr, "hall-kiosk set-pin: the two PINs differ; nothing changed\n");
        return 1;
    }
    if (auto err = set_pin_in_config(o.config_path, pin)) {
        std::fprintf(stderr, "hall-kiosk set-pin: %s\n", err->c_str());
        return 1;
    }
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (load_config(o, config, assets, errors)) {
        try {
            const auto db_path = std::filesystem::path(config.kiosk.data_dir) / "kiosk.sqlite";
            if (std::filesystem::exists(db_path)) {
                Db db(db_path.string());
                migrate(db);
                reset_pin_lockout(db);
            }
        } catch (const StoreError& e) {
            std::fprintf(stderr, "hall-kiosk set-pin: PIN set, but the lockout could not be cleared: %s\n", e.what());
        }
    }
    std::printf("manager PIN set in %s\n", o.config_path.c_str());
    return 0;
}

// Compiles the pinyin schemas into <data folder>/rime once, so no kiosk start pays for it.
// Packaging's postinst runs this; a kiosk that starts without it deploys on its first run.
int ime_deploy(const RunOptions& o, bool force) {
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (!load_config(o, config, assets, errors)) return print_errors(errors);
    const auto paths = ime::rime_paths_for_data_dir(config.kiosk.data_dir);
    const ime::DeployReport r = ime::ensure_rime_deployed(paths, force);
    if (!r.ok) return print_errors({"ime-deploy: " + r.error});
    std::printf("%s %s in %.0f ms\n", r.deployed ? "deployed pinyin schemas into" : "pinyin schemas already up to date in",
                paths.user_dir.c_str(), r.millis);
    return 0;
}

int demo_data(const RunOptions& o, std::size_t n, bool enqueue) {
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (!load_config(o, config, assets, errors)) return print_errors(errors);
    std::filesystem::create_directories(config.kiosk.data_dir);
    const auto t0 = std::chrono::steady_clock::now();
    try {
        Db db((std::filesystem::path(config.kiosk.data_dir) / "kiosk.sqlite").string());
        migrate(db);
        FeedbackStore store(db);
        const std::size_t batch = 10000;
        for (std::size_t done = 0; done < n; done += batch) {
            const auto records = make_demo_feedback(config.hall, config.kiosk.id, std::min(batch, n - done),
                                                    static_cast<std::uint32_t>(done + 1), std::chrono::system_clock::now());
            store.insert_many(records, enqueue);
        }
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("added %zu feedback records to %s/kiosk.sqlite in %.2f s (%lld in store)\n", n, config.kiosk.data_dir.c_str(), s,
                    static_cast<long long>(store.count()));
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: %s\n", e.what());
        return 1;
    }
    return 0;
}

// One full sync cycle with hall-hub, headless: exit 0 only when the outbox is empty.
int sync_once(const RunOptions& o) {
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (!load_config(o, config, assets, errors)) return print_errors(errors);
    std::filesystem::create_directories(config.kiosk.data_dir);
    return sync::run_sync_once(config, (std::filesystem::path(config.kiosk.data_dir) / "kiosk.sqlite").string(), std::cout);
}

// `migrate`: brings the local store's schema up to date without opening a window; the
// package runs it on upgrade so a schema problem shows at install time, not at the hall.
int migrate_store(const RunOptions& o) {
    Config config;
    std::string assets;
    std::vector<std::string> errors;
    if (!load_config(o, config, assets, errors)) return print_errors(errors);
    const auto file = std::filesystem::path(config.kiosk.data_dir) / "kiosk.sqlite";
    if (!std::filesystem::exists(file)) {
        std::printf("%s: no store yet; the kiosk creates it on first start\n", file.c_str());
        return 0;
    }
    try {
        Db db(file.string());
        const int before = schema_version(db);
        for (const auto& step : migrate(db)) spdlog::info("{}: applied {}", file.string(), step);
        FeedbackStore feedback(db);
        Outbox outbox(db);
        std::printf("%s: schema %d (was %d), %lld feedback records, %lld waiting to sync\n", file.c_str(), schema_version(db), before,
                    static_cast<long long>(feedback.count()), static_cast<long long>(outbox.depth()));
    } catch (const StoreError& e) {
        spdlog::error("{}: {}", file.string(), e.what());
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    g_profile.mark("libraries");
    CLI::App cli{"Hall Kiosk: service guides, queue status and feedback for a government service hall"};
    cli.set_version_flag("--version", std::string("hall-kiosk ") + HALL_VERSION);
    RunOptions o;
    auto add_common = [&](CLI::App* a) {
        a->add_flag("--demo", o.demo, "Run the demo hall (embedded defaults, no server)");
        a->add_option("--config", o.config_path, "Hall config (TOML); default: the demo hall")->check(CLI::ExistingFile);
        a->add_option("--data-dir", o.data_dir, "Folder for the local store (overrides kiosk.data_dir)");
        a->add_option("--assets", o.assets_dir, "Assets folder (i18n, content)")->check(CLI::ExistingDirectory);
    };
    add_common(&cli);
    cli.add_flag("--windowed", o.windowed, "A window instead of fullscreen (development)");
    cli.add_flag("--headless", o.headless, "No display: for scripts in CI");
    cli.add_option("--play", o.play, "Run a UI script (see docs/play-scripts.md) and exit")->check(CLI::ExistingFile);
    cli.add_option("--screenshots", o.screenshots, "Write a PNG of every screen into DIR and exit");
    cli.add_option("--size", o.size, "Window size, e.g. 1920x1080 or 1080x1920 (portrait)");
    cli.add_flag("--check-layout", o.check_layout,
                 "Run the screenshot tour and check every screen's layout (overlaps, sizes, clipped text); headless is fine");
    cli.add_option("--dpi", o.dpi, "The panel's DPI, as its EDID would report it (layout tests)")->check(CLI::Range(0.f, 400.f));
    cli.add_option("--lang", o.lang, "Start in this language: zh-Hans, zh-Hant or en");
    cli.add_flag("--large-text", o.large_text, "With --check-layout/--screenshots: the tour goes on in large-text mode");
    cli.add_flag("--bench", o.bench, "Print start-up, memory and CPU figures and exit");
    cli.add_flag("--quick", o.quick, "With --bench: short idle periods");
    cli.add_flag("--bench-startup", o.bench_startup, "With --bench: only the start-up profile and the first frame");
    std::string log_level = "info";
    cli.add_option("--log-level", log_level, std::string("Log level: ") + hall::log::level_names())->capture_default_str();

    std::string check_path;
    auto* check = cli.add_subcommand("check-config", "Validate a hall config and name every problem");
    check->add_option("file", check_path, "Config file")->required();

    std::size_t n = 1000;
    bool enqueue = false;
    auto* demo = cli.add_subcommand("demo-data", "Fill the local store with realistic feedback");
    demo->add_option("--feedback", n, "How many records")->check(CLI::Range(1, 10'000'000));
    demo->add_flag("--outbox", enqueue, "Also queue them for sync (never against a real hub)");
    add_common(demo);

    bool ime_force = false;
    auto* ime_cmd = cli.add_subcommand("ime-deploy", "Compile the pinyin schemas into the data folder (once, at install)");
    ime_cmd->add_flag("--force", ime_force, "Deploy even when the existing deployment is up to date");
    add_common(ime_cmd);
    auto* sync_cmd = cli.add_subcommand("sync", "Exchange records and content with hall-hub ([sync] in the config)");
    bool sync_once_flag = false;
    sync_cmd->add_flag("--once", sync_once_flag, "One full cycle, headless; exits non-zero if anything is left")->required();
    add_common(sync_cmd);
    auto* setpin = cli.add_subcommand("set-pin", "Set the manager PIN (read from stdin) as an Argon2id hash in the config");
    add_common(setpin);

    auto* migrate_cmd = cli.add_subcommand("migrate", "Bring the local store's schema up to date and exit");
    add_common(migrate_cmd);

    auto* session_cmd = cli.add_subcommand("session", "Start cage with [display] rotation and the kiosk in it (systemd unit)");
    add_common(session_cmd);

    cli.require_subcommand(0, 1);
    CLI11_PARSE(cli, argc, argv);
    const auto level = hall::log::parse_level(log_level);
    if (!level) {
        std::fprintf(stderr, "hall-kiosk: --log-level %s: use one of %s\n", log_level.c_str(), hall::log::level_names());
        return 2;
    }
    hall::log::init("hall-kiosk", *level);
    if (migrate_cmd->parsed()) return migrate_store(o);
    if (check->parsed()) return check_config(check_path);
    if (demo->parsed()) return demo_data(o, n, enqueue);
    if (ime_cmd->parsed()) return ime_deploy(o, ime_force);
    if (sync_cmd->parsed()) return sync_once(o);
    if (setpin->parsed()) return set_pin(o);
    if (session_cmd->parsed()) return session(o);
    return run_kiosk(o);
}
