#pragma once
// What screens are handed each frame (read-only), the screens there are, and the intents
// they return. Screens never touch SQLite, the network or the clock: the App does, by
// applying intents. That is what lets a screen be tested without a display.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feedback.h"
#include "core/guide.h"
#include "core/hall.h"
#include "core/lang.h"
#include "core/queue.h"
#include "store/reserve.h"  // StorageStatus only: plain numbers, no SQLite

namespace hall::ui {

enum class Screen { Home, Guides, GuideDetail, Queue, Map, Feedback, Thanks };
std::string_view screen_name(Screen s);  // "home", "guides", ... (used by `expect screen`)
std::optional<Screen> screen_from_name(std::string_view name);

struct SyncIndicator {
    bool configured = false;
    bool online = false;
    std::int64_t outbox_depth = 0;
    std::string last_success;  // ISO time, empty when never
};

// When a search finds nothing: the guides closest to the query (shared sound or characters)
// and their departments, so the screen is never a dead end.
struct SearchSuggestions {
    std::vector<std::string> guides;       // codes, closest first
    std::vector<std::string> departments;  // ids
};

struct Model {
    const HallInfo* hall = nullptr;
    const ContentBundle* content = nullptr;
    std::map<std::string, const Guide*> guide_by_code;
    std::string content_version;
    std::string content_imported_at;
    QueueSnapshot queue;
    std::vector<Lang> languages;
    Lang lang = Lang::Hans;
    bool large_text = false;
    std::int64_t now_ms = 0;       // monotonic, for durations
    std::string clock_hhmm;        // the hall's wall-clock time ([calendar] utc_offset_minutes), "14:05"
    std::string date_text;         // the hall's date, "2026-11-25"
    SyncIndicator sync;
    StorageStatus storage;  // free disk and the complaint reserve (manager mode shows it)
    // Guide search (the App backs it with SQLite FTS5); screens call it when the query changes.
    std::function<std::vector<std::string>(std::string_view)> search;
    std::function<SearchSuggestions(std::string_view)> closest;

    const Guide* guide(const std::string& code) const {
        auto it = guide_by_code.find(code);
        return it == guide_by_code.end() ? nullptr : it->second;
    }
    const std::string& department_name(const std::string& id) const;
};

struct Intent {
    enum class Kind {
        None,
        Go,               // screen
        Back,
        Home,
        OpenGuide,        // id = guide code
        SetLang,          // lang
        ToggleLargeText,
        StartFeedback,    // id = window id (may be empty), category preselected, code = service code
        ShowOnMap,        // id = window id
        SubmitFeedback,   // the feedback screen's draft is complete
        StillHere,        // dismisses the idle countdown
    };
    Kind kind = Kind::None;
    Screen screen = Screen::Home;
    std::string id;
    std::string code;
    Lang lang = Lang::Hans;
    std::optional<Category> category;

    static Intent go(Screen s) { Intent i; i.kind = Kind::Go; i.screen = s; return i; }
    static Intent of(Kind k) { Intent i; i.kind = k; return i; }
    explicit operator bool() const { return kind != Kind::None; }
};

}  // namespace hall::ui
