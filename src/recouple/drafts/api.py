from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple import coach
from recouple.accounts.models import request_user
from recouple.coach.rewrite import kinder
from recouple.core.schemas import Text
from recouple.core.situation import situation_of
from recouple.drafts import actions
from recouple.drafts.models import Draft, get_draft_for_user

router = Router(tags=["coach"])


class CheckIn(Schema):
    text: Text = Field(max_length=coach.MAX_CHARS)
    kind: Literal["message", "reply", "journal"] = "message"


class FindingOut(Schema):
    label: str
    start: int
    end: int
    explanation: str
    suggestion: str


class CheckOut(Schema):
    verdict: Literal["send", "revise", "hold"]
    reason: str
    crisis: bool
    findings: list[FindingOut]


class ChangeOut(Schema):
    label: str
    words: str


class KinderOut(Schema):
    text: str | None
    verdict: Literal["send"] | None
    left_out: list[ChangeOut]
    explanation: list[str]
    support_first: bool


class DraftIn(Schema):
    text: Text = Field(max_length=coach.MAX_CHARS)
    kind: Literal["message", "reply", "journal"] = "message"


class DraftOut(Schema):
    id: int
    kind: str
    text: str
    verdict: str
    created: datetime
    updated: datetime


def _check(request: HttpRequest, text: str, kind: str) -> coach.Result:
    try:
        return coach.check(text, situation_of(request).coach_context(kind))
    except coach.CoachInputError as exc:
        raise HttpError(400, str(exc)) from None


@router.post("/coach/check", response=CheckOut, url_name="coach_check")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """Read a draft. The server adds what it knows of your situation (no contact, its day)."""
    return _check(request, payload.text, payload.kind).as_dict()


@router.post("/coach/kinder", response=KinderOut, url_name="coach_kinder")
def kinder_version(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """A kinder version of a message, read again by the coach (it comes back ``send``).

    Offline and deterministic. ``text`` is null, and ``support_first`` true, when the draft
    shows a risk to the writer: then support comes before wording.
    """
    kind = "reply" if payload.kind == "reply" else "message"
    version = kinder(payload.text, _check(request, payload.text, kind))
    if version is None:
        return {
            "text": None,
            "verdict": None,
            "left_out": [],
            "explanation": [],
            "support_first": True,
        }
    return {
        "text": version.text,
        "verdict": version.result.verdict,
        "left_out": [{"label": c.label, "words": c.words} for c in version.left_out],
        "explanation": version.explanation,
        "support_first": False,
    }


@router.get("/drafts", response=list[DraftOut], url_name="drafts")
def list_drafts(request: HttpRequest) -> list[Draft]:
    return list(Draft.objects.filter(user=request_user(request))[:500])


@router.post("/drafts", response={201: DraftOut}, url_name="drafts")
def save_draft(request: HttpRequest, payload: DraftIn) -> Status[Draft]:
    verdict = _check(request, payload.text, payload.kind).verdict
    draft = actions.save_draft(
        request_user(request), kind=payload.kind, text=payload.text, verdict=verdict
    )
    return Status(201, draft)


@router.get("/drafts/{draft_id}", response=DraftOut, url_name="draft")
def get_draft(request: HttpRequest, draft_id: int) -> Draft:
    return get_draft_for_user(request, draft_id)


@router.put("/drafts/{draft_id}", response=DraftOut, url_name="draft")
def update_draft(request: HttpRequest, draft_id: int, payload: DraftIn) -> Draft:
    draft = get_draft_for_user(request, draft_id)
    verdict = _check(request, payload.text, payload.kind).verdict
    return actions.save_draft(
        request_user(request), kind=payload.kind, text=payload.text, verdict=verdict, draft=draft
    )


@router.delete("/drafts/{draft_id}", response={204: None}, url_name="draft")
def delete_draft(request: HttpRequest, draft_id: int) -> Status[None]:
    get_draft_for_user(request, draft_id).delete()
    return Status(204, None)
