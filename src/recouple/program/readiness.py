"""Should you, and can you? The readiness rules.

The answers a user gives in the assessment go in as an :class:`Answers`; out comes a
:class:`Readiness`: one of four outcomes and every finding that led there, each named,
explained and paired with what to do next. The words are ours; the rules are the article's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    PROCEED = "proceed"
    WAIT = "wait"
    LET_GO = "let_go"
    UNSURE = "unsure"


# The strongest outcome wins: safety and finality first, then timing, then doubt.
_RANK = {Outcome.LET_GO: 3, Outcome.WAIT: 2, Outcome.UNSURE: 1, Outcome.PROCEED: 0}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"


class Whose(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


class Stance(StrEnum):
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    RECOILED = "recoiled"


class EndedBy(StrEnum):
    """Who ended it. A breakup one of you didn't want asks for gentler words and more room."""

    ME = "me"
    THEM = "them"
    BOTH = "both"
    UNCLEAR = "unclear"


class Relation(StrEnum):
    THERAPIST = "therapist"
    FRIEND = "friend"
    FAMILY = "family"
    OTHER = "other"


@dataclass(frozen=True)
class BreakupReason:
    text: str
    still_applies: bool
    # What a change names when it answers this reason (the stored row's id).
    id: int | None = None


@dataclass(frozen=True)
class Change:
    text: str
    evidence: str
    # The reason this change answers, by its id; None answers no reason in particular.
    answers: int | None = None


@dataclass(frozen=True)
class Quality:
    text: str
    loved: bool
    # For a quality the user hated: can it change, and whose is it?
    changeable: bool | None = None
    whose: Whose | None = None


@dataclass(frozen=True)
class Opinion:
    who: str
    relation: Relation
    stance: Stance
    said: str = ""


@dataclass(frozen=True)
class Safety:
    violence: bool = False
    threats: bool = False
    control: bool = False

    @property
    def concern(self) -> bool:
        return self.violence or self.threats or self.control


@dataclass(frozen=True)
class Answers:
    reasons: tuple[BreakupReason, ...] = ()
    changes: tuple[Change, ...] = ()
    qualities: tuple[Quality, ...] = ()
    same_goals: Answer | None = None
    same_love: Answer | None = None
    both_willing: Answer | None = None
    only_happy_with_them: bool = False
    opinions: tuple[Opinion, ...] = ()
    new_relationship: Answer | None = None
    trust_beyond_repair: Answer | None = None
    can_accept_no: Answer | None = None
    safety: Safety = field(default_factory=Safety)
    ended_by: EndedBy | None = None


class Code(StrEnum):
    SAFETY = "safety"
    CANNOT_ACCEPT_NO = "cannot_accept_no"
    TRUST_BEYOND_REPAIR = "trust_beyond_repair"
    NEW_RELATIONSHIP = "new_relationship"
    NOTHING_CHANGED = "nothing_changed"
    INTRINSIC_TRAITS = "intrinsic_traits"
    PEOPLE_RECOILED = "people_recoiled"
    ONLY_HAPPY_WITH_THEM = "only_happy_with_them"
    NOT_ALIGNED = "not_aligned"
    UNSURE_CAN_ACCEPT_NO = "unsure_can_accept_no"
    UNSURE_TRUST = "unsure_trust"
    UNSURE_NEW_RELATIONSHIP = "unsure_new_relationship"
    NO_OUTSIDE_VIEW = "no_outside_view"
    ALIGNMENT_UNCLEAR = "alignment_unclear"


@dataclass(frozen=True)
class Finding:
    code: Code
    leads_to: Outcome  # PROCEED here means "a note, not a block"
    title: str
    explanation: str
    next_step: str


@dataclass(frozen=True)
class Readiness:
    outcome: Outcome
    findings: tuple[Finding, ...]

    @property
    def blockers(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.leads_to is not Outcome.PROCEED)

    @property
    def notes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.leads_to is Outcome.PROCEED)


def _finding(
    code: Code, leads_to: Outcome, title: str, explanation: str, next_step: str
) -> Finding:
    return Finding(code, leads_to, title, explanation, next_step)


