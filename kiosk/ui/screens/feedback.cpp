#include "ui/screens/feedback.h"

#include <algorithm>

#include "ui/chrome.h"

namespace hall::ui {
namespace {

constexpr TextLimit kTextLimit{kMaxFeedbackTextChars, true};
constexpr TextLimit kTicketLimit{kMaxTicketChars, false, false};  // A005: letters first, not pinyin
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

void draw_window_step(Ui& ui, const Model& m, FeedbackState& st) {
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
        std::string& target = st.focus == F::Text ? st.draft.text : st.focus == F::Ticket ? st.draft.ticket : st.draft.phone;
        const TextLimit& limit = st.focus == F::Text ? kTextLimit : st.focus == F::Ticket ? kTicketLimit : kPhoneLimit;
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
    ui.heading_t("feedback.ticket_label");
    if (text_field(ui, "feedback.ticket", st.draft.ticket, ui.tr("feedback.ticket_placeholder"), st.focus == F::Ticket, kTicketLimit))
        st.focus = F::Ticket;
    show_problems(ui, st, "ticket");
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
    ui.field("feedback.review.ticket", d.ticket);
    ui.field("feedback.review.contact", d.anonymous ? ui.tr("feedback.anonymous") : mask_phone(d.phone));
    if (!st.store_error_key.empty()) ui.text_t(st.store_error_key, colour::kBad, ui.fonts().heading());
    for (const auto& p : st.problems) ui.text_t(p.key, colour::kBad, ui.fonts().heading());
}

}  // namespace

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
        ui.begin_scroll("feedback.step", ImVec2(-1, std::max(ui.metrics().touch, nav_top - ImGui::GetCursorScreenPos().y)));
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
            if (nav_row(ui, st, !d.window_id.empty())) st.step = FeedbackStep::Category;
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
