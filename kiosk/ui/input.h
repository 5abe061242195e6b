#pragma once
// The kiosk's own input layer (STYLE.md point 7). ImGui 1.86's SDL backend polls the mouse
// and knows nothing of fingers, so we: turn off SDL's touch->mouse synthesis, map the first
// finger (or a real mouse) to one pointer, hold every press for at least one frame, move
// the pointer away when a finger lifts (nothing stays highlighted), tell a tap from a drag
// with our own threshold, and turn drags into scrolling instead of clicks.
#include <SDL.h>
#include <imgui.h>

#include <cstdint>
#include <deque>
#include <string>

namespace hall::ui {

class TouchInput {
public:
    static constexpr float kDragThreshold = 24.f;  // px a finger may wander and still tap

    // Call once before creating the window.
    static void configure_sdl_hints();
    // The frame in layout units, and pixels per unit (mouse events arrive in pixels).
    void set_display_size(float w, float h, float px_per_unit = 1) {
        width_ = w;
        height_ = h;
        px_per_unit_ = px_per_unit;
    }

    // Consumes one SDL event; true when it was input from a person (resets the idle timer).
    bool handle(const SDL_Event& e);
    // Once per frame, after ImGui_ImplSDL2_NewFrame() (it would overwrite us otherwise).
    void apply(ImGuiIO& io);

    bool pending() const { return !queue_.empty() || lifted_ || down_; }  // more frames needed
    bool down() const { return down_; }
    bool dragging() const { return dragging_; }
    ImVec2 drag_start() const { return drag_start_; }
    ImVec2 drag_delta() const { return drag_delta_; }   // this frame, while dragging
    ImVec2 pos() const { return pos_; }
    float down_seconds() const { return down_frames_time_; }
    // Long press without moving: for gestures citizens will not find by chance.
    bool long_press(float seconds) const { return down_ && !dragging_ && down_frames_time_ >= seconds; }

    // Text typed on a hardware keyboard (or pushed as SDL_TEXTINPUT by the driver) this frame.
    std::string take_text();
    int take_backspaces();
    bool take_enter();

private:
    enum class Kind { Down, Move, Up };
    struct Ev {
        Kind kind;
        ImVec2 pos;
    };
    void push(Kind k, ImVec2 p) { queue_.push_back({k, p}); }

    std::deque<Ev> queue_;
    float width_ = 1920, height_ = 1080, px_per_unit_ = 1;
    bool down_ = false, dragging_ = false, lifted_ = false;
    SDL_FingerID finger_ = -1;
    bool finger_active_ = false;
    ImVec2 pos_{-FLT_MAX, -FLT_MAX};
    ImVec2 prev_pos_{-FLT_MAX, -FLT_MAX};
    ImVec2 drag_start_{0, 0};
    ImVec2 drag_delta_{0, 0};
    float down_frames_time_ = 0;
    std::string text_;
    int backspaces_ = 0;
    bool enter_ = false;
};

}  // namespace hall::ui
