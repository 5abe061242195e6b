#include "ui/app.h"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/files.h"
#include "common/time.h"
#include "core/ids.h"
#include "core/workdays.h"
#include "ime/handwriting_engine.h"
#include "ime/pinyin_engine.h"
#include "store/migrations.h"
#include "ui/chrome.h"
#include "ui/screens/manager_pin.h"

namespace hall::ui {

std::int64_t SteadyClock::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
std::int64_t SteadyClock::wall_epoch_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const std::string& Model::department_name(const std::string& id) const {
    static const std::string empty;
    if (content)
        for (const auto& d : content->departments)
            if (d.id == id) return d.name.get(lang);
    return empty;
}

App::App(Config config, AppPaths paths, Clock& clock)
    : config_(std::move(config)),
      paths_(std::move(paths)),
      clock_(clock),
      ui_(fonts_, strings_, input_, registry_),
      idle_(config_.kiosk.idle_timeout_s * 1000LL, config_.kiosk.idle_countdown_s * 1000LL) {}

App::~App() {
    if (ime_loader_.joinable()) ime_loader_.join();
}

bool App::init(std::vector<std::string>& errors) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(paths_.data_dir, ec);
    if (ec) {
        errors.push_back("data folder " + paths_.data_dir + ": " + ec.message());
        return false;
    }
    try {
        db_ = std::make_unique<Db>((fs::path(paths_.data_dir) / "kiosk.sqlite").string());
        migrate(*db_);
    } catch (const StoreError& e) {
        errors.push_back(e.what());
        return false;
    }
    // The complaint reserve first: nothing else the kiosk writes at start may take its room.
    reserve_ = std::make_unique<Reserve>(paths_.data_dir, std::int64_t{config_.storage.reserve_records} * kReserveBytesPerRecord,
                                         std::int64_t{config_.storage.low_free_mb} * 1024 * 1024);
    reserve_->replenish(true);
    poll_storage(true);
    feedback_ = std::make_unique<FeedbackStore>(*db_, RatingGuard{config_.feedback.burst_max_ratings, config_.feedback.burst_minutes});
    guides_ = std::make_unique<GuideStore>(*db_);
    search_log_ = std::make_unique<SearchLog>(*db_);
    manager_ = std::make_unique<ManagerController>(config_, *db_, paths_.data_dir, [this] { return clock_.wall_epoch_ms(); });
    mark("store_open");

    if (!strings_.load(paths_.assets_dir + "/i18n", errors)) return false;
    mark("strings");
    if (!fonts_.init(config_.kiosk.font_path, errors, (fs::path(paths_.data_dir) / "font-atlas").string())) return false;
    ui_.set_ime(&ime_);
    if (!ime_on_demand_) open_ime();
    mark("ime");

    seed_content_from_bundle(errors);
    try {
        // Content imported before this kiosk knew pinyin and aliases. The pinyin dictionary is
        // read only when an index is built, so a normal start does not pay for it.
        if (guides_->rebuild_index_if_stale() && !guides_->has_pinyin())
            std::fprintf(stderr, "hall-kiosk: search without pinyin: %s\n", guides_->pinyin_error().c_str());
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: search index: %s\n", e.what());
    }
    reload_content();
    mark("content");

    model_.hall = &config_.hall;
    model_.languages = config_.kiosk.languages;
    model_.search = [this](std::string_view q) {
        try {
            return guides_->search(q);
        } catch (const StoreError& e) {
            // A damaged index must not take the guides down: the list by department still works.
            std::fprintf(stderr, "hall-kiosk: guide search failed: %s\n", e.what());
            return std::vector<std::string>{};
        }
    };
    model_.closest = [this](std::string_view q) {
        try {
            Closest c = guides_->closest(q);
            return SearchSuggestions{std::move(c.guides), std::move(c.departments)};
        } catch (const StoreError& e) {
            std::fprintf(stderr, "hall-kiosk: closest guides failed: %s\n", e.what());
            return SearchSuggestions{};
        }
    };
    model_.utc_offset_minutes = config_.calendar.utc_offset_minutes;
    model_.ticket_format.digits = config_.feedback.ticket_digits;
    for (const auto& w : config_.hall.windows)
        if (!w.ticket_prefix.empty() && model_.ticket_format.letters.find(w.ticket_prefix) == std::string::npos)
            model_.ticket_format.letters += w.ticket_prefix;
    queue_ = make_demo_queue();
    set_lang(config_.kiosk.default_language);
    set_large(config_.kiosk.large_text);
    // Every character the hall will show goes into the first atlas build.
    fonts_.request(strings_.all_text());
    for (Lang l : kAllLangs) {
        fonts_.request(config_.hall.name[l]);
        fonts_.request(config_.hall.address[l]);
        for (const auto& w : config_.hall.windows) fonts_.request(w.name[l]);
        for (const auto& n : config_.hall.landmark_names) fonts_.request(n[l]);
    }
    fonts_.set_baseline();
    idle_.touch(clock_.now_ms());
    update_model();
    // The first atlas here rather than in the first frame, so the profile shows it apart (in
    // the kiosk it is loaded or built on a worker while the window opens; the first frame
    // takes it).
    if (ImGui::GetCurrentContext()) fonts_.rebuild_if_needed();
    mark("fonts");
    poll_storage(true);  // after the import: what is left now
    run_retention();
    return true;
}

