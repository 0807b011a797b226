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
from recouple.nocontact.models import Period
from recouple.program import steps as content
from recouple.reconnect.models import (
    Meeting,
    NewRelationship,
    Outreach,
    PatternCheck,
    Reflection,
    Reunion,
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


def end_no_contact_early(period: Period) -> Period:
    """They wrote first, and the user chose to end no contact now. Everything logged is kept."""
    period.ended_on = period.user.today()
    period.save(update_fields=["ended_on"])
    return period


def note_new_relationship(user: User) -> NewRelationship:
    """They're seeing someone new: reaching out waits (`program.path`). Once is enough."""
    found = NewRelationship.objects.filter(user=user, over_on__isnull=True).first()
    if found is not None:
        return found
    return NewRelationship.objects.create(user=user, noted_on=user.today())


def end_new_relationship(user: User) -> int:
    """They're single again: every relationship of theirs still open is closed today."""
    return NewRelationship.objects.filter(user=user, over_on__isnull=True).update(
        over_on=user.today()
    )


def record_reunion(user: User, outcome: str) -> Reunion:
    """Back together, or it didn't work out; saying it again changes it, from today."""
    reunion, _created = Reunion.objects.update_or_create(
        user=user, defaults={"outcome": outcome, "since": user.today()}
    )
    return reunion


def check_pattern(user: User, values: Mapping[str, Any]) -> PatternCheck:
    """This week's check-in on one old pattern, from PatternCheckForm's values."""
    check: PatternCheck = _create(
        PatternCheck, user, {**values, "day": user.today()}, ("day", "pattern", "state", "note")
    )
    return check
