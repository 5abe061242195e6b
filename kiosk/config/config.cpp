#include "config/config.h"

#include <arpa/inet.h>

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "common/files.h"
#include "core/ids.h"
#include "core/text.h"
#include "core/workdays.h"

namespace hall {
namespace {

struct Reader {
    std::vector<std::string>& errors;

    void fail(const std::string& key, const std::string& what) { errors.push_back(key + ": " + what); }

    // Reports keys this build does not know: a typo must not be silently ignored.
    void known(const toml::table& t, const std::string& at, std::initializer_list<std::string_view> keys) {
        std::set<std::string_view> ks(keys);
        for (auto&& [k, v] : t)
            if (!ks.count(k.str())) fail(at.empty() ? std::string(k.str()) : at + "." + std::string(k.str()), "unknown key");
    }

    std::string str(const toml::table& t, const std::string& at, std::string_view key, const std::string& def, bool required = false) {
        const auto* n = t.get(key);
        const std::string full = at + "." + std::string(key);
        if (!n) {
            if (required) fail(full, "missing");
            return def;
        }
        if (!n->is_string()) { fail(full, "must be a string"); return def; }
        auto s = n->as_string()->get();
        if (!is_valid_utf8(s)) { fail(full, "not valid UTF-8"); return def; }
        return s;
    }

    int integer(const toml::table& t, const std::string& at, std::string_view key, int def, int lo, int hi) {
        const auto* n = t.get(key);
        const std::string full = at + "." + std::string(key);
        if (!n) return def;
        if (!n->is_integer()) { fail(full, "must be a whole number"); return def; }
        const auto v = n->as_integer()->get();
        if (v < lo || v > hi) { fail(full, "must be between " + std::to_string(lo) + " and " + std::to_string(hi)); return def; }
        return static_cast<int>(v);
    }

    float number(const toml::table& t, const std::string& at, std::string_view key, float def, bool required) {
        const auto* n = t.get(key);
        const std::string full = at + "." + std::string(key);
        if (!n) {
            if (required) fail(full, "missing");
            return def;
        }
        if (n->is_integer()) return static_cast<float>(n->as_integer()->get());
        if (n->is_floating_point()) return static_cast<float>(n->as_floating_point()->get());
        fail(full, "must be a number");
        return def;
    }

    // Ids travel in every record; the hub refuses longer ones for good.
    void id_length(const std::string& key, const std::string& id) {
        if (id.size() > kMaxIdBytes)
            fail(key, "longer than " + std::to_string(kMaxIdBytes) + " bytes (" + std::to_string(id.size()) +
                          "): the hub would reject every record carrying it");
    }

    bool boolean(const toml::table& t, const std::string& at, std::string_view key, bool def) {
        const auto* n = t.get(key);
        if (!n) return def;
        if (!n->is_boolean()) { fail(at + "." + std::string(key), "must be true or false"); return def; }
        return n->as_boolean()->get();
    }

    LocalizedText text(const toml::table& t, const std::string& at, std::string_view key, bool required) {
        LocalizedText out;
        const auto* n = t.get(key);
        const std::string full = at + "." + std::string(key);
        if (!n) {
            if (required) fail(full, "missing");
            return out;
        }
        if (n->is_string()) {  // one text for all languages
            for (Lang l : kAllLangs) out[l] = n->as_string()->get();
            return out;
        }
        if (!n->is_table()) { fail(full, "must be a string or a table of zh-Hans, zh-Hant, en"); return out; }
        for (auto&& [k, v] : *n->as_table()) {
            auto lang = lang_from_code(k.str());
            if (!lang) { fail(full + "." + std::string(k.str()), "unknown language"); continue; }
            if (!v.is_string()) { fail(full + "." + std::string(k.str()), "must be a string"); continue; }
            out[*lang] = v.as_string()->get();
        }
        if (required && (out[Lang::Hans].empty() || out[Lang::Hant].empty())) fail(full, "needs both zh-Hans and zh-Hant");
        return out;
    }