// First run, or a kiosk without a hub whose bundled file changed (a package upgrade): the
// bundled guides go into the store through the same import path the hub's bundles take.
// A normal start finds the store holding exactly this file and skips the parse and import.
bool App::seed_content_from_bundle(std::vector<std::string>& errors) {
    const std::string bundle_path = paths_.assets_dir + "/" + config_.kiosk.content_bundle;
    const bool held = guides_->version().has_value();
    if (held && !config_.sync.hub_url.empty()) return false;   // the hub's content wins
    const auto text = read_file(bundle_path);
    if (held && text && guides_->holds(*text)) return false;
    ImportResult r = import_bundle_file(bundle_path);
    if (!r.ok && r.version.empty())
        for (const auto& e : r.errors) errors.push_back("content: " + e);
    return r.ok;
}

void App::run_retention() {
    retention_ran_ms_ = clock_.now_ms();
    if (!manager_) return;
    try {
        const auto r = manager_->store().erase_expired_phones(config_.privacy.phone_retention_days);
        if (r.records > 0)
            std::fprintf(stderr, "hall-kiosk: erased %lld phone numbers older than %d days (privacy.phone_retention_days)\n",
                         static_cast<long long>(r.records), config_.privacy.phone_retention_days);
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: phone numbers not erased this time: %s\n", e.what());  // tried again in an hour
    }
}

ImportResult App::import_bundle_file(const std::string& path) {
    const auto text = read_file(path);
    if (!text) {
        ImportResult r;
        r.errors.push_back(path + ": cannot be read");
        return r;
    }
    try {
        const auto held = guides_->version();
        ImportResult r = guides_->import(*text);
        if (r.ok && held && *held == r.version) r.version = *held;  // same content again: nothing changed
        return r;
    } catch (const StoreError& e) {
        // A full disk or a failing store: the import rolled back, the kiosk runs on what it has.
        ImportResult r;
        r.errors.push_back(path + ": not imported, the store failed: " + e.what());
        return r;
    }
}

void App::reload_content() {
    try {
        auto loaded = guides_->load();
        if (loaded || !content_) content_ = std::move(loaded);
    } catch (const StoreError& e) {
        // Keep the guides already in memory: citizens can still read them.
        std::fprintf(stderr, "hall-kiosk: guides could not be reloaded: %s\n", e.what());
        if (!content_) return;
    }
    model_.content = content_ ? &*content_ : nullptr;
    model_.guide_by_code.clear();
    model_.content_version = content_ ? content_->version : std::string();
    if (content_) {
        for (const auto& g : content_->guides) {
            model_.guide_by_code[g.code] = &g;
            for (Lang l : kAllLangs) {
                fonts_.request(g.name[l]);
                fonts_.request(g.conditions[l]);
                fonts_.request(g.prohibitions[l]);
                fonts_.request(g.accepting_body[l]);
                fonts_.request(g.deciding_body[l]);
                fonts_.request(g.legal_basis[l]);
                for (const auto& mt : g.materials) {
                    fonts_.request(mt.name[l]);
                    fonts_.request(mt.source[l]);
                    fonts_.request(mt.notes[l]);
                }
                for (const auto& s : g.steps) fonts_.request(s[l]);
                for (const auto* t : {&g.fees, &g.fee_basis, &g.intermediary, &g.delivery, &g.result_sample, &g.remedies,
                                      &g.location, &g.hours, &g.complaint, &g.progress_query})
                    fonts_.request((*t)[l]);
                for (const auto& f : g.forms) fonts_.request(f.name[l]);
            }
        }
        for (const auto& d : content_->departments)
            for (Lang l : kAllLangs) fonts_.request(d.name[l]);
    }
    states_.guides.results_for = "\x01";  // results must follow the new content
    fonts_.set_baseline();
    frames_pending_ = std::max(frames_pending_, 2);
}

