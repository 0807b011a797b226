"""Show a draft with the coach's spans marked, safely escaped."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from recouple.coach import Finding


def explained(findings: Sequence[Finding]) -> list[Finding]:
    """One explanation per label, however many stretches of the draft it marks."""
    seen: set[str] = set()
    first = []
    for finding in findings:
        if finding.label not in seen:
            seen.add(finding.label)
            first.append(finding)
    return first


def highlight(text: str, findings: Sequence[Finding]) -> SafeString:
    """The text as HTML, each flagged stretch in a <mark> naming its findings."""
    cuts = {0, len(text)}
    for f in findings:
        cuts.update((f.start, f.end))
    points = sorted(cuts)
    parts: list[str] = []
    for start, end in zip(points, points[1:], strict=False):
        piece = escape(text[start:end]).replace("\n", "<br>")
        covering = [i for i, f in enumerate(findings) if f.start <= start and end <= f.end]
        if covering:
            labels = " ".join(sorted({findings[i].label for i in covering}))
            refs = " ".join(sorted({f"finding-{findings[i].label}" for i in covering}))
            classes = " ".join(f"mark-{findings[i].label}" for i in covering)
            parts.append(
                f'<mark class="{classes}" data-labels="{labels}" aria-describedby="{refs}">'
                f"{piece}</mark>"
            )
        else:
            parts.append(piece)
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text is escaped above
