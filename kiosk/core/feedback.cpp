#include "core/feedback.h"

#include <algorithm>

#include "core/text.h"

namespace hall {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryKeys{
    "empty_window", "attitude",     "discipline",  "integrity",        "delay", "back_and_forth",
    "long_wait",    "unclear_guide", "hall_layout", "broken_equipment", "praise"};

}  // namespace

std::string_view category_key(Category c) { return kCategoryKeys.at(static_cast<std::size_t>(c)); }

std::optional<Category> category_from_key(std::string_view key) {
    for (std::size_t i = 0; i < kCategoryKeys.size(); ++i)
        if (kCategoryKeys[i] == key) return static_cast<Category>(i);
    return std::nullopt;
}

const std::array<Category, kCategoryCount>& all_categories() {
    static const std::array<Category, kCategoryCount> all = [] {
        std::array<Category, kCategoryCount> a{};
        for (int i = 0; i < kCategoryCount; ++i) a[static_cast<std::size_t>(i)] = static_cast<Category>(i);
        return a;
    }();
    return all;
}

int category_priority(Category c) {
    switch (c) {
        case Category::Integrity: return 100;
        case Category::EmptyWindow: return 80;
        case Category::Attitude: return 70;
        case Category::Delay: return 70;
        case Category::BackAndForth: return 60;
        case Category::Discipline: return 60;
        case Category::LongWait: return 50;
        case Category::UnclearGuide: return 40;
        case Category::BrokenEquipment: return 40;
        case Category::HallLayout: return 30;
        case Category::Praise: return 0;
    }
    return 0;
}

std::string_view rating_key(Rating r) {
    switch (r) {
        case Rating::VeryDissatisfied: return "very_dissatisfied";
        case Rating::Dissatisfied: return "dissatisfied";
        case Rating::Basic: return "basic";
        case Rating::Satisfied: return "satisfied";
        case Rating::VerySatisfied: return "very_satisfied";
    }
    return "basic";
}

std::optional<Rating> rating_from_int(int v) {
    if (v < 1 || v > 5) return std::nullopt;
    return static_cast<Rating>(v);
}

std::string_view indicator_key(Indicator i) {
    switch (i) {
        case Indicator::Efficiency: return "efficiency";
        case Indicator::Level: return "level";
        case Indicator::Attitude: return "attitude";
    }
    return "efficiency";
}

bool FeedbackDraft::has(Category c) const {
    return std::find(categories.begin(), categories.end(), c) != categories.end();
}

void FeedbackDraft::toggle(Category c) {
    auto it = std::find(categories.begin(), categories.end(), c);
    if (it != categories.end()) categories.erase(it);
    else categories.push_back(c);
}

std::string normalize_phone(std::string_view phone) {
    std::string out;
    for (char ch : phone)
        if (ch != ' ') out += ch;
    return out;
}

bool is_valid_phone(std::string_view raw) {
    const std::string p = normalize_phone(raw);
    const auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    // Mobile: 11 digits, 1 then 3-9.
    if (p.size() == 11 && digits(p) && p[0] == '1' && p[1] >= '3' && p[1] <= '9') return true;
    // Landline: area code 0xx or 0xxx, then a 7 or 8 digit number, with or without '-'.
    std::string area, local;
    if (const auto dash = p.find('-'); dash != std::string::npos) {
        area = p.substr(0, dash);
        local = p.substr(dash + 1);
        if (!(area.size() == 3 || area.size() == 4)) return false;
    } else {
        if (!digits(p) || p.size() < 10 || p.size() > 12 || p[0] != '0') return false;
        return true;  // 0 + area + local, length 10-12
    }
    return digits(area) && area[0] == '0' && digits(local) && (local.size() == 7 || local.size() == 8) &&
           local[0] != '0';
}

