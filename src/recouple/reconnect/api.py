"""API for steps 3, 6, 8 and 9 (step 2 is in amends/api.py).

A closed outreach answers 409 to every change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import User, request_user
from recouple.core.schemas import Text, bound_form
from recouple.core.situation import reread_situation, situation_of
from recouple.nocontact.models import active_period
from recouple.program import steps as content
from recouple.program.path import DOOR_OPEN, State, Together
from recouple.reconnect import actions
from recouple.reconnect.forms import MeetingForm, PatternCheckForm, SessionForm, TherapistForm
from recouple.reconnect.models import (
    Meeting,
    NewRelationship,
    Outreach,
    OutreachLocked,
    PatternCheck,
    Reflection,
    Reunion,
    Session,
    Therapist,
    get_pattern_check_for_user,
    get_therapist_for_user,
)

router = Router(tags=["reach out"])

LOCKED = "Their answer stands: this outreach is closed for good."
AnswerValue = Literal["open", "not_now", "no_answer", "no", "no_contact"]


# Step 3


class OutreachOut(Schema):
    step_state: str
    step_note: str
    message: str
    sent_at: datetime | None
    answer: str
    answered_at: datetime | None
    locked: bool
    wants_friendship_anyway: bool | None


class MessageIn(Schema):
    message: Text = Field(min_length=1, max_length=2000)


class AnswerIn(Schema):
    answer: AnswerValue


class NoteIn(Schema):
    note: Text = Field("", max_length=3000)


class GateIn(Schema):
    wants_friendship_anyway: bool


def _outreach_out(request: HttpRequest, outreach: Outreach) -> dict[str, Any]:
    step = reread_situation(request).path().step(3)
    return {
        "step_state": step.state,
        "step_note": step.note,
        "message": outreach.message,
        "sent_at": outreach.sent_at,
        "answer": outreach.answer,
        "answered_at": outreach.answered_at,
        "locked": outreach.locked,
        "wants_friendship_anyway": outreach.wants_friendship_anyway,
    }


def _open_outreach(user: User) -> Outreach:
    outreach = Outreach.for_user(user)
    if outreach.locked:
        raise HttpError(409, LOCKED)
    return outreach


@router.get("/outreach", response=OutreachOut, url_name="outreach")
def get_outreach(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    return _outreach_out(request, Outreach.for_user(user))


@router.put("/outreach/message", response=OutreachOut, url_name="outreach_message")
def put_message(request: HttpRequest, payload: MessageIn) -> dict[str, Any]:
    """Write the one message. Only while step 3 is open and nothing has been sent."""
    user = request_user(request)
    outreach = _open_outreach(user)
    if outreach.sent:
        raise HttpError(409, "Your message is already sent; the next one is theirs.")
    step = situation_of(request).path().step(3)
    if step.state is not State.OPEN:
        raise HttpError(409, f"Reaching out isn’t open yet. {step.note}")
    if not payload.message.strip():
        raise HttpError(400, "Please write your message first.")
    return _outreach_out(request, actions.save_message(outreach, payload.message))


@router.post("/outreach/sent", response=OutreachOut, url_name="outreach_sent")
def mark_sent(request: HttpRequest) -> dict[str, Any]:
    """Mark the one message as sent (Recouple never sends it)."""
    user = request_user(request)
    outreach = _open_outreach(user)
    if outreach.sent:
        raise HttpError(409, "Your message is already sent; the next one is theirs.")
    if situation_of(request).path().step(3).state is not State.OPEN:
        raise HttpError(409, "Reaching out isn’t open yet.")
    if not outreach.message.strip():
        raise HttpError(400, "Write your message first.")
    try:
        actions.mark_sent(outreach)
    except actions.NotYetSendable:
        raise HttpError(400, "Have another look first: the coach found something in it.") from None
    return _outreach_out(request, outreach)


@router.post("/outreach/answer", response=OutreachOut, url_name="outreach_answer")
def record_answer(request: HttpRequest, payload: AnswerIn) -> dict[str, Any]:
    """Their answer. "no" and "no_contact" close outreach for good."""
    user = request_user(request)
    outreach = _open_outreach(user)
    if not outreach.sent:
        raise HttpError(409, "Their answer can be recorded once your message is sent.")
    try:
        actions.record_answer(outreach, payload.answer)
    except OutreachLocked:
        raise HttpError(409, LOCKED) from None
    return _outreach_out(request, outreach)


@router.post("/outreach/their-messages", response={201: None}, url_name="their_messages")
def they_wrote(request: HttpRequest, payload: NoteIn) -> Status[None]:
    actions.log_their_message(request_user(request), payload.note)
    return Status(201, None)


class EndedOut(Schema):
    ended_on: date


@router.post("/outreach/end-no-contact-early", response=EndedOut, url_name="end_no_contact_early")
def end_no_contact_early(request: HttpRequest) -> dict[str, Any]:
    """They wrote first, and you choose to end no contact now. Everything logged is kept."""
    period = active_period(request_user(request))
    if period is None:
        raise HttpError(409, "There’s no no-contact period going on.")
    if not situation_of(request).progress().they_reached_out:
        raise HttpError(409, "No contact can end early here only after they write to you.")
    ended = actions.end_no_contact_early(period)
    assert ended.ended_on is not None
    return {"ended_on": ended.ended_on}


# A new relationship of theirs, recorded along the way: reaching out waits while it lasts.


class NewRelationshipOut(Schema):
    id: int
    noted_on: date
    over_on: date | None


class ClosedOut(Schema):
    closed: int


@router.get(
    "/their-new-relationships", response=list[NewRelationshipOut], url_name="new_relationships"
)
def list_new_relationships(request: HttpRequest) -> list[NewRelationship]:
    return list(NewRelationship.objects.filter(user=request_user(request))[:500])


@router.post(
    "/their-new-relationships", response={201: NewRelationshipOut}, url_name="new_relationships"
)
def note_new_relationship(request: HttpRequest) -> Status[NewRelationship]:
    return Status(201, actions.note_new_relationship(request_user(request)))


@router.post("/their-new-relationships/over", response=ClosedOut, url_name="new_relationships_over")
def end_new_relationship(request: HttpRequest) -> dict[str, int]:
    return {"closed": actions.end_new_relationship(request_user(request))}


# Back together, or it didn't work out; check-ins on the old patterns.


class ReunionIn(Schema):
    outcome: Literal["back_together", "did_not_work_out"]


class ReunionOut(Schema):
    outcome: str | None
    since: date | None
    phase: str


class PatternCheckIn(Schema):
    pattern: Text = Field(max_length=300)
    state: Literal["better", "same", "back"]
    note: Text = Field("", max_length=3000)


class PatternCheckOut(Schema):
    id: int
    day: date
    pattern: str
    state: str
    note: str


def _reunion_out(request: HttpRequest, reunion: Reunion | None) -> dict[str, Any]:
    return {
        "outcome": reunion.outcome if reunion else None,
        "since": reunion.since if reunion else None,
        "phase": reread_situation(request).path().phase.value,
    }


@router.get("/reunion", response=ReunionOut, url_name="reunion")
def get_reunion(request: HttpRequest) -> dict[str, Any]:
    return _reunion_out(request, Reunion.objects.filter(user=request_user(request)).first())


@router.put("/reunion", response=ReunionOut, url_name="reunion")
def put_reunion(request: HttpRequest, payload: ReunionIn) -> dict[str, Any]:
    """Back together, or it didn't work out: only once they were open to talking."""
    user = request_user(request)
    existing = Reunion.objects.filter(user=user).exists()
    if not existing and situation_of(request).path().phase not in DOOR_OPEN:
        raise HttpError(409, "This opens only once they’re open to talking.")
    return _reunion_out(request, actions.record_reunion(user, payload.outcome))


