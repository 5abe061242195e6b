#include "ui/screens/feedback.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {
namespace {

constexpr TextLimit kTextLimit{kMaxFeedbackTextChars, true};
constexpr TextLimit kCaseLimit{kMaxTicketChars, false, false};  // 辦件編號: letters and digits first, not pinyin
constexpr TextLimit kPhoneLimit{13, false};

ImU32 rating_colour(Rating r) {
    switch (r) {
        case Rating::VerySatisfied:
        case Rating::Satisfied: return colour::kGood;
        case Rating::Basic: return colour::kPrimary;
        default: return colour::kBad;
    }
}

bool has_problem(const FeedbackState& st, const char* field) {
    return std::any_of(st.problems.begin(), st.problems.end(), [&](const DraftProblem& p) { return p.field == field; });
}

void show_problems(Ui& ui, const FeedbackState& st, const char* field) {
    for (const auto& p : st.problems)
        if (p.field == field) ui.text_t(p.key, colour::kBad, ui.fonts().heading());
}

// The docked keyboard's height while a field has it (0 otherwise): steps end above it.
float keyboard_room(const Ui& ui, const FeedbackState& st) {
    using F = FeedbackState::Field;
    if (st.step != FeedbackStep::Details || st.focus == F::None) return 0;
    return keyboard_height(ui, st.focus == F::Phone ? KeyboardLayout::Phone : KeyboardLayout::Text);
}

// Back / Next row at the bottom of a step (above the keyboard while it is up).
bool nav_row(Ui& ui, FeedbackState& st, bool can_next, const char* next_key = "feedback.next") {
    const float y = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - ui.metrics().pad - ui.metrics().touch - keyboard_room(ui, st);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + ui.metrics().pad, y));
    if (st.step != FeedbackStep::Window && ui.button_t("feedback.prev", ImVec2(300, 0), ButtonStyle::Secondary)) {
        st.step = static_cast<FeedbackStep>(static_cast<int>(st.step) - 1);
        st.focus = FeedbackState::Field::None;
        return false;
    }
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x - ui.metrics().pad - 420, y));
    return ui.button_t(next_key, ImVec2(420, 0), ButtonStyle::Primary, false, can_next);
}

// How many buttons of the widest label fit side by side (at most max_cols, at least one).
int fit_columns(float avail, float gap, float widest_label, int max_cols) {
    const float button = widest_label + ImGui::GetStyle().FramePadding.x * 2 + 8;
    int cols = max_cols;
    while (cols > 1 && (avail - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols) < button) --cols;
    return cols;
}

float label_width(const std::string& s) { return ImGui::CalcTextSize(s.c_str()).x; }

void step_header(Ui& ui, const FeedbackState& st) {
    static const char* keys[] = {"feedback.step.window", "feedback.step.category", "feedback.step.rating",
                                 "feedback.step.details", "feedback.step.review"};
    const int cur = static_cast<int>(st.step);
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    for (int i = 0; i < 5; ++i) {
        const std::string label = std::to_string(i + 1) + ". " + ui.tr(keys[i]);
        ImFont* f = i == cur ? ui.fonts().heading() : ui.fonts().body();
        // The steps run on in a line, onto the next one where the panel is too narrow.
        if (i > 0) {
            ImGui::SameLine(0, 40);
            if (ImGui::GetCursorScreenPos().x + f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, label.c_str()).x > right) ImGui::NewLine();
        }
        ui.text(label, i == cur ? colour::kPrimaryDark : colour::kTextMuted, f);
    }
    ImGui::Separator();
}

void use_found_call(const Model& m, FeedbackState& st) {
    auto& d = st.draft;
    d.ticket = st.found.ticket;
    d.window_id = st.found.window_id;
    d.called_at = st.found.called_at;
    // The service the ticket was taken for, when the feed says and the kiosk has its guide.
    if (!st.found.service_code.empty() && m.guide(st.found.service_code)) d.service_code = st.found.service_code;
    st.ticket_pad = false;
    st.step = FeedbackStep::Category;
}

