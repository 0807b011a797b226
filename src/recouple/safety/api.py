"""API for the safety net: the safety plan, the trusted person, the pause's own reason."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import request_user
from recouple.core.schemas import Text, bound_form
from recouple.safety import actions
from recouple.safety.forms import PauseReasonForm, SafetyPlanForm, TrustedPersonForm
from recouple.safety.models import (
    NAME_LIMIT,
    PHONE_LIMIT,
    PLAN_SECTIONS,
    SECTION_LIMIT,
    WHY_LIMIT,
    PauseReason,
    SafetyPlan,
    TrustedPerson,
    trusted_person_of,
)

router = Router(tags=["safety"])


class SafetyPlanIn(Schema):
    """Every part is optional; a part left out (or null) stays as it is."""

    warning_signs: Text | None = Field(None, max_length=SECTION_LIMIT)
    coping_alone: Text | None = Field(None, max_length=SECTION_LIMIT)
    distractions: Text | None = Field(None, max_length=SECTION_LIMIT)
    helpers: Text | None = Field(None, max_length=SECTION_LIMIT)
    professionals: Text | None = Field(None, max_length=SECTION_LIMIT)
    safer_surroundings: Text | None = Field(None, max_length=SECTION_LIMIT)
    reasons: Text | None = Field(None, max_length=SECTION_LIMIT)


class SafetyPlanOut(Schema):
    warning_signs: str
    coping_alone: str
    distractions: str
    helpers: str
    professionals: str
    safer_surroundings: str
    reasons: str
    updated: str | None


class TrustedPersonIn(Schema):
    name: Text = Field(max_length=NAME_LIMIT)
    phone: Text = Field(max_length=PHONE_LIMIT)


class TrustedPersonOut(Schema):
    name: str
    phone: str
    call: str | None
    text: str | None


class PauseReasonIn(Schema):
    text: Text = Field(max_length=WHY_LIMIT)


class PauseReasonOut(Schema):
    text: str


def _plan_out(plan: SafetyPlan) -> dict[str, Any]:
    out: dict[str, Any] = {name: str(getattr(plan, name)) for name, _h, _t in PLAN_SECTIONS}
    out["updated"] = plan.updated.isoformat() if plan.updated else None
    return out


def _trusted_out(person: TrustedPerson | None) -> dict[str, Any]:
    if person is None:
        return {"name": "", "phone": "", "call": None, "text": None}
    return {
        "name": str(person.name),
        "phone": str(person.phone),
        "call": f"tel:{person.dial}",
        "text": f"sms:{person.dial}",
    }


@router.get("/safety-plan", response=SafetyPlanOut, url_name="safety_plan")
def get_plan(request: HttpRequest) -> dict[str, Any]:
    return _plan_out(SafetyPlan.for_user(request_user(request)))


@router.put("/safety-plan", response=SafetyPlanOut, url_name="safety_plan")
def put_plan(request: HttpRequest, payload: SafetyPlanIn) -> dict[str, Any]:
    """Write any parts of the plan, checked by the same rules as the page."""
    plan = SafetyPlan.for_user(request_user(request))
    values = {name: str(getattr(plan, name)) for name, _h, _t in PLAN_SECTIONS}
    values.update({k: v for k, v in payload.dict().items() if v is not None})
    form = bound_form(SafetyPlanForm, values, instance=plan)
    return _plan_out(actions.save_plan(request_user(request), form))


@router.get("/trusted-person", response=TrustedPersonOut, url_name="trusted_person")
def get_trusted(request: HttpRequest) -> dict[str, Any]:
    """The trusted person, with the links a phone opens; empty strings when none is set."""
    return _trusted_out(trusted_person_of(request_user(request)))


@router.put("/trusted-person", response=TrustedPersonOut, url_name="trusted_person")
def put_trusted(request: HttpRequest, payload: TrustedPersonIn) -> dict[str, Any]:
    user = request_user(request)
    form = bound_form(TrustedPersonForm, payload.dict(), instance=trusted_person_of(user))
    return _trusted_out(actions.save_trusted_person(user, form))


@router.delete("/trusted-person", response={204: None}, url_name="trusted_person")
def delete_trusted(request: HttpRequest) -> Status[None]:
    TrustedPerson.objects.filter(user=request_user(request)).delete()
    return Status(204, None)


@router.get("/pause/reason", response=PauseReasonOut, url_name="pause_reason")
def get_pause_reason(request: HttpRequest) -> dict[str, str]:
    """The user's one line of why, shown on the Pause page ("" until written)."""
    found = PauseReason.objects.filter(user=request_user(request)).first()
    return {"text": str(found.text) if found else ""}


@router.put("/pause/reason", response=PauseReasonOut, url_name="pause_reason")
def put_pause_reason(request: HttpRequest, payload: PauseReasonIn) -> dict[str, str]:
    user = request_user(request)
    found = PauseReason.objects.filter(user=user).first()
    form = bound_form(PauseReasonForm, payload.dict(), instance=found)
    return {"text": str(actions.save_pause_reason(user, form).text)}
