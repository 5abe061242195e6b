#pragma once
// Where frames go: a real SDL2 + OpenGL3 window (fullscreen on a hall terminal, windowed
// for development, under Xvfb for screenshots), or nowhere at all (headless tests: no GL,
// the same input path, the same screens).
#include <memory>
#include <string>
#include <vector>

namespace hall::ui {

class App;

struct PlatformOptions {
    bool headless = false;
    bool windowed = false;
    int width = 1920, height = 1080;
    bool vsync = true;
    float dpi = 0;  // the panel's DPI when known better than SDL does (tests); 0: ask SDL
};

class Platform {
public:
    virtual ~Platform();
    // Creates the ImGui context (before App::init, which needs it for fonts and style).
    static std::unique_ptr<Platform> create(const PlatformOptions& opt);
    virtual bool open(App& app, std::vector<std::string>& errors) = 0;
    // Pumps SDL events into the app, sleeping up to timeout_ms when there are none.
    // Returns false when the kiosk should quit.
    virtual bool pump(App& app, int timeout_ms) = 0;
    virtual void begin_frame(App& app) = 0;
    virtual void end_frame(App& app) = 0;
    // Screenshots: ask for the next frame's pixels, draw a frame, then write them.
    virtual void capture_next_frame() = 0;
    virtual bool write_capture(const std::string& png_path, std::string& error) = 0;
    virtual bool has_display() const = 0;
    // Where the last frame's wall time went, step by step ("atlas 3.1 upload 0.4 ... swap 12.0"
    // in ms), for the benchmark's account of its longest frame; empty when not measured.
    virtual std::string last_frame_steps() const { return {}; }
    int width() const { return width_; }
    int height() const { return height_; }

protected:
    int width_ = 1920, height_ = 1080;
};

// The main loop: draws only when something changed, sleeps otherwise.
int run_loop(App& app, Platform& platform);

}  // namespace hall::ui