def unanswered(answers: Answers) -> list[BreakupReason]:
    """The reasons that still apply with no change, shown by evidence, that answers them.

    A change answers only the reason it names: a new job says nothing about the arguments.
    """
    answered = {c.answers for c in answers.changes if c.answers is not None and c.evidence.strip()}
    return [
        r for r in answers.reasons if r.still_applies and (r.id is None or r.id not in answered)
    ]


def findings_for(answers: Answers) -> list[Finding]:
    """Every reason the answers give to stop, wait, think again or take note."""
    found: list[Finding] = []
    add = found.append

    if answers.safety.concern:
        add(
            _finding(
                Code.SAFETY,
                Outcome.LET_GO,
                "You may not have been safe",
                "You told us there was violence, threats or control in the relationship. "
                "That is never your fault, and it is not something to go back to.",
                "Talk to a domestic abuse service: they are free, confidential and know "
                "how to help you stay safe.",
            )
        )
    if answers.can_accept_no is Answer.NO:
        add(
            _finding(
                Code.CANNOT_ACCEPT_NO,
                Outcome.WAIT,
                "First, work on accepting their answer",
                "Reaching out only works if you can let their answer stand, even a no, without "
                "pleading, pushing or trying again. Right now that feels out of reach, and it "
                "helps to be honest about it. This is a “not yet”, not a “never”.",
                "Work on accepting that the answer is theirs to give: write about what a no "
                "would mean to you, talk it through with a therapist or a friend, and retake "
                "these questions when a no feels bearable.",
            )
        )
    if answers.trust_beyond_repair is Answer.YES:
        add(
            _finding(
                Code.TRUST_BEYOND_REPAIR,
                Outcome.LET_GO,
                "The trust between you may be broken for good",
                "When trust can’t be rebuilt, even a friendship is hard to save, let alone "
                "a relationship.",
                "Letting go hurts, and it can also be the kindest thing for both of you.",
            )
        )
    if answers.new_relationship is Answer.YES:
        add(
            _finding(
                Code.NEW_RELATIONSHIP,
                Outcome.WAIT,
                "They are with someone else",
                "They have someone new in their life. Stepping into that now would hurt "
                "everyone in it, you included.",
                "Look after yourself and build your own life. Things may change one day, "
                "or you may find you no longer want them to.",
            )
        )

    still = unanswered(answers)
    if still:
        add(
            _finding(
                Code.NOTHING_CHANGED,
                Outcome.UNSURE,
                "What ended it is still there",
                f"{_count(len(still), 'reason')} for the breakup still "
                f"{'applies' if len(still) == 1 else 'apply'} with no change, shown by "
                "evidence, that answers "
                f"{'it' if len(still) == 1 else 'them'}: {_join([r.text for r in still])}. "
                "A change elsewhere doesn’t answer it. Getting back together would likely end "
                "the same way.",
                "For each of these, work on what would have to change, then add the change "
                "and the evidence, and say which reason it answers.",
            )
        )
    intrinsic = [q for q in answers.qualities if not q.loved and q.changeable is False]
    if intrinsic:
        add(
            _finding(
                Code.INTRINSIC_TRAITS,
                Outcome.UNSURE,
                "Some of what hurt can’t change",
                f"You marked {_count(len(intrinsic), 'quality', 'qualities')} you disliked "
                "as part of who one of you is. Those tend to come back.",
                "Ask yourself honestly whether you could live with them for good.",
            )
        )
    if any(o.stance is Stance.RECOILED for o in answers.opinions):
        add(
            _finding(
                Code.PEOPLE_RECOILED,
                Outcome.UNSURE,
                "People who care about you are worried",
                "Someone close to you pulled back at the idea. They may see something "
                "that is hard to see from inside.",
                "Ask them what they see, and listen without defending.",
            )
        )
    if answers.only_happy_with_them:
        add(
            _finding(
                Code.ONLY_HAPPY_WITH_THEM,
                Outcome.UNSURE,
                "You feel you can only be happy with them",
                "No one person can carry all of your happiness. That feeling is a sign to "
                "get support for yourself first.",
                "Talk to a therapist about it. That is a strength, not a failure.",
            )
        )
    misaligned = [
        label
        for label, answer in (
            ("you want different things", answers.same_goals),
            ("you love in different ways", answers.same_love),
            ("you aren’t both willing to work on it", answers.both_willing),
        )
        if answer is Answer.NO
    ]
    if misaligned:
        add(
            _finding(
                Code.NOT_ALIGNED,
                Outcome.UNSURE,
                "You may not fit the way you’d hope",
                "You said " + _join(misaligned) + ". Love alone doesn’t bridge that.",
                "Think about whether this could really change, for both of you.",
            )
        )
    unclear = [
        label
        for label, answer in (
            ("whether you want the same things", answers.same_goals),
            ("whether you love in the same way", answers.same_love),
            ("whether you’re both willing to work on it", answers.both_willing),
        )
        if answer is Answer.NOT_SURE
    ]
    if unclear:
        add(
            _finding(
                Code.ALIGNMENT_UNCLEAR,
                Outcome.PROCEED,
                "Some things between you are unclear",
                "You’re not sure " + _join(unclear) + ".",
                "Keep it in mind. If they are open to talking one day, these are the questions "
                "to explore together, ideally with a couples therapist.",
            )
        )
    for code, answer, title, explanation in (
        (
            Code.UNSURE_CAN_ACCEPT_NO,
            answers.can_accept_no,
            "You’re not sure you could accept a “no”",
            "Only reach out if you can let their answer stand, whatever it is.",
        ),
        (
            Code.UNSURE_TRUST,
            answers.trust_beyond_repair,
            "You’re not sure the trust can be rebuilt",
            "It’s worth being clear on this before you hope for more.",
        ),
        (
            Code.UNSURE_NEW_RELATIONSHIP,
            answers.new_relationship,
            "You don’t know whether they are seeing someone",
            "If they are, now is not the time. Don’t go looking to find out.",
        ),
    ):
        if answer is Answer.NOT_SURE:
            add(
                _finding(
                    code,
                    Outcome.UNSURE,
                    title,
                    explanation,
                    "Give it time, talk it through with someone you trust, then retake this.",
                )
            )
    if not answers.opinions and not answers.safety.concern:
        add(
            _finding(
                Code.NO_OUTSIDE_VIEW,
                Outcome.PROCEED,
                "No outside view yet",
                "A therapist, a friend or family can see what is hard to see alone.",
                "Ask a therapist first if you can, then someone who loves you.",
            )
        )
    return found