// The ticket step: keypad, then the feed's answer. Pure over the Model (find_call on its
// queue snapshot); the draft is filled only when the citizen confirms.
void draw_ticket_pad(Ui& ui, const Model& m, FeedbackState& st) {
    const TicketFormat& fmt = m.ticket_format;
    if (st.lookup == TicketLookup::Known) {
        ui.heading_t("feedback.ticket.found_title");
        ui.field("feedback.review.ticket", st.found.ticket);
        ui.field("feedback.review.window", window_label(ui, m, st.found.window_id));
        if (const Guide* g = st.found.service_code.empty() ? nullptr : m.guide(st.found.service_code))
            ui.field("feedback.review.service", g->name.get(m.lang));
        if (const auto t = local_hhmm(st.found.called_at, m.utc_offset_minutes); !t.empty()) ui.field("feedback.ticket.called_at", t);
        if (visit_already_rated(m, st.found.ticket, st.found.window_id)) {
            ImGui::Dummy(ImVec2(0, 10));
            ui.text_t("feedback.ticket.already_rated", colour::kPrimaryDark, ui.fonts().heading());
        }
        ImGui::Dummy(ImVec2(0, 20));
        const float w = std::min(560.f, (ImGui::GetContentRegionAvail().x - ui.metrics().gap) / 2);
        if (ui.button_t("feedback.ticket.confirm", ImVec2(w, ui.metrics().touch * 1.2f), ButtonStyle::Primary)) use_found_call(m, st);
        ImGui::SameLine();
        if (ui.button_t("feedback.ticket.not_mine", ImVec2(w, ui.metrics().touch * 1.2f), ButtonStyle::Secondary)) {
            st.lookup = TicketLookup::None;
            st.found = CallEvent{};
            st.ticket_input.clear();
        }
        return;
    }
    // Landscape: what was typed, the messages and the buttons on the left, the keypad on the
    // right, so everything is in sight at once; portrait: one above the other.
    const float gap = ui.metrics().gap;
    const bool side = !ui.metrics().portrait;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float left_w = side ? std::min(760.f, avail * 0.42f) : avail;
    const float key_h = ui.metrics().touch * 1.15f;
    const std::size_t max_len = static_cast<std::size_t>(fmt.digits) + 1;
    const auto left_panel = [&] {
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left_w);
        ui.heading(ui.strings().fmt("feedback.ticket.pad_title", {fmt.example()}));
        ui.text(st.ticket_input.empty() ? std::string("_") : st.ticket_input, colour::kPrimaryDark, ui.fonts().digits());
        ui.note_text(st.ticket_input, "feedback.ticket.input", {}, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (st.lookup == TicketLookup::BadFormat)
            ui.text(ui.strings().fmt("feedback.ticket.bad_format", {fmt.example()}), colour::kBad, ui.fonts().heading());
        ImGui::Dummy(ImVec2(0, 12));
        const float w = side ? std::min(560.f, left_w) : std::min(560.f, (avail - gap) / 2);
        if (ui.button_t("feedback.ticket.find", ImVec2(w, ui.metrics().touch * 1.2f), ButtonStyle::Primary, false, !st.ticket_input.empty())) {
            const auto t = normalize_ticket(st.ticket_input, fmt);
            if (!t) {
                st.lookup = TicketLookup::BadFormat;
            } else if (const CallEvent* call = find_call(m.queue, *t)) {
                st.lookup = TicketLookup::Known;
                st.found = *call;
            } else {
                // Not in the feed (another day, a feed gap): kept, and the citizen picks the window.
                st.lookup = TicketLookup::Unknown;
                st.draft.ticket = *t;
                st.draft.called_at.clear();
                st.ticket_pad = false;
            }
        }
        if (!side) ImGui::SameLine();
        if (ui.button_t("feedback.ticket.cancel", ImVec2(w, ui.metrics().touch * 1.2f), ButtonStyle::Secondary)) {
            st.ticket_pad = false;
            st.lookup = TicketLookup::None;
        }
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
    };
    const auto keypad = [&] {
        ImGui::BeginGroup();
        const float pad_avail = side ? avail - left_w - gap * 3 : avail;
        const float key_w = std::min(200.f, (pad_avail - gap * 5) / 6);
        // The hall's letters: the first character of a ticket.
        int i = 0;
        for (char c : fmt.letters) {
            const std::string l(1, c);
            if (ui.button(l, "ticket.key." + l, ImVec2(key_w, key_h), ButtonStyle::Choice, false, true, {}, ui.fonts().heading())) {
                if (!st.ticket_input.empty() && st.ticket_input[0] >= 'A' && st.ticket_input[0] <= 'Z') st.ticket_input[0] = c;
                else st.ticket_input.insert(st.ticket_input.begin(), c);
                if (st.ticket_input.size() > max_len) st.ticket_input.resize(max_len);
                st.lookup = TicketLookup::None;
            }
            if (++i % 6 != 0) ImGui::SameLine();
        }
        if (i % 6 != 0) ImGui::NewLine();
        ImGui::Dummy(ImVec2(0, 4));
        // Digits as on a phone: 1 2 3 / 4 5 6 / 7 8 9 / delete 0 clear.
        static constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
        for (int k = 0; k < 9; ++k) {
            if (ui.button(kDigits[k], std::string("ticket.key.") + kDigits[k], ImVec2(key_w, key_h), ButtonStyle::Choice, false, true, {},
                          ui.fonts().heading()) &&
                st.ticket_input.size() < max_len) {
                st.ticket_input += kDigits[k];
                st.lookup = TicketLookup::None;
            }
            if (k % 3 != 2) ImGui::SameLine();
        }
        if (ui.button_t("feedback.ticket.backspace", ImVec2(key_w, key_h), ButtonStyle::Secondary) && !st.ticket_input.empty()) {
            st.ticket_input.pop_back();
            st.lookup = TicketLookup::None;
        }
        ImGui::SameLine();
        if (ui.button("0", "ticket.key.0", ImVec2(key_w, key_h), ButtonStyle::Choice, false, true, {}, ui.fonts().heading()) &&
            st.ticket_input.size() < max_len) {
            st.ticket_input += '0';
            st.lookup = TicketLookup::None;
        }
        ImGui::SameLine();
        if (ui.button_t("feedback.ticket.clear", ImVec2(key_w, key_h), ButtonStyle::Secondary)) {
            st.ticket_input.clear();
            st.lookup = TicketLookup::None;
        }
        ImGui::EndGroup();
    };
    if (side) {
        left_panel();
        ImGui::SameLine(0, gap * 3);
        keypad();
    } else {
        // Portrait: what was typed, find and cancel, then the keypad under them.
        left_panel();
        ImGui::Dummy(ImVec2(0, 8));
        keypad();
    }
}