std::shared_ptr<QueueSource> App::make_demo_queue() {
    // The demo hall opened at 08:30 local time: the simulator runs the morning's calls, so
    // the feedback form finds a ticket from earlier in the day (issue 20).
    const std::int64_t mono = clock_.now_ms(), wall = clock_.wall_epoch_ms();
    const int off = config_.calendar.utc_offset_minutes;
    const std::int64_t local_ms = wall + std::int64_t{off} * 60000;
    const std::int64_t since_open = ((local_ms % 86'400'000) + 86'400'000) % 86'400'000 - (8 * 60 + 30) * 60'000LL;
    const std::int64_t start = mono - std::clamp<std::int64_t>(since_open, 0, 10 * 3'600'000LL);
    auto sim = std::make_shared<QueueSimulator>(config_.hall, 20261125u, start);
    sim->set_wall_clock(wall - mono, off);
    if (content_) {
        std::map<std::string, std::vector<std::string>> services;
        for (const auto& w : config_.hall.windows)
            for (const auto& g : content_->guides)
                if (g.department_id == w.department_id) services[w.id].push_back(g.code);
        sim->set_services(std::move(services));
    }
    sim->warm_up(mono);
    return sim;
}

void App::refresh_rated_visits() {
    try {
        model_.rated_visits = feedback_->rated_visits(config_.hall.id, visit_day_now());
    } catch (const StoreError& e) {
        model_.rated_visits.clear();  // the form works without it; the store still marks repeats
        std::fprintf(stderr, "hall-kiosk: rated visits: %s\n", e.what());
    }
}

std::string App::visit_day_now() {
    const auto wall = std::chrono::system_clock::time_point(std::chrono::milliseconds(clock_.wall_epoch_ms()));
    const auto d = local_date_of(iso_utc(wall), config_.calendar.utc_offset_minutes);
    return d ? format_date(*d) : std::string();
}

void App::flush_coverage() {
    // Closed days' coverage leaves for the hub (kind "coverage"): the centre sees it too.
    if (!feedback_) return;
    try {
        if (feedback_->flush_coverage(visit_day_now(), config_.hall.id, config_.kiosk.id) > 0 && on_record_stored_) on_record_stored_();
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: coverage not queued: %s\n", e.what());  // kept; tried again at the next day change
    }
}

void App::note_served() {
    // Coverage's denominator: tickets the feed reports served today, per window.
    const auto& q = model_.queue;
    if (q.day_calls.size() == served_noted_calls_ && q.day == served_noted_day_) return;
    served_noted_calls_ = q.day_calls.size();
    served_noted_day_ = q.day;
    if (q.day_calls.empty()) return;
    try {
        feedback_->note_served(q.day.empty() ? visit_day_now() : q.day, served_by_window(q));
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: tickets served not noted: %s\n", e.what());  // again at the next call
        served_noted_calls_ = 0;
    }
}

void App::set_queue_source(std::shared_ptr<QueueSource> q) {
    queue_ = std::move(q);
    frames_pending_ = std::max(frames_pending_, 2);
}

void App::set_lang(Lang l) {
    model_.lang = l;
    strings_.set_lang(l);
    fonts_.set_style(l, model_.large_text);
}

void App::set_large(bool large) {
    model_.large_text = large;
    fonts_.set_style(model_.lang, large);
    metrics_ = apply_theme(large);
    metrics_.portrait = layout_.portrait;
}

void App::set_window(int px_w, int px_h, float dpi) {
    const Layout l = choose_layout(px_w, px_h, config_.display, dpi);
    if (l.px_w == layout_.px_w && l.px_h == layout_.px_h && l.scale == layout_.scale && l.portrait == layout_.portrait) return;
    layout_ = l;
    metrics_.portrait = l.portrait;
    fonts_.set_raster_scale(l.scale);
    input_.set_display_size(l.width(), l.height(), l.scale);
    frames_pending_ = std::max(frames_pending_, 2);
}

