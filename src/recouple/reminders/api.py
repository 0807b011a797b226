from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import request_user
from recouple.core.schemas import LocalTime
from recouple.nocontact import actions as nocontact_actions
from recouple.reminders import actions
from recouple.reminders.models import Notification, for_user, get_note_for_user, make_due_notes
from recouple.situation import UserSituation, for_request

router = Router(tags=["reminders"])


class NoteOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    due_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_body(obj: Notification) -> str:
        return obj.text


class ReminderSettings(Schema):
    reminder_time: LocalTime | None
    email_reminders: bool
    quiet_mode: bool


class ReminderSettingsPatch(Schema):
    reminder_time: LocalTime | None = None
    email_reminders: bool | None = None
    quiet_mode: bool | None = None


@router.get("/reminders", response=list[NoteOut], url_name="notes")
def notes(request: HttpRequest, unread: bool = False) -> list[Notification]:
    """Your reminders that are due, newest first (those due now are made on the way)."""
    user = request_user(request)
    make_due_notes(user)
    return for_user(user, unread_only=unread, limit=200)


@router.post("/reminders/{note_id}/read", response=NoteOut, url_name="note_read")
def read(request: HttpRequest, note_id: int) -> Notification:
    return actions.mark_read(get_note_for_user(request, note_id))


def _settings(user: Any) -> dict[str, Any]:
    return {
        "reminder_time": user.reminder_time.strftime("%H:%M") if user.reminder_time else None,
        "email_reminders": user.email_reminders,
        "quiet_mode": user.quiet_mode,
    }


@router.get("/reminders/settings", response=ReminderSettings, url_name="reminder_settings")
def get_settings(request: HttpRequest) -> dict[str, Any]:
    return _settings(request_user(request))


@router.patch("/reminders/settings", response=ReminderSettings, url_name="reminder_settings")
def update_settings(request: HttpRequest, payload: ReminderSettingsPatch) -> dict[str, Any]:
    """Change when and how you are reminded; reminder_time null turns the daily one off."""
    user = request_user(request)
    changes = payload.model_dump(exclude_unset=True)
    values = {k: v for k, v in changes.items() if k != "reminder_time" and v is not None}
    if "reminder_time" in changes:
        given = changes["reminder_time"]
        values["reminder_time"] = time.fromisoformat(given) if given else None
    try:
        actions.update_reminder_settings(user, values)
    except actions.NoEmailAddress:
        raise HttpError(400, "email_reminders: add your email address in settings first.") from None
    return _settings(user)


class ClusterOut(Schema):
    weekday: int  # 0 is Monday
    part: str
    hour: int
    count: int
    total: int
    words: str


class HardHourIn(Schema):
    weekday: int = Field(ge=0, le=6)
    hour: int = Field(ge=0, le=23)


class HardHourOut(Schema):
    cluster: ClusterOut | None  # null until there are enough urges to say
    reminder: HardHourIn | None


def _hard_hour_out(situation: UserSituation) -> dict[str, Any]:
    found = situation.urge_cluster
    reminder = situation.hard_hour
    return {
        "cluster": None
        if found is None
        else {
            "weekday": found.weekday,
            "part": found.part,
            "hour": found.hour,
            "count": found.count,
            "total": found.total,
            "words": found.words,
        },
        "reminder": None if reminder is None else {"weekday": reminder[0], "hour": reminder[1]},
    }


@router.get("/reminders/hard-hour", response=HardHourOut, url_name="hard_hour")
def get_hard_hour(request: HttpRequest) -> dict[str, Any]:
    """When your urges come most (from the last 90 days of the urge log, once there are enough),
    and the weekly reminder before it if you asked for one."""
    return _hard_hour_out(for_request(request))


@router.put("/reminders/hard-hour", response=HardHourOut, url_name="hard_hour")
def set_hard_hour(request: HttpRequest, payload: HardHourIn) -> dict[str, Any]:
    """A weekly reminder at this local weekday and hour (Monday is 0)."""
    nocontact_actions.remind_before_hard_hour(request_user(request), payload.weekday, payload.hour)
    return _hard_hour_out(for_request(request).fresh())


@router.delete("/reminders/hard-hour", response={204: None}, url_name="hard_hour")
def stop_hard_hour(request: HttpRequest) -> Status[None]:
    nocontact_actions.stop_hard_hour_reminder(request_user(request))
    return Status(204, None)
