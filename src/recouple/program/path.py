"""Where the user stands on the path: the phase, the one next action, and each step's state.

Computed from the latest readiness outcome, the no-contact record and the outreach record;
nothing here is stored. The nine steps mix stages (open, then done) with rules that hold the
whole way through; the outreach record can close the reconciling steps for good.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from recouple.program.nocontact import MINIMUM_DAYS
from recouple.program.readiness import Outcome

SILENCE_DAYS = 30  # after this long without an answer, silence is treated as an answer


class Reply(StrEnum):
    OPEN = "open"
    NOT_NOW = "not_now"
    NO_ANSWER = "no_answer"
    NO = "no"
    NO_CONTACT = "no_contact"  # asked for no contact, or blocked the user

    @property
    def locks_outreach(self) -> bool:
        return self in (Reply.NO, Reply.NO_CONTACT)


class Together(StrEnum):
    """What became of it, once they were open to talking."""

    BACK_TOGETHER = "back_together"
    DID_NOT_WORK_OUT = "did_not_work_out"


class State(StrEnum):
    LOCKED = "locked"
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    STANDING = "standing"
    SKIPPED = "skipped"
    NOT_APPLICABLE = "not_applicable"


class Phase(StrEnum):
    REFLECT = "reflect"
    WAIT = "wait"
    RECONSIDER = "reconsider"
    LETTING_GO = "letting_go"
    SAFETY = "safety"
    NO_CONTACT = "no_contact"
    MAKE_IT_RIGHT = "make_it_right"
    REACH_OUT = "reach_out"
    BACK_OFF = "back_off"
    SILENCE = "silence"
    GROW = "grow"
    RECONNECT = "reconnect"
    THEY_WROTE = "they_wrote"
    RETAKE = "retake"
    TOGETHER = "together"


# Where talking has become theirs to continue too: friendship, therapy, and what follows.
DOOR_OPEN = (Phase.RECONNECT, Phase.TOGETHER)


@dataclass(frozen=True)
class Progress:
    outcome: Outcome | None = None
    safety_concern: bool = False
    no_contact_started: bool = False
    no_contact_complete: bool = False
    inventory_written: bool = False
    outreach_sent: bool = False
    reply: Reply | None = None
    days_since_outreach: int | None = None
    wants_friendship_anyway: bool | None = None
    # They wrote first (not about logistics), outside the one message: the door opened from
    # their side, so the path goes on as if they had answered openly.
    they_reached_out: bool = False
    # The latest period was ended before it was complete (by the user's choice).
    no_contact_ended_early: bool = False
    # The latest report was made before no contact was complete: the answers may be old.
    report_predates_no_contact: bool = False
    # They are seeing someone new, recorded along the way (not in the assessment).
    their_new_relationship: bool = False
    together: Together | None = None
    # The latest report waits because a "no" would be too hard to accept yet.
    accept_no_first: bool = False

    @property
    def outreach_locked(self) -> bool:
        return self.reply is not None and self.reply.locks_outreach

    @property
    def no_contact_active(self) -> bool:
        """A period is going on and not yet complete."""
        return (
            self.no_contact_started
            and not self.no_contact_complete
            and not self.no_contact_ended_early
        )

    @property
    def door_open(self) -> bool:
        """They are open to talking: they said so, or they wrote first."""
        if self.outreach_locked:
            return False
        if self.reply is Reply.OPEN:
            return True
        return self.they_reached_out and self.reply in (None, Reply.NO_ANSWER)


@dataclass(frozen=True)
class StepStatus:
    number: int
    state: State
    note: str  # what opens it, why it's closed, or where it stands


@dataclass(frozen=True)
class Path:
    phase: Phase
    headline: str
    next_action: str
    next_step: int | None  # the step page the next action belongs to, if any
    steps: tuple[StepStatus, ...]

    def step(self, number: int) -> StepStatus:
        return self.steps[number - 1]


STANDING_NOTE = "A rule to keep the whole way through."
REFLECT_FIRST = "Opens once you’ve answered the two questions."


def _standing() -> dict[int, StepStatus]:
    return {
        4: StepStatus(4, State.STANDING, "Your own life comes first, whatever happens."),
        5: StepStatus(5, State.STANDING, STANDING_NOTE),
        7: StepStatus(7, State.STANDING, STANDING_NOTE),
        9: StepStatus(9, State.STANDING, "The frame around every step."),
    }


def _no_contact(progress: Progress) -> StepStatus:
    if progress.no_contact_complete:
        return StepStatus(1, State.DONE, "Done. It stays the rule unless they reply to you.")
    if progress.no_contact_ended_early:
        if progress.they_reached_out:
            return StepStatus(1, State.DONE, "You ended it early, after they wrote to you.")
        return StepStatus(1, State.OPEN, "Ended before the end. You can start again any day.")
    if progress.no_contact_started:
        return StepStatus(1, State.IN_PROGRESS, "Under way. Keep going, one day at a time.")
    return StepStatus(1, State.OPEN, f"Start here: at least {MINIMUM_DAYS} days.")


def _make_it_right(progress: Progress) -> StepStatus:
    if progress.inventory_written:
        return StepStatus(2, State.DONE, "You’ve looked honestly at your part.")
    return StepStatus(2, State.OPEN, "You can do this during no contact.")


def path(progress: Progress) -> Path:
    steps = _standing()
    closed = {
        3: "Not part of your path right now.",
        6: "Only if they are open to reconnecting.",
        8: "Only if they are open to reconnecting.",
    }

    def finish(phase: Phase, headline: str, action: str, step: int | None) -> Path:
        for number in (3, 6, 8):
            if number not in steps:
                steps[number] = StepStatus(number, State.LOCKED, closed[number])
        ordered = tuple(steps[n] for n in range(1, 10))
        return Path(phase, headline, action, step, ordered)

    if progress.outcome is None and not progress.outreach_locked:
        for number in (1, 2, 3, 6, 8):
            steps[number] = StepStatus(number, State.LOCKED, REFLECT_FIRST)
        if progress.no_contact_started:
            # Space helps whatever the answer turns out to be: a period already under way
            # shows as it is.
            steps[1] = _no_contact(progress)
        return finish(
            Phase.REFLECT,
            "First, two honest questions.",
            "Work through the questions: should you try, and can you?",
            None,
        )

    steps[1] = _no_contact(progress)
    steps[2] = _make_it_right(progress)

    if progress.safety_concern:
        # Nothing here asks someone who was hurt to make amends or reach out.
        for number in (2, 3, 6, 8):
            steps[number] = StepStatus(number, State.NOT_APPLICABLE, "Your safety comes first.")
        return finish(
            Phase.SAFETY,
            "Your safety comes first.",
            "Reach out to a domestic abuse service. They can help you stay safe.",
            None,
        )

    if (
        progress.outcome is Outcome.LET_GO
        or progress.outreach_locked
        or progress.together is Together.DID_NOT_WORK_OUT
    ):
        if progress.outreach_locked:
            note = "They’ve given their answer, and it stands."
        elif progress.together is Together.DID_NOT_WORK_OUT:
            note = "You tried again, and it didn’t work out."
        else:
            note = "Your path now is letting go."
        for number in (3, 6, 8):
            steps[number] = StepStatus(number, State.NOT_APPLICABLE, note)
        if progress.outreach_locked:
            steps[3] = StepStatus(3, State.DONE, "You reached out. Their answer stands.")
        headline = (
            "You gave it a real try. Now it’s time to heal."
            if progress.together is Together.DID_NOT_WORK_OUT and not progress.outreach_locked
            else "This is a time to let go, and to heal."
        )
        return finish(
            Phase.LETTING_GO,
            headline,
            "Take the letting-go path, one small step a day.",
            9,
        )

    if progress.together is Together.BACK_TOGETHER:
        steps[3] = StepStatus(3, State.DONE, "You found your way back to each other.")
        steps[6] = StepStatus(6, State.DONE, "You’re together again.")
        steps[8] = StepStatus(8, State.OPEN, "Keep going: therapy helps the new start hold.")
        return finish(
            Phase.TOGETHER,
            "You’re back together. Go gently.",
            "Once a week, check in on the old patterns, honestly and without blame.",
            8,
        )

    if progress.their_new_relationship:
        for number in (3, 6, 8):
            steps[number] = StepStatus(
                number, State.LOCKED, "Held while they’re with someone else."
            )
        return finish(
            Phase.WAIT,
            "They’re seeing someone new, so reaching out waits.",
            "Give them and their new relationship room. Put your energy into your own life, "
            "and keep no contact.",
            4,
        )

    if progress.outcome is Outcome.WAIT and progress.accept_no_first:
        steps[3] = StepStatus(
            3, State.LOCKED, "Opens when a no feels bearable and you retake the questions."
        )
        return finish(
            Phase.WAIT,
            "Not yet: first, work on accepting their answer, whatever it is.",
            "Write or talk about what a no would mean to you. Retake the questions when it "
            "feels bearable.",
            9,
        )

    if progress.outcome is Outcome.WAIT:
        steps[3] = StepStatus(
            3, State.LOCKED, "Only if they are single again and you retake the questions."
        )
        return finish(
            Phase.WAIT,
            "They’re with someone else, so now is not the time.",
            "Put your energy into your own life. Keep no contact, and stay off their social media.",
            1,
        )

    if progress.outcome is Outcome.UNSURE:
        steps[3] = StepStatus(3, State.LOCKED, "Retake the questions once things are clearer.")
        return finish(
            Phase.RECONSIDER,
            "It isn’t clear yet whether trying again is right.",
            "Talk it through with a therapist or someone you trust, then retake the questions.",
            None,
        )

    # Proceed.
    if progress.they_reached_out and not progress.outreach_sent:
        steps[3] = StepStatus(
            3, State.NOT_APPLICABLE, "They wrote first, so there’s no need for your one message."
        )
        if progress.no_contact_active:
            for number in (6, 8):
                steps[number] = StepStatus(
                    number, State.LOCKED, "Opens once no contact is over, or you end it early."
                )
            return finish(
                Phase.THEY_WROTE,
                "They wrote to you.",
                "If you answer, keep it short and kind. You can also end no contact early.",
                1,
            )
        return _reconnect(progress, steps, finish)

    if not progress.outreach_sent:
        ready = (
            progress.no_contact_complete
            and progress.inventory_written
            and not progress.report_predates_no_contact
        )
        if ready:
            steps[3] = StepStatus(3, State.OPEN, "You’re ready for one kind message.")
        else:
            waiting = []
            if not progress.no_contact_complete:
                waiting.append("no contact is complete")
            if not progress.inventory_written:
                waiting.append("you’ve written down your part")
            if progress.no_contact_complete and progress.report_predates_no_contact:
                waiting.append("you’ve retaken the questions")
            steps[3] = StepStatus(3, State.LOCKED, "Opens when " + " and ".join(waiting) + ".")
        if not progress.no_contact_complete:
            if progress.no_contact_active:
                action = "Keep no contact today."
            elif progress.no_contact_ended_early:
                action = "Start a new stretch of no contact when you’re ready."
            else:
                action = "Start no contact."
            return finish(Phase.NO_CONTACT, "Give yourself space to heal.", action, 1)
        if not progress.inventory_written:
            return finish(
                Phase.MAKE_IT_RIGHT,
                "Look honestly at your part.",
                "Write down what you did, how it affected them, and what was behind it.",
                2,
            )
        if progress.report_predates_no_contact:
            return finish(
                Phase.RETAKE,
                "No contact is done. Look again before you reach out.",
                "Take the questions again: after this time apart, your answers may have moved.",
                None,
            )
        return finish(
            Phase.REACH_OUT,
            "You’re ready to reach out, once.",
            "Write one short, kind message, then step back.",
            3,
        )

    steps[3] = StepStatus(3, State.DONE, "You reached out. The next move is theirs.")
    if progress.door_open:
        return _reconnect(progress, steps, finish)
    silent = progress.reply in (None, Reply.NO_ANSWER)
    days = progress.days_since_outreach or 0
    if silent and days >= SILENCE_DAYS:
        return finish(
            Phase.SILENCE,
            "Their silence is an answer too.",
            "It may be time to let go. The letting-go path is here when you’re ready.",
            9,
        )
    if progress.reply is Reply.NOT_NOW:
        return finish(
            Phase.GROW,
            "They’re not ready. That’s their answer for now.",
            "Put your energy into your own growth. No second message.",
            4,
        )
    return finish(
        Phase.BACK_OFF,
        "You’ve said it. Now give them space.",
        "Live your life and let them think. No second message.",
        4,
    )


def _reconnect(
    progress: Progress,
    steps: dict[int, StepStatus],
    finish: Callable[[Phase, str, str, int | None], Path],
) -> Path:
    """They're open to talking, by their answer or by writing first: friendship, then
    couples therapy."""
    if progress.wants_friendship_anyway is False:
        steps[6] = StepStatus(6, State.SKIPPED, "You chose to skip it, honestly.")
    else:
        steps[6] = StepStatus(6, State.OPEN, "Start with the honest question.")
    steps[8] = StepStatus(8, State.OPEN, "Suggest it gently, when the time feels right.")
    return finish(
        Phase.RECONNECT,
        "They’re open to talking. Go slowly.",
        "Take it one step at a time: friendship first, then couples therapy.",
        6 if progress.wants_friendship_anyway is not False else 8,
    )


def may_start_contact(progress: Progress) -> bool:
    """Whether the user may write to them first: only the one message, when step 3 is open.

    A "no" or a request for no contact closes this for good, whatever else is true.
    """
    if progress.outreach_locked:
        return False
    return path(progress).step(3).state is State.OPEN


def reads_as_reply(progress: Progress, *, asked: bool, they_wrote_since: bool) -> bool:
    """Whether a draft the user calls a reply is coached as one (not held as a first word).

    Only a message they started can be answered. Once the user has had their word (the one
    message, or a final answer after it), only a message they sent since then counts:
    ``they_wrote_since`` says whether there is one. Before that, any message they started.
    """
    if not asked:
        return False
    if progress.outreach_locked or progress.outreach_sent:
        return they_wrote_since
    return progress.they_reached_out
