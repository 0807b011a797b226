"""Where each step of the path is practised: the page a step (or a phase) leads to."""

from __future__ import annotations

from dataclasses import dataclass

from recouple.program import steps as content
from recouple.program.path import Path, Phase

# The page of each step, by the step's slug (URL names).
TOOLS = {
    "no-contact": "nocontact:overview",
    "make-it-right": "amends:overview",
    "reach-out": "reconnect:reach_out",
    "grow": "growth:overview",
    "no-sex": "nocontact:overview",
    "friendship": "reconnect:friendship",
    "social-media": "nocontact:overview",
    "couples-therapy": "reconnect:therapy",
    "let-go-of-control": "reconnect:reflect",
}

# Phases whose one next thing is a page of its own rather than a step's.
PHASE_TOOLS = {
    Phase.REFLECT: "assessment:start",
    Phase.LETTING_GO: "path:letting_go",
    Phase.SILENCE: "path:letting_go",
    Phase.SAFETY: "path:safety",
    Phase.THEY_WROTE: "reconnect:they_reached_out",
    Phase.RETAKE: "assessment:start",
    Phase.TOGETHER: "reconnect:together",
}


@dataclass(frozen=True)
class NextAction:
    step: content.Step | None
    tool: str | None


def next_action(where: Path) -> NextAction:
    """The one next thing: the next step and the page to do it on."""
    step = content.STEPS[where.next_step - 1] if where.next_step else None
    tool = PHASE_TOOLS.get(where.phase) or (TOOLS.get(step.slug) if step else None)
    return NextAction(step, tool)
