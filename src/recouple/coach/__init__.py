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
    # Writing back to a message the ex sent: allowed even after the one outreach, during no
    # contact, and after a "no" (to a message they sent since); never a first word.
    replying: bool = False


@dataclass(frozen=True)
class Finding:
    label: str
    start: int
    end: int
    explanation: str
    suggestion: str
    source: Literal["rule", "model"] = "rule"


Support = Literal["crisis", "check_in"]


@dataclass(frozen=True)
class Result:
    verdict: Verdict
    reason: str
    crisis: bool
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    # "crisis": the self-harm reading is sure and the result is support only. "check_in": the
    # model alone guessed it, so the page asks gently and shows the lines beside the coaching.
    support: Support | None = None
    # Every label the coach read, including those a crisis result leaves unsaid.
    detected: frozenset[str] = frozenset()

    @property
    def labels(self) -> list[str]:
        return sorted(self.detected | {f.label for f in self.findings})

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


def sentences(text: str) -> list[tuple[int, int]]:
    """Each sentence of ``text`` as a span, trimmed of surrounding white space."""
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


CLAUSE_BREAK = re.compile(r"[,;:\u2014]\s+|\s+(?=(?:and|but|so|because|though|or)\b)", re.I)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of one sentence, as spans; short pieces stay with their neighbour."""
    cuts = [start]
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if match.start() - cuts[-1] >= 12 and end - match.end() >= 12:
            cuts.append(match.end())
    spans = []
    for left, right in zip(cuts, [*cuts[1:], end], strict=True):
        while right > left and text[right - 1] in " ,;:\u2014":
            right -= 1
        spans.append((left, right))
    return spans


def _model_spans(
    text: str, labels: list[str], model: trained.LinearModel
) -> dict[str, tuple[int, int]]:
    """For each label the model found, the phrase it finds most telling.

    First the sentence that scores highest, then, inside it, the clause that scores highest,
    when that clause alone still reads as the label: the mark points at the words, not at a
    whole paragraph.
    """
    best: dict[str, tuple[float, tuple[int, int]]] = {}
    for start, end in sentences(text):
        probs = model.probabilities(text[start:end])
        for label in labels:
            if label not in best or probs[label] > best[label][0]:
                best[label] = (probs[label], (start, end))
    spans = {}
    for label, (p, (start, end)) in best.items():
        spans[label] = (start, end)
        clauses = _clauses(text, start, end)
        if len(clauses) < 2:
            continue
        scored = [(model.probabilities(text[a:b])[label], (a, b)) for a, b in clauses]
        q, span = max(scored)
        if q >= 0.6 * p:
            spans[label] = span
    return spans


def _suggestion(text: str, finding_label: str, start: int, end: int) -> str:
    """The label's advice, tied to the words when they are short enough to quote."""
    advice = ADVICE[finding_label]
    phrase = " ".join(text[start:end].split())
    if finding_label in GOOD or finding_label == "self_harm" or not 0 < len(phrase) <= 60:
        return advice.suggestion
    return f"About “{phrase}”: {advice.suggestion[0].lower()}{advice.suggestion[1:]}"


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
            Finding(
                hit.label,
                hit.start,
                hit.end,
                advice.explanation,
                _suggestion(text, hit.label, hit.start, hit.end),
            )
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
        explanation = advice.explanation if label in GOOD else advice.soft_explanation
        suggestion = _suggestion(text, label, start, end)
        findings.append(Finding(label, start, end, explanation, suggestion, "model"))
    findings = rules.taken_back(findings)
    findings.sort(key=lambda f: (f.start, LABELS.index(f.label)))
    detected = frozenset(f.label for f in findings)
    harm = [f for f in findings if f.label == "self_harm"]
    if any(f.source == "rule" for f in harm):
        return _crisis(detected, tuple(harm), context)
    support: Support | None = "check_in" if harm else None
    verdict, reason = _verdict(set(detected), context)
    return Result(verdict, reason, False, tuple(findings), support, detected)


def _crisis(detected: frozenset[str], harm: tuple[Finding, ...], context: Context) -> Result:
    """Support first and only: no coaching of the message, no talk of counts or steps."""
    held = context.kind == "message" and (
        context.outreach_locked
        or (context.outreach_sent and not context.replying)
        or context.no_contact_active
    )
    reason = (
        "Before anything else: you matter, and you don’t have to get through this alone. "
        "Please reach out to someone now. The message can wait."
    )
    return Result("hold" if held else "revise", reason, True, harm, "crisis", detected)


def _verdict(labels: set[str], context: Context) -> tuple[Verdict, str]:
    risks = [label for label in RISKS if label in labels]
    if context.kind == "message":
        if context.outreach_locked and not context.replying:
            return "hold", (
                "They asked for no contact, or said no. This stays with you: write it as "
                "an unsent letter instead."
            )
        if context.outreach_sent and not context.replying:
            return "hold", (
                "You’ve already reached out once. The next message is theirs to send; "
                "you can answer if they write."
            )
        if context.no_contact_active and not context.replying:
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
    if "self_harm" in labels:
        return "revise", (
            "Some of this sounds heavy. If you’re not safe, please talk to someone now. "
            "The message can wait."
        )
    if risks:
        names = ", ".join(NAMES[r] for r in risks)
        return "revise", f"Before sending, look again at: {names}."
    if context.kind == "message" and context.replying and context.no_contact_active:
        return "send", (
            "A short, kind answer to their message. Answering counts as contact, so decide "
            "first whether to end no contact early."
        )
    return "send", "Nothing here pushes, pleads or blames. It’s yours to send, if you choose."


__all__ = ["LABELS", "CoachInputError", "Context", "Finding", "Result", "Support", "check"]
