// hall-hub: the centre's sync server and its admin commands.
//   hall-hub --listen 127.0.0.1:8443 --db hub.db [--tls-cert C --tls-key K] [--config hub.toml]
//   hall-hub --db hub.db kiosk add NAME --hall HALL [--role queue] [--expires-days N]
//   hall-hub --db hub.db kiosk revoke NAME | kiosk rotate NAME [--grace-days 7]
//   hall-hub --db hub.db kiosks [--silent-after 600]
//   hall-hub keygen --out bundle.key
//   hall-hub --db hub.db publish BUNDLE.json --key bundle.key [--hall HALL]
//   hall-hub --db hub.db export --format csv|jsonl [--kind feedback|audit|search_miss] [--out FILE]
//   hall-hub --db hub.db search-misses [--hall HALL] [--top 20]
//   hall-hub --db postgresql://hub@db.example/hallhub migrate
//   hall-hub migrate-store --from hub.db --to postgresql://hub@db.example/hallhub
//   hall-hub --db hub.db user add NAME --role centre-admin|centre-viewer|hall-manager [--hall ID]   (password on stdin)
//   hall-hub --db hub.db user passwd|disable NAME
//   hall-hub demo --db demo.db --listen 127.0.0.1:8080     (a demo province for the console)
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>

#include "log/log.h"
#include "config/config.h"
#include "core/ids.h"
#include "core/queue.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_demo.h"
#include "hub/console/console_queries.h"
#include "hub/console/console_routes.h"
#include "hub/console/guide_routes.h"
#include "hub/console/guide_store.h"
#include "hub/hub_admin.h"
#include "hub/hub_retention.h"
#include "hub/hub_server.h"
#include "hub/pg_migrate_store.h"
#include "protocol/api.h"
#include "protocol/signing.h"

using namespace hall;
using namespace hall::hub;

