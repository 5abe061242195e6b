#pragma once
// The kiosk application: owns the model, the screens' states and the store, draws one
// frame at a time and applies the intents screens return. It knows nothing of OpenGL:
// a Platform (platform.h) wraps frames for a real window or for headless tests.
#include <SDL.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/config.h"
#include "core/idle.h"
#include "core/queue.h"
#include "sqlite/database.h"
#include "store/feedback_store.h"
#include "core/search_query.h"
#include "store/guide_store.h"
#include "store/search_log.h"
#include "store/reserve.h"
#include "ui/fonts.h"
#include "ui/input.h"
#include "ui/layout.h"
#include "ui/model.h"
#include "ui/registry.h"
#include "ui/manager_controller.h"
#include "ui/screens/screens.h"
#include "ui/startup_profile.h"
#include "ui/strings.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace hall::ime {
class PinyinEngine;
class HandwritingEngine;
}  // namespace hall::ime

namespace hall::ui {

// Time as the App sees it: a real clock in production, a hand-driven one in tests.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t now_ms() = 0;          // monotonic
    virtual std::int64_t wall_epoch_ms() = 0;   // for the on-screen clock and records
};

class SteadyClock final : public Clock {
public:
    std::int64_t now_ms() override;
    std::int64_t wall_epoch_ms() override;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t wall_start_ms) : wall_start_(wall_start_ms) {}
    std::int64_t now_ms() override { return t_; }
    std::int64_t wall_epoch_ms() override { return wall_start_ + t_; }
    void advance(std::int64_t ms) { t_ += ms; }
private:
    std::int64_t t_ = 1000;
    std::int64_t wall_start_;
};

struct AppPaths {
    std::string assets_dir;   // i18n/, content/
    std::string data_dir;     // kiosk.sqlite
};

class App {
public:
    App(Config config, AppPaths paths, Clock& clock);
    ~App();

    // Opens the store (migrating it), loads strings, fonts and content. Errors are
    // collected; false only when the kiosk cannot run at all.
    bool init(std::vector<std::string>& errors);
    // Start-up phases are marked into this profile when set (the benchmark prints it).
    void set_startup_profile(StartupProfile* p) { profile_ = p; }
    // The kiosk (before init): the Chinese input engines load on a worker thread when a screen
    // with a text field opens and close again when the kiosk idles, and the font atlas grows
    // on a worker thread. Off (scripts, tests): engines open in init, the atlas grows in place.
    void set_load_on_demand(bool on) {
        ime_on_demand_ = on;
        fonts_.set_background(on);
    }
    // True while the engines are loading (tests wait for them).
    bool ime_loading() const { return ime_loader_.joinable(); }

    // The window in pixels and the panel's DPI (0: unknown): chooses the layout, the scale
    // of the frame and the fonts. The platform calls it before every frame; cheap when unchanged.
    void set_window(int px_w, int px_h, float dpi);
    const Layout& layout() const { return layout_; }

    // Input: every SDL event goes here.
    void handle_event(const SDL_Event& e);
    // Whether a frame should be drawn now (input, animation, a changed model).
    bool needs_frame();
    // How long the loop may sleep before the next scheduled change.
    std::int64_t ms_until_next_change();
    // Draws one frame between ImGui::NewFrame() and ImGui::Render().
    void frame();

    Fonts& fonts() { return fonts_; }
    TouchInput& input() { return input_; }
    const Registry& registry() const { return registry_; }
    Screen screen() const { return screen_; }
    Lang lang() const { return model_.lang; }
    bool large_text() const { return model_.large_text; }
    const Strings& strings() const { return strings_; }
    const Config& config() const { return config_; }
    Db& db() { return *db_; }
    FeedbackStore& feedback_store() { return *feedback_; }
    GuideStore& guide_store() { return *guides_; }
    SearchLog& search_log() { return *search_log_; }
    // The complaint reserve (kiosk/store/reserve.h) and the storage state the manager sees.
    Reserve& reserve() { return *reserve_; }
    const StorageStatus& storage() const { return model_.storage; }
    // Manager mode (issue 8): the hidden entry, the PIN pad and the manager's screens.
    ManagerController& manager() { return *manager_; }
    // Work on a worker thread whose answer a test or script waits for (manager mode's counts,
    // charts and exports); the driver draws frames until it is in.
    bool background_pending() { return manager_ && manager_->background_pending(); }
    const FeedbackState& feedback_state() const { return states_.feedback; }
    const GuidesState& guides_state() const { return states_.guides; }
    const ThanksState& thanks_state() const { return states_.thanks; }
    const ImeServices& ime() const { return ime_; }
    bool idle_countdown_visible();
    std::uint64_t frames_drawn() const { return frames_; }
    // CPU time this thread spent building frames (screens + ImGui), without the GPU part.
    double frame_cpu_ms_total() const { return frame_cpu_ms_; }

