// One visit, one rating (issue 20) through the finger path: the ticket keypad on the
// feedback form's first step, the queue feed's answer, the kind word for a visit already
// rated, and the stuffing guard holding a burst out of the figures until a manager decides.
#include <catch2/catch.hpp>

#include "core/queue.h"
#include "store/guide_store.h"
#include "support/kiosk_fixture.h"

using namespace hall;
using hall::test::Kiosk;
using ui::FeedbackStep;
using ui::Screen;

namespace {

// A queue feed that says exactly what the test needs: w01 called A005 at 09:32 local for one
// of its department's services, w02 called B012.
class FixedQueue final : public QueueSource {
public:
    explicit FixedQueue(QueueSnapshot s) : snap_(std::move(s)) {}
    bool poll(std::int64_t) override { return false; }
    const QueueSnapshot& snapshot() const override { return snap_; }

private:
    QueueSnapshot snap_;
};

// A guide of the department that serves at w01 (hrss): the service a ticket was taken for.
std::string service_of_w01(Kiosk& k) {
    auto content = k.app->guide_store().load();
    REQUIRE(content);
    for (const auto& g : content->guides)
        if (g.department_id == "hrss") return g.code;
    FAIL("no hrss guide in the demo bundle");
    return {};
}

std::string service_of_w01_name(Kiosk& k, const std::string& code) {
    auto content = k.app->guide_store().load();
    for (const auto& g : content->guides)
        if (g.code == code) return g.name.get(Lang::Hans);
    return {};
}

// Taps through the driver and fails with its message (what it found instead) when it cannot.
void tap(Kiosk& k, const std::string& query) {
    std::string err;
    const bool ok = k.driver->tap(query, err);
    INFO("tap " << query << ": " << err << " (feedback step " << static_cast<int>(k.app->feedback_state().step) << ")");
    REQUIRE(ok);
}

void use_fixed_feed(Kiosk& k, const std::string& service) {
    QueueSnapshot q;
    q.windows = {{"w01", true, false, "A006", 3, 12}, {"w02", true, false, "B013", 1, 4}};
    q.day = "2025-11-25";
    q.day_calls = {{"A005", "w01", 1, service, "2025-11-25T01:32:00Z", false}, {"B012", "w02", 2, "", "2025-11-25T01:40:00Z", false}};
    q.recent_calls = {q.day_calls[1], q.day_calls[0]};
    k.app->set_queue_source(std::make_shared<FixedQueue>(q));
    k.driver->frames(2);
}

void type_ticket(Kiosk& k, const std::string& ticket) {
    tap(k, "#feedback.ticket.enter");
    REQUIRE(k.app->feedback_state().ticket_pad);
    for (char c : ticket) tap(k, "#ticket.key." + std::string(1, c));
    CHECK(k.app->feedback_state().ticket_input == ticket);
    tap(k, "#feedback.ticket.find");
}

// From the ticket's confirmation (or a chosen window) to the thanks screen.
void rate_and_submit(Kiosk& k, const char* rating) {
    tap(k, "#category.praise");
    tap(k, "#feedback.next");
    tap(k, std::string("#rate.overall.") + rating);
    tap(k, "#feedback.next");
    tap(k, "#feedback.next");  // details are optional
    REQUIRE(k.app->feedback_state().step == FeedbackStep::Review);
    tap(k, "#feedback.submit");
    REQUIRE(k.app->screen() == Screen::Thanks);
}

}  // namespace