void draw_window_step(Ui& ui, const Model& m, FeedbackState& st) {
    if (st.ticket_pad) {
        draw_ticket_pad(ui, m, st);
        return;
    }
    // First: the ticket, optional. Without one the flow is as it always was.
    ui.heading_t("feedback.ticket.heading");
    if (!st.draft.ticket.empty()) {
        ui.text(ui.strings().fmt("feedback.ticket.entered", {st.draft.ticket}), colour::kText, ui.fonts().heading());
        if (st.lookup == TicketLookup::Unknown) ui.text_t("feedback.ticket.unknown", colour::kWarn, ui.fonts().heading());
    }
    const float tw = std::min(700.f, ImGui::GetContentRegionAvail().x);
    if (ui.button_t(st.draft.ticket.empty() ? "feedback.ticket.enter" : "feedback.ticket.change", ImVec2(tw, ui.metrics().touch * 1.2f),
                    ButtonStyle::Primary)) {
        st.ticket_pad = true;
        st.ticket_input = st.draft.ticket;
        st.lookup = TicketLookup::None;
    }
    if (!st.draft.ticket.empty()) {
        ImGui::SameLine();
        if (ui.button_t("feedback.ticket.remove", ImVec2(0, ui.metrics().touch * 1.2f), ButtonStyle::Secondary)) {
            st.draft.ticket.clear();
            st.draft.called_at.clear();
            st.lookup = TicketLookup::None;
        }
    }
    ImGui::Dummy(ImVec2(0, 10));
    ui.heading_t("feedback.choose_window");
    const float avail = ImGui::GetContentRegionAvail().x;
    float widest = 0;
    for (const auto& win : m.hall->windows)
        widest = std::max(widest, label_width(ui.strings().fmt("queue.window_n", {win.number}) + " " + win.name.get(m.lang)));
    const int cols = fit_columns(avail, ui.metrics().gap, widest, 4);
    const float w = (avail - ui.metrics().gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    int i = 0;
    for (const auto& win : m.hall->windows) {
        const std::string label = ui.strings().fmt("queue.window_n", {win.number}) + " " + win.name.get(m.lang);
        if (ui.button(label, "feedback.window." + win.id, ImVec2(w, ui.metrics().touch * 1.2f), ButtonStyle::Choice,
                      st.draft.window_id == win.id))
            st.draft.window_id = win.id;
        if (++i % cols != 0) ImGui::SameLine();
    }
    if (i % cols != 0) ImGui::NewLine();
    if (ui.button_t("feedback.window.hall", ImVec2(cols > 2 ? w * 2 + ui.metrics().gap : avail, ui.metrics().touch * 1.2f), ButtonStyle::Choice,
                    st.draft.window_id == kWholeHall))
        st.draft.window_id = kWholeHall;
}

void draw_category_step(Ui& ui, FeedbackState& st) {
    ui.heading_t("feedback.choose_categories");
    const float avail = ImGui::GetContentRegionAvail().x;
    float widest = 0;
    for (Category c : all_categories()) {
        const std::string key = "category." + std::string(category_key(c));
        widest = std::max(widest, label_width("✓ " + ui.tr(key) + "  —  " + ui.tr(key + ".hint")));
    }
    const int cols = fit_columns(avail, ui.metrics().gap, widest, 2);
    const float w = (avail - ui.metrics().gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    int i = 0;
    for (Category c : all_categories()) {
        const std::string key = "category." + std::string(category_key(c));
        const std::string label = (st.draft.has(c) ? "✓ " : "") + ui.tr(key) + "  —  " + ui.tr(key + ".hint");
        if (ui.button(label, key, ImVec2(w, ui.metrics().touch), ButtonStyle::Choice, st.draft.has(c), true, key)) st.draft.toggle(c);
        if (++i % cols != 0) ImGui::SameLine();
    }
    if (i % cols != 0) ImGui::NewLine();
    show_problems(ui, st, "categories");
}

void rating_row(Ui& ui, const std::string& key_prefix, std::optional<Rating>& value, float height) {
    const float avail = ImGui::GetContentRegionAvail().x;
    float widest = 0;
    for (Rating r : kRatingsBestFirst) widest = std::max(widest, label_width("✓ " + ui.tr("rating." + std::string(rating_key(r)))));
    // Five in a row where they fit; else three and two, or two by two (portrait, large text).
    int cols = fit_columns(avail, ui.metrics().gap, widest, 5);
    if (cols == 4) cols = 3;
    const float w = (avail - ui.metrics().gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    int i = 0;
    for (Rating r : kRatingsBestFirst) {
        const std::string rkey = "rating." + std::string(rating_key(r));
        const bool sel = value == r;
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(sel ? rating_colour(r) : colour::kPanel));
        const std::string label = (sel ? "✓ " : "") + ui.tr(rkey);
        if (ui.button(label, key_prefix + std::string(rating_key(r)), ImVec2(w, height), ButtonStyle::Choice, sel, true, rkey))
            value = (value == r) ? std::nullopt : std::optional<Rating>(r);
        ImGui::PopStyleColor();
        if (++i < 5 && i % cols != 0) ImGui::SameLine();
    }
}

void draw_rating_step(Ui& ui, FeedbackState& st) {
    ui.heading_t("feedback.rate_overall");
    rating_row(ui, "rate.overall.", st.draft.overall, ui.metrics().touch * 1.5f);
    show_problems(ui, st, "rating");
    ImGui::Dummy(ImVec2(0, 10));
    ui.text_t("feedback.rate_optional", colour::kTextMuted);
    static const char* ind_keys[] = {"indicator.efficiency", "indicator.level", "indicator.attitude"};
    for (int i = 0; i < kIndicatorCount; ++i) {
        ui.text_t(ind_keys[i], colour::kText, ui.fonts().heading());
        rating_row(ui, "rate." + std::string(indicator_key(static_cast<Indicator>(i))) + ".", st.draft.indicators[static_cast<std::size_t>(i)],
                   ui.metrics().touch);
    }
}

void draw_details_step(Ui& ui, FeedbackState& st) {
    using F = FeedbackState::Field;
    if (st.focus != F::None) {
        // The keyboard docks at the bottom in its own layer; the form and the nav row end above it.
        std::string& target = st.focus == F::Text ? st.draft.text : st.focus == F::CaseNumber ? st.draft.case_number : st.draft.phone;
        const TextLimit& limit = st.focus == F::Text ? kTextLimit : st.focus == F::CaseNumber ? kCaseLimit : kPhoneLimit;
        if (docked_keyboard(ui, st.keyboard, target, limit, st.focus == F::Phone ? KeyboardLayout::Phone : KeyboardLayout::Text))
            st.focus = F::None;
    }
    const float kb_h = keyboard_room(ui, st);
    const float top = ImGui::GetCursorScreenPos().y;
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - ui.metrics().pad * 2 - ui.metrics().touch - kb_h;
    ui.begin_scroll("feedback.details", ImVec2(-1, std::max(ui.metrics().touch, bottom - top)));
    ui.heading_t("feedback.text_label");
    if (text_field(ui, "feedback.text", st.draft.text, ui.tr("feedback.text_placeholder"), st.focus == F::Text, kTextLimit,
                   ui.metrics().touch * 1.6f))
        st.focus = F::Text;
    show_problems(ui, st, "text");
    ui.heading_t("feedback.case_number_label");
    if (text_field(ui, "feedback.case_number", st.draft.case_number, ui.tr("feedback.case_number_placeholder"), st.focus == F::CaseNumber,
                   kCaseLimit))
        st.focus = F::CaseNumber;
    show_problems(ui, st, "case_number");
    ui.heading_t("feedback.contact_label");
    const float contact_w = std::min(560.f, (ImGui::GetContentRegionAvail().x - ui.metrics().gap) / 2);
    if (ui.button_t("feedback.anonymous", ImVec2(contact_w, 0), ButtonStyle::Choice, st.draft.anonymous)) {
        st.draft.anonymous = true;
        if (st.focus == F::Phone) st.focus = F::None;
    }
    ImGui::SameLine();
    if (ui.button_t("feedback.callback", ImVec2(contact_w, 0), ButtonStyle::Choice, !st.draft.anonymous)) {
        st.draft.anonymous = false;
        st.focus = F::Phone;
    }
    if (!st.draft.anonymous) {
        if (text_field(ui, "feedback.phone", st.draft.phone, ui.tr("feedback.phone_placeholder"), st.focus == F::Phone, kPhoneLimit))
            st.focus = F::Phone;
        ui.text_t("feedback.privacy", colour::kTextMuted, ui.fonts().small());
    }
    show_problems(ui, st, "phone");
    ui.end_scroll();
}

void draw_review_step(Ui& ui, const Model& m, FeedbackState& st) {
    ui.heading_t("feedback.review_title");
    const auto& d = st.draft;
    ui.field("feedback.review.window", window_label(ui, m, d.window_id));
    std::string cats;
    for (Category c : d.categories) cats += (cats.empty() ? "" : "、") + ui.tr("category." + std::string(category_key(c)));
    ui.field("feedback.review.categories", cats);
    ui.field("feedback.review.rating", d.overall ? ui.tr("rating." + std::string(rating_key(*d.overall))) : std::string());
    if (!d.service_code.empty())
        if (const Guide* g = m.guide(d.service_code)) ui.field("feedback.review.service", g->name.get(m.lang));
    ui.field("feedback.review.text", d.text);
    if (!d.ticket.empty()) ui.field("feedback.review.ticket", d.ticket);
    if (const auto t = local_hhmm(d.called_at, m.utc_offset_minutes); !t.empty()) ui.field("feedback.ticket.called_at", t);
    if (!d.case_number.empty()) ui.field("feedback.review.case_number", d.case_number);
    ui.field("feedback.review.contact", d.anonymous ? ui.tr("feedback.anonymous") : mask_phone(d.phone));
    // One visit, one rating: kindly, before the citizen submits; the words are still welcome.
    if (visit_already_rated(m, d.ticket, d.window_id)) ui.text_t("feedback.ticket.already_rated", colour::kPrimaryDark, ui.fonts().heading());
    if (!st.store_error_key.empty()) ui.text_t(st.store_error_key, colour::kBad, ui.fonts().heading());
    for (const auto& p : st.problems) ui.text_t(p.key, colour::kBad, ui.fonts().heading());
}

}  // namespace

bool visit_already_rated(const Model& m, const std::string& ticket, const std::string& window_id) {
    if (ticket.empty() || window_id.empty()) return false;
    const std::string key = ticket + "|" + window_id;
    return std::find(m.rated_visits.begin(), m.rated_visits.end(), key) != m.rated_visits.end();
}

std::string window_label(const Ui& ui, const Model& m, const std::string& window_id) {
    if (window_id == kWholeHall) return ui.tr("feedback.window.hall");
    const Window* w = m.hall->find_window(window_id);
    return w ? ui.strings().fmt("queue.window_n", {w->number}) + " " + w->name.get(m.lang) : window_id;
}

Intent draw_feedback(Ui& ui, const Model& m, FeedbackState& st) {
    Intent out = top_bar(ui, m, "feedback.title", true);
    step_header(ui, st);
    auto& d = st.draft;
    // Every step but the details (which has its own) scrolls above the Back/Next row, so a
    // long list on a small or portrait panel never runs under it.
    const bool own_scroll = st.step == FeedbackStep::Details;
    if (!own_scroll) {
        const float nav_top = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - ui.metrics().pad - ui.metrics().touch - ui.metrics().gap;
        // One scroll region per step (and one for the ticket keypad): a step scrolled down does
        // not leave the next one scrolled, with its buttons a frame away from where they show.
        const bool pad = st.step == FeedbackStep::Window && st.ticket_pad;
        const std::string region = pad ? std::string(st.lookup == TicketLookup::Known ? "feedback.step.ticket_found" : "feedback.step.ticket")
                                       : "feedback.step." + std::to_string(static_cast<int>(st.step));
        ui.begin_scroll(region, ImVec2(-1, std::max(ui.metrics().touch, nav_top - ImGui::GetCursorScreenPos().y)));
    }
    const FeedbackStep step = st.step;  // the nav row may move on; draw and end this one
    switch (step) {
        case FeedbackStep::Window: draw_window_step(ui, m, st); break;
        case FeedbackStep::Category: draw_category_step(ui, st); break;
        case FeedbackStep::Rating: draw_rating_step(ui, st); break;
        case FeedbackStep::Details: draw_details_step(ui, st); break;
        case FeedbackStep::Review: draw_review_step(ui, m, st); break;
    }
    if (!own_scroll) ui.end_scroll();
    switch (step) {
        case FeedbackStep::Window:
            if (!st.ticket_pad && nav_row(ui, st, !d.window_id.empty())) st.step = FeedbackStep::Category;
            break;
        case FeedbackStep::Category:
            if (nav_row(ui, st, !d.categories.empty())) st.step = FeedbackStep::Rating;
            break;
        case FeedbackStep::Rating:
            if (nav_row(ui, st, d.overall.has_value())) st.step = FeedbackStep::Details;
            break;
        case FeedbackStep::Details:
            if (nav_row(ui, st, true)) {
                st.problems = validate_draft(d);
                if (st.problems.empty()) {
                    st.focus = FeedbackState::Field::None;
                    st.step = FeedbackStep::Review;
                }
            }
            break;
        case FeedbackStep::Review:
            if (nav_row(ui, st, true, "feedback.submit")) out = intent::SubmitFeedback{};
            break;
    }
    if (st.step != FeedbackStep::Review && st.step != FeedbackStep::Details) st.problems.clear();
    (void)has_problem;
    return out;
}

}  // namespace hall::ui
