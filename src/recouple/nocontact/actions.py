"""No contact's writes, one function each, called by the pages and the API alike.

Each takes the user (or the row the caller fetched for them) and values a form has already
validated, and returns the saved row. What counts as a slip is `program.nocontact.judge`,
applied when a contact is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.nocontact.models import (
    CheckIn,
    Contact,
    HardDay,
    HardHourReminder,
    Letter,
    Period,
    Urge,
)
from recouple.program import harddays as hard_rules

PERIOD_FIELDS = (
    "target_days",
    "reasons",
    "relationship_months",
    "broke_before",
    "blocked",
    "told_them",
    "limited_contact",
)
CONTACT_FIELDS = ("channel", "they_started", "replied", "logistics", "day", "note")
URGE_FIELDS = ("intensity", "trigger", "instead", "passed")
LETTER_FIELDS = ("body", "reopen_on")
HARD_DAY_FIELDS = ("label", "kind", "day", "yearly")


def _given(values: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: values[name] for name in names if name in values}


def start_period(user: User, values: Mapping[str, Any]) -> Period:
    """A no-contact period starting today in the user's zone, from StartForm's values."""
    period = Period(user=user, started_on=user.today(), **_given(values, PERIOD_FIELDS))
    period.save()
    return period


def end_period(period: Period, today: date) -> Period:
    """Close the period; everything logged in it is kept."""
    period.ended_on = today
    period.save(update_fields=["ended_on"])
    return period


def log_contact(period: Period, values: Mapping[str, Any]) -> Contact:
    """A contact or a look at their social media, from ContactForm's values; the counter and
    whether it is a slip are worked out from the facts (`program.nocontact.judge`)."""
    contact = Contact(period=period, **_given(values, CONTACT_FIELDS))
    contact.save()
    return contact


def log_urge(user: User, values: Mapping[str, Any]) -> Urge:
    """An urge, today in the user's zone, from UrgeForm's values (or just an intensity)."""
    urge = Urge(user=user, day=user.today(), **_given(values, URGE_FIELDS))
    urge.save()
    return urge


def edit_urge(urge: Urge, values: Mapping[str, Any]) -> Urge:
    """Change an urge the caller fetched with `owned_or_404`; its day stays."""
    for name, value in _given(values, URGE_FIELDS).items():
        setattr(urge, name, value)
    urge.save()
    return urge


def write_letter(user: User, values: Mapping[str, Any]) -> Letter:
    """An unsent letter, sealed until its reopen day, from LetterForm's values."""
    letter = Letter(user=user, **_given(values, LETTER_FIELDS))
    letter.save()
    return letter


def check_in(user: User, boundary: str, kept: bool) -> CheckIn:
    """Today's answer for one boundary; answering again replaces today's answer."""
    checkin, _created = CheckIn.objects.update_or_create(
        user=user, day=user.today(), boundary=boundary, defaults={"kept": kept, "at": now()}
    )
    return checkin


class TooManyHardDays(Exception):
    """The list of hard days is full: nothing was added."""


def mark_hard_day(user: User, values: Mapping[str, Any]) -> HardDay:
    """A hard day from HardDayForm's values. Raises TooManyHardDays when the list is full."""
    if HardDay.objects.filter(user=user).count() >= hard_rules.HARD_DAY_LIMIT:
        raise TooManyHardDays
    return HardDay.objects.create(user=user, **_given(values, HARD_DAY_FIELDS))


def remove_hard_day(hard_day: HardDay) -> None:
    hard_day.delete()


def remind_before_hard_hour(user: User, weekday: int, hour: int) -> HardHourReminder:
    """A weekly reminder at ``hour``:00 local on ``weekday`` (the hour before urges cluster)."""
    reminder, _made = HardHourReminder.objects.update_or_create(
        user=user, defaults={"weekday": weekday, "hour": hour}
    )
    return reminder


def stop_hard_hour_reminder(user: User) -> None:
    HardHourReminder.objects.filter(user=user).delete()
