"""The program as rules: should you and can you (readiness), and where you stand (path).

Each test names the rule from DESIGN.md it checks. The property tests hold the rules over every
combination of answers and progress, so a new branch in the rules cannot quietly break them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouple.program.path import SILENCE_DAYS, Path, Phase, Progress, Reply, State, path
from recouple.program.readiness import (
    Answer,
    Answers,
    BreakupReason,
    Change,
    Code,
    Finding,
    Opinion,
    Outcome,
    Quality,
    Readiness,
    Relation,
    Safety,
    Stance,
    Whose,
    readiness,
)

# The conftest's autouse settings fixture is function-scoped but harmless to share between
# examples: these rules never touch Django.
rules_settings = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

STRENGTH = [Outcome.PROCEED, Outcome.UNSURE, Outcome.WAIT, Outcome.LET_GO]  # weakest first
STANDING_STEPS = (4, 5, 7, 9)
RECONCILING_STEPS = (3, 6, 8)


# --- Building answers ------------------------------------------------------------------------


def healthy(**changes: Any) -> Answers:
    """A complete answer set with nothing in the way; each test changes only what it is about."""
    base = Answers(
        reasons=(BreakupReason("We stopped talking about money", still_applies=True, id=1),),
        changes=(Change("I budget with a planner now", "Six months of kept budgets", answers=1),),
        qualities=(
            Quality("Their laugh", loved=True),
            Quality("My lateness", loved=False, changeable=True, whose=Whose.MINE),
        ),
        same_goals=Answer.YES,
        same_love=Answer.YES,
        both_willing=Answer.YES,
        only_happy_with_them=False,
        opinions=(Opinion("Dr Rao", Relation.THERAPIST, Stance.SUPPORTIVE),),
        new_relationship=Answer.NO,
        trust_beyond_repair=Answer.NO,
        can_accept_no=Answer.YES,
        safety=Safety(),
    )
    return dataclasses.replace(base, **changes)


def codes(result: Readiness) -> list[Code]:
    return [f.code for f in result.findings]


def strongest(outcomes: list[Outcome]) -> Outcome:
    return max(outcomes, key=STRENGTH.index, default=Outcome.PROCEED)


# --- Readiness: the outcome rules ------------------------------------------------------------


def test_complete_healthy_answers_proceed_with_no_blockers() -> None:
    result = readiness(healthy())

    assert result.outcome is Outcome.PROCEED
    assert result.blockers == ()
    assert result.findings == ()


@pytest.mark.parametrize("concern", ["violence", "threats", "control"])
def test_rule_safety_screen_means_let_go(concern: str) -> None:
    result = readiness(healthy(safety=Safety(**{concern: True})))

    assert result.outcome is Outcome.LET_GO
    assert Code.SAFETY in codes(result)


def test_rule_no_safety_concern_raises_no_safety_finding() -> None:
    assert Code.SAFETY not in codes(readiness(healthy(safety=Safety(False, False, False))))


def test_rule_trust_beyond_repair_means_let_go() -> None:
    result = readiness(healthy(trust_beyond_repair=Answer.YES))

    assert result.outcome is Outcome.LET_GO
    assert codes(result) == [Code.TRUST_BEYOND_REPAIR]


def test_rule_cannot_accept_a_no_means_wait_with_the_work_named() -> None:
    result = readiness(healthy(can_accept_no=Answer.NO))

    assert result.outcome is Outcome.WAIT
    assert codes(result) == [Code.CANNOT_ACCEPT_NO]
    (finding,) = result.findings
    assert "accepting" in finding.title
    assert "accepting" in finding.next_step and "retake" in finding.next_step


def test_rule_retaking_once_a_no_is_bearable_moves_the_wait() -> None:
    before = readiness(healthy(can_accept_no=Answer.NO))
    after = readiness(healthy(can_accept_no=Answer.YES))

    assert (before.outcome, after.outcome) == (Outcome.WAIT, Outcome.PROCEED)


def test_rule_new_relationship_means_wait() -> None:
    result = readiness(healthy(new_relationship=Answer.YES))

    assert result.outcome is Outcome.WAIT
    assert codes(result) == [Code.NEW_RELATIONSHIP]


def test_rule_reason_still_applies_and_nothing_changed_means_unsure() -> None:
    result = readiness(healthy(changes=()))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.NOTHING_CHANGED]


def test_rule_change_with_evidence_clears_reason_that_still_applies() -> None:
    with_evidence = healthy(
        reasons=(BreakupReason("Constant arguments", still_applies=True, id=7),),
        changes=(Change("We both see counsellors", "Weekly sessions since March", answers=7),),
    )

    assert Code.NOTHING_CHANGED not in codes(readiness(with_evidence))
    assert readiness(with_evidence).outcome is Outcome.PROCEED


@pytest.mark.parametrize("evidence", ["", "   ", "\n\t "])
def test_rule_change_with_blank_evidence_does_not_count(evidence: str) -> None:
    hope_only = healthy(changes=(Change("I think I am calmer now", evidence),))

    result = readiness(hope_only)

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.NOTHING_CHANGED]


def test_rule_one_change_with_evidence_is_enough_among_blank_ones() -> None:
    mixed = healthy(
        changes=(
            Change("Hope", "", answers=1),
            Change("Quit drinking", "Eight months sober, with a sponsor", answers=1),
        )
    )

    assert Code.NOTHING_CHANGED not in codes(readiness(mixed))


def test_rule_reasons_that_no_longer_apply_need_no_change() -> None:
    over = healthy(reasons=(BreakupReason("Long distance", still_applies=False),), changes=())

    assert readiness(over).outcome is Outcome.PROCEED


@pytest.mark.parametrize("whose", [Whose.MINE, Whose.THEIRS, Whose.BOTH, None])
def test_rule_hated_intrinsic_quality_means_unsure(whose: Whose | None) -> None:
    intrinsic = Quality("Cold when upset", loved=False, changeable=False, whose=whose)

    result = readiness(healthy(qualities=(intrinsic,)))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.INTRINSIC_TRAITS]


@pytest.mark.parametrize("changeable", [True, None])
def test_rule_hated_quality_that_can_change_is_not_a_block(changeable: bool | None) -> None:
    hated = Quality("Always on the phone", loved=False, changeable=changeable, whose=Whose.THEIRS)

    assert readiness(healthy(qualities=(hated,))).outcome is Outcome.PROCEED


@pytest.mark.parametrize("changeable", [False, True, None])
def test_rule_loved_qualities_never_count(changeable: bool | None) -> None:
    loved = Quality("Their stubbornness", loved=True, changeable=changeable, whose=Whose.THEIRS)

    result = readiness(healthy(qualities=(loved,)))

    assert result.outcome is Outcome.PROCEED
    assert Code.INTRINSIC_TRAITS not in codes(result)


@pytest.mark.parametrize("relation", list(Relation))
def test_rule_someone_recoiled_means_unsure(relation: Relation) -> None:
    opinions = (
        Opinion("Dr Rao", Relation.THERAPIST, Stance.SUPPORTIVE),
        Opinion("Sam", relation, Stance.RECOILED, said="Please don't"),
    )

    result = readiness(healthy(opinions=opinions))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.PEOPLE_RECOILED]


@pytest.mark.parametrize("stance", [Stance.SUPPORTIVE, Stance.NEUTRAL])
def test_rule_supportive_or_neutral_opinions_are_not_a_block(stance: Stance) -> None:
    opinions = (Opinion("Mum", Relation.FAMILY, stance),)

    assert readiness(healthy(opinions=opinions)).outcome is Outcome.PROCEED


def test_rule_only_happy_with_them_means_unsure() -> None:
    result = readiness(healthy(only_happy_with_them=True))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.ONLY_HAPPY_WITH_THEM]


@pytest.mark.parametrize("question", ["same_goals", "same_love", "both_willing"])
def test_rule_a_no_to_any_alignment_question_means_unsure(question: str) -> None:
    result = readiness(healthy(**{question: Answer.NO}))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [Code.NOT_ALIGNED]


def test_rule_several_alignment_noes_make_one_finding_naming_each() -> None:
    result = readiness(healthy(same_goals=Answer.NO, same_love=Answer.NO, both_willing=Answer.NO))

    assert codes(result) == [Code.NOT_ALIGNED]
    explanation = result.findings[0].explanation
    assert "different things" in explanation
    assert "love in different ways" in explanation
    assert "willing" in explanation


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("can_accept_no", Code.UNSURE_CAN_ACCEPT_NO),
        ("trust_beyond_repair", Code.UNSURE_TRUST),
        ("new_relationship", Code.UNSURE_NEW_RELATIONSHIP),
    ],
)
def test_rule_not_sure_to_a_can_you_question_means_unsure(question: str, code: Code) -> None:
    result = readiness(healthy(**{question: Answer.NOT_SURE}))

    assert result.outcome is Outcome.UNSURE
    assert codes(result) == [code]


def test_rule_no_outside_opinions_is_only_a_note_and_still_proceeds() -> None:
    result = readiness(healthy(opinions=()))

    assert result.outcome is Outcome.PROCEED
    assert codes(result) == [Code.NO_OUTSIDE_VIEW]
    assert result.blockers == ()
    assert [f.code for f in result.notes] == [Code.NO_OUTSIDE_VIEW]


# --- Readiness: precedence -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {
                "trust_beyond_repair": Answer.YES,
                "new_relationship": Answer.YES,
                "only_happy_with_them": True,
            },
            Outcome.LET_GO,
        ),
        ({"safety": Safety(control=True), "new_relationship": Answer.YES}, Outcome.LET_GO),
        ({"can_accept_no": Answer.NO, "same_goals": Answer.NO}, Outcome.WAIT),
        ({"new_relationship": Answer.YES, "only_happy_with_them": True}, Outcome.WAIT),
        ({"new_relationship": Answer.YES, "can_accept_no": Answer.NOT_SURE}, Outcome.WAIT),
        ({"only_happy_with_them": True, "opinions": ()}, Outcome.UNSURE),
    ],
    ids=[
        "let_go_beats_wait_and_unsure",
        "safety_beats_wait",
        "cannot_accept_no_is_a_wait_that_beats_unsure",
        "wait_beats_unsure",
        "wait_beats_not_sure",
        "unsure_beats_a_note",
    ],
)
def test_precedence_let_go_beats_wait_beats_unsure_beats_proceed(
    changes: dict[str, Any], expected: Outcome
) -> None:
    result = readiness(healthy(**changes))

    assert result.outcome is expected
    assert len(result.findings) >= 2  # the weaker findings are still reported, not dropped


# --- Readiness: the findings themselves -------------------------------------------------------

EVERYTHING_WRONG = Answers(
    reasons=(BreakupReason("Cheating", True), BreakupReason("Shouting", True)),
    changes=(Change("I'm different now", " "),),
    qualities=(
        Quality("Jealous", loved=False, changeable=False, whose=Whose.THEIRS),
        Quality("Withdrawn", loved=False, changeable=False, whose=Whose.MINE),
    ),
    same_goals=Answer.NO,
    same_love=Answer.NO,
    both_willing=Answer.NO,
    only_happy_with_them=True,
    opinions=(
        Opinion("Ana", Relation.FRIEND, Stance.RECOILED),
        Opinion("Dad", Relation.FAMILY, Stance.RECOILED),
    ),
    new_relationship=Answer.YES,
    trust_beyond_repair=Answer.YES,
    can_accept_no=Answer.NO,
    safety=Safety(violence=True, threats=True, control=True),
)

EVERYTHING_UNCERTAIN = dataclasses.replace(
    EVERYTHING_WRONG,
    opinions=(),
    safety=Safety(),
    same_goals=Answer.NOT_SURE,
    same_love=Answer.NOT_SURE,
    both_willing=Answer.NOT_SURE,
    new_relationship=Answer.NOT_SURE,
    trust_beyond_repair=Answer.NOT_SURE,
    can_accept_no=Answer.NOT_SURE,
)


@pytest.mark.parametrize("answers", [EVERYTHING_WRONG, EVERYTHING_UNCERTAIN])
def test_every_finding_has_a_title_explanation_and_next_step(answers: Answers) -> None:
    for finding in readiness(answers).findings:
        assert finding.title.strip(), finding.code
        assert finding.explanation.strip(), finding.code
        assert finding.next_step.strip(), finding.code


def test_every_finding_code_can_be_reached() -> None:
    reached = set(codes(readiness(EVERYTHING_WRONG))) | set(codes(readiness(EVERYTHING_UNCERTAIN)))

    assert reached == set(Code)


@pytest.mark.parametrize("answers", [EVERYTHING_WRONG, EVERYTHING_UNCERTAIN])
def test_each_finding_appears_once_however_many_answers_raise_it(answers: Answers) -> None:
    found = codes(readiness(answers))

    assert len(found) == len(set(found))


# --- Readiness: properties over every answer set ----------------------------------------------

answer_values = st.none() | st.sampled_from(Answer)
short_text = st.text(max_size=12)
evidence_text = st.sampled_from(["", " ", "\n\t", "Kept a journal for months"]) | short_text

reason_ids = st.none() | st.integers(1, 4)
reasons_st = st.builds(BreakupReason, text=short_text, still_applies=st.booleans(), id=reason_ids)
changes_st = st.builds(Change, text=short_text, evidence=evidence_text, answers=reason_ids)
qualities_st = st.builds(
    Quality,
    text=short_text,
    loved=st.booleans(),
    changeable=st.none() | st.booleans(),
    whose=st.none() | st.sampled_from(Whose),
)
opinions_st = st.builds(
    Opinion,
    who=short_text,
    relation=st.sampled_from(Relation),
    stance=st.sampled_from(Stance),
    said=short_text,
)
safety_st = st.builds(Safety, violence=st.booleans(), threats=st.booleans(), control=st.booleans())


def tuples_of(element: st.SearchStrategy[Any]) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(element, max_size=4).map(tuple)


answers_st = st.builds(
    Answers,
    reasons=tuples_of(reasons_st),
    changes=tuples_of(changes_st),
    qualities=tuples_of(qualities_st),
    same_goals=answer_values,
    same_love=answer_values,
    both_willing=answer_values,
    only_happy_with_them=st.booleans(),
    opinions=tuples_of(opinions_st),
    new_relationship=answer_values,
    trust_beyond_repair=answer_values,
    can_accept_no=answer_values,
    safety=safety_st,
)


@rules_settings
@given(answers_st)
def test_property_never_proceed_while_a_can_you_or_safety_rule_blocks(answers: Answers) -> None:
    outcome = readiness(answers).outcome

    if answers.safety.concern or answers.trust_beyond_repair is Answer.YES:
        assert outcome is Outcome.LET_GO
    if answers.can_accept_no is Answer.NO:
        assert outcome in (Outcome.WAIT, Outcome.LET_GO)
    if answers.new_relationship is Answer.YES:
        assert outcome in (Outcome.WAIT, Outcome.LET_GO)


@rules_settings
@given(answers_st)
def test_property_readiness_is_deterministic(answers: Answers) -> None:
    assert readiness(answers) == readiness(answers) == readiness(dataclasses.replace(answers))


@rules_settings
@given(answers_st)
def test_property_outcome_is_proceed_iff_there_are_no_blockers(answers: Answers) -> None:
    result = readiness(answers)

    assert (result.outcome is Outcome.PROCEED) == (result.blockers == ())


@rules_settings
@given(answers_st)
def test_property_outcome_is_the_strongest_leads_to_among_findings(answers: Answers) -> None:
    result = readiness(answers)

    assert result.outcome is strongest([f.leads_to for f in result.findings])


@rules_settings
@given(answers_st)
def test_property_findings_are_explained_and_appear_once(answers: Answers) -> None:
    findings: tuple[Finding, ...] = readiness(answers).findings

    assert len({f.code for f in findings}) == len(findings)
    for finding in findings:
        assert finding.title.strip()
        assert finding.explanation.strip()
        assert finding.next_step.strip()


# --- Path: before and around the report -------------------------------------------------------


def states(where: Path) -> dict[int, State]:
    return {s.number: s.state for s in where.steps}


def proceeding(**changes: Any) -> Progress:
    return dataclasses.replace(Progress(outcome=Outcome.PROCEED), **changes)


def reached_out(**changes: Any) -> Progress:
    base = proceeding(
        no_contact_started=True,
        no_contact_complete=True,
        inventory_written=True,
        outreach_sent=True,
    )
    return dataclasses.replace(base, **changes)


def test_path_without_a_report_starts_by_reflecting() -> None:
    where = path(Progress())

    assert where.phase is Phase.REFLECT
    assert where.next_step is None
    for number in (1, 2, 3, 6, 8):
        assert where.step(number).state is State.LOCKED
    for number in STANDING_STEPS:
        assert where.step(number).state is State.STANDING


@pytest.mark.parametrize("outcome", list(Outcome))
def test_path_safety_concern_means_safety_phase_with_reconciling_steps_closed(
    outcome: Outcome,
) -> None:
    where = path(Progress(outcome=outcome, safety_concern=True))

    assert where.phase is Phase.SAFETY
    for number in RECONCILING_STEPS:
        assert where.step(number).state is State.NOT_APPLICABLE


def test_path_let_go_means_letting_go_phase() -> None:
    where = path(Progress(outcome=Outcome.LET_GO))

    assert where.phase is Phase.LETTING_GO
    for number in RECONCILING_STEPS:
        assert where.step(number).state is State.NOT_APPLICABLE


def test_path_wait_means_wait_phase_with_reach_out_locked() -> None:
    where = path(Progress(outcome=Outcome.WAIT, no_contact_complete=True, inventory_written=True))

    assert where.phase is Phase.WAIT
    assert where.step(3).state is State.LOCKED


def test_path_unsure_means_reconsider_with_reach_out_locked() -> None:
    where = path(Progress(outcome=Outcome.UNSURE, no_contact_complete=True, inventory_written=True))

    assert where.phase is Phase.RECONSIDER
    assert where.step(3).state is State.LOCKED


# --- Path: proceeding, before the reach-out ---------------------------------------------------


@pytest.mark.parametrize(
    ("started", "complete", "expected"),
    [
        (False, False, State.OPEN),
        (True, False, State.IN_PROGRESS),
        (True, True, State.DONE),
    ],
    ids=["not_started_is_open", "started_is_in_progress", "complete_is_done"],
)
def test_path_no_contact_step_follows_its_record(
    started: bool, complete: bool, expected: State
) -> None:
    where = path(proceeding(no_contact_started=started, no_contact_complete=complete))

    assert where.step(1).state is expected


def test_path_no_contact_comes_first_when_proceeding() -> None:
    where = path(proceeding())

    assert where.phase is Phase.NO_CONTACT
    assert where.next_step == 1


@pytest.mark.parametrize(
    ("complete", "inventory", "missing", "present"),
    [
        (False, False, ["no contact", "your part"], []),
        (False, True, ["no contact"], ["your part"]),
        (True, False, ["your part"], ["no contact"]),
    ],
    ids=["neither", "no_contact_missing", "inventory_missing"],
)
def test_rule_reach_out_stays_locked_until_no_contact_and_inventory_naming_what_is_missing(
    complete: bool, inventory: bool, missing: list[str], present: list[str]
) -> None:
    where = path(
        proceeding(
            no_contact_started=True, no_contact_complete=complete, inventory_written=inventory
        )
    )

    step3 = where.step(3)
    assert step3.state is State.LOCKED
    for words in missing:
        assert words in step3.note
    for words in present:
        assert words not in step3.note


def test_path_inventory_is_next_once_no_contact_is_complete() -> None:
    where = path(proceeding(no_contact_started=True, no_contact_complete=True))

    assert where.phase is Phase.MAKE_IT_RIGHT
    assert where.next_step == 2


def test_rule_reach_out_opens_once_no_contact_is_complete_and_inventory_written() -> None:
    where = path(
        proceeding(no_contact_started=True, no_contact_complete=True, inventory_written=True)
    )

    assert where.phase is Phase.REACH_OUT
    assert where.step(3).state is State.OPEN
    assert where.next_step == 3


# --- Path: after the reach-out ----------------------------------------------------------------


def test_path_after_outreach_is_back_off_with_reach_out_done() -> None:
    where = path(reached_out(days_since_outreach=2))

    assert where.phase is Phase.BACK_OFF
    assert where.step(3).state is State.DONE


@pytest.mark.parametrize("wants_friendship", [True, None])
def test_path_open_reply_means_reconnect_with_friendship_and_therapy_open(
    wants_friendship: bool | None,
) -> None:
    where = path(reached_out(reply=Reply.OPEN, wants_friendship_anyway=wants_friendship))

    assert where.phase is Phase.RECONNECT
    assert where.step(6).state is State.OPEN
    assert where.step(8).state is State.OPEN
    assert where.next_step == 6


def test_rule_friendship_step_skipped_when_not_wanted_for_its_own_sake() -> None:
    where = path(reached_out(reply=Reply.OPEN, wants_friendship_anyway=False))

    assert where.phase is Phase.RECONNECT
    assert where.step(6).state is State.SKIPPED
    assert where.step(8).state is State.OPEN
    assert where.next_step == 8


def test_path_not_now_means_grow() -> None:
    where = path(reached_out(reply=Reply.NOT_NOW, days_since_outreach=5))

    assert where.phase is Phase.GROW
    assert where.next_step == 4


@pytest.mark.parametrize("reply", [Reply.NO_ANSWER, None])
@pytest.mark.parametrize("days", [SILENCE_DAYS, SILENCE_DAYS + 1, 90])
def test_rule_thirty_days_of_silence_is_an_answer_and_offers_letting_go(
    reply: Reply | None, days: int
) -> None:
    where = path(reached_out(reply=reply, days_since_outreach=days))

    assert SILENCE_DAYS == 30
    assert where.phase is Phase.SILENCE
    assert "let" in where.next_action.lower()
    assert where.next_step == 9


@pytest.mark.parametrize("reply", [Reply.NO_ANSWER, None])
def test_rule_twenty_nine_days_of_silence_is_still_backing_off(reply: Reply | None) -> None:
    where = path(reached_out(reply=reply, days_since_outreach=SILENCE_DAYS - 1))

    assert where.phase is Phase.BACK_OFF


@pytest.mark.parametrize("reply", [Reply.NO, Reply.NO_CONTACT])
def test_rule_a_no_locks_outreach_for_good_and_means_letting_go(reply: Reply) -> None:
    progress = reached_out(reply=reply, days_since_outreach=3)
    where = path(progress)

    assert progress.outreach_locked is True
    assert where.phase is Phase.LETTING_GO
    assert where.step(6).state is State.NOT_APPLICABLE
    assert where.step(8).state is State.NOT_APPLICABLE
    assert State.OPEN not in {where.step(n).state for n in RECONCILING_STEPS}


@pytest.mark.parametrize("reply", [Reply.OPEN, Reply.NOT_NOW, Reply.NO_ANSWER])
def test_rule_only_no_or_no_contact_lock_outreach(reply: Reply) -> None:
    assert reached_out(reply=reply).outreach_locked is False


@pytest.mark.parametrize("outcome", [Outcome.PROCEED, Outcome.WAIT, Outcome.UNSURE])
@pytest.mark.parametrize("reply", [Reply.NO, Reply.NO_CONTACT])
def test_rule_locked_outreach_stays_locked_after_a_hopeful_retake(
    outcome: Outcome, reply: Reply
) -> None:
    where = path(reached_out(outcome=outcome, reply=reply))

    assert where.phase is Phase.LETTING_GO
    assert where.step(3).state is not State.OPEN


@pytest.mark.parametrize("reply", [Reply.NO, Reply.NO_CONTACT])
def test_rule_locked_outreach_means_letting_go_even_without_a_report(reply: Reply) -> None:
    where = path(Progress(outcome=None, outreach_sent=True, reply=reply))

    assert where.phase is Phase.LETTING_GO
    for number in RECONCILING_STEPS:
        assert where.step(number).state is not State.LOCKED


# --- Path: properties over every combination of progress --------------------------------------

progress_st = st.builds(
    Progress,
    outcome=st.none() | st.sampled_from(Outcome),
    safety_concern=st.booleans(),
    no_contact_started=st.booleans(),
    no_contact_complete=st.booleans(),
    inventory_written=st.booleans(),
    outreach_sent=st.booleans(),
    reply=st.none() | st.sampled_from(Reply),
    days_since_outreach=st.none() | st.integers(min_value=0, max_value=400),
    wants_friendship_anyway=st.none() | st.booleans(),
)


@rules_settings
@given(progress_st)
def test_property_path_has_exactly_nine_steps_in_order(progress: Progress) -> None:
    assert [s.number for s in path(progress).steps] == list(range(1, 10))


@rules_settings
@given(progress_st)
def test_property_standing_steps_always_stand(progress: Progress) -> None:
    where = path(progress)

    for number in STANDING_STEPS:
        assert where.step(number).state is State.STANDING


@rules_settings
@given(progress_st)
def test_property_reach_out_is_open_only_when_every_gate_is_passed(progress: Progress) -> None:
    if path(progress).step(3).state is not State.OPEN:
        return
    assert progress.outcome is Outcome.PROCEED
    assert progress.no_contact_complete
    assert progress.inventory_written
    assert not progress.outreach_sent
    assert not progress.safety_concern
    assert not progress.outreach_locked


# Built rather than filtered: filtering threw away most inputs and tripped Hypothesis's
# health check now and then.
locked_progress_st = st.builds(
    Progress,
    outcome=st.sampled_from(Outcome),
    safety_concern=st.booleans(),
    no_contact_started=st.booleans(),
    no_contact_complete=st.booleans(),
    inventory_written=st.booleans(),
    outreach_sent=st.booleans(),
    reply=st.sampled_from([reply for reply in Reply if reply.locks_outreach]),
    days_since_outreach=st.none() | st.integers(min_value=0, max_value=400),
    wants_friendship_anyway=st.none() | st.booleans(),
)


@rules_settings
@given(locked_progress_st)
def test_property_locked_outreach_means_letting_go_whatever_else_is_true(
    progress: Progress,
) -> None:
    where = path(progress)

    assert where.phase in (Phase.LETTING_GO, Phase.SAFETY)
    for number in RECONCILING_STEPS:
        assert where.step(number).state is not State.OPEN


@rules_settings
@given(progress_st)
def test_property_path_always_says_where_you_are_and_what_to_do(progress: Progress) -> None:
    where = path(progress)

    assert where.next_step is None or 1 <= where.next_step <= 9
    assert where.headline.strip()
    assert where.next_action.strip()
    for status in where.steps:
        assert status.note.strip()


@rules_settings
@given(progress_st)
def test_property_path_is_deterministic(progress: Progress) -> None:
    assert path(progress) == path(dataclasses.replace(progress))


def test_rule_a_no_contact_period_started_before_reflecting_shows_as_it_is() -> None:
    where = path(Progress(no_contact_started=True))

    assert where.phase is Phase.REFLECT
    assert where.step(1).state is State.IN_PROGRESS
    assert where.step(3).state is State.LOCKED


def test_rule_not_sure_about_fitting_together_is_a_note_not_a_block() -> None:
    result = readiness(healthy(both_willing=Answer.NOT_SURE))

    assert result.outcome is Outcome.PROCEED
    assert codes(result) == [Code.ALIGNMENT_UNCLEAR]
    assert "willing" in result.findings[0].explanation


def test_rule_a_safety_concern_brings_no_reminder_to_ask_others() -> None:
    result = readiness(Answers(safety=Safety(control=True)))

    assert Code.NO_OUTSIDE_VIEW not in codes(result)
    assert Code.SAFETY in codes(result)


def test_rule_after_a_safety_concern_nothing_asks_for_amends_or_contact() -> None:
    where = path(Progress(outcome=Outcome.LET_GO, safety_concern=True))

    for number in (2, 3, 6, 8):
        assert where.step(number).state is State.NOT_APPLICABLE