void App::handle_event(const SDL_Event& e) {
    if (input_.handle(e)) {
        idle_.touch(clock_.now_ms());
        frames_pending_ = std::max(frames_pending_, 3);  // let ImGui settle after input
    }
    if (e.type == SDL_WINDOWEVENT) frames_pending_ = std::max(frames_pending_, 2);
}

bool App::idle_countdown_visible() {
    // Home with nothing entered has nothing to hide; elsewhere the citizen gets a warning.
    return screen_ != Screen::Home && idle_.counting_down(clock_.now_ms());
}

std::int64_t App::ms_until_next_change() {
    const std::int64_t now = clock_.now_ms();
    std::int64_t next = now + 1000;  // wake at 1 Hz at most to look at the clock and the feeds
    if (screen_ != Screen::Home) next = std::min(next, idle_.next_change_ms(now));
    // Work on worker threads (a bigger atlas, the input engines): look again soon.
    if (fonts_.busy() || (ime_loader_.joinable() && !ime_loaded_)) next = std::min(next, now + 16);
    return std::max<std::int64_t>(0, next - now);
}

bool App::needs_frame() {
    // New guides: reload before the frame, so the atlas grows before any new name is drawn.
    if (poll_content()) return true;
    if (frames_pending_ > 0 || input_.pending() || fonts_.dirty() || ime_loaded_) return true;
    const std::int64_t now = clock_.now_ms();
    if (idle_.expired(now) && (pinyin_ || handwriting_ || ime_loader_.joinable() || fonts_.above_baseline())) return true;
    if (manager_ && manager_->active() && manager_->needs_frame(now)) return true;
    if (screen_ != Screen::Home && idle_.expired(now)) return true;
    if (idle_countdown_visible() && idle_.seconds_left(now) != last_countdown_) return true;
    if (screen_ == Screen::Home && idle_.expired(now) && (model_.lang != config_.kiosk.default_language || model_.large_text != config_.kiosk.large_text))
        return true;
    // Only what is on screen counts: the queue feed matters on the queue board and the map.
    if ((screen_ == Screen::Queue || screen_ == Screen::Map) && queue_ && queue_->poll(now)) {
        frames_pending_ = 1;
        return true;
    }
    if (sync_status_) {
        const SyncIndicator s = sync_status_();
        if (s.online != model_.sync.online || s.outbox_depth != model_.sync.outbox_depth || s.configured != model_.sync.configured) return true;
    }
    return last_clock_ != hall_time_text().substr(11, 5);
}

std::string App::hall_time_text() {
    // The hall's configured offset, as records, deadlines and manager lists use: a machine
    // set to UTC still shows the hall's time.
    const std::chrono::system_clock::time_point t{std::chrono::milliseconds(clock_.wall_epoch_ms())};
    return local_time_text(t, config_.calendar.utc_offset_minutes);
}

bool App::poll_content() {
    if (!content_generation_ || content_generation_() == seen_content_generation_) return false;
    // New guides from the hub, imported by the sync thread through GuideStore::import.
    seen_content_generation_ = content_generation_();
    reload_content();
    return true;
}

void App::update_model() {
    poll_content();
    const std::int64_t now = clock_.now_ms();
    model_.now_ms = now;
    const std::string hall_time = hall_time_text();  // "2026-11-25 14:05"
    model_.clock_hhmm = last_clock_ = hall_time.substr(11, 5);
    model_.date_text = hall_time.substr(0, 10);
    if (model_.date_text != search_day_) {
        search_day_ = model_.date_text;
        flush_search_misses();
        flush_coverage();
    }
    if (queue_) {
        queue_->poll(now);
        model_.queue = queue_->snapshot();
        note_served();
    }
    if (sync_status_) model_.sync = sync_status_();
    poll_storage(false);
    if (now - retention_ran_ms_ >= 3'600'000) run_retention();
}

void App::poll_storage(bool force) {
    if (!reserve_) return;
    const std::int64_t now = clock_.now_ms();
    // statvfs is cheap, but the answer changes slowly: every few seconds is plenty.
    if (!force && now - storage_polled_ms_ < 5000) return;
    if (force || now - storage_refilled_ms_ >= 60000) {
        reserve_->replenish(false);
        storage_refilled_ms_ = now;
    }
    storage_polled_ms_ = now;
    const StorageStatus before = model_.storage;
    model_.storage = reserve_->status();
    if (model_.storage.level != before.level) {
        frames_pending_ = std::max(frames_pending_, 2);
        if (model_.storage.low())
            std::fprintf(stderr, "hall-kiosk: storage %s: %lld bytes free, reserve %lld of %lld bytes\n",
                         std::string(storage_level_name(model_.storage.level)).c_str(), static_cast<long long>(model_.storage.free_bytes),
                         static_cast<long long>(model_.storage.reserve_bytes), static_cast<long long>(model_.storage.reserve_target));
    }
}