    // A list of "YYYY-MM-DD" strings (TOML dates are accepted too); each bad one is named.
    std::vector<std::string> dates(const toml::table& t, const std::string& at, std::string_view key) {
        std::vector<std::string> out;
        const auto* n = t.get(key);
        const std::string full = at + "." + std::string(key);
        if (!n) return out;
        if (!n->is_array()) { fail(full, "must be a list like [\"2026-10-01\", \"2026-10-02\"]"); return out; }
        int i = 0;
        for (auto&& v : *n->as_array()) {
            const std::string item = full + "[" + std::to_string(i++) + "]";
            std::string s;
            if (v.is_string()) s = v.as_string()->get();
            else if (v.is_date()) {
                const auto d = v.as_date()->get();
                char buf[16];
                std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
                s = buf;
            } else { fail(item, "must be a date like \"2026-10-01\""); continue; }
            if (!parse_date(s)) { fail(item, "\"" + s + "\" is not a real date like 2026-10-01"); continue; }
            out.push_back(s);
        }
        return out;
    }

    MapRect rect(const toml::table& t, const std::string& at) {
        MapRect r;
        r.x = number(t, at, "x", 0, true);
        r.y = number(t, at, "y", 0, true);
        r.w = number(t, at, "w", 8, false);
        r.h = number(t, at, "h", 6, false);
        known(t, at, {"x", "y", "w", "h"});
        if (r.w <= 0 || r.h <= 0) fail(at, "w and h must be positive");
        return r;
    }
};

const toml::table* table_at(const toml::table& root, std::string_view key, Reader& r, bool required) {
    const auto* n = root.get(key);
    if (!n) {
        if (required) r.fail(std::string(key), "missing section");
        return nullptr;
    }
    if (!n->is_table()) { r.fail(std::string(key), "must be a table"); return nullptr; }
    return n->as_table();
}

void read_config(const toml::table& root, ConfigLoad& out) {
    Reader r{out.errors};
    Config& c = out.config;
    r.known(root, "", {"hall", "kiosk", "display", "map", "windows", "sync", "manager", "calendar", "storage", "privacy", "feedback"});

    if (const auto* h = table_at(root, "hall", r, true)) {
        r.known(*h, "hall", {"id", "name", "address", "phone"});
        c.hall.id = r.str(*h, "hall", "id", "", true);
        r.id_length("hall.id", c.hall.id);
        c.hall.name = r.text(*h, "hall", "name", true);
        c.hall.address = r.text(*h, "hall", "address", false);
        c.hall.phone = r.str(*h, "hall", "phone", "");
    }

    if (const auto* k = table_at(root, "kiosk", r, false)) {
        r.known(*k, "kiosk", {"id", "languages", "default_language", "idle_timeout_s", "idle_countdown_s", "large_text",
                              "data_dir", "content_bundle", "assets_dir", "font_path"});
        auto& ks = c.kiosk;
        ks.id = r.str(*k, "kiosk", "id", ks.id);
        r.id_length("kiosk.id", ks.id);
        if (const auto* langs = k->get("languages")) {
            ks.languages.clear();
            if (!langs->is_array()) r.fail("kiosk.languages", "must be a list like [\"zh-Hans\", \"zh-Hant\", \"en\"]");
            else
                for (auto&& v : *langs->as_array()) {
                    auto l = v.is_string() ? lang_from_code(v.as_string()->get()) : std::nullopt;
                    if (!l) r.fail("kiosk.languages", "unknown language (use zh-Hans, zh-Hant or en)");
                    else ks.languages.push_back(*l);
                }
            if (ks.languages.empty()) { r.fail("kiosk.languages", "must name at least one language"); ks.languages = {Lang::Hans}; }
        }
        const std::string dl = r.str(*k, "kiosk", "default_language", "zh-Hans");
        if (auto l = lang_from_code(dl)) ks.default_language = *l;
        else r.fail("kiosk.default_language", "unknown language " + dl);
        ks.idle_timeout_s = r.integer(*k, "kiosk", "idle_timeout_s", ks.idle_timeout_s, 10, 3600);
        ks.idle_countdown_s = r.integer(*k, "kiosk", "idle_countdown_s", ks.idle_countdown_s, 3, 120);
        ks.large_text = r.boolean(*k, "kiosk", "large_text", ks.large_text);
        ks.data_dir = r.str(*k, "kiosk", "data_dir", ks.data_dir);
        ks.content_bundle = r.str(*k, "kiosk", "content_bundle", ks.content_bundle);
        ks.assets_dir = r.str(*k, "kiosk", "assets_dir", ks.assets_dir);
        ks.font_path = r.str(*k, "kiosk", "font_path", ks.font_path);
    }

    if (const auto* d = table_at(root, "display", r, false)) {
        r.known(*d, "display", {"rotation", "orientation", "scale"});
        auto& ds = c.display;
        ds.rotation = r.integer(*d, "display", "rotation", ds.rotation, 0, 270);
        if (ds.rotation % 90 != 0) r.fail("display.rotation", "must be 0, 90, 180 or 270");
        const std::string o = r.str(*d, "display", "orientation", "auto");
        if (o == "auto") ds.orientation = Orientation::Auto;
        else if (o == "landscape") ds.orientation = Orientation::Landscape;
        else if (o == "portrait") ds.orientation = Orientation::Portrait;
        else r.fail("display.orientation", "must be auto, landscape or portrait");
        ds.scale = r.number(*d, "display", "scale", ds.scale, false);
        if (ds.scale != 0 && (ds.scale < 0.5f || ds.scale > 4.f)) r.fail("display.scale", "must be 0 (automatic) or between 0.5 and 4");
    }

    if (const auto* m = table_at(root, "map", r, false)) {
        r.known(*m, "map", {"width", "height", "landmarks"});
        c.hall.map_width = r.number(*m, "map", "width", 100, true);
        c.hall.map_height = r.number(*m, "map", "height", 60, true);
        if (const auto* lm = m->get("landmarks")) {
            if (!lm->is_array_of_tables()) r.fail("map.landmarks", "must be [[map.landmarks]] tables");
            else {
                int i = 0;
                for (auto&& v : *lm->as_array()) {
                    const std::string at = "map.landmarks[" + std::to_string(i++) + "]";
                    const auto& t = *v.as_table();
                    r.known(t, at, {"name", "x", "y", "w", "h"});
                    c.hall.landmark_names.push_back(r.text(t, at, "name", true));
                    MapRect rc;
                    rc.x = r.number(t, at, "x", 0, true);
                    rc.y = r.number(t, at, "y", 0, true);
                    rc.w = r.number(t, at, "w", 8, false);
                    rc.h = r.number(t, at, "h", 4, false);
                    c.hall.map_landmarks.push_back(rc);
                }
            }
        }
    }

    const auto* wins = root.get("windows");
    if (!wins) r.fail("windows", "missing: a hall needs at least one [[windows]] entry");
    else if (!wins->is_array_of_tables()) r.fail("windows", "must be [[windows]] tables");
    else {
        std::set<std::string> ids, prefixes;
        int i = 0;
        for (auto&& v : *wins->as_array()) {
            const std::string at = "windows[" + std::to_string(i++) + "]";
            const auto& t = *v.as_table();
            r.known(t, at, {"id", "number", "name", "department", "ticket_prefix", "map"});
            Window w;
            w.id = r.str(t, at, "id", "", true);
            r.id_length(at + ".id", w.id);
            w.number = r.str(t, at, "number", "", true);
            w.name = r.text(t, at, "name", true);
            w.department_id = r.str(t, at, "department", "", true);
            w.ticket_prefix = r.str(t, at, "ticket_prefix", "", true);
            if (!w.id.empty() && !ids.insert(w.id).second) r.fail(at + ".id", "duplicate window id " + w.id);
            if (!w.ticket_prefix.empty() && !prefixes.insert(w.ticket_prefix).second) r.fail(at + ".ticket_prefix", "duplicate prefix " + w.ticket_prefix);
            // The feedback form's ticket keypad offers these letters (tickets like A005).
            if (!w.ticket_prefix.empty() && (w.ticket_prefix.size() != 1 || w.ticket_prefix[0] < 'A' || w.ticket_prefix[0] > 'Z'))
                r.fail(at + ".ticket_prefix", "must be one capital letter A-Z (tickets look like A005), not " + w.ticket_prefix);
            if (const auto* mp = t.get("map")) {
                if (!mp->is_table()) r.fail(at + ".map", "must be a table {x, y, w, h}");
                else {
                    w.map = r.rect(*mp->as_table(), at + ".map");
                    if (w.map.x < 0 || w.map.y < 0 || w.map.x + w.map.w > c.hall.map_width || w.map.y + w.map.h > c.hall.map_height)
                        r.fail(at + ".map", "outside the hall map (" + std::to_string(static_cast<int>(c.hall.map_width)) + " x " +
                                                std::to_string(static_cast<int>(c.hall.map_height)) + ")");
                }
            } else {
                r.fail(at + ".map", "missing: where the window stands on the hall map");
            }
            c.hall.windows.push_back(std::move(w));
        }
        if (c.hall.windows.empty()) r.fail("windows", "a hall needs at least one window");
    }

    // Mirrors sync/client's is_loopback_url (config does not depend on the sync client).
    const auto is_loopback_hub_url = [](const std::string& url) {
        auto host = url.substr(url.find("://") + 3);
        host = host.substr(0, host.find_first_of("/?#"));
        if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
        if (!host.empty() && host.front() == '[') return host.rfind("[::1]", 0) == 0;
        host = host.substr(0, host.find(':'));
        in_addr a{};
        return host == "localhost" || (inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127);
    };
    if (const auto* s = table_at(root, "sync", r, false)) {
        r.known(*s, "sync", {"hub_url", "token", "ca_file", "pinned_pubkey", "bundle_public_key", "interval_s", "queue_interval_s",
                            "allow_plain_http"});
        auto& ss = c.sync;
        ss.hub_url = r.str(*s, "sync", "hub_url", "");
        if (!ss.hub_url.empty() && ss.hub_url.rfind("https://", 0) != 0 && ss.hub_url.rfind("http://", 0) != 0)
            r.fail("sync.hub_url", "must start with https:// (or http:// for a loopback test hub)");
        ss.token = r.str(*s, "sync", "token", "");
        ss.ca_file = r.str(*s, "sync", "ca_file", "");
        ss.pinned_pubkey = r.str(*s, "sync", "pinned_pubkey", "");
        ss.bundle_public_key = r.str(*s, "sync", "bundle_public_key", "");
        ss.interval_s = r.integer(*s, "sync", "interval_s", ss.interval_s, 1, 86400);
        ss.queue_interval_s = r.integer(*s, "sync", "queue_interval_s", ss.queue_interval_s, 1, 3600);
        ss.allow_plain_http = r.boolean(*s, "sync", "allow_plain_http", ss.allow_plain_http);
        if (ss.hub_url.rfind("http://", 0) == 0 && !ss.allow_plain_http && !is_loopback_hub_url(ss.hub_url))
            r.fail("sync.hub_url", "http:// sends the token in clear: use https://, or set sync.allow_plain_http = true on a trusted network");
        if (!ss.hub_url.empty() && ss.token.empty()) r.fail("sync.token", "missing: a kiosk needs its token to talk to the hub");
    }

    if (const auto* m = table_at(root, "manager", r, false)) {
        r.known(*m, "manager", {"pin_hash", "lock_after_idle_s", "bad_rating_deadline_days", "immediate_deadline_days",
                                "limited_deadline_days", "long_term_deadline_days"});
        auto& ms = c.manager;
        ms.pin_hash = r.str(*m, "manager", "pin_hash", "");
        ms.lock_after_idle_s = r.integer(*m, "manager", "lock_after_idle_s", ms.lock_after_idle_s, 30, 3600);
        ms.bad_rating_deadline_days = r.integer(*m, "manager", "bad_rating_deadline_days", ms.bad_rating_deadline_days, 1, 60);
        ms.immediate_deadline_days = r.integer(*m, "manager", "immediate_deadline_days", ms.immediate_deadline_days, 0, 30);
        ms.limited_deadline_days = r.integer(*m, "manager", "limited_deadline_days", ms.limited_deadline_days, 1, 250);
        ms.long_term_deadline_days = r.integer(*m, "manager", "long_term_deadline_days", ms.long_term_deadline_days, 1, 750);
    }

    if (const auto* st = table_at(root, "storage", r, false)) {
        r.known(*st, "storage", {"reserve_records", "low_free_mb"});
        c.storage.reserve_records = r.integer(*st, "storage", "reserve_records", c.storage.reserve_records, 0, 1'000'000);
        c.storage.low_free_mb = r.integer(*st, "storage", "low_free_mb", c.storage.low_free_mb, 0, 1'000'000);
    }

    if (const auto* pv = table_at(root, "privacy", r, false)) {
        r.known(*pv, "privacy", {"phone_retention_days"});
        c.privacy.phone_retention_days = r.integer(*pv, "privacy", "phone_retention_days", c.privacy.phone_retention_days, 1, 3650);
    }

    if (const auto* fb = table_at(root, "feedback", r, false)) {
        r.known(*fb, "feedback", {"ticket_digits", "burst_max_ratings", "burst_minutes"});
        auto& fs = c.feedback;
        fs.ticket_digits = r.integer(*fb, "feedback", "ticket_digits", fs.ticket_digits, 1, 6);
        fs.burst_max_ratings = r.integer(*fb, "feedback", "burst_max_ratings", fs.burst_max_ratings, 1, 1000);
        fs.burst_minutes = r.integer(*fb, "feedback", "burst_minutes", fs.burst_minutes, 1, 24 * 60);
    }

    if (const auto* cal = table_at(root, "calendar", r, false)) {
        r.known(*cal, "calendar", {"holidays", "workdays", "utc_offset_minutes"});
        auto& cs = c.calendar;
        cs.holidays = r.dates(*cal, "calendar", "holidays");
        cs.workdays = r.dates(*cal, "calendar", "workdays");
        for (const auto& d : cs.workdays)
            for (const auto& h : cs.holidays)
                if (d == h) r.fail("calendar.workdays", d + " is also listed as a holiday");
        cs.utc_offset_minutes = r.integer(*cal, "calendar", "utc_offset_minutes", cs.utc_offset_minutes, -720, 840);
    }
}

ConfigLoad parse(const std::string& text, const std::string& source) {
    ConfigLoad out;
    out.config.source_path = source;
    toml::table root;
    try {
        root = toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << source << ":" << e.source().begin.line << ":" << e.source().begin.column << ": " << e.description();
        out.errors.push_back(msg.str());
        return out;
    }
    read_config(root, out);
    return out;
}

}  // namespace

ConfigLoad load_config_string(const std::string& toml_text, const std::string& source_name) {
    return parse(toml_text, source_name);
}

ConfigLoad load_config_file(const std::string& path) {
    const auto text = read_file(path);
    if (!text) {
        ConfigLoad out;
        out.errors.push_back(path + ": cannot be read");
        return out;
    }
    return parse(*text, path);
}

}  // namespace hall
