#include "ui/screens/manager_detail.h"

#include <imgui.h>

#include <algorithm>

#include "common/time.h"  // local_time_text
#include "ui/flow.h"
#include "ui/screens/feedback.h"  // window_label

namespace hall::ui {

namespace {

namespace mi = manager_intent;
using Panel = ManagerDetailState::Panel;

constexpr const char* kCallbackWhoKey = "manager.callback.who_default";

// The buttons for what can be done next, and the open panel's choices.
ManagerIntent draw_actions(Ui& ui, const FeedbackDetail& d, ManagerDetailState& st) {
    {
        FlowRow row(ui);
        for (HandlingState s : d.next_states) {
            if (s == HandlingState::Fixing && !d.ledger) continue;  // the ledger form puts it there
            if (row.button_t("manager.to." + std::string(handling_state_key(s)), false, ButtonStyle::Primary)) return mi::MoveRecord{st.uuid, s};
        }
        if (is_awaiting_fix(d.state) || d.ledger)
            if (row.button_t(d.ledger ? "manager.action.edit_ledger" : "manager.action.ledger", st.panel == Panel::Ledger)) {
                st.panel = Panel::Ledger;
                if (!d.ledger) return mi::OpenLedgerForm{};
            }
        if (d.has_phone && callback_allowed(d.state) && row.button_t("manager.action.callback", st.panel == Panel::Callback))
            st.panel = Panel::Callback;
        const bool pending =
            std::any_of(d.appeals.begin(), d.appeals.end(), [](const AppealRecord& a) { return a.decision == AppealDecision::Pending; });
        if (!d.excluded && !pending && row.button_t("manager.action.appeal", st.panel == Panel::Appeal)) st.panel = Panel::Appeal;
        if (pending && row.button_t("manager.action.decide", st.panel == Panel::Decide)) st.panel = Panel::Decide;
        if (d.ledger && d.state == HandlingState::Closed && row.button_t("manager.action.recheck", st.panel == Panel::Recheck))
            st.panel = Panel::Recheck;
    }
    const std::string who = ui.tr(kCallbackWhoKey);
    switch (st.panel) {
        case Panel::None: break;
        case Panel::Ledger: {
            ui.text_t("manager.ledger.choose_list", colour::kPrimaryDark);
            FlowRow lists(ui);
            for (LedgerList l : {LedgerList::Immediate, LedgerList::Limited, LedgerList::LongTerm})
                if (lists.button_t("manager.ledger.list." + std::string(ledger_list_key(l)), st.ledger.list == l)) return mi::ChooseLedgerList{l};
            ui.text_t("manager.ledger.choose_measure", colour::kPrimaryDark);
            FlowRow measures(ui);
            for (int i = 1; i <= 4; ++i) {
                const std::string k = "manager.preset.measure." + std::to_string(i);
                if (measures.button_t(k, st.ledger.measure == ui.tr(k))) st.ledger.measure = ui.tr(k);
            }
            ui.text_t("manager.ledger.choose_responsible", colour::kPrimaryDark);
            FlowRow people(ui);
            for (int i = 1; i <= 3; ++i) {
                const std::string k = "manager.preset.responsible." + std::to_string(i);
                if (people.button_t(k, st.ledger.responsible == ui.tr(k))) st.ledger.responsible = ui.tr(k);
            }
            ui.field("manager.detail.deadline", st.ledger.deadline);
            if (ui.button_t("manager.ledger.save", ImVec2(0, 0), ButtonStyle::Primary, false,
                            !st.ledger.measure.empty() && !st.ledger.responsible.empty()))
                return mi::SaveLedger{st.uuid, st.ledger};
            break;
        }
        case Panel::Callback: {
            FlowRow row(ui);
            CallbackAttempt a;
            a.who = who;
            if (row.button_t("manager.callback.missed", false, ButtonStyle::Secondary)) return mi::RecordCallback{st.uuid, a};
            for (CallbackGrade g : {CallbackGrade::Satisfied, CallbackGrade::Basic, CallbackGrade::Dissatisfied})
                if (row.button_t("manager.grade." + std::string(callback_grade_key(g)), false)) {
                    a.reached = true;
                    a.grade = g;
                    return mi::RecordCallback{st.uuid, a};
                }
            break;
        }
        case Panel::Appeal: {
            FlowRow reasons(ui);
            for (AppealReason r : {AppealReason::Mistaken, AppealReason::Malicious})
                if (reasons.button_t("manager.appeal.reason." + std::string(appeal_reason_key(r)), st.appeal_reason == r)) st.appeal_reason = r;
            ui.text_t("manager.appeal.choose_explanation", colour::kPrimaryDark);
            FlowRow why(ui);
            for (int i = 1; i <= 3; ++i) {
                const std::string k = "manager.preset.appeal." + std::to_string(i);
                if (why.button_t(k, false, ButtonStyle::Primary)) return mi::FileAppeal{st.uuid, st.appeal_reason, ui.tr(k)};
            }
            break;
        }
        case Panel::Decide: {
            FlowRow row(ui);
            if (row.button_t("manager.appeal.uphold", false, ButtonStyle::Primary)) return mi::DecideAppeal{st.uuid, AppealDecision::Upheld, who};
            if (row.button_t("manager.appeal.reject", false, ButtonStyle::Secondary))
                return mi::DecideAppeal{st.uuid, AppealDecision::Rejected, who};
            break;
        }
        case Panel::Recheck: {
            FlowRow row(ui);
            for (RecheckResult r : {RecheckResult::Passed, RecheckResult::Relapsed})
                if (row.button_t("manager.recheck." + std::string(recheck_result_key(r)), false, ButtonStyle::Primary)) return mi::Recheck{st.uuid, r};
            break;
        }
    }
    return {};
}

}  // namespace

ManagerIntent draw_manager_detail(Ui& ui, const ManagerModel& m, ManagerDetailState& st) {
    ManagerIntent out;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ui.begin_scroll("manager.detail", ImVec2(avail.x, avail.y), true);
    if (st.scroll_top) {
        ImGui::SetScrollY(0);
        st.scroll_top = false;
    }
    const FeedbackDetail& d = *st.detail;
    const Feedback& f = d.feedback;
    ui.heading(f.receipt);
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetWindowSize().x - 200);
    if (ui.button_t("manager.detail.close", ImVec2(170, 0), ButtonStyle::Secondary)) {
        ui.end_scroll();
        return mi::CloseRecord{};
    }
    // What to do first, always in view without scrolling; the record's facts below.
    if (!st.message_key.empty()) ui.text(ui.tr(st.message_key), st.message_is_error ? colour::kBad : colour::kGood, ui.fonts().heading());
    out = draw_actions(ui, d, st);
    ImGui::Separator();
    ui.field("manager.col.time", local_time_text(f.created_at, m.utc_offset_minutes));
    ui.field("manager.col.window", window_label(ui, *m.kiosk, f.window_id));
    std::string cats;
    for (Category c : f.categories) cats += (cats.empty() ? "" : "、") + ui.tr("category." + std::string(category_key(c)));
    ui.field("manager.detail.categories", cats);
    std::string rating = ui.tr("rating." + std::string(rating_key(f.overall)));
    for (int i = 0; i < kIndicatorCount; ++i)
        if (const auto& r = f.indicators[static_cast<std::size_t>(i)])
            rating += " · " + ui.tr("indicator." + std::string(indicator_key(static_cast<Indicator>(i)))) + " " +
                      ui.tr("rating." + std::string(rating_key(*r)));
    ui.field("manager.col.rating", rating);
    if (d.excluded) ui.text_t("manager.detail.excluded", colour::kWarn);
    if (!f.text.empty()) ui.field("manager.col.text", f.text);
    if (d.has_phone) {
        ui.field("manager.detail.phone", st.revealed_phone.empty() ? f.phone : st.revealed_phone);
        if (st.revealed_phone.empty() && ui.button_t("manager.detail.reveal_phone", ImVec2(0, 0), ButtonStyle::Secondary))
            out = mi::RevealPhone{st.uuid};
    }
    ui.field("manager.col.state", ui.tr("manager.state." + std::string(handling_state_key(d.state))));
    if (!d.deadline.empty()) ui.field("manager.detail.deadline", d.deadline + (d.overdue ? " · " + ui.tr("manager.overdue") : ""));
    if (d.ledger) {
        ui.field("manager.detail.ledger", ui.tr("manager.ledger.list." + std::string(ledger_list_key(d.ledger->list))) + " · " +
                                              d.ledger->measure + " · " + d.ledger->responsible);
        if (!d.ledger->recheck_date.empty())
            ui.field("manager.detail.recheck",
                     d.ledger->recheck_date +
                         (d.ledger->recheck_result ? " · " + ui.tr("manager.recheck." + std::string(recheck_result_key(*d.ledger->recheck_result))) : ""));
    }
    for (const auto& cb : d.callbacks)
        ui.field("manager.detail.callback", local_time_text(cb.at, m.utc_offset_minutes) + " " + cb.who + " · " +
                                                (cb.reached && cb.grade ? ui.tr("manager.grade." + std::string(callback_grade_key(*cb.grade)))
                                                                        : ui.tr("manager.callback.missed")));
    for (const auto& ap : d.appeals)
        ui.field("manager.detail.appeal", ui.tr("manager.appeal.reason." + std::string(appeal_reason_key(ap.reason))) + " · " + ap.explanation +
                                              " · " + ui.tr("manager.appeal.decision." + std::string(appeal_decision_key(ap.decision))));
    ui.end_scroll();
    return out;
}

}  // namespace hall::ui
