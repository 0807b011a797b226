"""Reminders' writes, one function each, called by the pages and the API alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.reminders.models import Notification

SETTINGS_FIELDS = ("reminder_time", "email_reminders", "quiet_mode")


class NoEmailAddress(Exception):
    """Email reminders asked for without an email address: nothing was changed."""


def mark_read(note: Notification) -> Notification:
    """A note the caller fetched with `owned_or_404`, read now (once: the first time stays)."""
    if note.read_at is None:
        note.read_at = now()
        note.save(update_fields=["read_at"])
    return note


def mark_all_read(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=now())


def update_reminder_settings(user: User, values: Mapping[str, Any]) -> User:
    """When and how the user is reminded; settings not given stay as they are.

    Email reminders need an email address on the account (raises NoEmailAddress).
    """
    given = {name: values[name] for name in SETTINGS_FIELDS if name in values}
    if given.get("email_reminders") and not user.email:
        raise NoEmailAddress
    for name, value in given.items():
        setattr(user, name, value)
    user.save(update_fields=list(SETTINGS_FIELDS))
    return user
