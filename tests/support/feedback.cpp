#include "support/feedback.h"

#include "core/ids.h"

namespace hall::test {

Feedback make_record(const FeedbackSpec& s) {
    FeedbackDraft d;
    d.window_id = s.window;
    d.categories = s.categories;
    d.overall = s.rating;
    d.indicators = s.indicators;
    d.text = s.text;
    d.anonymous = s.phone.empty();
    d.phone = s.phone;
    const std::string uuid = new_uuid();
    return make_feedback(d, s.hall, s.kiosk, "zh-Hans", uuid, receipt_from_uuid(uuid),
                         s.created_at.empty() ? now_iso_utc() : s.created_at);
}

Feedback sample_feedback(int i, const std::string& hall) {
    FeedbackSpec s;
    s.hall = hall;
    s.window = "w" + std::to_string(1 + i % 11);
    s.categories = {static_cast<Category>(i % kCategoryCount)};
    s.rating = static_cast<Rating>(1 + i % 5);
    s.text = "第" + std::to_string(i) + "条意见：窗口无人";
    return make_record(s);
}

}  // namespace hall::test
