#include <catch2/catch.hpp>

#include "core/handling.h"

using namespace hall;
using S = HandlingState;

TEST_CASE("a 差評 starts in verification, anything else as new", "[handling]") {
    CHECK(initial_state(Rating::VeryDissatisfied) == S::Verifying);
    CHECK(initial_state(Rating::Dissatisfied) == S::Verifying);
    CHECK(initial_state(Rating::Basic) == S::New);
    CHECK(initial_state(Rating::VerySatisfied) == S::New);
}

TEST_CASE("state keys round-trip and unknown keys are refused", "[handling]") {
    for (int i = 0; i < kHandlingStateCount; ++i) {
        const auto s = static_cast<S>(i);
        CHECK(handling_state_from_key(handling_state_key(s)) == s);
    }
    CHECK_FALSE(handling_state_from_key("done"));
    CHECK(callback_grade_from_key("basic") == CallbackGrade::Basic);
    CHECK(appeal_reason_from_key("malicious") == AppealReason::Malicious);
    CHECK(appeal_decision_from_key("upheld") == AppealDecision::Upheld);
}

TEST_CASE("only the state machine's edges are allowed", "[handling]") {
    HandlingFacts f;
    f.state = S::Verifying;
    f.in_ledger = true;
    CHECK_FALSE(check_transition(f, S::Fixing));
    CHECK_FALSE(check_transition(f, S::Unfounded));
    CHECK(check_transition(f, S::Closed) == "handling.error.not_allowed");  // not verified and fixed
    CHECK(check_transition(f, S::Answered) == "handling.error.not_allowed");
    f.state = S::Fixing;
    CHECK(check_transition(f, S::Closed) == "handling.error.not_allowed");  // answer first
    CHECK_FALSE(check_transition(f, S::Answered));
    f.state = S::Answered;
    CHECK_FALSE(check_transition(f, S::Fixing));  // the citizen is not satisfied: rectify again
    f.state = S::New;
    CHECK_FALSE(check_transition(f, S::Closed));  // praise acknowledged
}

TEST_CASE("fixing needs a ledger entry", "[handling]") {
    HandlingFacts f;
    f.state = S::Verifying;
    CHECK(check_transition(f, S::Fixing) == "handling.error.ledger_required");
}

TEST_CASE("a named 差評 closes only after a call-back result or three failed calls", "[handling]") {
    HandlingFacts f;
    f.state = S::Answered;
    f.bad = true;
    f.has_phone = true;
    CHECK(check_transition(f, S::Closed) == "handling.error.callback_required");
    f.failed_callbacks = 2;
    CHECK(check_transition(f, S::Closed) == "handling.error.callback_required");
    f.failed_callbacks = 3;
    CHECK_FALSE(check_transition(f, S::Closed));
    f.failed_callbacks = 0;
    f.has_callback_result = true;
    CHECK_FALSE(check_transition(f, S::Closed));
    // Anonymous 差評: nobody to call.
    HandlingFacts anon;
    anon.state = S::Answered;
    anon.bad = true;
    CHECK_FALSE(check_transition(anon, S::Closed));
    // A fair rating with a phone needs no call-back either.
    HandlingFacts fair;
    fair.state = S::Answered;
    fair.has_phone = true;
    CHECK_FALSE(check_transition(fair, S::Closed));
}

TEST_CASE("call-backs wait until the hall is fixing or has answered", "[handling]") {
    CHECK_FALSE(callback_allowed(S::New));
    CHECK_FALSE(callback_allowed(S::Verifying));
    CHECK(callback_allowed(S::Fixing));
    CHECK(callback_allowed(S::Answered));
    CHECK_FALSE(callback_allowed(S::Unfounded));
}