@router.get("/pattern-checks", response=list[PatternCheckOut], url_name="pattern_checks")
def list_pattern_checks(request: HttpRequest) -> list[PatternCheck]:
    return list(PatternCheck.objects.filter(user=request_user(request))[:500])


@router.post("/pattern-checks", response={201: PatternCheckOut}, url_name="pattern_checks")
def add_pattern_check(request: HttpRequest, payload: PatternCheckIn) -> Status[PatternCheck]:
    user = request_user(request)
    if situation_of(request).progress().together is not Together.BACK_TOGETHER:
        raise HttpError(409, "Check-ins are for when you’re back together.")
    form = bound_form(PatternCheckForm, payload.model_dump())
    return Status(201, actions.check_pattern(user, form.cleaned_data))


@router.delete("/pattern-checks/{check_id}", response={204: None}, url_name="pattern_check")
def delete_pattern_check(request: HttpRequest, check_id: int) -> Status[None]:
    get_pattern_check_for_user(request, check_id).delete()
    return Status(204, None)


# Steps 6 and 8: only while they are open


def _open_reply(request: HttpRequest) -> Outreach:
    """Steps 6 and 8 open when they're open to talking: by their answer, or by writing first."""
    if situation_of(request).path().phase not in DOOR_OPEN:
        raise HttpError(409, "This step opens only if they’re open to talking.")
    return Outreach.for_user(request_user(request))


