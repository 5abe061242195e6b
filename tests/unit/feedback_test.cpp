#include <catch2/catch.hpp>

#include "core/feedback.h"
#include "core/ids.h"

using namespace hall;

namespace {
bool has_problem(const std::vector<DraftProblem>& ps, const std::string& key) {
    for (const auto& p : ps)
        if (p.key == key) return true;
    return false;
}
}  // namespace

TEST_CASE("every category has a stable key that round-trips", "[feedback]") {
    for (Category c : all_categories()) {
        auto back = category_from_key(category_key(c));
        REQUIRE(back);
        CHECK(*back == c);
    }
    CHECK(category_priority(Category::Integrity) > category_priority(Category::Attitude));
    CHECK(category_priority(Category::Praise) < category_priority(Category::HallLayout));
}

TEST_CASE("the five 好差評 levels: the last two are 差評", "[feedback]") {
    CHECK(is_bad_rating(Rating::VeryDissatisfied));
    CHECK(is_bad_rating(Rating::Dissatisfied));
    CHECK_FALSE(is_bad_rating(Rating::Basic));
    CHECK(is_good_rating(Rating::Satisfied));
    CHECK_FALSE(is_good_rating(Rating::Basic));
    CHECK_FALSE(rating_from_int(0));
    CHECK_FALSE(rating_from_int(6));
}

TEST_CASE("a draft needs a window, a category and a rating", "[feedback]") {
    FeedbackDraft d;
    auto ps = validate_draft(d);
    CHECK(has_problem(ps, "feedback.error.no_window"));
    CHECK(has_problem(ps, "feedback.error.no_category"));
    CHECK(has_problem(ps, "feedback.error.no_rating"));
    d.window_id = "w01";
    d.toggle(Category::EmptyWindow);
    d.overall = Rating::Dissatisfied;
    CHECK(validate_draft(d).empty());
    d.toggle(Category::EmptyWindow);
    CHECK(has_problem(validate_draft(d), "feedback.error.no_category"));
}

TEST_CASE("text over the limit or malformed is refused, not silently cut", "[feedback]") {
    FeedbackDraft d;
    d.window_id = "w01";
    d.categories = {Category::Attitude};
    d.overall = Rating::Basic;
    std::string long_text;
    for (std::size_t i = 0; i <= kMaxFeedbackTextChars; ++i) long_text += "字";
    d.text = long_text;
    CHECK(has_problem(validate_draft(d), "feedback.error.text_too_long"));
    d.text = "bad\xFF";
    CHECK(has_problem(validate_draft(d), "feedback.error.text_invalid"));
}

TEST_CASE("phone numbers: mobile and landline accepted, others refused", "[feedback]") {
    CHECK(is_valid_phone("13812341234"));
    CHECK(is_valid_phone("138 1234 1234"));
    CHECK(is_valid_phone("0755-12345678"));
    CHECK(is_valid_phone("01012345678"));
    CHECK_FALSE(is_valid_phone("12812341234"));   // no 12x mobile prefix
    CHECK_FALSE(is_valid_phone("1381234123"));    // 10 digits
    CHECK_FALSE(is_valid_phone("0755-0234567"));  // local number cannot start with 0
    CHECK_FALSE(is_valid_phone("abc"));
    CHECK(mask_phone("13812341234") == "138****1234");

    FeedbackDraft d;
    d.window_id = "w01";
    d.categories = {Category::Praise};
    d.overall = Rating::VerySatisfied;
    d.anonymous = false;
    CHECK(has_problem(validate_draft(d), "feedback.error.phone_missing"));
    d.phone = "123";
    CHECK(has_problem(validate_draft(d), "feedback.error.phone_invalid"));
    d.phone = "13912345678";
    CHECK(validate_draft(d).empty());
}

TEST_CASE("make_feedback keeps the phone only when the citizen chose a call-back", "[feedback]") {
    FeedbackDraft d;
    d.window_id = "w02";
    d.categories = {Category::LongWait, Category::Attitude};
    d.overall = Rating::Dissatisfied;
    d.phone = "13912345678";
    d.anonymous = true;
    d.text = "  等了两个小时\x07  ";
    const std::string uuid = new_uuid();
    Feedback f = make_feedback(d, "hall", "k1", "zh-Hans", uuid, receipt_from_uuid(uuid), now_iso_utc());
    CHECK(f.phone.empty());
    CHECK(f.text == "等了两个小时");
    CHECK(f.categories.front() == Category::Attitude);  // sorted, stable order
    CHECK(f.is_bad());
    d.anonymous = false;
    f = make_feedback(d, "hall", "k1", "zh-Hans", uuid, receipt_from_uuid(uuid), now_iso_utc());
    CHECK(f.phone == "13912345678");
}

TEST_CASE("UUIDs are version 4 and receipts are short and readable", "[ids]") {
    const std::string a = new_uuid(), b = new_uuid();
    CHECK(a != b);
    REQUIRE(a.size() == 36);
    CHECK(a[14] == '4');
    const std::string r = receipt_from_uuid(a);
    CHECK(r.size() == 9);
    CHECK(r[4] == '-');
    CHECK(r.find_first_of("ILOU") == std::string::npos);
    CHECK(receipt_from_uuid(a) == r);  // derived, so stable
    CHECK(now_iso_utc().back() == 'Z');
}
