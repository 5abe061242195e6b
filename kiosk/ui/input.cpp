#include "ui/input.h"

#include <cmath>

namespace hall::ui {

void TouchInput::configure_sdl_hints() {
    // A touch must arrive once: as a finger event, never again as a synthesised mouse click.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
}

bool TouchInput::handle(const SDL_Event& e) {
    switch (e.type) {
        case SDL_FINGERDOWN:
            if (finger_active_) return true;  // one finger drives the pointer; no multi-finger gestures
            finger_active_ = true;
            finger_ = e.tfinger.fingerId;
            push(Kind::Down, {e.tfinger.x * width_, e.tfinger.y * height_});
            return true;
        case SDL_FINGERMOTION:
            if (finger_active_ && e.tfinger.fingerId == finger_) push(Kind::Move, {e.tfinger.x * width_, e.tfinger.y * height_});
            return true;
        case SDL_FINGERUP:
            if (finger_active_ && e.tfinger.fingerId == finger_) {
                finger_active_ = false;
                push(Kind::Up, {e.tfinger.x * width_, e.tfinger.y * height_});
            }
            return true;
        case SDL_MOUSEBUTTONDOWN:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
            push(Kind::Down, {e.button.x / px_per_unit_, e.button.y / px_per_unit_});
            return true;
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return false;
            push(Kind::Up, {e.button.x / px_per_unit_, e.button.y / px_per_unit_});
            return true;
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID) return false;
            // A mouse hovering is not a person touching; only drags matter.
            if (down_ || !queue_.empty()) push(Kind::Move, {e.motion.x / px_per_unit_, e.motion.y / px_per_unit_});
            return down_;
        case SDL_TEXTINPUT:
            text_ += e.text.text;
            return true;
        case SDL_KEYDOWN:
            if (e.key.keysym.sym == SDLK_BACKSPACE) ++backspaces_;
            else if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER) enter_ = true;
            return true;
        default:
            return false;
    }
}

void TouchInput::apply(ImGuiIO& io) {
    drag_delta_ = ImVec2(0, 0);
    bool changed = false;
    if (lifted_) {
        // The frame after a lift: the pointer leaves, so no hover highlight stays behind.
        lifted_ = false;
        dragging_ = false;
        pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
    }
    while (!queue_.empty()) {
        const Ev ev = queue_.front();
        if (ev.kind == Kind::Move) {
            if (down_) {
                if (!dragging_ && std::hypot(ev.pos.x - drag_start_.x, ev.pos.y - drag_start_.y) > kDragThreshold) dragging_ = true;
                if (dragging_) {
                    drag_delta_.x += ev.pos.x - pos_.x;
                    drag_delta_.y += ev.pos.y - pos_.y;
                }
                pos_ = ev.pos;
            }
            queue_.pop_front();
            continue;
        }
        if (changed) break;  // a press or release is held for at least one frame
        if (ev.kind == Kind::Down) {
            if (!down_) {
                down_ = true;
                dragging_ = false;
                pos_ = drag_start_ = ev.pos;
                down_frames_time_ = 0;
                changed = true;
            }
        } else {  // Up
            if (down_) {
                if (dragging_) drag_delta_ = ImVec2(drag_delta_.x + ev.pos.x - pos_.x, drag_delta_.y + ev.pos.y - pos_.y);
                down_ = false;
                pos_ = ev.pos;
                lifted_ = true;
                changed = true;
            }
        }
        queue_.pop_front();
    }
    if (down_) down_frames_time_ += io.DeltaTime;
    prev_pos_ = pos_;
    if (dragging_) {
        // A drag scrolls; it must never end as a click on whatever lies under the finger.
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = false;
    } else {
        io.MousePos = pos_;
        io.MouseDown[0] = down_;
    }
    for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
    io.MouseWheel = 0;
}

std::string TouchInput::take_text() {
    std::string t;
    t.swap(text_);
    return t;
}

int TouchInput::take_backspaces() {
    const int n = backspaces_;
    backspaces_ = 0;
    return n;
}

bool TouchInput::take_enter() {
    const bool e = enter_;
    enter_ = false;
    return e;
}

}  // namespace hall::ui
