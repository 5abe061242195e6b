#include "hub/console/console_demo.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <tuple>

#include "core/feedback.h"
#include "core/handling.h"
#include "core/ids.h"
#include "core/queue.h"
#include "hub/console/console_auth.h"
#include "hub/console/console_index.h"
#include "protocol/api.h"
#include "wire/records.h"
#include "protocol/signing.h"

namespace hall::hub::console {
namespace {

using nlohmann::json;
using Clock = std::chrono::system_clock;

struct Complaint {
    Category category;
    const char* text;
};
const Complaint kComplaints[] = {
    {Category::EmptyWindow, "窗口没人，等了二十分钟"},
    {Category::Attitude, "工作人员态度生硬，问两句就不耐烦"},
    {Category::BackAndForth, "材料要求没一次说清楚，跑了三趟"},
    {Category::LongWait, "排队时间太长，只开了一个窗口"},
    {Category::Discipline, "上班时间玩手机"},
    {Category::Delay, "说好三天办结，拖了两周"},
    {Category::UnclearGuide, "办事指南和窗口要求的材料不一致"},
    {Category::BrokenEquipment, "自助机打印不了"},
    {Category::Integrity, "让我找指定的中介代办"},
};
const char* const kPraise[] = {"办事很快，谢谢", "工作人员很耐心", "一次就办好了", ""};

std::string two(int n) {
    char b[16];
    std::snprintf(b, sizeof b, "%02d", n);
    return b;
}

}  // namespace

DemoResult populate_demo(HubStore& store, const DemoOptions& o, const std::function<void(std::int64_t)>& progress) {
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> u(0, 1);
    DemoResult res;
    const auto now_iso = iso_utc(o.now);
    // Kiosks and their heartbeats (one silent, one behind on content).
    for (int h = 1; h <= o.halls; ++h)
        for (int k = 1; k <= o.kiosks_per_hall; ++k) {
            const auto name = "hall-" + two(h) + "-k" + std::to_string(k);
            const auto hall = "hall-" + two(h);
            PrincipalRow p;
            p.who = {name, hall, "kiosk"};
            p.token_hash = wire::blake2b_hex("demo-token-" + name);
            p.created_at = iso_utc(o.now - std::chrono::hours(24 * o.days));
            const bool silent = h == 2 && k == 1;
            const auto seen = o.now - (silent ? std::chrono::hours(14) : std::chrono::hours(0)) - std::chrono::seconds(20 + 7 * k);
            p.last_seen = iso_utc(seen);
            wire::Heartbeat hb;
            hb.kiosk_version = h == 3 && k == 2 ? "0.1.0" : "0.2.0";
            hb.content_version = h == 4 ? "2026.11.20-1" : "2026.11.28-2";
            hb.outbox_depth = silent ? 37 : static_cast<std::int64_t>(u(rng) * 2);
            hb.free_disk_bytes = (h == 5 && k == 1) ? 350LL * 1024 * 1024 : 21LL * 1024 * 1024 * 1024;
            hb.at = iso_utc(seen);
            if (silent) hb.last_sync_error = "connect timeout";
            p.heartbeat = wire::heartbeat_to_json(hb).dump();
            p.heartbeat_at = iso_utc(seen);
            store.put_principal_if_absent(p);
        }

    std::vector<RecordRow> batch;
    const auto flush = [&] {
        if (batch.empty()) return;
        if (o.bulk) store.sql().transaction([&](SqlConn& c) { insert_records(c, batch); });
        else store.put_records(batch);
        batch.clear();
    };
    // Tickets handed to ratings per hall, window and local day: ticket numbers and the day's
    // tickets served (at least the rated ones) follow from them.
    std::map<std::tuple<int, int, std::string>, int> ticketed;
    const auto push = [&](const json& j, const std::string& kind, const std::string& hall, const std::string& kiosk,
                          const std::string& at) {
        batch.push_back({j["uuid"].get<std::string>(), kind, hall, kiosk, at, j.dump(), kiosk, now_iso});
        if (batch.size() >= 2000) flush();
    };
    std::uniform_int_distribution<int> hall_d(1, o.halls), win_d(1, o.windows_per_hall), kiosk_d(1, o.kiosks_per_hall);
    const auto span = std::chrono::seconds(static_cast<std::int64_t>(o.days) * 86400);
    for (std::int64_t i = 0; i < o.records; ++i) {
        // Spread over the year, in office hours (Beijing 09:00-17:00 = 01:00-09:00 UTC).
        const auto day = std::chrono::floor<std::chrono::days>(o.now - std::chrono::duration_cast<Clock::duration>(span * u(rng)));
        Clock::time_point t = day + std::chrono::hours(1) + std::chrono::seconds(static_cast<int>(u(rng) * 8 * 3600));
        if (t > o.now) t = o.now - std::chrono::minutes(5);
        const int h = hall_d(rng), w = win_d(rng);
        const auto hall = "hall-" + two(h), window = "w" + two(w), kiosk = hall + "-k" + std::to_string(kiosk_d(rng));
        // A weak window or two per hall: more of the tail lands there.
        const double weak = (w == (h % o.windows_per_hall) + 1) ? 4.0 : (w == ((h + 3) % o.windows_per_hall) + 1 ? 2.0 : 1.0);
        const double x = u(rng);
        Rating r = x < 0.0008 * weak ? Rating::VeryDissatisfied
                 : x < 0.002 * weak  ? Rating::Dissatisfied
                 : x < 0.005 * weak  ? Rating::Basic
                 : x < 0.08          ? Rating::Satisfied
                                     : Rating::VerySatisfied;
        Feedback f;
        f.uuid = new_uuid();
        f.receipt = receipt_from_uuid(f.uuid);
        f.created_at = iso_utc(t);
        f.hall_id = hall;
        f.kiosk_id = kiosk;
        f.window_id = window;
        f.overall = r;
        f.lang = "zh-Hans";
        f.channel = kChannelHallTerminal;
        const auto local = local_date_of(f.created_at, kUtcOffsetMinutes);
        if (o.queue_feeds && demo_hall_has_feed(h) && local && u(rng) < 0.75) {
            // The citizen typed the ticket; the feed knew it. One in two hundred rates the same
            // visit twice (a repeat, kept and not counted).
            f.visit_day = format_date(*local);
            int& n = ticketed[{h, w, f.visit_day}];
            const int number = (n > 0 && u(rng) < 0.005) ? n : ++n;
            char ticket[16];
            std::snprintf(ticket, sizeof ticket, "%c%03d", "ABCDEF"[(w - 1) % 6], number % 1000);
            f.ticket = ticket;
            f.called_at = iso_utc(t - std::chrono::minutes(3 + static_cast<int>(u(rng) * 20)));
        }
        if (u(rng) < 0.4)
            for (auto& ind : f.indicators)
                ind = rating_from_int(std::clamp(static_cast<int>(r) + (u(rng) < 0.2 ? -1 : 0), 1, 5));
        if (is_bad_rating(r) || r == Rating::Basic) {
            const auto& c = kComplaints[static_cast<std::size_t>(u(rng) * std::size(kComplaints))];
            f.categories = {c.category};
            f.text = c.text;
            if (is_bad_rating(r) && u(rng) < 0.45) {
                char phone[32];
                std::snprintf(phone, sizeof phone, "13%d%08d", 5 + static_cast<int>(u(rng) * 4), static_cast<int>(u(rng) * 99999999));
                f.phone = phone;
            }
        } else {
            // A good rating is given as praise (the kiosk asks for a category either way).
            f.categories = {Category::Praise};
            if (u(rng) < 0.05) f.text = kPraise[static_cast<std::size_t>(u(rng) * std::size(kPraise))];
        }
        push(wire::feedback_to_json(f), wire::kKindFeedback, hall, kiosk, f.created_at);
        ++res.feedback;
        if (progress && res.feedback % 100000 == 0) progress(res.feedback);
        if (!is_bad_rating(r)) continue;
        // The hall works the 差评 off; the newest stay open, a few old ones are forgotten.
        const auto age = o.now - t;
        if (age < std::chrono::hours(24 * 5) || u(rng) < 0.04) continue;
        int step = 0;
        auto audit = [&](const std::string& action, json before, json after) {
            AuditEntry a;
            a.uuid = new_uuid();
            a.hall_id = hall;
            a.kiosk_id = kiosk;
            a.at = iso_utc(t + std::chrono::hours(20 * ++step));
            a.action = action;
            a.target_uuid = f.uuid;
            a.before_json = before.dump();
            a.after_json = after.dump();
            push(wire::audit_to_json(a), wire::kKindAudit, hall, kiosk, a.at);
            ++res.audit;
        };
        if (u(rng) < 0.08) {  // an appeal: mostly upheld (a mistaken tap), some rejected, some pending
            audit("appeal", {{"appeal", nullptr}}, {{"appeal", "pending"}, {"reason", "mistaken"}, {"explanation", "误触"}});
            const double d = u(rng);
            if (d < 0.6)
                audit("appeal_decision", {{"appeal", "pending"}, {"excluded", false}},
                      {{"appeal", "upheld"}, {"excluded", true}, {"decided_by", "中心复核"}});
            else if (d < 0.85)
                audit("appeal_decision", {{"appeal", "pending"}, {"excluded", false}},
                      {{"appeal", "rejected"}, {"excluded", false}, {"decided_by", "中心复核"}});
            continue;
        }
        audit("ledger", {{"state", "verifying"}},
              {{"list", "limited"}, {"measure", "批评教育，窗口补岗"}, {"responsible", "窗口负责人"}, {"deadline", ""}, {"state", "fixing"}});
        if (age < std::chrono::hours(24 * 12) && u(rng) < 0.5) continue;  // still fixing
        audit("state", {{"state", "fixing"}}, {{"state", "answered"}});
        if (!f.phone.empty()) {
            if (u(rng) < 0.85)
                audit("callback", {{"failed_callbacks", 0}, {"callback_grade", nullptr}},
                      {{"who", "回访员"}, {"reached", true}, {"callback_grade", u(rng) < 0.9 ? "satisfied" : "basic"}, {"failed_callbacks", 0}});
            else
                continue;  // not reached yet: stays answered
        }
        audit("state", {{"state", "answered"}}, {{"state", "closed"}});
    }
    // Tickets served: closed days from the kiosks' coverage records (as kiosks send them after
    // the day), today from the hall's live queue feed. Most windows serve 25-70 a day.
    if (o.queue_feeds) {
        const auto today = local_date_of(now_iso, kUtcOffsetMinutes);
        for (int h = 1; today && h <= o.halls; ++h) {
            if (!demo_hall_has_feed(h)) continue;
            const auto hall = "hall-" + two(h), kiosk = hall + "-k1";
            QueueSnapshot snap;
            snap.day = format_date(*today);
            for (int w = 1; w <= o.windows_per_hall; ++w) {
                const auto window = "w" + two(w);
                for (int d = o.days; d >= 0; --d) {
                    const auto day = format_date(*today - std::chrono::days(d));
                    const auto it = ticketed.find({h, w, day});
                    const int rated = it == ticketed.end() ? 0 : it->second;
                    const int served = std::max(rated + 2 + static_cast<int>(u(rng) * 8), 25 + static_cast<int>(u(rng) * 45));
                    if (d > 0) {
                        wire::CoverageRecord c{new_uuid(), hall, kiosk, day, window, served, rated, 0, 0, 0};
                        push(wire::coverage_to_json(c), wire::kKindCoverage, hall, kiosk, day + "T00:00:00Z");
                        ++res.coverage;
                        continue;
                    }
                    // Today so far: the day's calls, a missed ticket now and then (not served).
                    const int so_far = std::max(rated + 1, served / 2);
                    for (int i = 1; i <= so_far + so_far / 20; ++i) {
                        CallEvent call;
                        char ticket[16];
                        std::snprintf(ticket, sizeof ticket, "%c%03d", "ABCDEF"[(w - 1) % 6], i % 1000);
                        call.ticket = ticket;
                        call.window_id = window;
                        call.called_at = iso_utc(o.now - std::chrono::minutes(4 * (so_far - i + 1)));
                        call.missed = i > so_far;
                        snap.day_calls.push_back(call);
                    }
                    WindowQueue wq;
                    wq.window_id = window;
                    wq.open = true;
                    wq.serving = snap.day_calls.back().ticket;
                    snap.windows.push_back(wq);
                }
            }
            flush();
            store.put_queue({hall, wire::queue_to_json(snap).dump(), now_iso});
        }
    }
    flush();
    if (o.bulk) store.sql().transaction([](SqlConn& c) { rebuild_index(c); });
    return res;
}

}  // namespace hall::hub::console
