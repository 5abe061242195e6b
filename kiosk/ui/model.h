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
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/feedback.h"
#include "core/guide.h"
#include "core/hall.h"
#include "core/lang.h"
#include "core/queue.h"
#include "store/reserve.h"  // StorageStatus only: plain numbers, no SQLite
#include "ui/screens/screen_list.h"

namespace hall::ui {

// The citizens' screens, from the one table in screens/screen_list.h.
enum class Screen {
#define HALL_SCREEN_ENUM(e, ...) e,
    HALL_CITIZEN_SCREENS(HALL_SCREEN_ENUM)
#undef HALL_SCREEN_ENUM
};
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
    int utc_offset_minutes = 480;  // the hall's local time (call times on the ticket step)
    TicketFormat ticket_format;    // the hall's tickets (letters of its windows + digits)
    // "ticket|window" of the visits already rated today (one visit, one rating): the App
    // refreshes it when the feedback screen opens and after each rating.
    std::vector<std::string> rated_visits;
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

// What a screen asks the App to do. Each kind carries exactly what it needs, by name.
namespace intent {
struct None {};
struct Go {
    Screen screen = Screen::Home;
    std::string department;  // Guides only: open the list on this department (empty: as it was)
};
struct Back {};
struct Home {};
struct OpenGuide {
    std::string code;
};
struct SetLang {
    Lang lang = Lang::Hans;
};
struct ToggleLargeText {};
struct StartFeedback {
    std::string window_id;             // may be empty: the citizen picks the window first
    std::optional<Category> category;  // preselected
    std::string service_code;          // the guide the feedback is about, if any
};
struct ShowOnMap {
    std::string window_id;
};
struct SubmitFeedback {};  // the feedback screen's draft is complete
struct StillHere {};       // dismisses the idle countdown
}  // namespace intent

struct Intent {
    using Any = std::variant<intent::None, intent::Go, intent::Back, intent::Home, intent::OpenGuide, intent::SetLang,
                             intent::ToggleLargeText, intent::StartFeedback, intent::ShowOnMap, intent::SubmitFeedback,
                             intent::StillHere>;
    Any what;

    Intent() = default;
    template <class T>
        requires std::is_constructible_v<Any, T&&>
    Intent(T&& t) : what(std::forward<T>(t)) {}  // NOLINT: an intent struct is an Intent

    static Intent go(Screen s) { return intent::Go{s, {}}; }
    template <class T>
    const T* as() const { return std::get_if<T>(&what); }
    explicit operator bool() const { return !std::holds_alternative<intent::None>(what); }
};

}  // namespace hall::ui
