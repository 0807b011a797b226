"""A kinder version of a draft, built from the coach's own findings.

Offline and deterministic: nothing is generated, only kept, left out or added. Sentences
(or, where a sentence turns on "but", the clause after it) that plead, push, blame, guilt,
stir jealousy, show watching or bring in sex are left out; what owns the writer's part and
what says they care is kept (and said once, simply, when a plea was the only way the draft
said it); a line that gives them space is added when there is none. The
result is read again by the coach and is offered only when it comes back ``send``: if it
would not, what still worries the coach is left out too, and if nothing of the draft can
stay, a short message in the program's own shape is offered instead. The person edits it;
the app never sends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recouple.coach import Context, Finding, Result, check, sentences
from recouple.coach.labels import GOOD, NAMES

# What the program's one message says, when nothing of the draft can stay.
FALLBACK = (
    "I’ve been thinking about us, and about my part in what went wrong. "
    "I still care about you, and I’d be open to talking if you ever want to. "
    "There’s no need to reply."
)
SPACE = "There’s no need to reply. Whatever you decide, I’ll respect it."
# What a plea was reaching for, said once and simply, when the draft no longer says it.
CARE = "I still care about you, and I’d be open to talking if you ever want to."
SAYS_CARE = re.compile(r"\b(miss|care|love|open to|thinking (of|about) (you|us))\b", re.I)
REACHING = frozenset({"pleading", "pity", "pressure", "guilt_trip"})
TURN = re.compile(r",?\s+\b(but|though|although|except|because)\b", re.I)
TRIES = 4


@dataclass(frozen=True)
class Change:
    label: str
    words: str


@dataclass(frozen=True)
class Rewrite:
    text: str
    left_out: tuple[Change, ...]
    added_care: bool
    added_space: bool
    from_scratch: bool
    result: Result

    @property
    def explanation(self) -> list[str]:
        """What was done, in a few plain lines for the page."""
        lines = [f"Left out “{c.words}” ({NAMES[c.label]})." for c in self.left_out]
        if self.from_scratch:
            lines.append("Little of the draft could stay, so this starts from the one message.")
        if self.added_care:
            lines.append("Said once, simply, that you still care.")
        if self.added_space:
            lines.append("Added a line that gives them space.")
        return lines


def _risky(findings: tuple[Finding, ...], start: int, end: int) -> list[Finding]:
    return [f for f in findings if f.label not in GOOD and f.start < end and start < f.end]


def _keep(text: str, findings: tuple[Finding, ...]) -> tuple[list[str], list[Change]]:
    """The sentences (or the first half of a sentence) the findings leave untouched."""
    kept: list[str] = []
    left_out: list[Change] = []
    for start, end in sentences(text):
        worries = _risky(findings, start, end)
        if not worries:
            kept.append(text[start:end])
            continue
        turn = TURN.search(text, start, end)
        if turn and all(f.start >= turn.start() for f in worries) and turn.start() - start > 8:
            first = text[start : turn.start()].rstrip(" ,;")
            kept.append(first if first.endswith((".", "!", "?")) else f"{first}.")
            left_out.append(Change(worries[0].label, " ".join(text[turn.end() : end].split())))
            continue
        left_out.append(Change(worries[0].label, " ".join(text[start:end].split())))
    return kept, left_out


def kinder(text: str, result: Result) -> Rewrite | None:
    """A version of ``text`` the coach would call ``send``; None when none should be offered.

    Nothing is offered when the draft shows a risk to the writer's life: then support comes
    first, not wording. (The page offers it for messages only; a journal entry is not sent.)
    """
    if result.crisis or "self_harm" in result.labels:
        return None
    context = Context(kind="message")
    findings = result.findings
    left_out: list[Change] = []
    for _ in range(TRIES):
        kept, dropped = _keep(text, findings)
        left_out.extend(dropped)
        if not dropped:
            break
        text = " ".join(kept)
        if len(text.split()) < 4:
            break
        findings = check(text, context).findings
    from_scratch = len(text.split()) < 4 or bool(_risky(findings, 0, len(text)))
    if from_scratch:
        text = FALLBACK
    added_care = (
        not from_scratch
        and any(c.label in REACHING for c in left_out)
        and not SAYS_CARE.search(text)
    )
    if added_care:
        text = f"{text} {CARE}"
    final = check(text, context)
    added_space = not from_scratch and "respects_choice" not in final.labels
    if added_space:
        text = f"{text} {SPACE}"
        final = check(text, context)
    if final.verdict != "send":
        text, added_care, added_space, from_scratch = FALLBACK, False, False, True
        final = check(text, context)
    return Rewrite(text, tuple(left_out), added_care, added_space, from_scratch, final)
