"""Issue 16, the rules: the path follows a life that changes after the start.

They write first during no contact; no contact completes long after the report; their new
relationship mid-way; back together, or it didn't work out; and after a final "no", a message
they start may be answered while the lock on reaching out stays. Pure rules, no Django.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouple import coach
from recouple.program import together as together_rules
from recouple.program.path import (
    Phase,
    Progress,
    Reply,
    State,
    Together,
    may_start_contact,
    path,
    reads_as_reply,
)
from recouple.program.readiness import Outcome
from recouple.program.together import PatternState, check_in_due, relapse_watch

rules_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

PROCEED = Outcome.PROCEED
DURING = Progress(outcome=PROCEED, no_contact_started=True, inventory_written=True)
WROTE = dataclasses.replace(DURING, they_reached_out=True)
READY = Progress(
    outcome=PROCEED, no_contact_started=True, no_contact_complete=True, inventory_written=True
)

progresses = st.builds(
    Progress,
    outcome=st.one_of(st.none(), st.sampled_from(list(Outcome))),
    safety_concern=st.booleans(),
    no_contact_started=st.booleans(),
    no_contact_complete=st.booleans(),
    inventory_written=st.booleans(),
    outreach_sent=st.booleans(),
    reply=st.one_of(st.none(), st.sampled_from(list(Reply))),
    days_since_outreach=st.one_of(st.none(), st.integers(0, 400)),
    wants_friendship_anyway=st.one_of(st.none(), st.booleans()),
    they_reached_out=st.booleans(),
    no_contact_ended_early=st.booleans(),
    report_predates_no_contact=st.booleans(),
    their_new_relationship=st.booleans(),
    together=st.one_of(st.none(), st.sampled_from(list(Together))),
)


# They write first during no contact.


def test_they_wrote_first_during_no_contact_offers_a_kind_reply_and_an_early_end() -> None:
    where = path(WROTE)
    assert where.phase is Phase.THEY_WROTE
    assert "short and kind" in where.next_action and "end no contact early" in where.next_action
    assert where.step(1).state is State.IN_PROGRESS
    assert where.step(3).state is State.NOT_APPLICABLE  # no "one message" owed
    assert where.step(6).state is State.LOCKED and "end it early" in where.step(6).note


def test_ending_no_contact_early_after_they_wrote_continues_as_an_open_answer() -> None:
    ended = path(dataclasses.replace(WROTE, no_contact_ended_early=True))
    opened = path(
        dataclasses.replace(READY, outreach_sent=True, reply=Reply.OPEN, days_since_outreach=3)
    )
    assert ended.phase is opened.phase is Phase.RECONNECT
    assert ended.step(6).state is opened.step(6).state is State.OPEN
    assert ended.step(8).state is opened.step(8).state is State.OPEN
    assert ended.next_action == opened.next_action
    assert ended.step(1).state is State.DONE


def test_when_no_contact_completes_after_they_wrote_the_path_reconnects_too() -> None:
    where = path(dataclasses.replace(READY, they_reached_out=True))
    assert where.phase is Phase.RECONNECT
    assert where.step(6).state is State.OPEN


@rules_settings
@given(progresses)
def test_a_period_ended_early_never_says_keep_no_contact_today(progress: Progress) -> None:
    ended = dataclasses.replace(progress, no_contact_ended_early=True, no_contact_complete=False)
    assert "Keep no contact today" not in path(ended).next_action


def test_a_period_ended_early_without_a_message_from_them_offers_a_new_start() -> None:
    where = path(dataclasses.replace(DURING, no_contact_ended_early=True))
    assert where.phase is Phase.NO_CONTACT
    assert where.next_action == "Start a new stretch of no contact when you’re ready."
    assert where.step(1).state is State.OPEN


# No contact completes: the report may be months old.


def test_complete_no_contact_with_an_older_report_asks_for_a_retake_before_reaching_out() -> None:
    where = path(dataclasses.replace(READY, report_predates_no_contact=True))
    assert where.phase is Phase.RETAKE
    assert where.step(3).state is State.LOCKED
    assert "retaken the questions" in where.step(3).note
    assert not may_start_contact(dataclasses.replace(READY, report_predates_no_contact=True))


def test_a_report_taken_after_no_contact_opens_the_reach_out() -> None:
    assert path(READY).phase is Phase.REACH_OUT
    assert may_start_contact(READY)


@rules_settings
@given(progresses)
def test_an_older_report_never_opens_the_reach_out(progress: Progress) -> None:
    stale = dataclasses.replace(progress, report_predates_no_contact=True)
    assert path(stale).step(3).state is not State.OPEN


# Their new relationship, recorded at any point.


@rules_settings
@given(progresses)
def test_their_new_relationship_moves_the_path_to_wait_and_holds_the_reach_out(
    progress: Progress,
) -> None:
    seeing = dataclasses.replace(progress, their_new_relationship=True)
    where = path(seeing)
    assert where.step(3).state is not State.OPEN
    assert not may_start_contact(seeing)
    closed = (
        seeing.outcome is None
        or seeing.safety_concern
        or seeing.outcome is Outcome.LET_GO
        or seeing.outreach_locked
        or seeing.together is not None
    )
    if not closed:
        assert where.phase is Phase.WAIT
        assert where.step(3).note == "Held while they’re with someone else."
        assert "someone new" in where.headline


def test_their_new_relationship_mid_way_holds_a_ready_reach_out() -> None:
    where = path(dataclasses.replace(READY, their_new_relationship=True))
    assert where.phase is Phase.WAIT
    assert where.step(3).state is State.LOCKED


# Back together, or it didn't work out.


def test_back_together_checks_in_on_the_old_patterns_with_therapy_open() -> None:
    opened = dataclasses.replace(READY, outreach_sent=True, reply=Reply.OPEN)
    where = path(dataclasses.replace(opened, together=Together.BACK_TOGETHER))
    assert where.phase is Phase.TOGETHER
    assert "old patterns" in where.next_action
    assert where.step(8).state is State.OPEN


def test_it_did_not_work_out_leads_to_the_letting_go_path() -> None:
    opened = dataclasses.replace(READY, outreach_sent=True, reply=Reply.OPEN)
    where = path(dataclasses.replace(opened, together=Together.DID_NOT_WORK_OUT))
    assert where.phase is Phase.LETTING_GO
    assert where.next_step == 9
    assert all(where.step(n).state is State.NOT_APPLICABLE for n in (3, 6, 8))


def test_the_relapse_watch_speaks_when_old_patterns_keep_coming_back() -> None:
    back, same, better = PatternState.BACK, PatternState.SAME, PatternState.BETTER
    assert not relapse_watch([])
    assert not relapse_watch([back, better, better, better])
    assert relapse_watch([back, same, back])
    # Only the latest check-ins count: old ones fade.
    assert not relapse_watch([better, better, better, better, back, back])
    assert together_rules.RELAPSE_AT <= together_rules.RELAPSE_WINDOW


def test_a_check_in_is_due_once_a_week() -> None:
    today = date(2026, 6, 10)
    every = together_rules.CHECK_IN_EVERY_DAYS
    assert check_in_due(None, today)
    assert not check_in_due(today - timedelta(days=every - 1), today)
    assert check_in_due(today - timedelta(days=every), today)


# A "no" never lets the user start contact; a message they start may be answered.


@rules_settings
@given(progresses, st.sampled_from([Reply.NO, Reply.NO_CONTACT]), st.booleans(), st.booleans())
def test_a_no_never_lets_the_user_start_contact(
    progress: Progress, answer: Reply, asked: bool, wrote: bool
) -> None:
    closed = dataclasses.replace(progress, reply=answer, outreach_sent=True)
    assert not may_start_contact(closed)
    assert path(closed).step(3).state is not State.OPEN
    # A draft is a reply only if they wrote since: never a way to start.
    assert reads_as_reply(closed, asked=asked, they_wrote_since=wrote) == (asked and wrote)
    if not (asked and wrote):
        context = coach.Context(outreach_sent=True, outreach_locked=True, replying=False)
        assert coach.check("Hi, thinking of you.", context).verdict == "hold"


def test_after_a_no_a_message_they_started_is_answered_and_coached_as_a_reply() -> None:
    closed = dataclasses.replace(READY, outreach_sent=True, reply=Reply.NO)
    assert reads_as_reply(closed, asked=True, they_wrote_since=True)
    context = coach.Context(outreach_sent=True, outreach_locked=True, replying=True)
    kind = coach.check("Thank you for letting me know. Take care of yourself.", context)
    pleading = coach.check("Please, I'm begging you, give me another chance.", context)
    assert kind.verdict == "send"
    assert pleading.verdict == "revise"  # coached, not held and not waved through
    # The path stays closed: their answer still stands.
    assert path(dataclasses.replace(closed, they_reached_out=True)).phase is Phase.LETTING_GO


def test_a_reply_during_no_contact_is_coached_not_held() -> None:
    assert reads_as_reply(WROTE, asked=True, they_wrote_since=False)
    assert not reads_as_reply(DURING, asked=True, they_wrote_since=False)
    replying = coach.Context(no_contact_active=True, no_contact_day=9, replying=True)
    starting = coach.Context(no_contact_active=True, no_contact_day=9)
    text = "Thanks for asking. I'm doing okay, and I hope you are too."
    answer = coach.check(text, replying)
    assert answer.verdict == "send"
    assert "end no contact early" in answer.reason
    assert coach.check(text, starting).verdict == "hold"


def test_after_the_one_message_an_older_message_of_theirs_is_no_way_to_a_second() -> None:
    """They wrote during no contact, then the user sent the one message and heard "not now":
    calling a new draft a reply to that old message doesn't make it one."""
    after = dataclasses.replace(
        READY, they_reached_out=True, outreach_sent=True, reply=Reply.NOT_NOW
    )
    assert not reads_as_reply(after, asked=True, they_wrote_since=False)
    assert reads_as_reply(after, asked=True, they_wrote_since=True)
