#pragma once
// Hall configuration (config/*.toml). Every problem is reported with the key it is about,
// so `hall-kiosk check-config FILE` can name all of them at once.
#include <string>
#include <vector>

#include "core/hall.h"
#include "core/lang.h"

namespace hall {

struct KioskSettings {
    std::string id = "kiosk-01";
    std::vector<Lang> languages{Lang::Hans, Lang::Hant, Lang::En};
    Lang default_language = Lang::Hans;
    int idle_timeout_s = 90;     // quiet time before the countdown shows
    int idle_countdown_s = 15;   // visible countdown before everything is discarded
    bool large_text = false;     // 適老化 mode at start
    std::string data_dir = "hall-data";        // SQLite store and runtime state
    std::string content_bundle = "content/demo-bundle.json";  // relative to the assets folder
    std::string assets_dir;      // empty: the built-in default
    std::string font_path;       // empty: Noto Sans CJK, then WenQuanYi
};

struct SyncSettings {
    std::string hub_url;          // empty: no sync (demo hall)
    std::string token;            // issued by `hall-hub kiosk add`
    std::string ca_file;          // extra CA bundle for the hub's certificate
    std::string pinned_pubkey;    // curl pinned public key ("sha256//...")
    std::string bundle_public_key;  // Ed25519 key that content bundles must be signed with (base64)
    int interval_s = 30;
    int queue_interval_s = 5;     // how often the queue board's hub feed is polled
    bool allow_plain_http = false; // http:// to a host other than loopback (trusted network only)
};

struct ManagerSettings {
    std::string pin_hash;         // Argon2id (libsodium crypt string); empty: manager mode disabled
    int lock_after_idle_s = 180;
    int bad_rating_deadline_days = 15;  // working days to handle a 差評
    // Default working days per ledger list (立查立改 / 限期整改 / 長期整改).
    int immediate_deadline_days = 1;
    int limited_deadline_days = 15;
    int long_term_deadline_days = 60;
};

// The hall's working-day calendar: deadlines are counted in working days.
struct CalendarSettings {
    std::vector<std::string> holidays;  // "2026-10-01": public holidays (法定節假日)
    std::vector<std::string> workdays;  // "2026-09-20": weekend days worked in exchange (調休)
    int utc_offset_minutes = 480;       // the hall's local time (China: UTC+8)
};

// The complaint reserve (kiosk/store/reserve.h): disk kept back for citizens' feedback.
struct StorageSettings {
    int reserve_records = 500;    // how many complaints the reserve must hold once the disk is full
    int low_free_mb = 256;        // "storage low" for the manager and the hub below this much free disk
};

// How long personal data is kept (docs/privacy.md).
struct PrivacySettings {
    // A caller's phone number is erased this many days after the case closed (a complaint)
    // or after it was given (praise and other ratings that open no case).
    int phone_retention_days = 180;
};

// One visit, one rating (docs/feedback.md): the hall's ticket format and the stuffing guard.
struct FeedbackSettings {
    // Tickets are a window's letter (windows[].ticket_prefix) and this many digits, e.g. A005.
    int ticket_digits = 3;
    // More than burst_max_ratings ratings for one window from this kiosk within burst_minutes
    // are flagged (kept, out of the statistics until a manager confirms them).
    int burst_max_ratings = 4;
    int burst_minutes = 10;
};

// The panel: how it is mounted and how big its pixels are. The kiosk lays out for the
// window it gets (landscape or portrait); these settings cover what it cannot see itself.
enum class Orientation { Auto, Landscape, Portrait };
struct DisplaySettings {
    int rotation = 0;                        // degrees clockwise (0/90/180/270): cage's -r, per start
    Orientation orientation = Orientation::Auto;  // auto: portrait when the window is taller than wide
    float scale = 0;                         // px per dp; 0: from the panel's DPI, else 1 at 1080 px
};

struct Config {
    HallInfo hall;
    KioskSettings kiosk;
    DisplaySettings display;
    SyncSettings sync;
    ManagerSettings manager;
    CalendarSettings calendar;
    StorageSettings storage;
    PrivacySettings privacy;
    FeedbackSettings feedback;
    std::string source_path;      // the file it was read from
};

struct ConfigLoad {
    Config config;
    std::vector<std::string> errors;  // "windows[2].map.x: must be a number"
    bool ok() const { return errors.empty(); }
};

ConfigLoad load_config_file(const std::string& path);
ConfigLoad load_config_string(const std::string& toml_text, const std::string& source_name = "<string>");

}  // namespace hall