class MeetingIn(Schema):
    day: date
    what: Text = Field(max_length=300)
    felt: Text = Field("", max_length=3000)
    no_sex: bool = True
    no_pressure: bool = True


class MeetingOut(Schema):
    id: int
    day: date
    what: str
    felt: str
    no_sex: bool
    no_pressure: bool


class TherapistIn(Schema):
    name: Text = Field(max_length=200)
    contact: Text = Field("", max_length=300)
    notes: Text = Field("", max_length=3000)


class TherapistOut(Schema):
    id: int
    name: str
    contact: str
    notes: str


class SessionIn(Schema):
    day: date
    notes: Text = Field(max_length=3000)


class SessionOut(Schema):
    id: int
    day: date
    notes: str


@router.post("/friendship/gate", response=OutreachOut, url_name="friendship_gate")
def friendship_gate(request: HttpRequest, payload: GateIn) -> dict[str, Any]:
    outreach = _open_reply(request)
    actions.answer_friendship_gate(outreach, payload.wants_friendship_anyway)
    return _outreach_out(request, outreach)


@router.get("/friendship/meetings", response=list[MeetingOut], url_name="meetings")
def list_meetings(request: HttpRequest) -> list[Meeting]:
    return list(Meeting.objects.filter(user=request_user(request))[:500])


@router.post("/friendship/meetings", response={201: MeetingOut}, url_name="meetings")
def add_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    user = request_user(request)
    outreach = _open_reply(request)
    if not outreach.wants_friendship_anyway:
        raise HttpError(409, "Answer the honest question first; friendship is skipped otherwise.")
    form = bound_form(MeetingForm, payload.model_dump(), today=user.today())
    return Status(201, actions.log_meeting(user, form.cleaned_data))


@router.get("/therapists", response=list[TherapistOut], url_name="therapists")
def list_therapists(request: HttpRequest) -> list[Therapist]:
    return list(Therapist.objects.filter(user=request_user(request)))


@router.post("/therapists", response={201: TherapistOut}, url_name="therapists")
def add_therapist(request: HttpRequest, payload: TherapistIn) -> Status[Therapist]:
    user = request_user(request)
    _open_reply(request)
    form = bound_form(TherapistForm, payload.model_dump())
    return Status(201, actions.add_therapist(user, form.cleaned_data))


@router.delete("/therapists/{therapist_id}", response={204: None}, url_name="therapist")
def delete_therapist(request: HttpRequest, therapist_id: int) -> Status[None]:
    get_therapist_for_user(request, therapist_id).delete()
    return Status(204, None)


@router.get("/therapy-sessions", response=list[SessionOut], url_name="therapy_sessions")
def list_sessions(request: HttpRequest) -> list[Session]:
    return list(Session.objects.filter(user=request_user(request))[:500])


@router.post("/therapy-sessions", response={201: SessionOut}, url_name="therapy_sessions")
def add_session(request: HttpRequest, payload: SessionIn) -> Status[Session]:
    user = request_user(request)
    _open_reply(request)
    form = bound_form(SessionForm, payload.model_dump(), today=user.today())
    return Status(201, actions.log_session(user, form.cleaned_data))


# Step 9


class ReflectionIn(Schema):
    text: Text = Field(min_length=1, max_length=3000)


class ReflectionOut(Schema):
    day: date
    prompt: str
    text: str


def _reflection_out(reflection: Reflection) -> dict[str, Any]:
    return {
        "day": reflection.day,
        "prompt": content.ACCEPTANCE_TRUTHS[reflection.prompt % len(content.ACCEPTANCE_TRUTHS)],
        "text": reflection.text,
    }


@router.get("/reflections", response=list[ReflectionOut], url_name="reflections")
def list_reflections(request: HttpRequest) -> list[dict[str, Any]]:
    found = Reflection.objects.filter(user=request_user(request))[:500]
    return [_reflection_out(r) for r in found]


@router.post("/reflections", response=ReflectionOut, url_name="reflections")
def reflect_today(request: HttpRequest, payload: ReflectionIn) -> dict[str, Any]:
    """Today's reflection on today's truth; writing again replaces today's."""
    if not payload.text.strip():
        raise HttpError(400, "Please write a few words here.")
    return _reflection_out(actions.reflect_today(request_user(request), payload.text))