TEST_CASE("a ticket the feed knows fills in the window, service and call time; the citizen confirms", "[ui][feedback][one_visit]") {
    Kiosk k;
    const std::string service = service_of_w01(k);
    use_fixed_feed(k, service);
    tap(k, "#home.feedback");
    REQUIRE(k.app->screen() == Screen::Feedback);
    type_ticket(k, "A005");
    const auto& st = k.app->feedback_state();
    REQUIRE(st.lookup == ui::TicketLookup::Known);
    std::string err;
    // The confirmation shows what the feed said: the window, the service, 09:32 local.
    CHECK(k.driver->expect_text("1号窗口", true, err));
    CHECK(k.driver->expect_text(service_of_w01_name(k, service), true, err));
    CHECK(k.driver->expect_text("09:32", true, err));
    CHECK(k.driver->expect_text("#feedback.ticket.already_rated", false, err));
    // Nothing is filled in until the citizen says it is their visit.
    CHECK(st.draft.window_id.empty());
    tap(k, "#feedback.ticket.confirm");
    CHECK(st.step == FeedbackStep::Category);
    CHECK(st.draft.window_id == "w01");
    CHECK(st.draft.ticket == "A005");
    CHECK(st.draft.service_code == service);
    CHECK(st.draft.called_at == "2025-11-25T01:32:00Z");
    rate_and_submit(k, "very_satisfied");
    CHECK_FALSE(k.app->thanks_state().repeat);
    auto f = k.app->feedback_store().by_receipt(k.app->thanks_state().receipt);
    REQUIRE(f);
    CHECK(f->ticket == "A005");
    CHECK(f->window_id == "w01");
    CHECK(f->service_code == service);
    CHECK(f->called_at == "2025-11-25T01:32:00Z");
    CHECK(f->visit_day == "2025-11-25");
    CHECK(f->channel == "hall_terminal");
    CHECK(f->round == 1);
}

TEST_CASE("a ticket the feed does not know: a clear message, then the usual flow", "[ui][feedback][one_visit]") {
    Kiosk k;
    use_fixed_feed(k, "");
    tap(k, "#home.feedback");
    // A ticket not in the hall's format is refused on the keypad, with an example.
    type_ticket(k, "A05");
    CHECK(k.app->feedback_state().lookup == ui::TicketLookup::BadFormat);
    std::string err;
    CHECK(k.driver->expect_text("排队号是一个字母加数字，例如 A005，请再看一下小票", true, err));
    tap(k, "#ticket.key.9");
    CHECK(k.app->feedback_state().ticket_input == "A059");
    // C999 is in the hall's format, but nobody called it today.
    tap(k, "#feedback.ticket.clear");
    for (const char* key : {"#ticket.key.C", "#ticket.key.9", "#ticket.key.9", "#ticket.key.9"}) tap(k, key);
    tap(k, "#feedback.ticket.find");
    const auto& st = k.app->feedback_state();
    CHECK(st.lookup == ui::TicketLookup::Unknown);
    CHECK_FALSE(st.ticket_pad);
    CHECK(st.step == FeedbackStep::Window);
    CHECK(k.driver->expect_text("#feedback.ticket.unknown", true, err));
    CHECK(st.draft.ticket == "C999");  // kept: the citizen said so
    CHECK(st.draft.window_id.empty());
    // The usual flow: choose the window.
    tap(k, "#feedback.window.w03");
    tap(k, "#feedback.next");
    rate_and_submit(k, "satisfied");
    auto f = k.app->feedback_store().by_receipt(k.app->thanks_state().receipt);
    REQUIRE(f);
    CHECK(f->ticket == "C999");
    CHECK(f->window_id == "w03");
    CHECK(f->called_at.empty());
}

TEST_CASE("without a ticket the flow is as before, and the case number is its own field", "[ui][feedback][one_visit]") {
    Kiosk k;
    tap(k, "#home.feedback");
    tap(k, "#feedback.window.w02");
    tap(k, "#feedback.next");
    tap(k, "#category.delay");
    tap(k, "#feedback.next");
    tap(k, "#rate.overall.basic");
    tap(k, "#feedback.next");
    tap(k, "#feedback.case_number");  // starts in letters and digits, not pinyin
    k.keys("2026110012345");
    tap(k, "#key.done");
    tap(k, "#feedback.next");
    tap(k, "#feedback.submit");
    REQUIRE(k.app->screen() == Screen::Thanks);
    auto f = k.app->feedback_store().by_receipt(k.app->thanks_state().receipt);
    REQUIRE(f);
    CHECK(f->ticket.empty());
    CHECK(f->case_number == "2026110012345");
}

