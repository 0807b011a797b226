from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import request_user
from recouple.assessment import actions
from recouple.assessment.forms import ITEM_FORMS
from recouple.assessment.models import (
    LIST_LIMIT,
    Assessment,
    AssessmentItem,
    Report,
    get_item_for_user,
    get_report_for_user,
)
from recouple.core.schemas import Text, bound_form
from recouple.program import steps as content

router = Router(tags=["assessment"])

Kind = Literal["reasons", "changes", "qualities", "opinions"]
AnswerValue = Literal["yes", "no", "not_sure"]
ANSWER_FIELDS = ("same_goals", "same_love", "both_willing") + (
    "new_relationship",
    "trust_beyond_repair",
    "can_accept_no",
)
YES_NO_FIELDS = ("violence", "threats", "control", "only_happy_with_them")
EndedByValue = Literal["me", "them", "both", "unclear"]


class AnswersIn(Schema):
    violence: bool | None = None
    threats: bool | None = None
    control: bool | None = None
    same_goals: AnswerValue | None = None
    same_love: AnswerValue | None = None
    both_willing: AnswerValue | None = None
    only_happy_with_them: bool | None = None
    new_relationship: AnswerValue | None = None
    trust_beyond_repair: AnswerValue | None = None
    can_accept_no: AnswerValue | None = None
    ended_by: EndedByValue | None = None


class ItemIn(Schema):
    """The fields of one entry; each list uses its own (see the web form of that page)."""

    text: Text | None = Field(None, max_length=2000)
    still_applies: bool | None = None
    evidence: Text | None = Field(None, max_length=2000)
    loved: bool | None = None
    changeable: bool | None = None
    whose: Literal["mine", "theirs", "both"] | None = None
    who: Text | None = Field(None, max_length=200)
    relation: Literal["therapist", "friend", "family", "other"] | None = None
    stance: Literal["supportive", "neutral", "recoiled"] | None = None
    said: Text | None = Field(None, max_length=2000)
    # A change: the id of the reason it answers (one of yours), or null for none.
    answers: int | None = Field(None, ge=1, le=2**31 - 1)


class ItemOut(Schema):
    id: int
    kind: Kind
    created: datetime
    text: str | None = None
    still_applies: bool | None = None
    evidence: str | None = None
    loved: bool | None = None
    changeable: bool | None = None
    whose: str | None = None
    who: str | None = None
    relation: str | None = None
    stance: str | None = None
    said: str | None = None
    answers: int | None = None


class MissingOut(Schema):
    page: str
    why: str


class AssessmentOut(Schema):
    violence: bool | None
    threats: bool | None
    control: bool | None
    same_goals: str
    same_love: str
    both_willing: str
    only_happy_with_them: bool | None
    new_relationship: str
    trust_beyond_repair: str
    can_accept_no: str
    ended_by: str
    reasons: list[ItemOut]
    changes: list[ItemOut]
    qualities: list[ItemOut]
    opinions: list[ItemOut]
    missing: list[MissingOut]
    updated: datetime


class ReportFindingOut(Schema):
    code: str
    leads_to: str
    title: str
    explanation: str
    next_step: str


class ComparisonOut(Schema):
    previous_id: int
    previous_created: datetime
    outcome_changed: bool
    previous_outcome: str
    no_longer_apply: int
    newly_apply: int
    resolved: list[str]
    new: list[str]


class ReportSummaryOut(Schema):
    id: int
    created: datetime
    outcome: str


class ReportOut(ReportSummaryOut):
    headline: str
    next: str
    ended_by_note: str
    safety_concern: bool
    findings: list[ReportFindingOut]
    compared_with_previous: ComparisonOut | None


def item_out(kind: str, item: AssessmentItem) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.pk, "kind": kind, "created": item.created}
    for name in ITEM_FORMS[kind]._meta.fields or ():
        data[name] = getattr(item, "answers_id" if name == "answers" else name)
    return data


def assessment_out(assessment: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(assessment, name) for name in (*ANSWER_FIELDS, *YES_NO_FIELDS, "ended_by")
    }
    for kind in ITEM_FORMS:
        data[kind] = [item_out(kind, item) for item in getattr(assessment, kind).all()]
    data["missing"] = [{"page": page, "why": why} for page, why in assessment.missing()]
    data["updated"] = assessment.updated
    return data


