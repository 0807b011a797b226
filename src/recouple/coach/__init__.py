"""The message coach: reads a draft the way a good therapist would, before it is sent.

Pure Python with numpy, no Django import. ``check(text, context)`` returns, per label, the
spans that triggered it with an explanation tied to the program step and a suggestion, plus
a verdict: ``send``, ``revise`` or ``hold``. Rules find what they can explain precisely; a
trained linear model catches what the rules miss and speaks more softly when it is alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from recouple.coach import model as trained
from recouple.coach import rules
from recouple.coach.labels import ADVICE, GOOD, LABELS, NAMES, RISKS

MAX_CHARS = 20_000
Kind = Literal["message", "journal"]
Verdict = Literal["send", "revise", "hold"]

SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Model-only findings that a practical request about things or dates does not support.
SOFT_ON_LOGISTICS = frozenset({"pleading", "pressure", "guilt_trip"})


class CoachInputError(ValueError):
    """The text cannot be checked (empty, or longer than the coach reads)."""


@dataclass(frozen=True)
class Context:
    kind: Kind = "message"
    no_contact_active: bool = False
    no_contact_day: int | None = None
    outreach_sent: bool = False
    outreach_locked: bool = False
    limited_contact: bool = False
    # Writing back to a message the ex sent: allowed even after the one outreach.
    replying: bool = False


@dataclass(frozen=True)
class Finding:
    label: str
    start: int
    end: int
    explanation: str
    suggestion: str
    source: Literal["rule", "model"] = "rule"


@dataclass(frozen=True)
class Result:
    verdict: Verdict
    reason: str
    crisis: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def labels(self) -> list[str]:
        return sorted({f.label for f in self.findings})

    def as_dict(self) -> dict[str, Any]:
        """The stable shape of DESIGN.md, shared by the CLI and the API."""
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "crisis": self.crisis,
            "findings": [
                {k: v for k, v in asdict(f).items() if k != "source"} for f in self.findings
            ],
        }


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start >= 2:
            spans.append((start, end))
    return spans or [(0, len(text))]


def _model_spans(
    text: str, labels: list[str], model: trained.LinearModel
) -> dict[str, tuple[int, int]]:
    """For each label the model found, the sentence it finds most telling (scored once)."""
    best: dict[str, tuple[float, tuple[int, int]]] = {}
    for start, end in _sentences(text):
        probs = model.probabilities(text[start:end])
        for label in labels:
            if label not in best or probs[label] > best[label][0]:
                best[label] = (probs[label], (start, end))
    return {label: span for label, (_p, span) in best.items()}


def check(text: str, context: Context | None = None) -> Result:
    context = context or Context()
    if not text.strip():
        raise CoachInputError("Nothing to check yet: write your message first.")
    if len(text) > MAX_CHARS:
        raise CoachInputError(
            f"That’s {len(text)} characters; the coach reads up to {MAX_CHARS}. "
            "Try a shorter message: shorter is usually kinder, too."
        )
    findings: list[Finding] = []
    ruled: set[str] = set()
    for hit in rules.find(text, context.kind):
        advice = ADVICE[hit.label]
        findings.append(
            Finding(hit.label, hit.start, hit.end, advice.explanation, advice.suggestion)
        )
        ruled.add(hit.label)
    model = trained.shipped()
    found = [
        label
        for label in model.predict(text)
        if label not in ruled and not (label == "pity" and context.kind == "journal")
    ]
    spans = _model_spans(text, found, model) if found else {}
    for label in found:
        start, end = spans[label]
        if label in SOFT_ON_LOGISTICS and rules.is_logistics(text[start:end]):
            continue  # "please return my hoodie" is manners, not pleading
        advice = ADVICE[label]
        explanation = advice.explanation if label in GOOD else f"{advice.soft} {advice.explanation}"
        findings.append(Finding(label, start, end, explanation, advice.suggestion, "model"))
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))
    labels = {f.label for f in findings}
    crisis = "self_harm" in labels
    verdict, reason = _verdict(labels, context, crisis)
    return Result(verdict, reason, crisis, tuple(findings))


def _verdict(labels: set[str], context: Context, crisis: bool) -> tuple[Verdict, str]:
    risks = [label for label in RISKS if label in labels]
    if context.kind == "message":
        if context.outreach_locked:
            return "hold", (
                "They asked for no contact, or said no. This stays with you: write it as "
                "an unsent letter instead."
            )
        if context.outreach_sent and not context.replying:
            return "hold", (
                "You’ve already reached out once. The next message is theirs to send; "
                "you can answer if they write."
            )
        if context.no_contact_active:
            if not context.limited_contact:
                day = f" (day {context.no_contact_day})" if context.no_contact_day else ""
                return "hold", (
                    f"You’re in no contact{day}. Sending this would start the count again. "
                    "Write it as an unsent letter instead."
                )
            if risks or any(label in labels for label in GOOD):
                return "hold", (
                    "During limited contact, messages stay about logistics only: children, "
                    "home or money. Keep the rest for your journal."
                )
    if crisis:
        return "revise", (
            "Before anything else: you matter. Please reach out for support now. "
            "The message can wait."
        )
    if risks:
        names = ", ".join(NAMES[r] for r in risks)
        return "revise", f"Before sending, look again at: {names}."
    return "send", "Nothing here pushes, pleads or blames. It’s yours to send, if you choose."


__all__ = ["LABELS", "CoachInputError", "Context", "Finding", "Result", "check"]
