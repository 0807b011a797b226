from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from recouple.accounts.models import request_user
from recouple.core.schemas import LocalTime
from recouple.reminders import actions
from recouple.reminders.models import Notification, for_user, get_note_for_user, make_due_notes

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
