#include "ui/driver.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <istream>
#include <ostream>
#include <sstream>
#include <thread>

#include "core/text.h"
#include "ui/layout_check.h"

namespace hall::ui {

Driver::Driver(App& app, Platform& platform, ManualClock* clock) : app_(app), platform_(platform), clock_(clock) {}

void Driver::frame() {
    if (clock_) clock_->advance(16);
    else if (human_) std::this_thread::sleep_for(std::chrono::milliseconds(16));
    const auto t0 = std::chrono::steady_clock::now();
    timespec c0{}, c1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
    platform_.pump(app_, 0);
    platform_.begin_frame(app_);
    app_.frame();
    platform_.end_frame(app_);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
    const double cpu = (c1.tv_sec - c0.tv_sec) * 1000.0 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
    if (ms > longest_ms_) {
        longest_ms_ = ms;
        longest_cpu_ms_ = cpu;
        longest_steps_ = platform_.last_frame_steps();
    }
    max_cpu_ms_ = std::max(max_cpu_ms_, cpu);
}

void Driver::frames(int n) {
    for (int i = 0; i < n; ++i) frame();
}

void Driver::push_finger(Uint32 type, float x, float y) {
    SDL_Event e{};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    // Widgets are in layout units; a finger reports its place as a fraction of the panel.
    e.tfinger.x = x / app_.layout().width();
    e.tfinger.y = y / app_.layout().height();
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.f : 1.f;
    e.tfinger.timestamp = SDL_GetTicks();
    SDL_PushEvent(&e);
}

bool Driver::find_visible(const std::string& query, WidgetInfo& out, std::string& error) {
    // The widget may appear a frame or two after the screen changed.
    FindResult r;
    for (int i = 0; i < 6; ++i) {
        r = app_.registry().find(query);
        if (r.widget) break;
        frame();
    }
    if (!r.widget) {
        error = r.error;
        return false;
    }
    // Clipped in a scroll region: drag the region until the widget shows whole.
    for (int attempt = 0; attempt < 30 && r.widget && !r.widget->fully_visible() && r.widget->scroll_region >= 0; ++attempt) {
        const auto& reg = app_.registry().regions()[static_cast<std::size_t>(r.widget->scroll_region)];
        const float view_h = reg.max.y - reg.min.y;
        float dy = 0;
        if (r.widget->max.y > reg.max.y) dy = -std::min(r.widget->max.y - reg.max.y + 40, view_h * 0.6f);
        else if (r.widget->min.y < reg.min.y) dy = std::min(reg.min.y - r.widget->min.y + 40, view_h * 0.6f);
        else break;
        const float cx = (reg.min.x + reg.max.x) / 2;
        const float cy = dy < 0 ? reg.max.y - 20 : reg.min.y + 20;
        drag(cx, cy, 0, dy);
        r = app_.registry().find(query);
    }
    if (!r.widget) {
        error = "lost while scrolling: " + query;
        return false;
    }
    if (!r.widget->enabled) {
        error = "'" + query + "' is disabled";
        return false;
    }
    out = *r.widget;
    return true;
}

bool Driver::tap(const std::string& query, std::string& error) {
    WidgetInfo w;
    if (!find_visible(query, w, error)) return false;
    const ImVec2 c = w.centre();
    // Down, a frame, up, two frames: what a finger does.
    push_finger(SDL_FINGERDOWN, c.x, c.y);
    frame();
    push_finger(SDL_FINGERUP, c.x, c.y);
    frames(2);
    settle();
    return true;
}

void Driver::settle() {
    // What the tap asked of a worker thread (manager mode's counts, charts, exports) comes
    // back before the next step looks: wait for the worker (bounded; the clock stands still),
    // then draw the frames that take its answer.
    bool waited = false;
    for (int i = 0; i < 5000 && app_.background_pending(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        waited = true;
    }
    if (waited) frames(2);
}

bool Driver::hold(const std::string& query, int ms, std::string& error) {
    WidgetInfo w;
    if (!find_visible(query, w, error)) return false;
    const ImVec2 c = w.centre();
    push_finger(SDL_FINGERDOWN, c.x, c.y);
    frame();
    for (int t = 0; t < ms; t += 16) frame();
    push_finger(SDL_FINGERUP, c.x, c.y);
    frames(2);
    return true;
}

void Driver::drag(float x, float y, float dx, float dy) {
    push_finger(SDL_FINGERDOWN, x, y);
    frame();
    const int steps = 8;
    for (int i = 1; i <= steps; ++i) {
        SDL_Event e{};
        e.type = SDL_FINGERMOTION;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 1;
        e.tfinger.x = (x + dx * i / steps) / app_.layout().width();
        e.tfinger.y = (y + dy * i / steps) / app_.layout().height();
        SDL_PushEvent(&e);
        frame();
    }
    push_finger(SDL_FINGERUP, x + dx, y + dy);
    frames(3);
}

void Driver::type(const std::string& text) {
    // SDL_TEXTINPUT carries at most 31 bytes; split on character boundaries.
    std::string chunk;
    for (char32_t cp : decode_utf8(text)) {
        std::string one;
        append_utf8(one, cp);
        if (chunk.size() + one.size() > 30) {
            SDL_Event e{};
            e.type = SDL_TEXTINPUT;
            std::copy(chunk.begin(), chunk.end(), e.text.text);
            SDL_PushEvent(&e);
            chunk.clear();
        }
        chunk += one;
    }
    if (!chunk.empty()) {
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::copy(chunk.begin(), chunk.end(), e.text.text);
        SDL_PushEvent(&e);
    }
    frames(2);
}

bool Driver::type_keys(const std::string& text, std::string& error) {
    for (char c : text) {
        std::string key = c == ' ' ? "#key.space" : "#key." + std::string(1, c);
        if (!tap(key, error)) return false;
    }
    return true;
}

void Driver::wait_ms(std::int64_t ms) {
    if (clock_) {
        // Jump time in steps, drawing only when the app wants a frame, as the real loop does.
        for (std::int64_t t = 0; t < ms; t += 100) {
            clock_->advance(std::min<std::int64_t>(100, ms - t));
            platform_.pump(app_, 0);
            if (app_.needs_frame()) {
                platform_.begin_frame(app_);
                app_.frame();
                platform_.end_frame(app_);
            }
        }
        return;
    }
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < end) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
        platform_.pump(app_, static_cast<int>(std::max<long long>(1, std::min<long long>(left, app_.ms_until_next_change()))));
        if (app_.needs_frame()) {
            platform_.begin_frame(app_);
            app_.frame();
            platform_.end_frame(app_);
        }
    }
}

