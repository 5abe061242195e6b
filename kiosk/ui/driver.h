#pragma once
// The UI driver: finds widgets by their visible label in the Registry and taps their centre
// with SDL finger events pushed into the same queue a touch panel feeds, frame by frame.
// Tests use it directly; `hall-kiosk --play SCRIPT` runs the same verbs from a text file.
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/platform.h"

namespace hall::ui {

class Driver {
public:
    // clock: the App's ManualClock in tests (time jumps), nullptr for real time.
    Driver(App& app, Platform& platform, ManualClock* clock);

    void frame();                  // pump events, draw one frame
    void frames(int n);
    // Taps the widget whose label is `query` (exact, or a unique substring; "#key" by key).
    // Scrolls its region by dragging first when it is clipped. Returns false + error.
    bool tap(const std::string& query, std::string& error);
    // Presses and holds without moving (for long-press gestures).
    bool hold(const std::string& query, int ms, std::string& error);
    // Drags a finger from a point by (dx, dy) in steps, like a swipe.
    void drag(float x, float y, float dx, float dy);
    // Types text as SDL_TEXTINPUT events into the focused field (a hardware keyboard or IME).
    void type(const std::string& text);
    // Taps each character on the on-screen keyboard.
    bool type_keys(const std::string& text, std::string& error);
    void wait_ms(std::int64_t ms);
    bool expect_screen(const std::string& name, std::string& error);
    bool expect_text(const std::string& query, bool present, std::string& error);
    bool screenshot(const std::string& path, std::string& error);
    void set_human_speed(bool human) { human_ = human; }
    // The longest frame this driver drew (events, atlas, screens, render), since the reset.
    double longest_frame_ms() const { return longest_ms_; }
    double longest_frame_cpu_ms() const { return longest_cpu_ms_; }   // the UI thread's CPU time in it
    double max_frame_cpu_ms() const { return max_cpu_ms_; }           // the most UI-thread CPU in one frame
    const std::string& longest_frame_steps() const { return longest_steps_; }   // Platform::last_frame_steps
    void reset_longest_frame() {
        longest_ms_ = longest_cpu_ms_ = max_cpu_ms_ = 0;
        longest_steps_.clear();
    }
    // The layout check (ui/layout_check.h) on the frame on screen: problems, prefixed by `where`.
    std::vector<std::string> check_layout(const std::string& where);
    // When on, every `screenshot` step also checks the layout (and without a display it only
    // checks); the problems collect in layout_problems().
    void set_check_layout_at_screenshots(bool on) { check_at_screenshots_ = on; }
    const std::vector<std::string>& layout_problems() const { return layout_problems_; }

    // Runs a script (see docs/play-scripts.md); failures cite "name:line". 0 when all passed.
    int run_script(std::istream& in, const std::string& name, std::ostream& log);

private:
    void push_finger(Uint32 type, float x, float y);
    void settle();  // waits for the App's background work a tap started
    bool find_visible(const std::string& query, WidgetInfo& out, std::string& error);

    App& app_;
    Platform& platform_;
    ManualClock* clock_;
    bool human_ = false;
    double longest_ms_ = 0, longest_cpu_ms_ = 0, max_cpu_ms_ = 0;
    std::string longest_steps_;
    bool check_at_screenshots_ = false;
    std::vector<std::string> layout_problems_;
};

}  // namespace hall::ui