std::string mask_phone(std::string_view raw) {
    const std::string p = normalize_phone(raw);
    if (p.size() < 7) return std::string(p.size(), '*');
    return p.substr(0, 3) + std::string(p.size() - 7, '*') + p.substr(p.size() - 4);
}

std::vector<DraftProblem> validate_draft(const FeedbackDraft& d) {
    std::vector<DraftProblem> out;
    if (d.window_id.empty()) out.push_back({"window", "feedback.error.no_window"});
    if (d.categories.empty()) out.push_back({"categories", "feedback.error.no_category"});
    if (!d.overall) out.push_back({"rating", "feedback.error.no_rating"});
    if (!is_valid_utf8(d.text)) out.push_back({"text", "feedback.error.text_invalid"});
    else if (utf8_length(d.text) > kMaxFeedbackTextChars) out.push_back({"text", "feedback.error.text_too_long"});
    if (!is_valid_utf8(d.case_number) || utf8_length(d.case_number) > kMaxTicketChars)
        out.push_back({"case_number", "feedback.error.ticket_too_long"});
    if (!d.anonymous) {
        if (d.phone.empty()) out.push_back({"phone", "feedback.error.phone_missing"});
        else if (!is_valid_phone(d.phone)) out.push_back({"phone", "feedback.error.phone_invalid"});
    }
    return out;
}

std::string_view rating_flag_key(RatingFlag f) {
    switch (f) {
        case RatingFlag::None: return "";
        case RatingFlag::Pending: return "pending";
        case RatingFlag::Confirmed: return "confirmed";
        case RatingFlag::Rejected: return "rejected";
    }
    return "";
}

std::optional<RatingFlag> rating_flag_from_key(std::string_view key) {
    for (RatingFlag f : {RatingFlag::None, RatingFlag::Pending, RatingFlag::Confirmed, RatingFlag::Rejected})
        if (rating_flag_key(f) == key) return f;
    return std::nullopt;
}

std::string visit_key(const std::string& hall_id, const std::string& visit_day, const std::string& ticket,
                      const std::string& window_id) {
    if (ticket.empty() || visit_day.empty()) return {};
    return hall_id + '|' + visit_day + '|' + ticket + '|' + window_id;
}

Feedback make_feedback(const FeedbackDraft& d, std::string hall_id, std::string kiosk_id, std::string lang,
                       std::string uuid, std::string receipt, std::string created_at, std::string visit_day) {
    Feedback f;
    f.uuid = std::move(uuid);
    f.receipt = std::move(receipt);
    f.created_at = std::move(created_at);
    f.hall_id = std::move(hall_id);
    f.kiosk_id = std::move(kiosk_id);
    f.window_id = d.window_id;
    f.categories = d.categories;
    std::sort(f.categories.begin(), f.categories.end());
    f.overall = d.overall.value_or(Rating::Basic);
    f.indicators = d.indicators;
    f.service_code = d.service_code;
    f.ticket = sanitize_text(d.ticket, kMaxTicketChars, false);
    f.case_number = sanitize_text(d.case_number, kMaxTicketChars, false);
    f.called_at = f.ticket.empty() ? std::string() : d.called_at;
    f.channel = kChannelHallTerminal;
    f.visit_day = std::move(visit_day);
    f.text = sanitize_text(trim(d.text), kMaxFeedbackTextChars, true);
    f.phone = d.anonymous ? std::string() : normalize_phone(d.phone);
    f.lang = std::move(lang);
    return f;
}

std::string categories_to_csv(const std::vector<Category>& cs) {
    std::string out;
    for (Category c : cs) {
        if (!out.empty()) out += ',';
        out += category_key(c);
    }
    return out;
}

std::vector<Category> categories_from_csv(std::string_view csv) {
    std::vector<Category> out;
    while (!csv.empty()) {
        const auto comma = csv.find(',');
        const auto part = csv.substr(0, comma);
        if (auto c = category_from_key(part)) out.push_back(*c);
        if (comma == std::string_view::npos) break;
        csv.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace hall