bool Driver::expect_screen(const std::string& name, std::string& error) {
    frames(1);
    if (screen_name(app_.screen()) == name) return true;
    error = "expected screen '" + name + "', on '" + std::string(screen_name(app_.screen())) + "'";
    return false;
}

bool Driver::expect_text(const std::string& query, bool present, std::string& error) {
    frames(1);
    const FindResult r = app_.registry().find(query, false);
    if ((r.widget != nullptr) == present) return true;
    error = present ? r.error : "'" + query + "' is on screen but should not be";
    return false;
}

std::vector<std::string> Driver::check_layout(const std::string& where) {
    std::vector<std::string> problems = ui::check_layout(app_.registry(), app_.layout());
    for (auto& p : problems) p = where + ": " + p;
    return problems;
}

bool Driver::screenshot(const std::string& path, std::string& error) {
    platform_.capture_next_frame();
    // Force a frame even if nothing changed, so the capture holds the current screen.
    platform_.pump(app_, 0);
    platform_.begin_frame(app_);
    app_.frame();
    platform_.end_frame(app_);
    if (check_at_screenshots_) {
        for (auto& p : check_layout(path)) layout_problems_.push_back(std::move(p));
        if (!platform_.has_display()) return true;  // headless: the check is the point
    }
    return platform_.write_capture(path, error);
}

int Driver::run_script(std::istream& in, const std::string& name, std::ostream& log) {
    std::string line;
    int lineno = 0, failures = 0;
    frames(3);
    while (std::getline(in, line)) {
        ++lineno;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        const auto sp = t.find(' ');
        const std::string verb = t.substr(0, sp);
        const std::string arg = sp == std::string::npos ? std::string() : trim(t.substr(sp + 1));
        std::string err;
        bool ok = true;
        if (verb == "tap") ok = tap(arg, err);
        else if (verb == "hold") {
            const auto s2 = arg.rfind(' ');
            ok = hold(arg.substr(0, s2), std::atoi(arg.substr(s2 + 1).c_str()), err);
        } else if (verb == "type") type(arg);
        else if (verb == "keys") ok = type_keys(arg, err);
        else if (verb == "wait") wait_ms(std::atoll(arg.c_str()));
        else if (verb == "screen") ok = expect_screen(arg, err);
        else if (verb == "expect") ok = expect_text(arg, true, err);
        else if (verb == "expect-not") ok = expect_text(arg, false, err);
        else if (verb == "screenshot") ok = screenshot(arg, err);
        else if (verb == "speed") human_ = (arg == "human");
        else if (verb == "frames") frames(std::max(1, std::atoi(arg.c_str())));
        else if (verb == "check-layout") {
            const auto problems = check_layout(std::string(screen_name(app_.screen())));
            ok = problems.empty();
            for (const auto& p : problems) err += (err.empty() ? "" : "\n  ") + p;
        } else {
            ok = false;
            err = "unknown verb '" + verb +
                  "' (tap, hold, type, keys, wait, screen, expect, expect-not, screenshot, check-layout, speed, frames)";
        }
        if (!ok) {
            ++failures;
            log << name << ":" << lineno << ": " << t << "\n  " << err << "\n";
            if (verb != "expect" && verb != "expect-not" && verb != "screen") break;  // later steps would act on the wrong screen
        } else {
            log << name << ":" << lineno << ": ok  " << t << "\n";
        }
    }
    log << name << ": " << (failures == 0 ? "passed" : std::to_string(failures) + " failed") << "\n";
    return failures == 0 ? 0 : 1;
}

}  // namespace hall::ui
