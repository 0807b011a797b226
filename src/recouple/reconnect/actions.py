"""Reaching out and what follows (steps 3, 6, 8 and 9): the writes, one function each,
called by the pages and the API alike.

Whether step 3 is open comes from `program.path` (the caller asks it, with the user's
progress); a closed outreach refuses every change (`OutreachLocked`, from the model's save).
The message is marked sent only when the coach reads it as "send".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.timezone import now

from recouple import coach
from recouple.accounts.models import User
from recouple.program import steps as content
from recouple.reconnect.models import (
    Meeting,
    Outreach,
    Reflection,
    Session,
    TheirMessage,
    Therapist,
)


class NotYetSendable(Exception):
    """The coach found something in the message: it is kept, but not marked as sent."""


def save_message(outreach: Outreach, message: str) -> Outreach:
    """The one message, kept while the user works on it (Recouple never sends it)."""
    outreach.message = message.strip()
    outreach.save()
    return outreach


def mark_sent(outreach: Outreach) -> Outreach:
    """The user sent the one message themselves. Only when the coach reads it as "send"."""
    try:
        verdict = coach.check(outreach.message, coach.Context()).verdict
    except coach.CoachInputError:
        raise NotYetSendable from None
    if verdict != "send":
        raise NotYetSendable
    outreach.sent_at = now()
    outreach.save()
    return outreach


def record_answer(outreach: Outreach, answer: str) -> Outreach:
    """Their answer; "no" and "no_contact" close outreach for good (OutreachLocked after)."""
    outreach.record_answer(answer)
    return outreach


def log_their_message(user: User, note: str) -> TheirMessage:
    """They wrote: the only way the user may write again."""
    return TheirMessage.objects.create(user=user, note=note.strip())


def answer_friendship_gate(outreach: Outreach, wants_friendship_anyway: bool) -> Outreach:
    outreach.wants_friendship_anyway = wants_friendship_anyway
    outreach.save()
    return outreach


def _create(model: Any, user: User, values: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    row = model(user=user, **{name: values[name] for name in names if name in values})
    row.save()
    return row


def log_meeting(user: User, values: Mapping[str, Any]) -> Meeting:
    """Time spent together (step 6), from MeetingForm's values."""
    meeting: Meeting = _create(
        Meeting, user, values, ("day", "what", "felt", "no_sex", "no_pressure")
    )
    return meeting


def add_therapist(user: User, values: Mapping[str, Any]) -> Therapist:
    """A couples therapist on the shortlist (step 8), from TherapistForm's values."""
    therapist: Therapist = _create(Therapist, user, values, ("name", "contact", "notes"))
    return therapist


def log_session(user: User, values: Mapping[str, Any]) -> Session:
    """Notes from a couples-therapy session (step 8), from SessionForm's values."""
    session: Session = _create(Session, user, values, ("day", "notes"))
    return session


def reflect_today(user: User, text: str) -> Reflection:
    """Today's reflection on today's truth (`program.steps.truth_of_the_day`); writing again
    the same day replaces it."""
    today = user.today()
    reflection, _created = Reflection.objects.update_or_create(
        user=user,
        day=today,
        defaults={"prompt": content.truth_of_the_day(today), "text": text.strip()},
    )
    return reflection
