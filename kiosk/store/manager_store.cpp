#include "store/manager_store.h"

#include "store/feedback_store.h"

#include <nlohmann/json.hpp>
#include <variant>

#include "core/ids.h"
#include "core/text.h"
#include "wire/records.h"
#include "store/outbox.h"

namespace hall {

using nlohmann::json;
using namespace std::chrono;

namespace {

// The row columns every list query selects, in read_row's order.
constexpr const char* kRowColumns =
    "f.id, f.uuid, f.receipt, f.created_at, f.window_id, f.categories, f.rating, f.phone, f.text, "
    "h.state, h.excluded, h.ledger_deadline";
constexpr const char* kRowJoins = " FROM feedback f JOIN handling h ON h.feedback_id = f.id";
constexpr const char* kNewestFirst = " ORDER BY h.created_at DESC, h.feedback_id DESC";

// The record an action is about, with the facts its rules need.
struct Target {
    std::int64_t id = 0;
    Rating rating = Rating::Basic;
    std::string phone;
    std::string created_at;
    HandlingState state = HandlingState::New;
    bool excluded = false;
    std::optional<CallbackGrade> grade;
    int failed_callbacks = 0;
    bool in_ledger = false;

    HandlingFacts facts() const {
        HandlingFacts f;
        f.state = state;
        f.bad = is_bad_rating(rating);
        f.has_phone = !phone.empty();
        f.has_callback_result = grade.has_value();
        f.failed_callbacks = failed_callbacks;
        f.in_ledger = in_ledger;
        return f;
    }
};

std::optional<Target> load_target(Db& db, const std::string& uuid) {
    auto st = db.prepare(
        "SELECT f.id, f.rating, f.phone, f.created_at, h.state, h.excluded, h.callback_grade, h.failed_callbacks, "
        "h.ledger_deadline IS NOT NULL FROM feedback f JOIN handling h ON h.feedback_id = f.id WHERE f.uuid = ?");
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    Target t;
    t.id = st.i64(0);
    t.rating = rating_from_int(st.i32(1)).value_or(Rating::Basic);
    t.phone = st.text(2);
    t.created_at = st.text(3);
    t.state = handling_state_from_key(st.text(4)).value_or(HandlingState::New);
    t.excluded = (st.i32(5) & kExcludedAppeal) != 0;
    if (!st.is_null(6)) t.grade = callback_grade_from_key(st.text(6));
    t.failed_callbacks = st.i32(7);
    t.in_ledger = st.i32(8) != 0;
    return t;
}

std::string key_str(std::string_view k) { return std::string(k); }

json entry_json(const LedgerEntry& e) {
    return json{{"list", ledger_list_key(e.list)}, {"measure", e.measure}, {"responsible", e.responsible},
                {"deadline", e.deadline}};
}

}  // namespace

// A WHERE clause under construction, with its bindings in order.
struct ManagerStore::Where {
    std::string sql;  // " AND ..." conditions
    std::string from = " FROM handling h";  // with an INDEXED BY where the planner needs telling
    std::vector<std::variant<std::string, std::int64_t>> binds;

