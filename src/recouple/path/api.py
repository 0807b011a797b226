from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from recouple.core.situation import situation_of
from recouple.program import steps as content

router = Router(tags=["path"])


class StepOut(Schema):
    number: int
    slug: str
    title: str
    kind: str
    summary: str
    state: str
    note: str


class PathOut(Schema):
    phase: str
    headline: str
    next_action: str
    next_step: int | None
    steps: list[StepOut]


@router.get("/path", response=PathOut, url_name="path")
def get_path(request: HttpRequest) -> dict[str, Any]:
    """Where you are: the phase, the one next action, and every step's state."""
    where = situation_of(request).path()
    return {
        "phase": where.phase,
        "headline": where.headline,
        "next_action": where.next_action,
        "next_step": where.next_step,
        "steps": [
            {
                "number": info.number,
                "slug": info.slug,
                "title": info.title,
                "kind": info.kind,
                "summary": info.summary,
                "state": status.state,
                "note": status.note,
            }
            for info, status in zip(content.STEPS, where.steps, strict=True)
        ],
    }
