#pragma once
// Feedback on window conduct: the categories DOMAIN.md names, the national 好差評 scale,
// and the rules a draft must meet before it may be stored.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hall {

// Stable wire/storage names in comments; never renumber (they are stored).
enum class Category : int {
    EmptyWindow = 0,      // empty_window: 空崗、脫崗、「空城計」
    Attitude = 1,         // attitude: 冷硬橫推, rude or cold clerk
    Discipline = 2,       // discipline: late, asleep, on the phone, chatting
    Integrity = 3,        // integrity: 吃拿卡要, favours, designated agents (highest priority)
    Delay = 4,            // delay: 應受理不受理, 可快辦的拖延辦
    BackAndForth = 5,     // back_and_forth: 一次性告知不到位, sent back and forth
    LongWait = 6,         // long_wait: 等待時間長
    UnclearGuide = 7,     // unclear_guide: 辦事指南不清楚
    HallLayout = 8,       // hall_layout: 找不著北
    BrokenEquipment = 9,  // broken_equipment: self-service devices not working
    Praise = 10,          // praise: 紅旗窗口, 文明禮儀之星
};
inline constexpr int kCategoryCount = 11;
std::string_view category_key(Category c);  // "empty_window", ...
std::optional<Category> category_from_key(std::string_view key);
const std::array<Category, kCategoryCount>& all_categories();
// Higher is more urgent; integrity first, praise last.
int category_priority(Category c);

// The five 好差評 levels, exactly. Values are the stored numbers.
enum class Rating : int {
    VeryDissatisfied = 1,  // 非常不滿意
    Dissatisfied = 2,      // 不滿意
    Basic = 3,             // 基本滿意
    Satisfied = 4,         // 滿意
    VerySatisfied = 5,     // 非常滿意
};
inline constexpr std::array<Rating, 5> kRatingsBestFirst{Rating::VerySatisfied, Rating::Satisfied, Rating::Basic,
                                                          Rating::Dissatisfied, Rating::VeryDissatisfied};
std::string_view rating_key(Rating r);  // "very_satisfied", ...
std::optional<Rating> rating_from_int(int v);
// 差評: the last two levels. Every one is verified, rectified and answered.
inline bool is_bad_rating(Rating r) { return static_cast<int>(r) <= 2; }
// Counted in the satisfaction rate's numerator.
inline bool is_good_rating(Rating r) { return static_cast<int>(r) >= 4; }

// The national on-site sub-indicators under overall satisfaction.
enum class Indicator : int { Efficiency = 0, Level = 1, Attitude = 2 };
inline constexpr int kIndicatorCount = 3;
std::string_view indicator_key(Indicator i);

inline constexpr std::size_t kMaxFeedbackTextChars = 300;
inline constexpr std::size_t kMaxTicketChars = 32;

// What a citizen has entered so far. Lives in the feedback screen's state and is thrown
// away on idle reset.
struct FeedbackDraft {
    std::string window_id;
    std::vector<Category> categories;
    std::optional<Rating> overall;
    std::array<std::optional<Rating>, kIndicatorCount> indicators{};
    std::string service_code;  // 事項 the citizen came for, if chosen
    std::string ticket;        // queue ticket from the ticket step (hall format, e.g. A005), optional
    std::string called_at;     // when the queue feed called that ticket (UTC ISO), "" when unknown
    std::string case_number;   // 辦件編號, free text, optional
    std::string text;
    bool anonymous = true;
    std::string phone;

    bool has(Category c) const;
    void toggle(Category c);
};

// One validation problem: a stable key (for the UI string table) and the field it is about.
struct DraftProblem {
    std::string field;  // "window", "categories", "rating", "text", "phone", "case_number"
    std::string key;    // e.g. "feedback.error.phone_invalid"
};
std::vector<DraftProblem> validate_draft(const FeedbackDraft& d);

// Mainland mobile (1[3-9] + 9 digits) or landline with area code (0 + 2-3 digits + 7-8 digits,
// an optional '-'). Spaces are ignored.
bool is_valid_phone(std::string_view phone);
std::string normalize_phone(std::string_view phone);
// 138****1234: what anyone sees unless a manager explicitly reveals the number.
std::string mask_phone(std::string_view phone);

// The 好差評 channel of a rating given at this kiosk: the hall's self-service terminal.
inline constexpr const char* kChannelHallTerminal = "hall_terminal";

// Where a rating stands against 一次一評 and the stuffing guard (docs/feedback.md).
enum class RatingFlag {
    None,       // counted
    Pending,    // stuffing guard: out of the statistics until a manager decides
    Confirmed,  // a manager found it genuine: counted again
    Rejected,   // a manager found it stuffing: stays out (kept, never deleted)
};
std::string_view rating_flag_key(RatingFlag f);  // "", "pending", "confirmed", "rejected"
std::optional<RatingFlag> rating_flag_from_key(std::string_view key);

// A stored feedback record: the draft plus identity and time, ready for SQLite and sync.
struct Feedback {
    std::string uuid;          // idempotency key for sync
    std::string receipt;       // short code the citizen can quote, e.g. "K7QM-9D2P"
    std::string created_at;    // UTC, ISO 8601 with 'Z'
    std::string hall_id;
    std::string kiosk_id;
    std::string window_id;
    std::vector<Category> categories;
    Rating overall = Rating::Basic;
    std::array<std::optional<Rating>, kIndicatorCount> indicators{};
    std::string service_code;
    std::string ticket;        // queue ticket ("" none); older kiosks sent a free-text number here
    std::string text;
    std::string phone;         // empty when anonymous
    std::string lang;          // language the citizen used
    // What the national 好差評 record carries (issue 20). Empty/default in records from
    // kiosks before it, which the hub still accepts.
    std::string channel;       // kChannelHallTerminal
    std::string case_number;   // 辦件編號 the citizen typed
    std::string called_at;     // when the ticket was called (UTC ISO), from the queue feed
    std::string visit_day;     // local YYYY-MM-DD of the visit: tickets restart daily
    int round = 1;             // evaluation round: 1 = the visit's first rating, 2.. = repeats
    std::string repeat_of;     // uuid of the visit's first rating when this one repeats it
    bool flagged = false;      // the stuffing guard held it back when it was stored

    bool is_repeat() const { return round > 1; }

    bool is_bad() const { return is_bad_rating(overall); }
};

// Builds a record from a validated draft. Text is sanitized and cut to its limit.
// visit_day: the hall's local day of created_at (the App knows the offset).
Feedback make_feedback(const FeedbackDraft& d, std::string hall_id, std::string kiosk_id, std::string lang,
                       std::string uuid, std::string receipt, std::string created_at, std::string visit_day = {});

// One visit, one rating (一次一評): the key two ratings of the same visit share, "" for a
// rating without a ticket (those are never repeats). Tickets restart daily, so the day is in it.
std::string visit_key(const std::string& hall_id, const std::string& visit_day, const std::string& ticket,
                      const std::string& window_id);

std::string categories_to_csv(const std::vector<Category>& cs);  // "attitude,long_wait"
std::vector<Category> categories_from_csv(std::string_view csv);

}  // namespace hall
