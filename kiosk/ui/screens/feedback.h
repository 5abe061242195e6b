#pragma once
#include <string>
#include <vector>

#include "core/feedback.h"
#include "ui/keyboard.h"
#include "ui/model.h"
#include "ui/widgets.h"

namespace hall::ui {

enum class FeedbackStep { Window, Category, Rating, Details, Review };
inline constexpr const char* kWholeHall = "hall";  // feedback about the hall, not one window

struct FeedbackState {
    FeedbackStep step = FeedbackStep::Window;
    FeedbackDraft draft;
    enum class Field { None, Text, Ticket, Phone } focus = Field::None;
    KeyboardState keyboard;
    std::vector<DraftProblem> problems;  // shown beside the fields
    std::string store_error_key;          // set by the App when saving failed (e.g. disk full)
};

// Choose a window, one or more categories, a 好差評 rating, optional text/ticket, anonymous
// or a phone number for a call-back, review, submit.
Intent draw_feedback(Ui& ui, const Model& m, FeedbackState& st);

std::string window_label(const Ui& ui, const Model& m, const std::string& window_id);

}  // namespace hall::ui