TEST_CASE("the same ticket rated twice: told kindly, one counted, one repeat", "[ui][feedback][one_visit]") {
    Kiosk k;
    use_fixed_feed(k, service_of_w01(k));
    tap(k, "#home.feedback");
    type_ticket(k, "A005");
    tap(k, "#feedback.ticket.confirm");
    rate_and_submit(k, "very_satisfied");
    tap(k, "#thanks.done");
    REQUIRE(k.app->screen() == Screen::Home);

    k.clock.advance(120'000);
    tap(k, "#home.feedback");
    type_ticket(k, "A005");
    std::string err;
    // Before anything else: this visit was rated; a comment is still welcome.
    CHECK(k.driver->expect_text("#feedback.ticket.already_rated", true, err));
    tap(k, "#feedback.ticket.confirm");
    tap(k, "#category.attitude");
    tap(k, "#feedback.next");
    tap(k, "#rate.overall.very_dissatisfied");
    tap(k, "#feedback.next");
    tap(k, "#feedback.next");
    CHECK(k.driver->expect_text("#feedback.ticket.already_rated", true, err));  // said again on the review
    tap(k, "#feedback.submit");
    REQUIRE(k.app->screen() == Screen::Thanks);
    CHECK(k.app->thanks_state().repeat);
    CHECK(k.driver->expect_text("#thanks.repeat_note", true, err));

    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE ticket = 'A005'") == 2);
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE ticket = 'A005' AND eval_round = 2") == 1);
    // One counted: w01's satisfaction is the first rating's, the 差評 repeat is out.
    const auto s = k.app->manager().store().satisfaction_by_window("2025-11-25", "2025-11-25");
    REQUIRE(s.count("w01"));
    CHECK(s.at("w01").overall.total == 1);
    CHECK(s.at("w01").overall.good == 1);
    // ... and the repeat 差評 is still in verification: a complaint is a complaint.
    CHECK(k.count("SELECT COUNT(*) FROM handling WHERE state = 'verifying' AND excluded = 2") == 1);
}

TEST_CASE("a burst of ratings for one window is flagged; the figures wait for a manager", "[ui][feedback][one_visit]") {
    Kiosk k;
    const int n = k.config.feedback.burst_max_ratings;
    REQUIRE(n == 4);
    std::vector<std::string> receipts;
    for (int i = 0; i < n + 2; ++i) {
        tap(k, "#home.feedback");
        tap(k, "#feedback.window.w02");
        tap(k, "#feedback.next");
        rate_and_submit(k, "very_satisfied");
        receipts.push_back(k.app->thanks_state().receipt);
        tap(k, "#thanks.done");
        k.clock.advance(30'000);
    }
    auto& store = k.app->manager().store();
    const auto w02 = [&] { return store.satisfaction_by_window("2025-11-25", "2025-11-25").at("w02").overall; };
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE window_id = 'w02'") == n + 2);  // none dropped
    CHECK(k.count("SELECT COUNT(*) FROM feedback WHERE window_id = 'w02' AND flagged = 1") == 2);
    CHECK(w02().total == n);
    const auto flagged = store.flagged(true, 10);
    REQUIRE(flagged.size() == 2);
    CHECK(flagged[1].receipt == receipts[static_cast<std::size_t>(n)]);
    REQUIRE(store.resolve_flag(flagged[1].uuid, true, "两位群众先后评价").ok);
    CHECK(w02().total == n + 1);
    REQUIRE(store.resolve_flag(flagged[0].uuid, false, "连续点击").ok);
    CHECK(w02().total == n + 1);
    CHECK(k.count("SELECT COUNT(*) FROM audit WHERE action = 'flag_decision'") == 2);
}