    void add(std::string cond) { sql += " AND " + std::move(cond); }
    int bind_all(Stmt& st) const {
        int i = 1;
        for (const auto& b : binds) {
            if (std::holds_alternative<std::string>(b)) st.bind(i++, std::get<std::string>(b));
            else st.bind(i++, std::get<std::int64_t>(b));
        }
        return i;
    }
};

ManagerStore::ManagerStore(Db& db, ManagerContext ctx) : db_(db), ctx_(std::move(ctx)) {
    if (!ctx_.now) ctx_.now = [] { return now_iso_utc(); };
}

std::string ManagerStore::now() const { return ctx_.now(); }

Date ManagerStore::today() const {
    return local_date_of(now(), ctx_.utc_offset_minutes).value_or(floor<days>(system_clock::now()));
}

std::string ManagerStore::default_deadline(LedgerList list) const {
    return format_date(default_ledger_deadline(ctx_.calendar, ctx_.ledger_days, list, today()));
}

std::string ManagerStore::bad_deadline_for(const std::string& created_at) const {
    const auto day = local_date_of(created_at, ctx_.utc_offset_minutes);
    if (!day) return "";
    return format_date(ctx_.calendar.add_working_days(*day, ctx_.bad_rating_deadline_days));
}

std::pair<std::string, std::string> ManagerStore::utc_range(const std::string& from_date, const std::string& to_date) const {
    std::string lo, hi;
    if (auto d = parse_date(from_date)) lo = local_day_start_utc(*d, ctx_.utc_offset_minutes);
    if (auto d = parse_date(to_date)) hi = local_day_start_utc(*d + days(1), ctx_.utc_offset_minutes);
    return {lo, hi};
}

// Conditions on handling (alias h) alone: its covering indexes answer every filter but the
// category, which is a lookup in feedback_category's (category, feedback_id) key.
ManagerStore::Where ManagerStore::build_where(const FeedbackFilter& f, bool with_state, bool for_page) const {
    Where w;
    const auto [lo, hi] = utc_range(f.from_date, f.to_date);
    if (!lo.empty()) { w.add("h.created_at >= ?"); w.binds.emplace_back(lo); }
    if (!hi.empty()) { w.add("h.created_at < ?"); w.binds.emplace_back(hi); }
    if (!f.window_id.empty()) { w.add("h.window_id = ?"); w.binds.emplace_back(f.window_id); }
    if (f.category) {
        // A count reads the category's ids once; a page walks the time index newest first
        // and probes the (category, feedback_id) key per record until the page is full.
        w.add(for_page ? "EXISTS (SELECT 1 FROM feedback_category c WHERE c.category = ? AND c.feedback_id = h.feedback_id)"
                       : "h.feedback_id IN (SELECT feedback_id FROM feedback_category WHERE category = ?)");
        w.binds.emplace_back(key_str(category_key(*f.category)));
    }
    if (f.rating) { w.add("h.rating = ?"); w.binds.emplace_back(static_cast<std::int64_t>(*f.rating)); }
    if (f.bad_only) w.add("h.rating <= 2");
    if (with_state && f.state) {
        w.add("h.state = ?");
        w.binds.emplace_back(key_str(handling_state_key(*f.state)));
    }
    if (with_state && f.overdue_only) {
        // Overdue as a range: a ledger deadline before today, or, without a ledger entry, a
        // 差評 given on or before the last day whose working-day deadline has passed.
        const Date t = today();
        const Date last = ctx_.calendar.last_day_overdue_by(t, ctx_.bad_rating_deadline_days);
        // The first two terms are handling_open_work's WHERE, word for word (schema step 2).
        w.add("h.state IN ('new','verifying','fixing') AND (h.rating <= 2 OR h.ledger_deadline IS NOT NULL) AND "
              "((h.ledger_deadline IS NOT NULL AND h.ledger_deadline < ?) OR "
              "(h.ledger_deadline IS NULL AND h.rating <= 2 AND h.created_at < ?))");
        w.binds.emplace_back(format_date(t));
        w.binds.emplace_back(local_day_start_utc(last + days(1), ctx_.utc_offset_minutes));
        // Without ANALYZE statistics (a kiosk never runs it) SQLite prefers the state index and
        // then sorts every open record; the partial index holds only the work that can run late.
        w.from = " FROM handling h INDEXED BY handling_open_work";
    }
    return w;
}

FeedbackRow ManagerStore::read_row(const Stmt& st) const {
    FeedbackRow r;
    r.id = st.i64(0);
    r.uuid = st.text(1);
    r.receipt = st.text(2);
    r.created_at = st.text(3);
    r.window_id = st.text(4);
    r.categories = categories_from_csv(st.text(5));
    r.overall = rating_from_int(st.i32(6)).value_or(Rating::Basic);
    const auto phone = st.text(7);
    r.phone_masked = phone.empty() ? std::string() : mask_phone(phone);
    r.text = st.text(8);
    r.state = handling_state_from_key(st.text(9)).value_or(HandlingState::New);
    r.excluded = (st.i32(10) & kExcludedAppeal) != 0;
    r.repeat = (st.i32(10) & kExcludedRepeat) != 0;
    r.held = (st.i32(10) & kExcludedHeld) != 0;
    if (!st.is_null(11)) r.deadline = st.text(11);
    else if (is_bad_rating(r.overall)) r.deadline = bad_deadline_for(r.created_at);
    r.overdue = !r.deadline.empty() && is_overdue(r.state, r.deadline, today());
    return r;
}

std::int64_t ManagerStore::count(const FeedbackFilter& f) {
    const Where w = build_where(f, true);
    auto st = db_.prepare("SELECT COUNT(*)" + w.from + " WHERE 1" + w.sql);
    w.bind_all(st);
    st.step();
    return st.i64(0);
}

StateCounts ManagerStore::state_counts(const FeedbackFilter& f) {
    StateCounts out;
    const Where w = build_where(f, false);
    auto st = db_.prepare("SELECT h.state, COUNT(*) FROM handling h WHERE 1" + w.sql + " GROUP BY h.state");
    w.bind_all(st);
    while (st.step()) {
        if (auto s = handling_state_from_key(st.text(0))) out.by_state[*s] = st.i64(1);
        out.total += st.i64(1);
    }
    FeedbackFilter overdue = f;
    overdue.state.reset();
    overdue.overdue_only = true;
    out.overdue = count(overdue);
    return out;
}

std::vector<FeedbackRow> ManagerStore::run_page(const std::string& sql, const Where& w,
                                                const std::function<void(Stmt&, int)>& bind_tail) {
    auto st = db_.prepare(sql);
    const int next = w.bind_all(st);
    bind_tail(st, next);
    std::vector<FeedbackRow> out;
    while (st.step()) out.push_back(read_row(st));
    return out;
}

namespace {

// Pick the page's ids on handling's indexes first, then read just those feedback rows: OFFSET
// then skips index entries, not 100,000 records with their text.
std::string page_sql(const std::string& from, const std::string& where, const std::string& tail) {
    return std::string("SELECT ") + kRowColumns + " FROM (SELECT h.feedback_id AS pid, h.created_at AS pat" + from + " WHERE 1" +
           where + kNewestFirst + tail + ") p JOIN feedback f ON f.id = p.pid JOIN handling h ON h.feedback_id = p.pid" +
           " ORDER BY p.pat DESC, p.pid DESC";
}

}  // namespace

std::vector<FeedbackRow> ManagerStore::page(const FeedbackFilter& f, std::int64_t offset, int limit) {
    const Where w = build_where(f, true, true);
    return run_page(page_sql(w.from, w.sql, " LIMIT ? OFFSET ?"), w, [&](Stmt& st, int i) { st.bind(i, limit).bind(i + 1, offset); });
}

std::vector<FeedbackRow> ManagerStore::page_after(const FeedbackFilter& f, const PageCursor& after, int limit) {
    const Where w = build_where(f, true, true);
    // Row values compare (created_at, id) as a pair, so the time index serves the range.
    return run_page(page_sql(w.from, w.sql + " AND (h.created_at, h.feedback_id) < (?, ?)", " LIMIT ?"), w,
                    [&](Stmt& st, int i) { st.bind(i, after.created_at).bind(i + 1, after.id).bind(i + 2, limit); });
}

std::string ManagerStore::explain_page(const FeedbackFilter& f) {
    const Where w = build_where(f, true, true);
    auto st = db_.prepare("EXPLAIN QUERY PLAN " + page_sql(w.from, w.sql, " LIMIT ? OFFSET ?"));
    const int next = w.bind_all(st);
    st.bind(next, 50).bind(next + 1, 0);
    std::string plan;
    while (st.step()) plan += st.text(3) + "\n";
    return plan;
}

std::optional<FeedbackDetail> ManagerStore::detail(const std::string& uuid) {
    auto st = db_.prepare(
        "SELECT f.id, f.uuid, f.receipt, f.created_at, f.hall_id, f.kiosk_id, f.window_id, f.categories, f.rating, "
        "f.rating_efficiency, f.rating_level, f.rating_attitude, f.service_code, f.ticket, f.text, f.phone, f.lang, "
        "h.state, h.excluded, h.callback_grade, h.failed_callbacks, COALESCE(h.closed_at, ''), "
        "l.list, l.measure, l.responsible, l.deadline, l.recheck_date, l.recheck_result, "
        "f.channel, f.case_number, f.called_at, f.visit_day, f.eval_round, f.repeat_of, f.flagged, h.flag "
        "FROM feedback f JOIN handling h ON h.feedback_id = f.id LEFT JOIN ledger l ON l.feedback_id = f.id "
        "WHERE f.uuid = ?");
    st.bind(1, uuid);
    if (!st.step()) return std::nullopt;
    FeedbackDetail d;
    const std::int64_t id = st.i64(0);
    d.feedback = read_feedback_row(st, 1);
    read_feedback_visit(st, 28, d.feedback);
    d.flag = rating_flag_from_key(st.text(35)).value_or(RatingFlag::None);
    Feedback& fb = d.feedback;
    d.has_phone = !fb.phone.empty();
    fb.phone = d.has_phone ? mask_phone(fb.phone) : std::string();
    d.state = handling_state_from_key(st.text(17)).value_or(HandlingState::New);
    d.excluded = (st.i32(18) & kExcludedAppeal) != 0;
    d.repeat = (st.i32(18) & kExcludedRepeat) != 0;
    if (!st.is_null(19)) d.callback_grade = callback_grade_from_key(st.text(19));
    d.failed_callbacks = st.i32(20);
    d.closed_at = st.text(21);
    if (!st.is_null(22)) {
        LedgerEntry e;
        e.list = ledger_list_from_key(st.text(22)).value_or(LedgerList::Limited);
        e.measure = st.text(23);
        e.responsible = st.text(24);
        e.deadline = st.text(25);
        e.recheck_date = st.text(26);
        if (!st.is_null(27)) e.recheck_result = recheck_result_from_key(st.text(27));
        d.deadline = e.deadline;
        d.ledger = std::move(e);
    } else if (fb.is_bad()) {
        d.deadline = bad_deadline_for(fb.created_at);
    }
    d.overdue = !d.deadline.empty() && is_overdue(d.state, d.deadline, today());
    d.next_states = allowed_next_states(d.state);

    auto cb = db_.prepare("SELECT at, who, reached, grade, note FROM callback WHERE feedback_id = ? ORDER BY id");
    cb.bind(1, id);
    while (cb.step()) {
        CallbackAttempt a;
        a.at = cb.text(0);
        a.who = cb.text(1);
        a.reached = cb.i32(2) != 0;
        if (!cb.is_null(3)) a.grade = callback_grade_from_key(cb.text(3));
        a.note = cb.text(4);
        d.callbacks.push_back(std::move(a));
    }
    auto ap = db_.prepare(
        "SELECT reason, explanation, filed_at, decision, decided_at, decided_by FROM appeal WHERE feedback_id = ? ORDER BY id");
    ap.bind(1, id);
    while (ap.step()) {
        AppealRecord a;
        a.reason = appeal_reason_from_key(ap.text(0)).value_or(AppealReason::Mistaken);
        a.explanation = ap.text(1);
        a.filed_at = ap.text(2);
        a.decision = appeal_decision_from_key(ap.text(3)).value_or(AppealDecision::Pending);
        a.decided_at = ap.text(4);
        a.decided_by = ap.text(5);
        d.appeals.push_back(std::move(a));
    }
    auto au = db_.prepare("SELECT uuid, at, action, target_uuid, before, after FROM audit WHERE target_uuid = ? ORDER BY id");
    au.bind(1, uuid);
    while (au.step())
        d.history.push_back({au.text(0), ctx_.hall_id, ctx_.kiosk_id, au.text(1), au.text(2), au.text(3), au.text(4), au.text(5)});
    return d;
}

// ---- handling ------------------------------------------------------------------------

void ManagerStore::audit(const std::string& action, const std::string& target_uuid, const std::string& before_json,
                         const std::string& after_json) {
    AuditEntry a;
    a.uuid = new_uuid();
    a.hall_id = ctx_.hall_id;
    a.kiosk_id = ctx_.kiosk_id;
    a.at = now();
    a.action = action;
    a.target_uuid = target_uuid;
    a.before_json = before_json;
    a.after_json = after_json;
    db_.prepare("INSERT INTO audit(uuid, at, action, target_uuid, before, after) VALUES(?, ?, ?, ?, ?, ?)")
        .bind(1, a.uuid).bind(2, a.at).bind(3, a.action).bind(4, a.target_uuid).bind(5, a.before_json).bind(6, a.after_json)
        .run();
    Outbox(db_).enqueue(a.uuid, wire::kKindAudit, wire::audit_to_json(a).dump(), a.at);
}

void ManagerStore::log(const std::string& action, const std::string& target_uuid, const std::string& before_json,
                       const std::string& after_json) {
    Tx tx(db_);
    audit(action, target_uuid, before_json, after_json);
    tx.commit();
}

ManagerStore::PhoneErasure ManagerStore::erase_expired_phones(int days) {
    PhoneErasure out;
    const std::string at = now();
    const auto t = parse_iso_utc(at);
    if (!t || days <= 0) return out;
    const std::string cutoff = iso_utc(*t - std::chrono::hours(24) * days);
    Tx tx(db_);
    std::vector<std::pair<std::int64_t, std::string>> expired;
    {
        auto st = db_.prepare(
            "SELECT f.id, f.uuid FROM feedback f JOIN handling h ON h.feedback_id = f.id WHERE f.phone <> '' AND ("
            " (h.state IN ('closed','unfounded') AND COALESCE(h.closed_at, h.updated_at) < ?1)"
            " OR (h.state = 'new' AND f.rating > 2 AND h.ledger_deadline IS NULL AND f.created_at < ?1))");
        st.bind(1, cutoff);
        while (st.step()) expired.emplace_back(st.i64(0), st.text(1));
    }
    if (expired.empty()) return out;
    auto erase = db_.prepare("UPDATE feedback SET phone = '', phone_erased_at = ? WHERE id = ?");
    auto payload = db_.prepare("SELECT id, payload FROM outbox WHERE uuid = ?");
    auto rewrite = db_.prepare("UPDATE outbox SET payload = ? WHERE id = ?");
    for (const auto& [id, uuid] : expired) {
        erase.bind(1, at).bind(2, id);
        erase.run();
        erase.reset();
        payload.bind(1, uuid);
        if (payload.step()) {
            auto j = json::parse(payload.text(1), nullptr, false);
            if (j.is_object()) {
                j["phone"] = "";
                j["phone_erased_at"] = at;
                rewrite.bind(1, j.dump()).bind(2, payload.i64(0));
                rewrite.run();
                rewrite.reset();
                ++out.outbox_payloads;
            }
        }
        payload.reset();
        ++out.records;
    }
    audit("phone_erased", "", "{}", json{{"records", out.records}, {"retention_days", days}, {"cutoff", cutoff}}.dump());
    tx.commit();
    return out;
}

ActionResult ManagerStore::resend_rejected(std::int64_t outbox_id) {
    Tx tx(db_);
    const auto r = Outbox(db_).resend(outbox_id, ctx_.hall_id, ctx_.kiosk_id);
    if (!r) return ActionResult::fail("rejected.error.gone");
    audit("resend_rejected", r->uuid, json{{"kind", r->kind}, {"reason", r->reason}}.dump(),
          json{{"hall_id", ctx_.hall_id}, {"kiosk_id", ctx_.kiosk_id}}.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::discard_rejected(std::int64_t outbox_id) {
    Tx tx(db_);
    const auto r = Outbox(db_).discard(outbox_id);
    if (!r) return ActionResult::fail("rejected.error.gone");
    audit("discard_rejected", r->uuid, json{{"kind", r->kind}, {"reason", r->reason}}.dump(), "{}");
    tx.commit();
    return {};
}

ActionResult ManagerStore::move(const std::string& uuid, HandlingState to) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    if (auto why = check_transition(t->facts(), to)) return ActionResult::fail(*why);
    const std::string at = now();
    db_.prepare("UPDATE handling SET state = ?, updated_at = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END "
                "WHERE feedback_id = ?")
        .bind(1, handling_state_key(to)).bind(2, at).bind(3, to == HandlingState::Closed ? 1 : 0).bind(4, at).bind(5, t->id)
        .run();
    audit("state", uuid, json{{"state", handling_state_key(t->state)}}.dump(), json{{"state", handling_state_key(to)}}.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::put_in_ledger(const std::string& uuid, LedgerEntry e) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    if (!t->in_ledger && !is_awaiting_fix(t->state)) return ActionResult::fail("ledger.error.not_open");
    e.measure = sanitize_text(trim(e.measure), 500, true);
    e.responsible = sanitize_text(trim(e.responsible), 64, false);
    if (e.deadline.empty()) e.deadline = default_deadline(e.list);
    if (auto problems = validate_ledger_entry(e); !problems.empty()) return ActionResult::fail(problems.front());

    json before = json::object(), after = entry_json(e);
    if (t->in_ledger) {
        auto st = db_.prepare("SELECT list, measure, responsible, deadline FROM ledger WHERE feedback_id = ?");
        st.bind(1, t->id);
        st.step();
        before = json{{"list", st.text(0)}, {"measure", st.text(1)}, {"responsible", st.text(2)}, {"deadline", st.text(3)}};
    }
    const std::string at = now();
    db_.prepare("INSERT INTO ledger(feedback_id, list, measure, responsible, deadline, created_at, updated_at) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(feedback_id) DO UPDATE SET list = excluded.list, "
                "measure = excluded.measure, responsible = excluded.responsible, deadline = excluded.deadline, "
                "updated_at = excluded.updated_at")
        .bind(1, t->id).bind(2, ledger_list_key(e.list)).bind(3, e.measure).bind(4, e.responsible).bind(5, e.deadline)
        .bind(6, at).bind(7, at)
        .run();
    db_.prepare("UPDATE handling SET ledger_deadline = ?, updated_at = ? WHERE feedback_id = ?")
        .bind(1, e.deadline).bind(2, at).bind(3, t->id).run();
    if (t->state == HandlingState::New || t->state == HandlingState::Verifying) {
        // Confirmed and listed: rectification starts with the entry.
        db_.prepare("UPDATE handling SET state = 'fixing', updated_at = ? WHERE feedback_id = ?").bind(1, at).bind(2, t->id).run();
        before["state"] = handling_state_key(t->state);
        after["state"] = handling_state_key(HandlingState::Fixing);
    }
    audit("ledger", uuid, before.dump(), after.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::record_callback(const std::string& uuid, const CallbackAttempt& a) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    if (t->phone.empty()) return ActionResult::fail("callback.error.no_phone");
    if (!callback_allowed(t->state)) return ActionResult::fail("callback.error.too_early");
    const std::string who = sanitize_text(trim(a.who), 64, false);
    if (who.empty()) return ActionResult::fail("callback.error.who_missing");
    if (a.reached && !a.grade) return ActionResult::fail("callback.error.grade_missing");
    if (!a.reached && a.grade) return ActionResult::fail("callback.error.grade_without_reach");
    const std::string at = a.at.empty() ? now() : a.at;
    auto ins = db_.prepare("INSERT INTO callback(feedback_id, at, who, reached, grade, note) VALUES(?, ?, ?, ?, ?, ?)");
    ins.bind(1, t->id).bind(2, at).bind(3, who).bind(4, a.reached ? 1 : 0).bind(6, sanitize_text(trim(a.note), 300, true));
    if (a.grade) ins.bind(5, callback_grade_key(*a.grade));
    else ins.bind_null(5);
    ins.run();
    json before{{"failed_callbacks", t->failed_callbacks}}, after{{"who", who}, {"reached", a.reached}, {"at", at}};
    before["callback_grade"] = t->grade ? json(callback_grade_key(*t->grade)) : json(nullptr);
    if (a.reached) {
        db_.prepare("UPDATE handling SET callback_grade = ?, updated_at = ? WHERE feedback_id = ?")
            .bind(1, callback_grade_key(*a.grade)).bind(2, at).bind(3, t->id).run();
        after["callback_grade"] = callback_grade_key(*a.grade);
        after["failed_callbacks"] = t->failed_callbacks;
    } else {
        db_.prepare("UPDATE handling SET failed_callbacks = failed_callbacks + 1, updated_at = ? WHERE feedback_id = ?")
            .bind(1, at).bind(2, t->id).run();
        after["callback_grade"] = before["callback_grade"];
        after["failed_callbacks"] = t->failed_callbacks + 1;
    }
    audit("callback", uuid, before.dump(), after.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::file_appeal(const std::string& uuid, AppealReason reason, const std::string& explanation) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    if (t->excluded) return ActionResult::fail("appeal.error.already_upheld");
    const std::string text = sanitize_text(trim(explanation), 500, true);
    if (text.empty()) return ActionResult::fail("appeal.error.reason_missing");
    auto pending = db_.prepare("SELECT 1 FROM appeal WHERE feedback_id = ? AND decision = 'pending'");
    pending.bind(1, t->id);
    if (pending.step()) return ActionResult::fail("appeal.error.already_pending");
    db_.prepare("INSERT INTO appeal(feedback_id, reason, explanation, filed_at) VALUES(?, ?, ?, ?)")
        .bind(1, t->id).bind(2, appeal_reason_key(reason)).bind(3, text).bind(4, now()).run();
    audit("appeal", uuid, json{{"appeal", nullptr}}.dump(),
          json{{"appeal", "pending"}, {"reason", appeal_reason_key(reason)}, {"explanation", text}}.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::decide_appeal(const std::string& uuid, AppealDecision decision, const std::string& decided_by) {
    if (decision == AppealDecision::Pending) return ActionResult::fail("appeal.error.no_decision");
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    const std::string by = sanitize_text(trim(decided_by), 64, false);
    if (by.empty()) return ActionResult::fail("appeal.error.decider_missing");
    auto pending = db_.prepare("SELECT id FROM appeal WHERE feedback_id = ? AND decision = 'pending'");
    pending.bind(1, t->id);
    if (!pending.step()) return ActionResult::fail("appeal.error.none_pending");
    const std::int64_t appeal_id = pending.i64(0);
    const std::string at = now();
    db_.prepare("UPDATE appeal SET decision = ?, decided_at = ?, decided_by = ? WHERE id = ?")
        .bind(1, appeal_decision_key(decision)).bind(2, at).bind(3, by).bind(4, appeal_id).run();
    const bool upheld = decision == AppealDecision::Upheld;
    // Upheld: out of the statistics, marked, kept. The record itself is never deleted.
    if (upheld) db_.prepare("UPDATE handling SET excluded = excluded | 1, updated_at = ? WHERE feedback_id = ?").bind(1, at).bind(2, t->id).run();
    audit("appeal_decision", uuid, json{{"appeal", "pending"}, {"excluded", t->excluded}}.dump(),
          json{{"appeal", appeal_decision_key(decision)}, {"excluded", t->excluded || upheld}, {"decided_by", by}}.dump());
    tx.commit();
    return {};
}

ActionResult ManagerStore::set_recheck(const std::string& uuid, const std::string& recheck_date, std::optional<RecheckResult> result) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t) return ActionResult::fail("handling.error.not_found");
    if (!t->in_ledger || t->state != HandlingState::Closed) return ActionResult::fail("ledger.error.recheck_needs_closed");
    if (!parse_date(recheck_date)) return ActionResult::fail("ledger.error.recheck_date_invalid");
    auto st = db_.prepare("SELECT recheck_date, recheck_result FROM ledger WHERE feedback_id = ?");
    st.bind(1, t->id);
    st.step();
    json before{{"recheck_date", st.text(0)}, {"recheck_result", st.is_null(1) ? json(nullptr) : json(st.text(1))}};
    json after{{"recheck_date", recheck_date}, {"recheck_result", result ? json(recheck_result_key(*result)) : json(nullptr)}};
    auto up = db_.prepare("UPDATE ledger SET recheck_date = ?, recheck_result = ?, updated_at = ? WHERE feedback_id = ?");
    up.bind(1, recheck_date);
    if (result) up.bind(2, recheck_result_key(*result));
    else up.bind_null(2);
    up.bind(3, now()).bind(4, t->id).run();
    audit("recheck", uuid, before.dump(), after.dump());
    tx.commit();
    return {};
}

std::optional<std::string> ManagerStore::reveal_phone(const std::string& uuid) {
    Tx tx(db_);
    const auto t = load_target(db_, uuid);
    if (!t || t->phone.empty()) return std::nullopt;
    // The number itself never goes into the audit log: the log travels to the hub.
    audit("reveal_phone", uuid, json{{"phone", "masked"}}.dump(), json{{"phone", "revealed"}}.dump());
    tx.commit();
    return t->phone;
}

// ---- figures -------------------------------------------------------------------------

std::vector<std::pair<std::string, std::int64_t>> ManagerStore::counts_by_window(const std::string& from_date,
                                                                                  const std::string& to_date) {
    const auto [lo, hi] = utc_range(from_date, to_date);
    auto st = db_.prepare("SELECT window_id, COUNT(*) FROM handling WHERE created_at >= ? AND created_at < ? "
                          "GROUP BY window_id ORDER BY window_id");
    st.bind(1, lo).bind(2, hi.empty() ? std::string("9") : hi);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (st.step()) out.emplace_back(st.text(0), st.i64(1));
    return out;
}

std::vector<std::pair<Category, std::int64_t>> ManagerStore::counts_by_category(const std::string& from_date,
                                                                                 const std::string& to_date) {
    const auto [lo, hi] = utc_range(from_date, to_date);
    // The time range on handling's covering index, each record's categories by
    // feedback_category_by_feedback: no feedback rows read.
    auto st = db_.prepare("SELECT c.category, COUNT(*) FROM handling h JOIN feedback_category c ON c.feedback_id = h.feedback_id "
                          "WHERE h.created_at >= ? AND h.created_at < ? GROUP BY c.category");
    st.bind(1, lo).bind(2, hi.empty() ? std::string("9") : hi);
    std::map<Category, std::int64_t> by;
    while (st.step())
        if (auto c = category_from_key(st.text(0))) by[*c] = st.i64(1);
    std::vector<std::pair<Category, std::int64_t>> out;
    for (Category c : all_categories()) out.emplace_back(c, by.count(c) ? by[c] : 0);
    return out;
}

std::vector<DayCount> ManagerStore::counts_by_day(const std::string& from_date, const std::string& to_date) {
    const auto from = parse_date(from_date), to = parse_date(to_date);
    if (!from || !to || *to < *from) return {};
    const auto [lo, hi] = utc_range(from_date, to_date);
    auto st = db_.prepare("SELECT date(created_at, ?), COUNT(*) FROM handling WHERE created_at >= ? AND created_at < ? GROUP BY 1");
    st.bind(1, std::to_string(ctx_.utc_offset_minutes) + " minutes").bind(2, lo).bind(3, hi);
    std::map<std::string, std::int64_t> by;
    while (st.step()) by[st.text(0)] = st.i64(1);
    std::vector<DayCount> out;
    for (Date d = *from; d <= *to; d += days(1)) {
        const auto key = format_date(d);
        out.push_back({key, by.count(key) ? by[key] : 0});
    }
    return out;
}

std::map<std::string, SatisfactionReport> ManagerStore::satisfaction_by_window(const std::string& from_date,
                                                                               const std::string& to_date) {
    const auto [lo, hi] = utc_range(from_date, to_date);
    const std::string upper = hi.empty() ? std::string("9") : hi;
    // The same rule as core/stats.h (good = rating >= 4, excluded rows not counted), in SQL so a
    // month of ratings is summed in the database. The overall rating comes from handling's
    // covering index; the three indicators, rated on some records only, from feedback.
    std::map<std::string, SatisfactionReport> out;
    for (const auto& [w, s] : overall_by_window(from_date, to_date)) out[w].overall = s;
    auto ind = db_.prepare(
        "SELECT h.window_id, COUNT(f.rating_efficiency), COALESCE(SUM(f.rating_efficiency >= 4), 0), "
        "COUNT(f.rating_level), COALESCE(SUM(f.rating_level >= 4), 0), "
        "COUNT(f.rating_attitude), COALESCE(SUM(f.rating_attitude >= 4), 0) "
        "FROM handling h JOIN feedback f ON f.id = h.feedback_id "
        "WHERE h.created_at >= ? AND h.created_at < ? AND h.excluded = 0 GROUP BY h.window_id");
    ind.bind(1, lo).bind(2, upper);
    while (ind.step()) {
        auto& r = out[ind.text(0)];
        for (int i = 0; i < kIndicatorCount; ++i) r.indicators[static_cast<std::size_t>(i)] = {ind.i32(2 + 2 * i), ind.i32(1 + 2 * i)};
    }
    return out;
}

SatisfactionReport ManagerStore::satisfaction(const std::string& from_date, const std::string& to_date) {
    SatisfactionReport total;
    for (const auto& [w, r] : satisfaction_by_window(from_date, to_date)) {
        total.overall.good += r.overall.good;
        total.overall.total += r.overall.total;
        for (std::size_t i = 0; i < r.indicators.size(); ++i) {
            total.indicators[i].good += r.indicators[i].good;
            total.indicators[i].total += r.indicators[i].total;
        }
    }
    return total;
}

std::optional<std::pair<Date, Date>> month_days(const std::string& month) {
    const auto first = parse_date(month + "-01");
    if (month.size() != 7 || !first) return std::nullopt;
    const year_month_day ymd{*first};
    const year_month_day_last last{ymd.year(), month_day_last{ymd.month()}};
    return std::make_pair(*first, sys_days{last});
}

std::string previous_month(const std::string& month) {
    const auto m = month_days(month);
    if (!m) return "";
    return format_date(m->first - days(1)).substr(0, 7);
}

std::map<std::string, Satisfaction> ManagerStore::overall_by_window(const std::string& from_date, const std::string& to_date) {
    const auto [lo, hi] = utc_range(from_date, to_date);
    std::map<std::string, Satisfaction> out;
    auto st = db_.prepare("SELECT window_id, COUNT(*), SUM(rating >= 4) FROM handling "
                          "WHERE created_at >= ? AND created_at < ? AND excluded = 0 GROUP BY window_id");
    st.bind(1, lo).bind(2, hi.empty() ? std::string("9") : hi);
    while (st.step()) out[st.text(0)] = {st.i32(2), st.i32(1)};
    return out;
}

std::vector<RankRow> ManagerStore::ranking(const std::string& month) {
    // Ranking needs the overall rate only: handling's covering index, no feedback rows.
    const auto overall = [&](const std::string& m) {
        if (const auto days = month_days(m)) return overall_by_window(format_date(days->first), format_date(days->second));
        return std::map<std::string, Satisfaction>{};
    };
    return rank_windows(overall(month), overall(previous_month(month)));
}

std::vector<LedgerRow> ManagerStore::ledger_rows(bool open_only) {
    std::string sql = std::string("SELECT ") + kRowColumns +
                      ", l.list, l.measure, l.responsible, l.recheck_date, l.recheck_result"
                      " FROM ledger l JOIN feedback f ON f.id = l.feedback_id JOIN handling h ON h.feedback_id = f.id";
    if (open_only) sql += " WHERE h.state IN ('new','verifying','fixing')";
    sql += " ORDER BY l.deadline, f.id";
    auto st = db_.prepare(sql);
    std::vector<LedgerRow> out;
    while (st.step()) {
        LedgerRow r;
        r.feedback = read_row(st);
        r.entry.list = ledger_list_from_key(st.text(12)).value_or(LedgerList::Limited);
        r.entry.measure = st.text(13);
        r.entry.responsible = st.text(14);
        r.entry.deadline = st.text(11);
        r.entry.recheck_date = st.text(15);
        if (!st.is_null(16)) r.entry.recheck_result = recheck_result_from_key(st.text(16));
        out.push_back(std::move(r));
    }
    return out;
}

MonthlyReport ManagerStore::monthly_report(const std::string& month) {
    MonthlyReport r;
    r.month = month;
    const auto days_ = month_days(month);
    if (!days_) return r;
    const std::string from = format_date(days_->first), to = format_date(days_->second);
    const auto [lo, hi] = utc_range(from, to);
    for (const auto& [w, n] : counts_by_window(from, to)) {
        r.by_window[w] = n;
        r.total += n;
    }
    for (const auto& [c, n] : counts_by_category(from, to))
        if (n > 0) r.by_category[c] = n;
    r.satisfaction_by_window = satisfaction_by_window(from, to);
    r.satisfaction = sum_reports(r.satisfaction_by_window);
    r.ranking = ranking(month);

    auto ex = db_.prepare("SELECT COALESCE(SUM((excluded & 1) <> 0), 0), COALESCE(SUM((excluded & 2) <> 0), 0), "
                          "COALESCE(SUM(flag = 'pending'), 0), COALESCE(SUM(flag = 'rejected'), 0) "
                          "FROM handling WHERE excluded <> 0 AND created_at >= ? AND created_at < ?");
    ex.bind(1, lo).bind(2, hi);
    ex.step();
    r.excluded = ex.i64(0);
    r.repeats = ex.i64(1);
    r.flag_pending = ex.i64(2);
    r.flag_rejected = ex.i64(3);
    r.coverage = FeedbackStore(db_).coverage(from, to);

    // Every 差評 of the month: named ones need a call-back; all need closing in time.
    auto bad = db_.prepare("SELECT h.created_at, f.phone <> '', h.state, COALESCE(h.closed_at, ''), h.callback_grade IS NOT NULL "
                           "FROM handling h JOIN feedback f ON f.id = h.feedback_id "
                           "WHERE h.rating <= 2 AND h.created_at >= ? AND h.created_at < ?");
    bad.bind(1, lo).bind(2, hi);
    while (bad.step()) {
        ++r.bad;
        if (bad.i32(1)) {
            ++r.bad_with_phone;
            if (bad.i32(4)) ++r.called_back;
        }
        if (bad.text(2) == "closed") {
            const auto closed = local_date_of(bad.text(3), ctx_.utc_offset_minutes);
            const auto deadline = parse_date(bad_deadline_for(bad.text(0)));
            if (closed && deadline && *closed <= *deadline) ++r.bad_closed_in_time;
        }
    }
    const Date t = today();
    for (auto& row : ledger_rows(true)) {
        ++r.ledger_open;
        if (is_overdue(row.feedback.state, row.entry.deadline, t)) {
            ++r.ledger_overdue;
            r.overdue_items.push_back(std::move(row));
        }
    }
    return r;
}

std::vector<FeedbackRow> ManagerStore::flagged(bool pending_only, int limit) {
    auto st = db_.prepare(std::string("SELECT ") + kRowColumns + kRowJoins +
                          (pending_only ? " WHERE h.flag = 'pending'" : " WHERE h.flag <> ''") + kNewestFirst + " LIMIT ?");
    st.bind(1, limit);
    std::vector<FeedbackRow> out;
    while (st.step()) out.push_back(read_row(st));
    return out;
}

std::int64_t ManagerStore::flagged_pending_count() {
    auto st = db_.prepare("SELECT COUNT(*) FROM handling WHERE flag = 'pending'");
    st.step();
    return st.i64(0);
}

ActionResult ManagerStore::resolve_flag(const std::string& uuid, bool confirm, const std::string& note) {
    Tx tx(db_);
    auto st = db_.prepare("SELECT f.id, h.flag FROM feedback f JOIN handling h ON h.feedback_id = f.id WHERE f.uuid = ?");
    st.bind(1, uuid);
    if (!st.step()) return ActionResult::fail("handling.error.not_found");
    const std::int64_t id = st.i64(0);
    if (st.text(1) != "pending") return ActionResult::fail("flag.error.not_pending");
    const std::string text = sanitize_text(trim(note), 500, true);
    const std::string at = now();
    const RatingFlag to = confirm ? RatingFlag::Confirmed : RatingFlag::Rejected;
    // Confirmed: counted again (unless it is a repeat or an appeal was upheld). Rejected: stays out.
    db_.prepare(confirm ? "UPDATE handling SET flag = ?, excluded = excluded & ~4, updated_at = ? WHERE feedback_id = ?"
                        : "UPDATE handling SET flag = ?, updated_at = ? WHERE feedback_id = ?")
        .bind(1, rating_flag_key(to)).bind(2, at).bind(3, id).run();
    audit("flag_decision", uuid, json{{"flag", "pending"}}.dump(), json{{"flag", rating_flag_key(to)}, {"note", text}}.dump());
    tx.commit();
    return {};
}

std::vector<CoverageRow> ManagerStore::coverage(const std::string& from_date, const std::string& to_date) {
    return FeedbackStore(db_).coverage(from_date, to_date);
}

std::vector<AuditEntry> ManagerStore::audit_log(int limit) {
    auto st = db_.prepare("SELECT uuid, at, action, target_uuid, before, after FROM audit ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back({st.text(0), ctx_.hall_id, ctx_.kiosk_id, st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
    return out;
}

}  // namespace hall
