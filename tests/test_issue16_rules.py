"""Issue 16, the assessment and inventory side, as pure rules: a change answers only the reason
it names; "I can't accept a no" is a wait with the work named; an inventory that only describes
the ex opens nothing; who ended it shapes the words; the suggested length comes from the rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouple import coach
from recouple.program import amends as inventory
from recouple.program import nocontact, readiness, steps
from recouple.program.path import Phase, Progress, State, path
from recouple.program.readiness import (
    Answer,
    Answers,
    BreakupReason,
    Change,
    Code,
    EndedBy,
    Opinion,
    Outcome,
    Relation,
    Stance,
)

rules_settings = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None
)
SRC = Path(__file__).resolve().parents[1] / "src" / "recouple"


def answers(**changes: object) -> Answers:
    base = Answers(
        reasons=(BreakupReason("Money fights", True, id=1),),
        changes=(Change("A new job", "Started in March, steady pay since", answers=None),),
        same_goals=Answer.YES,
        same_love=Answer.YES,
        both_willing=Answer.YES,
        opinions=(Opinion("Dr Rao", Relation.THERAPIST, Stance.SUPPORTIVE),),
        new_relationship=Answer.NO,
        trust_beyond_repair=Answer.NO,
        can_accept_no=Answer.YES,
    )
    fields = {**base.__dict__, **changes}
    return Answers(**fields)  # type: ignore[arg-type]


# --- 1. A change clears only the reason it answers ---------------------------------------------


def test_an_unrelated_change_does_not_clear_nothing_has_changed() -> None:
    result = readiness.readiness(answers())

    assert result.outcome is Outcome.UNSURE
    assert [f.code for f in result.blockers] == [Code.NOTHING_CHANGED]
    assert "Money fights" in result.blockers[0].explanation


def test_a_change_with_evidence_that_answers_the_reason_clears_it() -> None:
    linked = answers(changes=(Change("We budget together", "Eight months of it", answers=1),))

    assert readiness.readiness(linked).outcome is Outcome.PROCEED


def test_each_reason_that_still_applies_needs_its_own_answer() -> None:
    two = answers(
        reasons=(BreakupReason("Money fights", True, id=1), BreakupReason("Distance", True, id=2)),
        changes=(Change("We budget together", "Eight months of it", answers=1),),
    )

    assert [r.text for r in readiness.unanswered(two)] == ["Distance"]
    assert readiness.readiness(two).outcome is Outcome.UNSURE


reason_st = st.builds(
    BreakupReason,
    text=st.sampled_from(["Money", "Distance", "Drinking"]),
    still_applies=st.booleans(),
    id=st.none() | st.integers(1, 5),
)
change_st = st.builds(
    Change,
    text=st.sampled_from(["New job", "Therapy"]),
    evidence=st.sampled_from(["", "  ", "Months of it"]),
    answers=st.none() | st.integers(1, 5),
)


@rules_settings
@given(st.lists(reason_st, max_size=4), st.lists(change_st, max_size=4))
def test_property_no_unanswered_reason_ever_gives_proceed(
    reasons: list[BreakupReason], changes: list[Change]
) -> None:
    given_answers = answers(reasons=tuple(reasons), changes=tuple(changes))
    result = readiness.readiness(given_answers)
    evidenced = {c.answers for c in changes if c.evidence.strip() and c.answers is not None}
    open_reason = any(r.still_applies and r.id not in evidenced for r in reasons)

    if open_reason:
        assert result.outcome is not Outcome.PROCEED
        assert Code.NOTHING_CHANGED in [f.code for f in result.blockers]
    else:
        assert Code.NOTHING_CHANGED not in [f.code for f in result.findings]


# --- 2. "I can't accept a no" is a wait, with the work named ----------------------------------


def test_cannot_accept_a_no_is_a_wait_and_not_let_go() -> None:
    result = readiness.readiness(answers(changes=(), reasons=(), can_accept_no=Answer.NO))

    assert result.outcome is Outcome.WAIT
    assert Outcome.LET_GO not in {f.leads_to for f in result.findings}


def test_the_path_names_the_work_of_accepting_a_no_while_waiting() -> None:
    waiting = path(Progress(outcome=Outcome.WAIT, accept_no_first=True))

    assert waiting.phase is Phase.WAIT
    assert "accepting their answer" in waiting.headline
    assert waiting.step(3).state is State.LOCKED
    # A wait for someone new in their life still says so.
    assert "someone else" in path(Progress(outcome=Outcome.WAIT)).headline


# --- 3. An inventory entry counts only when it is about the writer ---------------------------


def reading(text: str) -> inventory.EntryReading:
    labels = set(coach.check(text, coach.Context(kind="journal")).labels)
    return inventory.read_entry(
        text, blame="blame" in labels, accountability="accountability" in labels
    )


@pytest.mark.parametrize(
    "text",
    [
        "She cheated on me",
        "He never listened to me",
        "You ruined everything",
        "They lied about where they were",
        "My ex stopped making time for us",
        "Sam left without a word",
    ],
)
def test_an_entry_that_only_describes_them_does_not_count(text: str) -> None:
    found = reading(text)

    assert not found.counts
    assert "starting with “I”" in found.why_not


@pytest.mark.parametrize(
    "text",
    [
        "I kept checking your phone",
        "I yelled at her when I was tired",
        "Stopped making time for us",
        "Never listened when she talked about work",
        "Drinking too much at weekends",
        "My jealousy when she went out",
        "That was on me: the silent treatment",
    ],
)
def test_an_entry_about_the_writers_own_actions_counts(text: str) -> None:
    assert reading(text).counts


subjects = st.sampled_from(["She", "He", "They", "You", "My ex", "My partner", "Her", "His"])
verbs = st.sampled_from(
    [
        "cheated on me",
        "never listened",
        "ruined everything",
        "lied to me",
        "always criticised me",
        "walked away first",
        "stopped caring",
        "made me feel small",
        "ignored me for weeks",
    ]
)
tails = st.sampled_from(["", ".", " again and again.", " and it hurt.", " all the time"])
blame_only = st.builds(lambda s, v, t: f"{s} {v}{t}", subjects, verbs, tails)


@rules_settings
@given(st.lists(blame_only, min_size=1, max_size=5))
def test_property_a_blame_only_inventory_never_opens_the_reach_out(entries: list[str]) -> None:
    written = inventory.inventory_counts([reading(text) for text in entries])
    ready = path(
        Progress(
            outcome=Outcome.PROCEED,
            no_contact_started=True,
            no_contact_complete=True,
            inventory_written=written,
        )
    )

    assert not written
    assert ready.phase is not Phase.REACH_OUT
    assert ready.step(3).state is not State.OPEN


# --- 4. Who ended it shapes the words -----------------------------------------------------------


@pytest.mark.parametrize("who", list(EndedBy))
def test_who_ended_it_has_its_own_report_and_no_contact_words(who: EndedBy) -> None:
    assert readiness.ended_by_note(who)
    assert nocontact.ended_by_advice(who)


def test_the_words_differ_for_who_ended_it_and_are_silent_when_not_said() -> None:
    assert len({readiness.ended_by_note(w) for w in EndedBy}) == len(EndedBy)
    assert len({nocontact.ended_by_advice(w) for w in EndedBy}) == len(EndedBy)
    assert readiness.ended_by_note(None) == nocontact.ended_by_advice(None) == ""


# --- 6. Our own words, and the suggested length from the rule --------------------------------

# Sentences of the source article the product used to echo; normalised before comparing.
ARTICLE_LINES = (
    "Do you love each other in the same way?",
    "Are you both willing to work on the relationship?",
    "Do you want the same things",
    "you can only be happy with your ex",
    "only be happy with them back in your life",
    "I need some time without contact so I can heal",
    "wouldn’t be fair to them, to their partner",
)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


def test_no_user_facing_file_repeats_the_articles_sentences() -> None:
    files = [*SRC.glob("**/*.html"), *SRC.glob("**/*.py")]
    for path_ in files:
        text = _normal(path_.read_text(encoding="utf-8"))
        # Python strings are split across lines with quotes; join the pieces too.
        joined = re.sub(r"\"\s+\"", "", text)
        for line in ARTICLE_LINES:
            assert _normal(line) not in joined, f"{path_}: {line}"


def test_the_no_contact_step_gives_every_length_the_rule_can_suggest() -> None:
    step = steps.step_by_number(1) if hasattr(steps, "step_by_number") else steps.STEPS[0]
    words = " ".join((step.summary, *step.how))
    for months in (3, 24):
        for broke_before in (False, True):
            days = nocontact.suggested_days(months, broke_before)
            if broke_before:
                assert str(nocontact.EXTRA_DAYS_AFTER_A_BREAK) in words
            else:
                assert str(days) in words
    assert str(nocontact.LONGEST_SUGGESTION) in words
    assert nocontact.LONGEST_SUGGESTION == 90


def test_no_hand_written_no_contact_length_is_left_in_the_code() -> None:
    hand_written = re.compile(r"\b(30|60|90) days\b")
    places = [
        SRC / "program" / "steps.py",
        SRC / "program" / "path.py",
        SRC / "nocontact" / "models.py",
        SRC / "nocontact" / "forms.py",
        *(SRC / "nocontact" / "templates").glob("**/*.html"),
        *(SRC / "path" / "templates").glob("**/*.html"),
    ]
    for place in places:
        assert not hand_written.search(place.read_text(encoding="utf-8")), place
