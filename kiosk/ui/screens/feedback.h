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

// The ticket lookup on the first step (issue 20): the citizen types the queue ticket on a
// large keypad; the queue feed's calls give the window, service and call time.
enum class TicketLookup { None, BadFormat, Unknown, Known };

struct FeedbackState {
    FeedbackStep step = FeedbackStep::Window;
    FeedbackDraft draft;
    enum class Field { None, Text, CaseNumber, Phone } focus = Field::None;
    bool ticket_pad = false;       // the keypad is open on the first step
    std::string ticket_input;      // what the keypad has so far
    TicketLookup lookup = TicketLookup::None;
    CallEvent found;               // the feed's call of the ticket (lookup == Known)
    KeyboardState keyboard;
    std::vector<DraftProblem> problems;  // shown beside the fields
    std::string store_error_key;          // set by the App when saving failed (e.g. disk full)
};

// The visit was already rated today: the ticket and window are in m.rated_visits.
bool visit_already_rated(const Model& m, const std::string& ticket, const std::string& window_id);

// Optionally a queue ticket (window, service and call time filled in from the queue feed),
// else choose a window; one or more categories, a 好差評 rating, optional text/ticket, anonymous
// or a phone number for a call-back, review, submit.
Intent draw_feedback(Ui& ui, const Model& m, FeedbackState& st);

std::string window_label(const Ui& ui, const Model& m, const std::string& window_id);

}  // namespace hall::ui