def report_out(report: Report) -> dict[str, Any]:
    previous = report.previous()
    comparison = None
    if previous is not None:
        moved = report.compare(previous)
        comparison = {
            "previous_id": previous.pk,
            "previous_created": previous.created,
            "outcome_changed": moved["outcome_changed"],
            "previous_outcome": previous.outcome,
            "no_longer_apply": moved["no_longer_apply"],
            "newly_apply": moved["newly_apply"],
            "resolved": [f["code"] for f in moved["resolved"]],
            "new": [f["code"] for f in moved["new"]],
        }
    return {
        "id": report.pk,
        "created": report.created,
        "outcome": report.outcome,
        "headline": content.OUTCOME_HEADLINES[report.outcome],
        "next": content.OUTCOME_NEXT[report.outcome],
        "ended_by_note": "" if report.safety_concern else report.ended_by_note,
        "safety_concern": report.safety_concern,
        "findings": report.findings,
        "compared_with_previous": comparison,
    }


@router.get("/assessment", response=AssessmentOut, url_name="assessment")
def get_assessment(request: HttpRequest) -> dict[str, Any]:
    """Your answers as they stand, with what is still missing before a report."""
    return assessment_out(Assessment.for_user(request_user(request)))


@router.patch("/assessment", response=AssessmentOut, url_name="assessment")
def update_assessment(request: HttpRequest, payload: AnswersIn) -> dict[str, Any]:
    """Change any of the single answers; fields you leave out stay as they are."""
    assessment = Assessment.for_user(request_user(request))
    changes = payload.model_dump(exclude_unset=True)
    # A cleared should/can answer is stored as "" (not answered), as the page stores it.
    values = {
        name: "" if value is None and name in (*ANSWER_FIELDS, "ended_by") else value
        for name, value in changes.items()
    }
    return assessment_out(actions.record_answers(assessment, values))


# Reports come before the lists: /assessment/reports must not be read as a list's name.
@router.get("/assessment/reports", response=list[ReportSummaryOut], url_name="reports")
def list_reports(request: HttpRequest) -> list[Report]:
    return list(Report.objects.filter(user=request_user(request)).only("pk", "created", "outcome"))


@router.post("/assessment/reports", response={201: ReportOut}, url_name="reports")
def create_report(request: HttpRequest) -> Status[dict[str, Any]]:
    """Seal your current answers into a new report (kept for good)."""
    assessment = Assessment.for_user(request_user(request))
    missing = assessment.missing()
    if missing:
        raise HttpError(400, "Some answers are missing: " + " ".join(why for _, why in missing))
    return Status(201, report_out(assessment.make_report()))


@router.get("/assessment/reports/{report_id}", response=ReportOut, url_name="report")
def get_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return report_out(get_report_for_user(request, report_id))


@router.post("/assessment/{kind}", response={201: ItemOut}, url_name="assessment_items")
def add_item(request: HttpRequest, kind: Kind, payload: ItemIn) -> Status[dict[str, Any]]:
    assessment = Assessment.for_user(request_user(request))
    if getattr(assessment, kind).count() >= LIST_LIMIT:
        raise HttpError(400, f"A list holds at most {LIST_LIMIT} entries.")
    form = bound_form(ITEM_FORMS[kind], payload.model_dump(), assessment=assessment)
    try:
        item = actions.add_item(assessment, kind, form.cleaned_data)
    except actions.ListFull:
        raise HttpError(400, f"A list holds at most {LIST_LIMIT} entries.") from None
    return Status(201, item_out(kind, item))


@router.patch("/assessment/{kind}/{item_id}", response=ItemOut, url_name="assessment_item")
def update_item(request: HttpRequest, kind: Kind, item_id: int, payload: ItemIn) -> dict[str, Any]:
    item = get_item_for_user(request, kind, item_id)
    form_class = ITEM_FORMS[kind]
    merged = {**item_out(kind, item), **payload.model_dump(exclude_unset=True)}
    form = bound_form(form_class, merged, instance=item)
    return item_out(kind, actions.edit_item(item, kind, form.cleaned_data))


@router.delete("/assessment/{kind}/{item_id}", response={204: None}, url_name="assessment_item")
def delete_item(request: HttpRequest, kind: Kind, item_id: int) -> Status[None]:
    get_item_for_user(request, kind, item_id).delete()
    return Status(204, None)