def readiness(answers: Answers) -> Readiness:
    found = findings_for(answers)
    outcome = Outcome.PROCEED
    for finding in found:
        if _RANK[finding.leads_to] > _RANK[outcome]:
            outcome = finding.leads_to
    return Readiness(outcome, tuple(found))


ENDED_BY_NOTES: dict[EndedBy, str] = {
    EndedBy.THEM: (
        "They chose to end it, and you didn’t. That hurts in its own way. Whatever comes "
        "next has to be something they choose freely too."
    ),
    EndedBy.ME: (
        "You were the one who ended it. Before anything else, be honest with yourself about "
        "what made you leave, and whether that is really different now."
    ),
    EndedBy.BOTH: (
        "You both decided it had to end. What you each saw then is worth remembering now."
    ),
    EndedBy.UNCLEAR: (
        "It isn’t clear who ended it. That’s common, and it can leave things feeling "
        "unfinished. Give that feeling room rather than a reason to get in touch."
    ),
}


def ended_by_note(ended_by: EndedBy | None) -> str:
    """A few words for the report that fit who ended it ("" when the user didn't say)."""
    return ENDED_BY_NOTES[ended_by] if ended_by is not None else ""


def _count(n: int, singular: str, plural: str | None = None) -> str:
    word = singular if n == 1 else (plural or singular + "s")
    return f"{'One' if n == 1 else n} {word}"


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
