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
from recouple.nocontact import actions
from recouple.nocontact.forms import ContactForm, HardDayForm, LetterForm, StartForm, UrgeForm
from recouple.nocontact.models import (
    HARD_DAY_LABEL_LIMIT,
    CheckIn,
    Contact,
    HardDay,
    Letter,
    Period,
    Urge,
    active_period,
    get_contact_for_user,
    get_hard_day_for_user,
    get_letter_for_user,
    get_urge_for_user,
    hard_days_of,
    month_days,
)
from recouple.program import harddays as hard_rules
from recouple.program import nocontact as rules

router = Router(tags=["no contact"])

ChannelValue = Literal["text", "call", "email", "in_person", "social_media", "other"]


class RunsOut(Schema):
    current: int
    longest: int
    clean_days: int
    slip_days: int
    days_in_period: int
    clean_share: float


class PeriodOut(Schema):
    id: int
    started_on: date
    target_days: int
    reasons: str
    blocked: bool
    told_them: bool
    limited_contact: bool
    ended_on: date | None
    complete: bool
    days_left: int
    contact: RunsOut
    social: RunsOut
    milestones: list[int]
    next_milestone: int | None


class NoContactOut(Schema):
    active: PeriodOut | None


class StartIn(Schema):
    target_days: int = rules.DEFAULT_DAYS
    reasons: Text = Field("", max_length=5000)
    relationship_months: int | None = Field(None, ge=0, le=960)
    broke_before: bool = False
    blocked: bool = False
    told_them: bool = False
    limited_contact: bool = False


class ContactIn(Schema):
    channel: ChannelValue
    they_started: bool = False
    replied: bool = True
    logistics: bool = False
    day: date | None = None
    note: Text = Field("", max_length=5000)


class ContactOut(Schema):
    id: int
    day: date
    at: datetime
    channel: str
    they_started: bool
    replied: bool
    logistics: bool
    note: str
    counter: str
    is_slip: bool


class UrgeIn(Schema):
    intensity: int = 5
    trigger: Text = Field("", max_length=5000)
    instead: Text = Field("", max_length=5000)
    passed: bool | None = None


class UrgeOut(Schema):
    id: int
    at: datetime
    day: date
    intensity: int
    trigger: str
    instead: str
    passed: bool | None


class LetterIn(Schema):
    body: Text = Field(max_length=50000)
    reopen_on: date | None = None


class LetterOut(Schema):
    id: int
    written_at: datetime
    reopen_on: date
    sealed: bool
    body: str | None  # only once the reopen day has come


class CheckInIn(Schema):
    boundary: Literal["no_sex", "no_social"]
    kept: bool


class CheckInOut(Schema):
    day: date
    boundary: str
    kept: bool


class DayOut(Schema):
    day: date
    in_period: bool
    clean: bool
    contact_slips: int
    social_slips: int
    urges: int


def period_out(period: Period, user: User) -> dict[str, Any]:
    summary = period.summary(user.today())

    def runs(r: rules.Runs) -> dict[str, Any]:
        return {
            "current": r.current,
            "longest": r.longest,
            "clean_days": r.clean_days,
            "slip_days": r.slip_days,
            "days_in_period": r.days_in_period,
            "clean_share": round(r.clean_share, 4),
        }

    return {
        "id": period.pk,
        "started_on": period.started_on,
        "target_days": period.target_days,
        "reasons": period.reasons,
        "blocked": period.blocked,
        "told_them": period.told_them,
        "limited_contact": period.limited_contact,
        "ended_on": period.ended_on,
        "complete": summary["complete"],
        "days_left": summary["days_left"],
        "contact": runs(summary["contact"]),
        "social": runs(summary["social"]),
        "milestones": list(summary["milestones"]),
        "next_milestone": summary["next_milestone"],
    }


def _active(user: User) -> Period:
    period = active_period(user)
    if period is None:
        raise HttpError(409, "There is no active no-contact period. Start one first.")
    return period