namespace {

hub::HubServer* g_server = nullptr;
void on_signal(int) {
    if (g_server) g_server->stop();
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The demo's queue: the kiosk's own simulator, run at the hub and published as the hall's feed.
void run_queue_simulator(HubStore& store, const HallInfo& hall, const std::atomic<bool>& stop) {
    const auto now_ms = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    };
    QueueSimulator sim(hall, 20261125u, now_ms());
    bool first = true;  // publish at once, then on every change
    while (!stop) {
        if (sim.poll(now_ms()) || std::exchange(first, false)) {
            // The database may be away (PostgreSQL restarting): log, publish again next tick.
            try {
                store.put_queue({hall.id, wire::queue_to_json(sim.snapshot()).dump(), now_iso_utc()});
            } catch (const HubStoreError& e) {
                spdlog::warn("queue simulator: {}", e.what());
                first = true;
            }
        }
        for (int i = 0; i < 10 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"hall-hub: receives every kiosk's records exactly once, serves signed content bundles and queue status"};
    app.set_config("--config", "", "TOML file with any of the options below (listen, db, tls-cert, tls-key, ...)");
    app.require_subcommand(0, 1);
    app.fallthrough();
    std::string listen = "127.0.0.1:8080", db_path = "hall-hub.db", tls_cert, tls_key, port_file, simulate_queue;
    app.add_option("--listen", listen, "HOST:PORT to serve on (port 0: any free port)")->capture_default_str();
    app.add_option("--db", db_path, "hub store: a SQLite file, or postgresql://USER@HOST:PORT/DB for a province")->capture_default_str();
    app.add_option("--tls-cert", tls_cert, "PEM certificate: serve HTTPS");
    app.add_option("--tls-key", tls_key, "PEM private key for --tls-cert");
    app.add_option("--port-file", port_file, "write the bound port to this file once listening");
    app.add_option("--simulate-queue", simulate_queue, "hall config TOML: run the demo queue simulator as that hall's feed");
    HubOptions opts;
    app.add_flag("--allow-plain-http,--allow_plain_http", opts.allow_plain_http,
                 "serve plain HTTP on a non-loopback address (only behind a TLS proxy on a trusted network)");
    app.add_option("--max-connections", opts.max_connections, "open connections in total")->capture_default_str();
    app.add_option("--max-connections-per-ip", opts.max_connections_per_ip, "open connections per client address (0: no cap)")->capture_default_str();
    app.add_option("--max-body-bytes", opts.max_body_bytes, "request body cap after decoding (413 beyond)")->capture_default_str();
    app.add_option("--head-timeout", opts.head_timeout_s, "seconds for a request head to arrive (also the keep-alive idle limit)")->capture_default_str();
    app.add_option("--request-timeout", opts.request_timeout_s, "seconds for a whole request, head to answer")->capture_default_str();
    app.add_option("--threads", opts.threads, "HTTP worker threads (epoll; each serves many connections)")->capture_default_str();
    app.add_option("--handler-threads", opts.handler_threads,
                   "threads running the handlers (store calls) while their connection waits suspended (0: on the epoll workers)")
        ->capture_default_str();
    app.add_option("--rate-limit", opts.rate_per_s, "requests per second per token, sustained (0: no limit)")->capture_default_str();
    app.add_option("--rate-burst", opts.rate_burst, "requests per token in a burst")->capture_default_str();
    app.set_version_flag("--version", std::string("hall-hub ") + HALL_VERSION);
    std::string log_level = "info";
    app.add_option("--log-level", log_level, std::string("log level: ") + hall::log::level_names())->capture_default_str();

    auto* kiosk_cmd = app.add_subcommand("kiosk", "manage kiosk tokens");
    auto* kiosk_add = kiosk_cmd->add_subcommand("add", "issue a token for a new kiosk (printed once)");
    kiosk_cmd->require_subcommand(1);
    std::string kiosk_name, kiosk_hall, kiosk_role = "kiosk";
    kiosk_add->add_option("NAME", kiosk_name, "kiosk name (its kiosk.id)")->required();
    kiosk_add->add_option("--hall", kiosk_hall, "hall the kiosk belongs to")->required();
    kiosk_add->add_option("--role", kiosk_role, "kiosk, or queue for the hall's ticketing system")->check(CLI::IsMember({"kiosk", "queue"}));
    int expires_days = 0, grace_days = 7;
    kiosk_add->add_option("--expires-days", expires_days, "the token stops working after this many days (0: never)");
    auto* kiosk_revoke = kiosk_cmd->add_subcommand("revoke", "stop a kiosk's token at once (a lost or stolen kiosk)");
    kiosk_revoke->add_option("NAME", kiosk_name, "kiosk name")->required();
    auto* kiosk_rotate = kiosk_cmd->add_subcommand("rotate", "issue a new token; the old one works for a grace period, the kiosk picks the new one up by sync");
    kiosk_rotate->add_option("NAME", kiosk_name, "kiosk name")->required();
    kiosk_rotate->add_option("--grace-days", grace_days, "days the previous token keeps working")->capture_default_str();
    kiosk_rotate->add_option("--expires-days", expires_days, "the new token stops working after this many days (0: never)");

    auto* kiosks_cmd = app.add_subcommand("kiosks", "list kiosks; flags those silent for too long");
    int silent_after = 600;
    kiosks_cmd->add_option("--silent-after", silent_after, "seconds without contact before a kiosk counts as silent")->capture_default_str();

    auto* keygen_cmd = app.add_subcommand("keygen", "create an Ed25519 bundle signing key");
    std::string key_out;
    keygen_cmd->add_option("--out", key_out, "file for the secret key (created mode 0600)")->required();

    auto* publish_cmd = app.add_subcommand("publish", "sign and publish a content bundle");
    std::string bundle_path, key_path, publish_hall = "*";
    publish_cmd->add_option("BUNDLE", bundle_path, "content bundle JSON")->required();
    publish_cmd->add_option("--key", key_path, "secret key file from keygen")->required();
    publish_cmd->add_option("--hall", publish_hall, "only for this hall (default: every hall)");

    auto* export_cmd = app.add_subcommand("export", "write every record the hub holds");
    std::string format = "jsonl", kind, out_path;
    export_cmd->add_option("--format", format, "csv or jsonl")->check(CLI::IsMember({"csv", "jsonl"}))->capture_default_str();
    export_cmd->add_option("--kind", kind, "feedback, audit or search_miss (default: all)");
    export_cmd->add_option("--out", out_path, "output file (default: stdout)");

    // What citizens searched for and did not find (issue #14): the centre adds aliases or guides.
    auto* misses_cmd = app.add_subcommand("search-misses", "list the top missed guide searches per hall");
    std::string misses_hall;
    int misses_top = 20;
    misses_cmd->add_option("--hall", misses_hall, "only this hall (default: every hall)");
    misses_cmd->add_option("--top", misses_top, "queries per hall")->check(CLI::Range(1, 10000))->capture_default_str();

    // Province (issue #9): schema migrations and moving a county's hub into PostgreSQL.
    auto* migrate_cmd = app.add_subcommand("migrate", "apply pending schema migrations to --db and say what was done");
    auto* migrate_store_cmd = app.add_subcommand("migrate-store", "copy a hub store into another (repeatable, nothing twice)");
    std::string copy_from, copy_to;
    migrate_store_cmd->add_option("--from", copy_from, "source store (e.g. the county's hub.sqlite)")->required();
    migrate_store_cmd->add_option("--to", copy_to, "target store (e.g. postgresql://...)")->required();

    // The console (issue #17): accounts, and where its pages and settings come from.
    std::string console_dir, console_calendar;
    int console_idle_s = 15 * 60, min_sample = 30;
    app.add_option("--console-dir", console_dir, "console pages (default: /usr/share/hall-hub/console, or the source tree)");
    app.add_option("--console-calendar", console_calendar,
                   "hall config TOML whose [calendar] and manager.bad_rating_deadline_days the console counts deadlines with");
    app.add_option("--console-idle", console_idle_s, "seconds of inactivity before a console session ends")->capture_default_str();
    app.add_option("--min-sample", min_sample, "ratings a window needs in a month to be ranked")->capture_default_str();
    auto* user_cmd = app.add_subcommand("user", "console accounts (password read from stdin)");
    user_cmd->require_subcommand(1);
    std::string user_name, user_role, user_hall;
    auto* user_add = user_cmd->add_subcommand("add", "create an account");
    user_add->add_option("NAME", user_name, "login name")->required();
    user_add->add_option("--role", user_role, "centre-admin, centre-viewer, hall-manager, guide-editor or guide-reviewer")->required();
    user_add->add_option("--hall", user_hall, "the hall a hall-manager sees");
    auto* user_passwd = user_cmd->add_subcommand("passwd", "set a new password (also unlocks the account)");
    user_passwd->add_option("NAME", user_name, "login name")->required();
    auto* user_disable = user_cmd->add_subcommand("disable", "disable an account and end its sessions");
    user_disable->add_option("NAME", user_name, "login name")->required();
    // Guides authored in the console (issue #18, docs/guides-console.md).
    std::vector<std::string> hall_configs;
    std::string signing_key_path;
    app.add_option("--hall-config", hall_configs, "a hall's config TOML (repeatable): the halls, windows and departments guides choose from");
    app.add_option("--signing-key", signing_key_path,
                   "Ed25519 secret key file (hall-hub keygen) the console publishes guides with; must be readable by this user only");
    auto* guides_import_cmd = app.add_subcommand("guides-import", "import guides as drafts: a content bundle (.json) or the CSV layout");
    std::string guides_import_path;
    guides_import_cmd->add_option("FILE", guides_import_path, "bundle JSON or CSV")->required();
    auto* guides_export_cmd = app.add_subcommand("guides-export", "write the latest revision of every guide as CSV to stdout");
    auto* demo_cmd = app.add_subcommand("demo", "fill --db with a demo province (halls, kiosks, a year of records), then serve the console");
    console::DemoOptions demo_opts;
    demo_cmd->add_option("--records", demo_opts.records, "feedback records")->capture_default_str();
    demo_cmd->add_option("--halls", demo_opts.halls, "halls")->capture_default_str();
    int retention_days = kDefaultPhoneRetentionDays;
    app.add_option("--phone-retention-days", retention_days,
                   "erase callers' phone numbers this many days after the case closed (privacy.phone_retention_days)")
        ->check(CLI::Range(1, 3650))->capture_default_str();
    auto* retention_cmd = app.add_subcommand("retention", "erase expired phone numbers from stored records now (the server does it every 6 h)");
    std::string retention_now;
    retention_cmd->add_option("--now", retention_now, "pretend it is this UTC time (ISO 8601), for checks");

    CLI11_PARSE(app, argc, argv);
    // Levels reach the journal as syslog priorities under systemd (log/log.h).
    const auto level = hall::log::parse_level(log_level);
    if (!level) {
        std::cerr << "hall-hub: --log-level " << log_level << ": use one of " << hall::log::level_names() << '\n';
        return 2;
    }
    hall::log::init("hall-hub", *level);

    try {
        if (*keygen_cmd) {
            auto k = wire::generate_signing_key();
            std::ofstream f(key_out, std::ios::trunc);
            if (!f) throw std::runtime_error("cannot write " + key_out);
            f << k.secret_b64 << '\n';
            f.close();
            std::filesystem::permissions(key_out, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
            std::cout << "secret key written to " << key_out << "\npublic key (set sync.bundle_public_key on kiosks): " << k.public_b64 << '\n';
            return 0;
        }
        if (*migrate_cmd) {
            auto s = open_hub_store(db_path, false);
            const int before = s->schema_version();
            s->migrate();
            const int after = s->schema_version();
            if (before == after)
                std::cout << "schema is up to date at version " << after << " (this build knows " << s->known_schema_version() << ")\n";
            else
                std::cout << "schema migrated from version " << before << " to " << after << " (" << (after - before) << " step(s) applied)\n";
            return 0;
        }
        if (*migrate_store_cmd) {
            auto from = open_hub_store(copy_from);
            auto to = open_hub_store(copy_to);
            auto r = copy_hub_store(*from, *to, [](const std::string& line) { std::cerr << "migrate-store: " << line << '\n'; });
            std::cout << "principals: " << r.principals_copied << " copied, " << r.principals_present << " already there\n"
                      << "bundles: " << r.bundles_copied << " copied, " << r.bundles_present << " already there\n"
                      << "queue feeds: " << r.queues_copied << " copied, " << r.queues_kept << " kept (target as new)\n"
                      << "records: " << r.records_copied << " copied, " << r.records_present << " already there\n";
            return 0;
        }
        auto store = open_hub_store(db_path);
        console::GuideDirectory directory;
        for (const auto& path : hall_configs) {
            auto cfg = load_config_file(path);
            if (!cfg.ok()) throw std::runtime_error("--hall-config " + path + ": " + cfg.errors.front());
            const auto text = [](const LocalizedText& t) {
                nlohmann::json j = nlohmann::json::object();
                for (Lang l : kAllLangs)
                    if (!t[l].empty()) j[std::string(lang_code(l))] = t[l];
                return j;
            };
            console::GuideDirectory::Hall h{cfg.config.hall.id, text(cfg.config.hall.name), {}};
            for (const auto& w : cfg.config.hall.windows) h.windows.push_back({h.id, w.id, w.number, w.department_id, text(w.name)});
            directory.add_hall(std::move(h));
        }
        console::GuideStore guide_store(store->sql(), directory);
        if (*guides_import_cmd || *guides_export_cmd) {
            if (*guides_export_cmd) {
                std::cout << guide_store.export_csv();
                return 0;
            }
            auto text = read_file(guides_import_path);
            if (!text) throw std::runtime_error("cannot read " + guides_import_path);
            const console::User cli{"(cli)", "guide-editor", "", false};
            const bool is_json = guides_import_path.size() > 5 && guides_import_path.substr(guides_import_path.size() - 5) == ".json";
            auto rep = is_json ? guide_store.import_bundle(cli, *text, "") : guide_store.import_csv(cli, *text, "");
            for (const auto& p : rep.problems) std::cerr << guides_import_path << ":" << p.row << ": " << p.code << ": " << p.reason << '\n';
            std::cout << rep.imported << " of " << rep.rows << " guide(s) imported as drafts, " << rep.problems.size() << " refused\n";
            return rep.problems.empty() ? 0 : 1;
        }
        std::string signing_key;
        if (!signing_key_path.empty()) {
            namespace fs = std::filesystem;
            const auto perms = fs::status(signing_key_path).permissions();
            if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none)
                throw std::runtime_error("--signing-key " + signing_key_path + " is readable by other users: chmod 600 it (docs/guides-console.md)");
            auto key = read_file(signing_key_path);
            if (!key) throw std::runtime_error("cannot read --signing-key " + signing_key_path);
            while (!key->empty() && std::isspace(static_cast<unsigned char>(key->back()))) key->pop_back();
            if (!wire::public_key_of(*key)) throw std::runtime_error("--signing-key " + signing_key_path + " is not an Ed25519 secret key from hall-hub keygen");
            signing_key = *key;
        }
        console::AuthOptions auth_opts;
        auth_opts.idle_limit = std::chrono::seconds(std::max(1, console_idle_s));
        console::ConsoleAuth auth(store->sql(), auth_opts);
        if (*user_cmd) {
            std::string password;
            if (!*user_disable) {
                std::getline(std::cin, password);
                if (!password.empty() && password.back() == '\r') password.pop_back();
            }
            try {
                if (*user_add) auth.add_user(user_name, user_role, user_hall, password);
                else if (*user_passwd) auth.set_password(user_name, password);
                else auth.disable_user(user_name);
            } catch (const console::BadRequest& e) {
                std::cerr << "hall-hub user: " << e.what() << '\n';
                return 2;
            }
            std::cout << "user " << user_name << (*user_add ? " added" : *user_passwd ? ": password set" : " disabled") << '\n';
            return 0;
        }
        if (*kiosk_add) {
            auto token = add_kiosk(*store, kiosk_name, kiosk_hall, kiosk_role, expires_days);
            std::cout << token << '\n';
            std::cerr << "token for " << kiosk_name << " (hall " << kiosk_hall << "): shown once, put it in the kiosk's [sync] token\n";
            return 0;
        }
        if (*kiosk_revoke) {
            if (!revoke_kiosk(*store, kiosk_name)) {
                std::cerr << "hall-hub: no kiosk named " << kiosk_name << '\n';
                return 1;
            }
            std::cerr << "kiosk " << kiosk_name << ": token revoked; its requests get 401 from now on\n";
            return 0;
        }
        if (*kiosk_rotate) {
            auto token = rotate_kiosk(*store, kiosk_name, std::chrono::hours(24) * grace_days, expires_days);
            if (!token) {
                std::cerr << "hall-hub: no active kiosk named " << kiosk_name << '\n';
                return 1;
            }
            std::cout << *token << '\n';
            std::cerr << "new token for " << kiosk_name << ": the kiosk receives it at its next sync (old token valid " << grace_days
                      << " more day(s)); shown once\n";
            return 0;
        }
        if (*kiosks_cmd) {
            int silent = list_kiosks(*store, std::cout, std::chrono::seconds(silent_after));
            if (silent) std::cerr << silent << " kiosk(s) silent for more than " << silent_after << " s\n";
            return 0;
        }
        if (*publish_cmd) {
            auto bundle = read_file(bundle_path);
            auto key = read_file(key_path);
            if (!bundle) throw std::runtime_error("cannot read " + bundle_path);
            if (!key) throw std::runtime_error("cannot read " + key_path);
            while (!key->empty() && std::isspace(static_cast<unsigned char>(key->back()))) key->pop_back();
            auto r = publish_bundle(*store, *bundle, *key, publish_hall);
            if (!r.ok) {
                std::cerr << "hall-hub publish: " << r.error << '\n';
                return 1;
            }
            std::cout << "published version " << r.version << " etag " << r.etag << " for hall " << publish_hall << '\n';
            return 0;
        }
        if (*misses_cmd) {
            list_search_misses(*store, std::cout, misses_hall, misses_top);
            return 0;
        }
        if (*retention_cmd) {
            auto now = std::chrono::system_clock::now();
            if (!retention_now.empty()) {
                auto t = parse_iso_utc(retention_now);
                if (!t) throw std::runtime_error("--now must look like 2026-11-25T03:00:00Z");
                now = *t;
            }
            const auto r = run_phone_retention(*store, retention_days, now);
            if (r.erased > 0) console::audit_phone_erasure(auth, r.erased, retention_days);
            std::cout << "erased " << r.erased << " phone number(s) older than " << retention_days << " days; " << r.kept_open
                      << " kept for cases still open\n";
            return 0;
        }
        if (*export_cmd) {
            std::ofstream f;
            if (!out_path.empty()) {
                f.open(out_path, std::ios::trunc);
                if (!f) throw std::runtime_error("cannot write " + out_path);
            }
            auto n = export_records(*store, format, kind, out_path.empty() ? std::cout : f);
            std::cerr << n << " record(s) exported\n";
            return 0;
        }

        if (*demo_cmd && store->record_count("feedback") == 0) {
            std::cerr << "demo: writing " << demo_opts.records << " feedback records over " << demo_opts.halls << " halls ...\n";
            auto r = console::populate_demo(*store, demo_opts);
            std::cerr << "demo: " << r.feedback << " feedback, " << r.audit << " audit and " << r.coverage
                      << " coverage records (halls 3, 8, 13 ... have no queue feed)\n";
            for (const auto& [n, role, hall] : {std::tuple{"admin", "centre-admin", ""}, std::tuple{"viewer", "centre-viewer", ""},
                                                std::tuple{"manager01", "hall-manager", "hall-01"}})
                auth.add_user(n, role, hall, "demo-password");
            for (const auto& [n, role] : {std::pair{"editor01", "guide-editor"}, std::pair{"reviewer01", "guide-reviewer"},
                                          std::pair{"reviewer02", "guide-reviewer"}})
                auth.add_user(n, role, "", "demo-password");
        }

        // Serve.
        const auto colon = listen.rfind(':');
        if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
        opts.host = listen.substr(0, colon);
        opts.port = std::stoi(listen.substr(colon + 1));
        opts.tls_cert = tls_cert;
        opts.tls_key = tls_key;
        // Every connection is a descriptor: allow as many as the hard limit permits.
        if (rlimit rl{}; getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
        HubServer server(*store, opts);
        console::QueryOptions qopts;
        qopts.min_sample = min_sample;
        if (!console_calendar.empty()) {
            auto cfg = load_config_file(console_calendar);
            if (!cfg.ok()) throw std::runtime_error("--console-calendar " + console_calendar + ": " + cfg.errors.front());
            qopts.calendar = WorkCalendar::from_strings(cfg.config.calendar.holidays, cfg.config.calendar.workdays);
            qopts.bad_rating_deadline_days = cfg.config.manager.bad_rating_deadline_days;
        }
        console::ConsoleQueries queries(*store, qopts);
        console::ConsoleDeps console_deps{*store, auth, queries, {}};
        console_deps.options.web_dir = console_dir.empty() ? console::default_web_dir() : console_dir;
        console::GuideDeps guide_deps{console_deps, guide_store, signing_key};
        console::add_guide_routes(server.extra_routes(), guide_deps);  // before the console's API 404
        console::add_console_routes(server.extra_routes(), console_deps);
        const int port = server.bind();
        if (!port_file.empty()) {
            // Written whole, then renamed: a reader never sees half a number.
            std::ofstream(port_file + ".tmp", std::ios::trunc) << port << '\n';
            std::filesystem::rename(port_file + ".tmp", port_file);
        }
        std::atomic<bool> stop_sim{false};
        std::thread sim;
        if (!simulate_queue.empty()) {
            auto cfg = load_config_file(simulate_queue);
            if (!cfg.ok()) throw std::runtime_error("--simulate-queue " + simulate_queue + ": " + cfg.errors.front());
            sim = std::thread(run_queue_simulator, std::ref(*store), cfg.config.hall, std::cref(stop_sim));
        }
        g_server = &server;
        // GnuTLS may write to a socket the peer closed: an error to handle, not a signal.
        std::signal(SIGPIPE, SIG_IGN);
        std::signal(SIGTERM, on_signal);
        std::signal(SIGINT, on_signal);
        spdlog::info("hall-hub listening on {}://{}:{} (store {})", tls_cert.empty() ? "http" : "https", opts.host, port, redact_location(db_path));
        std::cout << "listening on " << opts.host << ':' << port << std::endl;
        if (*demo_cmd)
            std::cout << "console: " << (tls_cert.empty() ? "http" : "https") << "://" << opts.host << ':' << port
                      << "/console/  login admin / demo-password (also viewer, manager01; guides: editor01, reviewer01, reviewer02)" << std::endl;
        // Retention runs beside the server: at start, then every 6 hours (checked each second
        // so a stop is prompt). A failure is logged and tried again next time.
        std::thread retention([&store, &stop_sim, &auth, retention_days] {
            auto next = std::chrono::steady_clock::now();
            while (!stop_sim) {
                if (std::chrono::steady_clock::now() >= next) {
                    try {
                        const auto r = run_phone_retention(*store, retention_days, std::chrono::system_clock::now());
                        if (r.erased > 0) {
                            spdlog::info("retention: erased {} phone number(s) older than {} days", r.erased, retention_days);
                            console::audit_phone_erasure(auth, r.erased, retention_days);
                        }
                    } catch (const std::exception& e) {
                        spdlog::warn("retention: {}", e.what());
                    }
                    next = std::chrono::steady_clock::now() + std::chrono::hours(6);
                }
                std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        });
        server.run();
        stop_sim = true;
        if (sim.joinable()) sim.join();
        retention.join();
        g_server = nullptr;
        spdlog::info("hall-hub stopped");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "hall-hub: " << e.what() << '\n';
        return 1;
    }
}