namespace {
// Opens both engines; one that cannot open is left out (the keyboard offers the rest).
void load_engines(const std::string& data_dir, Lang lang, std::unique_ptr<ime::PinyinEngine>& pinyin,
                  std::unique_ptr<ime::HandwritingEngine>& handwriting) {
    std::string error;
    // Deploys the pinyin schemas into the data folder on the first run only (packaging's
    // postinst normally did it already: `hall-kiosk ime-deploy`).
    ime::PinyinOptions options;
    options.paths = ime::rime_paths_for_data_dir(data_dir);
    options.lang = lang;
    pinyin = ime::PinyinEngine::open(options, error);
    if (!pinyin) std::fprintf(stderr, "hall-kiosk: pinyin input unavailable: %s\n", error.c_str());
    handwriting = ime::HandwritingEngine::open(ime::kDefaultHandwritingModel, error);
    if (!handwriting) std::fprintf(stderr, "hall-kiosk: handwriting input unavailable: %s\n", error.c_str());
    if (handwriting) handwriting->set_lang(lang);
}
}  // namespace

void App::open_ime() {
    load_engines(paths_.data_dir, config_.kiosk.default_language, pinyin_, handwriting_);
    ime_.pinyin = pinyin_.get();
    ime_.handwriting = handwriting_.get();
}

void App::start_ime_loading() {
    if (!ime_on_demand_ || pinyin_ || handwriting_ || ime_loader_.joinable()) return;
    // A screen with a text field opened: the engines load while the citizen reads it.
    ime_loaded_ = false;
    ime_loader_ = std::thread([this, dir = paths_.data_dir, lang = model_.lang] {
        setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);   // below the UI thread
        load_engines(dir, lang, loaded_pinyin_, loaded_handwriting_);
        ime_loaded_ = true;
    });
}

void App::collect_ime() {
    if (!ime_loaded_) return;
    ime_loader_.join();
    ime_loaded_ = false;
    pinyin_ = std::move(loaded_pinyin_);
    handwriting_ = std::move(loaded_handwriting_);
    ime_.pinyin = pinyin_.get();
    ime_.handwriting = handwriting_.get();
    ime_.owner = nullptr;
    frames_pending_ = std::max(frames_pending_, 2);
}

void App::release_idle_memory() {
    // Nobody is at the kiosk: what one citizen's typing needed leaves memory (the engines,
    // their dictionaries and model, the characters the atlas grew by). The next text field
    // loads the engines again on a worker thread.
    bool released = fonts_.drop_to_baseline();
    if (ime_on_demand_ && (pinyin_ || handwriting_ || ime_loader_.joinable())) {
        if (ime_loader_.joinable()) ime_loader_.join();
        ime_loaded_ = false;
        loaded_pinyin_.reset();
        loaded_handwriting_.reset();
        ime_ = ImeServices{};
        pinyin_.reset();
        handwriting_.reset();
        released = true;
    }
    if (released) malloc_trim(0);
}

void App::reset_for_next_person() {
    // Fresh structs: nothing the last citizen entered survives (STYLE.md point 1).
    if (manager_) manager_->lock("idle_reset");
    end_search();
    // That includes a word half-typed in the pinyin engine, which outlives the keyboards.
    if (pinyin_) pinyin_->clear();
    ime_.owner = nullptr;
    states_ = ScreenStates{};
    history_.clear();
    screen_ = Screen::Home;
    set_lang(config_.kiosk.default_language);
    set_large(config_.kiosk.large_text);
    idle_.touch(clock_.now_ms());
    frames_pending_ = std::max(frames_pending_, 2);
}

void App::go(Screen s) {
    if (s == Screen::Feedback || s == Screen::Guides) start_ime_loading();   // screens with a text field
    if (s == screen_) return;
    history_.push_back(screen_);
    screen_ = s;
}

namespace {
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;
}  // namespace

