#include "core/demo_feedback.h"

#include <algorithm>
#include <random>

#include "core/ids.h"

namespace hall {
namespace {

struct Sample {
    Category category;
    const char* text;
};

// Phrased after what the rectification documents say citizens complain about.
const Sample kSamples[] = {
    {Category::EmptyWindow, "窗口挂着暂停服务的牌子，等了半小时没人回来"},
    {Category::EmptyWindow, "工作人员离岗很久，也没有人顶岗"},
    {Category::Attitude, "工作人员态度生硬，问两句就不耐烦"},
    {Category::Attitude, "说话难听，脸色难看"},
    {Category::Discipline, "办事时工作人员一直在玩手机"},
    {Category::Discipline, "上班时间聊天说笑，迟到"},
    {Category::Integrity, "暗示我找指定的中介才能办得快"},
    {Category::Delay, "材料齐全却说今天办不了，让我下周再来"},
    {Category::BackAndForth, "第一次没有一次性告知所需材料，跑了三趟"},
    {Category::BackAndForth, "说半句留半句，又让我回去补材料"},
    {Category::LongWait, "排队等了一个多小时，只开了一个窗口"},
    {Category::UnclearGuide, "网上的办事指南和现场说的不一样"},
    {Category::HallLayout, "大厅指示不清楚，找不到窗口"},
    {Category::BrokenEquipment, "自助机不能打印，屏幕没反应"},
    {Category::Praise, "工作人员耐心细致，一次就办好了，谢谢"},
    {Category::Praise, "主动帮老人填表，服务很热情"},
};

}  // namespace

std::vector<Feedback> make_demo_feedback(const HallInfo& hall, const std::string& kiosk_id, std::size_t n, std::uint32_t seed,
                                         std::chrono::system_clock::time_point now, int days) {
    std::mt19937 rng(seed);
    std::vector<Feedback> out;
    out.reserve(n);
    std::uniform_int_distribution<std::size_t> win(0, hall.windows.empty() ? 0 : hall.windows.size() - 1);
    std::uniform_int_distribution<std::size_t> sample(0, std::size(kSamples) - 1);
    std::uniform_int_distribution<long long> when(0, static_cast<long long>(days) * 86400 - 1);
    std::uniform_real_distribution<double> u(0, 1);
    std::uniform_int_distribution<int> digits(0, 99999999);
    for (std::size_t i = 0; i < n; ++i) {
        const Sample& s = kSamples[sample(rng)];
        FeedbackDraft d;
        // Some windows are worse than others, so rankings have something to show.
        const std::size_t w = win(rng);
        d.window_id = hall.windows.empty() ? "w01" : hall.windows[w].id;
        d.categories = {s.category};
        // Toggling LongWait off a long-wait sample would leave no category (the hub rejects that).
        if (s.category != Category::Praise && s.category != Category::LongWait && u(rng) < 0.2) d.toggle(Category::LongWait);
        const double bias = static_cast<double>(w % 4) * 0.08;
        Rating r;
        if (s.category == Category::Praise) r = u(rng) < 0.7 ? Rating::VerySatisfied : Rating::Satisfied;
        else {
            const double x = u(rng) + bias;
            r = x < 0.35 ? Rating::Satisfied : x < 0.6 ? Rating::Basic : x < 0.85 ? Rating::Dissatisfied : Rating::VeryDissatisfied;
        }
        d.overall = r;
        if (u(rng) < 0.5)
            for (auto& ind : d.indicators) ind = rating_from_int(std::clamp(static_cast<int>(r) + static_cast<int>(u(rng) * 3) - 1, 1, 5));
        d.text = u(rng) < 0.8 ? s.text : "";
        d.anonymous = u(rng) < 0.66;
        if (!d.anonymous) {
            char phone[32];
            std::snprintf(phone, sizeof phone, "13%d%08d", 5 + static_cast<int>(u(rng) * 4), digits(rng));
            d.phone = phone;
        }
        const std::string uuid = new_uuid();
        const auto t = now - std::chrono::seconds(when(rng));
        out.push_back(make_feedback(d, hall.id.empty() ? "demo" : hall.id, kiosk_id, "zh-Hans", uuid, receipt_from_uuid(uuid), iso_utc(t)));
    }
    return out;
}

}  // namespace hall