@router.get("/no-contact", response=NoContactOut, url_name="nocontact")
def get_nocontact(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    period = active_period(user)
    return {"active": period_out(period, user) if period else None}


@router.post("/no-contact", response={201: PeriodOut}, url_name="nocontact")
def start(request: HttpRequest, payload: StartIn) -> Status[dict[str, Any]]:
    """Start a no-contact period today (in your time zone)."""
    user = request_user(request)
    if active_period(user) is not None:
        raise HttpError(409, "A no-contact period is already under way.")
    form = bound_form(StartForm, payload.model_dump())
    period = actions.start_period(user, form.cleaned_data)
    return Status(201, period_out(period, user))


@router.post("/no-contact/end", response=PeriodOut, url_name="nocontact_end")
def end(request: HttpRequest) -> dict[str, Any]:
    user = request_user(request)
    period = actions.end_period(_active(user), user.today())
    return period_out(period, user)


@router.get("/no-contact/contacts", response=list[ContactOut], url_name="nocontact_contacts")
def list_contacts(request: HttpRequest) -> list[Contact]:
    return list(Contact.objects.filter(period__user=request_user(request))[:500])


@router.post("/no-contact/contacts", response={201: ContactOut}, url_name="nocontact_contacts")
def log_contact(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    """Log a contact or a look at their social media; the server decides if it's a slip."""
    user = request_user(request)
    period = _active(user)
    values = payload.model_dump()
    values["day"] = values["day"] or user.today()
    form = bound_form(ContactForm, values, period=period, today=user.today())
    return Status(201, actions.log_contact(period, form.cleaned_data))


@router.delete(
    "/no-contact/contacts/{contact_id}", response={204: None}, url_name="nocontact_contact"
)
def delete_contact(request: HttpRequest, contact_id: int) -> Status[None]:
    get_contact_for_user(request, contact_id).delete()
    return Status(204, None)


@router.get("/urges", response=list[UrgeOut], url_name="urges")
def list_urges(request: HttpRequest) -> list[Urge]:
    return list(Urge.objects.filter(user=request_user(request))[:500])


@router.post("/urges", response={201: UrgeOut}, url_name="urges")
def log_urge(request: HttpRequest, payload: UrgeIn) -> Status[Urge]:
    user = request_user(request)
    form = bound_form(UrgeForm, payload.model_dump())
    return Status(201, actions.log_urge(user, form.cleaned_data))


@router.patch("/urges/{urge_id}", response=UrgeOut, url_name="urge")
def update_urge(request: HttpRequest, urge_id: int, payload: UrgeIn) -> Urge:
    urge = get_urge_for_user(request, urge_id)
    current = {
        "intensity": urge.intensity,
        "trigger": urge.trigger,
        "instead": urge.instead,
        "passed": urge.passed,
    }
    merged = {**current, **payload.model_dump(exclude_unset=True)}
    form = bound_form(UrgeForm, merged, instance=urge)
    return actions.edit_urge(urge, form.cleaned_data)


@router.delete("/urges/{urge_id}", response={204: None}, url_name="urge")
def delete_urge(request: HttpRequest, urge_id: int) -> Status[None]:
    get_urge_for_user(request, urge_id).delete()
    return Status(204, None)


def letter_out(letter: Letter, today: date) -> dict[str, Any]:
    sealed = letter.sealed(today)
    return {
        "id": letter.pk,
        "written_at": letter.written_at,
        "reopen_on": letter.reopen_on,
        "sealed": sealed,
        "body": None if sealed else letter.body,
    }


@router.get("/letters", response=list[LetterOut], url_name="letters")
def list_letters(request: HttpRequest) -> list[dict[str, Any]]:
    user = request_user(request)
    today = user.today()
    return [letter_out(letter, today) for letter in Letter.objects.filter(user=user)[:500]]


@router.post("/letters", response={201: LetterOut}, url_name="letters")
def write_letter(request: HttpRequest, payload: LetterIn) -> Status[dict[str, Any]]:
    """Write an unsent letter; it stays sealed until reopen_on (default: 30 days on)."""
    user = request_user(request)
    today = user.today()
    values = payload.model_dump()
    values["reopen_on"] = values["reopen_on"] or Letter.default_reopen(today)
    form = bound_form(LetterForm, values, today=today)
    letter = actions.write_letter(user, form.cleaned_data)
    return Status(201, letter_out(letter, today))


@router.get("/letters/{letter_id}", response=LetterOut, url_name="letter")
def get_letter(request: HttpRequest, letter_id: int) -> dict[str, Any]:
    return letter_out(get_letter_for_user(request, letter_id), request_user(request).today())


@router.get("/check-ins", response=list[CheckInOut], url_name="checkins")
def list_checkins(request: HttpRequest) -> list[CheckIn]:
    return list(CheckIn.objects.filter(user=request_user(request))[:1000])


@router.post("/check-ins", response=CheckInOut, url_name="checkins")
def check_in(request: HttpRequest, payload: CheckInIn) -> CheckIn:
    """Today's answer for one boundary; answering again replaces today's answer."""
    return actions.check_in(request_user(request), payload.boundary, payload.kept)


@router.get("/no-contact/calendar", response=list[DayOut], url_name="nocontact_calendar")
def month(request: HttpRequest, month: str = "") -> list[dict[str, Any]]:
    """Every day of a month (YYYY-MM, default this month) in your latest period."""
    user = request_user(request)
    today = user.today()
    period = active_period(user) or Period.objects.filter(user=user).first()
    if period is None:
        return []
    days = month_days(user, period, rules.month_start(month, today), today)
    return [
        {
            "day": d.day,
            "in_period": d.in_period,
            "clean": d.clean,
            "contact_slips": d.contact_slips,
            "social_slips": d.social_slips,
            "urges": d.urges,
        }
        for d in days
    ]


HardDayKind = Literal["anniversary", "birthday", "holiday", "other"]


class HardDayIn(Schema):
    label: Text = Field(max_length=HARD_DAY_LABEL_LIMIT)
    kind: HardDayKind
    day: date
    yearly: bool = True


class HardDayOut(Schema):
    id: int
    label: str
    kind: str
    day: date
    yearly: bool
    next_on: date | None  # null once a one-off day has passed


def hard_day_out(hard_day: HardDay, next_on: date | None) -> dict[str, Any]:
    return {
        "id": hard_day.pk,
        "label": str(hard_day.label),
        "kind": hard_day.kind,
        "day": hard_day.day,
        "yearly": hard_day.yearly,
        "next_on": next_on,
    }


@router.get("/hard-days", response=list[HardDayOut], url_name="hard_days")
def list_hard_days(request: HttpRequest) -> list[dict[str, Any]]:
    """The days you marked as hard, soonest first."""
    user = request_user(request)
    return [hard_day_out(d, on) for d, on in hard_days_of(user, user.today())]


@router.post("/hard-days", response={201: HardDayOut}, url_name="hard_days")
def mark_hard_day(request: HttpRequest, payload: HardDayIn) -> Status[dict[str, Any]]:
    """Mark a hard day (yearly by default; 29 February falls on the 28th in other years)."""
    user = request_user(request)
    today = user.today()
    form = bound_form(HardDayForm, payload.model_dump(), today=today)
    try:
        hard_day = actions.mark_hard_day(user, form.cleaned_data)
    except actions.TooManyHardDays:
        raise HttpError(
            409, f"That’s {hard_rules.HARD_DAY_LIMIT} days, the most this list holds."
        ) from None
    return Status(201, hard_day_out(hard_day, hard_day.next_on(today)))


@router.delete("/hard-days/{hard_day_id}", response={204: None}, url_name="hard_day")
def remove_hard_day(request: HttpRequest, hard_day_id: int) -> Status[None]:
    actions.remove_hard_day(get_hard_day_for_user(request, hard_day_id))
    return Status(204, None)