void App::apply(const Intent& it) {
    if (!it) return;
    std::visit(Overloaded{
                   [](const intent::None&) {},
                   [&](const intent::Go& g) {
                       if (g.screen == Screen::Feedback && screen_ != Screen::Feedback) {
                           states_.feedback = FeedbackState{};
                           refresh_rated_visits();
                       }
                       if (g.screen == Screen::Guides && !g.department.empty()) {
                           states_.guides.department = g.department;
                           states_.guides.query.clear();
                       }
                       go(g.screen);
                   },
                   [&](const intent::Back&) {
                       if (history_.empty()) screen_ = Screen::Home;
                       else {
                           screen_ = history_.back();
                           history_.pop_back();
                       }
                   },
                   [&](const intent::Home&) {
                       // Leaving for Home drops any half-written feedback, but keeps the language.
                       const Lang l = model_.lang;
                       const bool large = model_.large_text;
                       reset_for_next_person();
                       set_lang(l);
                       set_large(large);
                   },
                   [&](const intent::OpenGuide& o) {
                       if (screen_ == Screen::Guides && !states_.guides.query.empty()) {
                           // Counted locally so the guides citizens open for a query rise for it.
                           try {
                               guides_->note_opened(states_.guides.query, o.code);
                           } catch (const StoreError& e) {
                               std::fprintf(stderr, "hall-kiosk: search counts: %s\n", e.what());
                           }
                           search_session_.opened();
                       }
                       states_.guide.code = o.code;
                       go(Screen::GuideDetail);
                   },
                   [&](const intent::SetLang& l) { set_lang(l.lang); },
                   [&](const intent::ToggleLargeText&) { set_large(!model_.large_text); },
                   [&](const intent::StartFeedback& f) {
                       auto& st = states_.feedback;
                       st = FeedbackState{};
                       st.draft.window_id = f.window_id;
                       st.draft.service_code = f.service_code;
                       if (f.category) st.draft.toggle(*f.category);
                       refresh_rated_visits();
                       st.step = f.window_id.empty() ? FeedbackStep::Window : f.category ? FeedbackStep::Rating : FeedbackStep::Category;
                       go(Screen::Feedback);
                   },
                   [&](const intent::ShowOnMap& s) {
                       states_.map.highlight = s.window_id;
                       go(Screen::Map);
                   },
                   [&](const intent::SubmitFeedback&) { submit_feedback(); },
                   [&](const intent::StillHere&) { idle_.touch(clock_.now_ms()); },
               },
               it.what);
    frames_pending_ = std::max(frames_pending_, 2);
}

void App::submit_feedback() {
    auto& st = states_.feedback;
    st.problems = validate_draft(st.draft);
    st.store_error_key.clear();
    if (!st.problems.empty()) return;
    const std::string uuid = new_uuid();
    const auto wall = std::chrono::system_clock::time_point(std::chrono::milliseconds(clock_.wall_epoch_ms()));
    const std::string created_at = iso_utc(wall);
    const auto day = local_date_of(created_at, config_.calendar.utc_offset_minutes);
    Feedback f = make_feedback(st.draft, config_.hall.id, config_.kiosk.id, std::string(lang_code(model_.lang)), uuid,
                               receipt_from_uuid(uuid), created_at, day ? format_date(*day) : std::string());
    try {
        // On a full disk the complaint reserve makes room. The store decides, in the same
        // transaction, whether this visit was already rated and whether the guard holds it.
        f = feedback_->insert(f, reserve_.get());
    } catch (const StoreError& e) {
        // Nothing was written; the citizen's form stays on screen with a clear message.
        st.store_error_key = e.kind() == StoreFailure::DiskFull ? "feedback.error.disk_full" : "feedback.error.store";
        std::fprintf(stderr, "hall-kiosk: could not store feedback: %s\n", e.what());
        poll_storage(true);
        return;
    }
    if (reserve_ && reserve_->slices_released() != reserve_slices_seen_) {
        reserve_slices_seen_ = reserve_->slices_released();
        poll_storage(true);  // the manager and the heartbeat say so at once
    }
    if (on_record_stored_) on_record_stored_();
    states_.thanks = ThanksState{f.receipt, f.is_bad(), !f.phone.empty(), f.is_repeat()};
    refresh_rated_visits();
    states_.feedback = FeedbackState{};
    history_.clear();
    screen_ = Screen::Thanks;
}