    // Hooks for sync: a different queue source, a status provider, new content, new records.
    void set_queue_source(std::shared_ptr<QueueSource> q);
    void set_sync_status(std::function<SyncIndicator()> f) { sync_status_ = std::move(f); }
    // Polled each frame; when the number changes, guides are reloaded from the store.
    void set_content_generation(std::function<std::uint64_t()> f) { content_generation_ = std::move(f); }
    // Called after a record was committed (the sync thread can send it at once).
    void set_on_record_stored(std::function<void()> f) { on_record_stored_ = std::move(f); }
    // Re-reads content from the store (after the sync client imported a bundle).
    void reload_content();
    // Imports a bundle file through the one import path; errors name what is wrong.
    ImportResult import_bundle_file(const std::string& path);

private:
    void apply(const Intent& it);
    void reset_for_next_person();
    void go(Screen s);
    void update_model();
    std::string hall_time_text();  // "2026-11-25 14:05": the hall's clock for the home screen
    bool poll_content();
    void set_lang(Lang l);
    void set_large(bool large);
    void submit_feedback();
    // One visit, one rating (issue 20): the demo queue with the morning's calls, the visits
    // rated today for the feedback screen, the tickets served per window for coverage.
    std::shared_ptr<QueueSource> make_demo_queue();
    void refresh_rated_visits();
    std::string visit_day_now();
    void note_served();
    void flush_coverage();
    void poll_storage(bool force);
    void run_retention();  // privacy.phone_retention_days, hourly
    Intent draw_idle_overlay();
    void open_ime();
    // Search misses (issue #14): follows the guides screen's query, counts the ones that end
    // with no guide opened, and sends closed days on.
    void follow_search();
    void end_search();
    void flush_search_misses();
    void start_ime_loading();
    void collect_ime();
    void release_idle_memory();
    bool seed_content_from_bundle(std::vector<std::string>& errors);

    void mark(const char* phase) {
        if (profile_) profile_->mark(phase);
    }

    Config config_;
    AppPaths paths_;
    StartupProfile* profile_ = nullptr;
    Clock& clock_;
    std::unique_ptr<Db> db_;
    std::unique_ptr<Reserve> reserve_;
    std::int64_t storage_polled_ms_ = 0;
    std::int64_t storage_refilled_ms_ = 0;
    int reserve_slices_seen_ = 0;
    std::int64_t retention_ran_ms_ = 0;
    std::unique_ptr<FeedbackStore> feedback_;
    std::unique_ptr<GuideStore> guides_;
    std::unique_ptr<SearchLog> search_log_;
    SearchSession search_session_;
    std::string search_day_;  // the local day search misses are counted for
    std::unique_ptr<ManagerController> manager_;
    std::shared_ptr<QueueSource> queue_;
    std::size_t served_noted_calls_ = 0;
    std::string served_noted_day_;
    std::function<SyncIndicator()> sync_status_;
    std::function<std::uint64_t()> content_generation_;
    std::uint64_t seen_content_generation_ = 0;
    std::function<void()> on_record_stored_;
    std::optional<ContentBundle> content_;

    Strings strings_;
    Fonts fonts_;
    TouchInput input_;
    Registry registry_;
    Ui ui_;
    Metrics metrics_;
    Layout layout_;
    Model model_;
    IdleTimer idle_;

    // Chinese input (kiosk/ime), shared by every keyboard; an engine that cannot open is
    // left out and the keyboard offers the rest.
    std::unique_ptr<ime::PinyinEngine> pinyin_;
    std::unique_ptr<ime::HandwritingEngine> handwriting_;
    ImeServices ime_;
    bool ime_on_demand_ = false;
    std::thread ime_loader_;                 // opens the engines off the UI thread
    std::atomic<bool> ime_loaded_{false};    // the loader finished: collect its engines
    std::unique_ptr<ime::PinyinEngine> loaded_pinyin_;
    std::unique_ptr<ime::HandwritingEngine> loaded_handwriting_;

    Screen screen_ = Screen::Home;
    std::vector<Screen> history_;
    ScreenStates states_;  // every citizen screen's state (screens/screen_list.h)

    int frames_pending_ = 3;
    std::uint64_t frames_ = 0;
    double frame_cpu_ms_ = 0;
    std::string last_clock_;
    int last_countdown_ = -1;
};

}  // namespace hall::ui