Intent App::draw_idle_overlay() {
    Intent out;
    const std::int64_t now = clock_.now_ms();
    last_countdown_ = idle_.seconds_left(now);
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    // Centred, as tall as its text needs (large text, long English) and never wider than the screen.
    ImGui::SetNextWindowPos(ImVec2(ds.x / 2, ds.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(1000.f, ds.x - 80), 0));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(colour::kPanel));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(48, 40));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.f);
    ImGui::Begin("idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ui_.text_t("idle.title", colour::kPrimaryDark, fonts_.title());
    ui_.text(strings_.fmt("idle.countdown", {std::to_string(last_countdown_)}), colour::kText, fonts_.heading());
    ui_.text_t("idle.explain", colour::kTextMuted);
    ImGui::Dummy(ImVec2(0, 10));
    if (ui_.button_t("idle.continue", ImVec2(-1, metrics_.touch * 1.2f), ButtonStyle::Primary)) out = intent::StillHere{};
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return out;
}

namespace {
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}
}  // namespace

void App::frame() {
    const double cpu0 = thread_cpu_ms();
    const std::int64_t now = clock_.now_ms();
    collect_ime();
    // Manager mode covers the kiosk and keeps its own idle lock (manager.lock_after_idle_s);
    // the kiosk's idle reset waits until it is closed.
    const bool managing = manager_ && manager_->active();
    if (!managing && idle_.expired(now) &&
        (screen_ != Screen::Home || model_.lang != config_.kiosk.default_language || model_.large_text != config_.kiosk.large_text))
    {
        reset_for_next_person();
        release_idle_memory();
    } else if (!managing && idle_.expired(now) && screen_ == Screen::Home) {
        release_idle_memory();   // the citizen went Home and left
    }
    update_model();
    ui_.begin_frame(managing ? manager_->screen_name() : std::string(screen_name(screen_)), metrics_);
    begin_root("kiosk");
    if (managing) {
        manager_->frame(ui_, model_, now);
        end_root();
        if (!manager_->active()) frames_pending_ = std::max(frames_pending_, 2);
        if (frames_pending_ > 0) --frames_pending_;
        ++frames_;
        frame_cpu_ms_ += thread_cpu_ms() - cpu0;
        return;
    }
    Intent it = draw_screen(screen_, ui_, model_, states_);
    // Dim the screen behind the idle countdown in the root window, so the dialog itself stays bright.
    if (idle_countdown_visible()) ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImGui::GetIO().DisplaySize, IM_COL32(0, 0, 0, 110));
    end_root();
    if (screen_ == Screen::Home && manager_) {
        // A long press on the top-left corner opens the PIN pad.
        if (manager_corner_held(ui_)) manager_->open_pad(ui_);
        if (manager_->active()) frames_pending_ = std::max(frames_pending_, 2);
    }
    if (idle_countdown_visible()) {
        // While the countdown shows, only its own button counts.
        registry_.begin_frame();
        if (Intent o = draw_idle_overlay()) it = o;
        else it = Intent{};
    } else {
        last_countdown_ = -1;
    }
    apply(it);
    follow_search();
    if (frames_pending_ > 0) --frames_pending_;
    ++frames_;
    frame_cpu_ms_ += thread_cpu_ms() - cpu0;
}

void App::follow_search() {
    std::optional<std::string> miss;
    if (screen_ == Screen::Guides) miss = search_session_.observe(states_.guides.query);
    else if (screen_ != Screen::GuideDetail) miss = search_session_.end();
    if (!miss) return;
    try {
        search_log_->note_miss(*miss, model_.date_text);
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: search misses: %s\n", e.what());  // a count is not worth stopping for
    }
}

void App::end_search() {
    if (auto miss = search_session_.end()) {
        try {
            search_log_->note_miss(*miss, model_.date_text);
        } catch (const StoreError& e) {
            std::fprintf(stderr, "hall-kiosk: search misses: %s\n", e.what());
        }
    }
}

void App::flush_search_misses() {
    if (!search_log_ || search_day_.empty()) return;
    try {
        if (search_log_->flush_closed_days(search_day_, config_.hall.id, config_.kiosk.id) > 0 && on_record_stored_) on_record_stored_();
    } catch (const StoreError& e) {
        std::fprintf(stderr, "hall-kiosk: search misses: %s\n", e.what());  // kept; tried again at the next day change
    }
}

}  // namespace hall::ui
