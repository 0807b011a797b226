"""Steps 3, 6, 8 and 9: one message, their answer, and what follows it.

A "no" or a request for no contact locks outreach for good: the lock is enforced here, in the
model, so no page or API route can lift it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.amends.models import InventoryEntry
from recouple.assessment.models import BreakupReason, Quality
from recouple.core.fields import EncryptedTextField
from recouple.program.path import Reply, Together
from recouple.program.together import PatternState

ANSWER_CHOICES = [
    (Reply.OPEN.value, _("They’re open to talking")),
    (Reply.NOT_NOW.value, _("Not now")),
    (Reply.NO_ANSWER.value, _("No answer yet")),
    (Reply.NO.value, _("No")),
    (Reply.NO_CONTACT.value, _("They asked for no contact, or blocked me")),
]


class OutreachLocked(Exception):
    """Someone tried to change an outreach that their answer has closed for good."""


class Outreach(models.Model):
    user = models.OneToOneField(User, models.CASCADE, related_name="outreach")
    message = EncryptedTextField(blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=12, choices=ANSWER_CHOICES, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    locked = models.BooleanField(default=False, editable=False)
    wants_friendship_anyway = models.BooleanField(null=True)

    def __str__(self) -> str:
        return f"outreach of user {self.user_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        if self.pk is None:
            super().save(*args, **kwargs)
            return
        # The check and the write are one statement: UPDATE … WHERE locked is false. Two
        # answers at once ("no" and "open") can't both pass a check made before either
        # wrote; the second finds the row locked (PostgreSQL re-reads it after the first
        # commits; SQLite has one writer at a time) and changes nothing.
        values = {
            f.attname: getattr(self, f.attname)
            for f in self._meta.concrete_fields
            if not f.primary_key and f.attname != "user_id"
        }
        if Outreach.objects.filter(pk=self.pk, locked=False).update(**values):
            self._state.adding = False
            return
        if Outreach.objects.filter(pk=self.pk).exists():
            # Nothing about a closed outreach changes again, whatever asks.
            raise OutreachLocked("Their answer stands: this outreach is closed for good.")
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """The lock follows from their answer alone: a "no" locks, whatever else is said."""
        if self.reply is not None and self.reply.locks_outreach:
            self.locked = True

    @classmethod
    def for_user(cls, user: User) -> Outreach:
        found, _created = cls.objects.get_or_create(user=user)
        return found

    @property
    def sent(self) -> bool:
        return self.sent_at is not None

    @property
    def reply(self) -> Reply | None:
        return Reply(self.answer) if self.answer else None

    def days_since_sent(self, today: date, zone: Any) -> int | None:
        if self.sent_at is None:
            return None
        return (today - self.sent_at.astimezone(zone).date()).days

    def record_answer(self, answer: str) -> None:
        if self.locked:
            raise OutreachLocked("Their answer stands: this outreach is closed for good.")
        self.answer = answer
        self.answered_at = now()
        try:
            self.save()
        except OutreachLocked:
            self.refresh_from_db()
            raise


class TheirMessage(models.Model):
    """They wrote: logged so the user may answer them (the only way to write again)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="their_messages")
    at = models.DateTimeField(default=now)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"message from them {self.pk}"


class Meeting(models.Model):
    """Step 6: time spent together as friends, and whether the boundaries held."""

    user = models.ForeignKey(User, models.CASCADE, related_name="meetings")
    day = models.DateField()
    what = EncryptedTextField(_("What you did"))
    felt = EncryptedTextField(_("How it felt"), blank=True, default="")
    no_sex = models.BooleanField(_("No sex"), default=True)
    no_pressure = models.BooleanField(_("No pressure, from either of us"), default=True)

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"meeting {self.pk}"


class Therapist(models.Model):
    """Step 8: a couples therapist the user is considering. Private to the user."""

    user = models.ForeignKey(User, models.CASCADE, related_name="therapists")
    name = EncryptedTextField(_("Name"))
    contact = EncryptedTextField(_("How to reach them"), blank=True, default="")
    notes = EncryptedTextField(_("Notes"), blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"therapist {self.pk}"


class Session(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="therapy_sessions")
    day = models.DateField()
    notes = EncryptedTextField(_("Notes"))

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"session {self.pk}"


class Reflection(models.Model):
    """Step 9: a daily acceptance reflection on one of the closing truths."""

    user = models.ForeignKey(User, models.CASCADE, related_name="reflections")
    day = models.DateField()
    prompt = models.PositiveSmallIntegerField()
    text = EncryptedTextField()

    class Meta:
        ordering = ["-day", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reflection_a_day")]

    def __str__(self) -> str:
        return f"reflection {self.day}"


def get_meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    return owned_or_404(Meeting, request, pk)


def get_therapist_for_user(request: HttpRequest, pk: int) -> Therapist:
    return owned_or_404(Therapist, request, pk)


def get_session_for_user(request: HttpRequest, pk: int) -> Session:
    return owned_or_404(Session, request, pk)


REUNION_CHOICES = [
    (Together.BACK_TOGETHER.value, _("We’re back together")),
    (Together.DID_NOT_WORK_OUT.value, _("It didn’t work out")),
]
PATTERN_STATE_CHOICES = [
    (PatternState.BETTER.value, _("Better than before")),
    (PatternState.SAME.value, _("About the same")),
    (PatternState.BACK.value, _("The old pattern is back")),
]


class NewRelationship(models.Model):
    """They are seeing someone new: reaching out waits while it lasts."""

    user = models.ForeignKey(User, models.CASCADE, related_name="their_new_relationships")
    noted_on = models.DateField()
    over_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-noted_on", "-pk"]

    def __str__(self) -> str:
        return f"their new relationship {self.pk}"


class Reunion(models.Model):
    """What became of it once they were open: back together, or it didn't work out."""

    user = models.OneToOneField(User, models.CASCADE, related_name="reunion")
    outcome = models.CharField(max_length=20, choices=REUNION_CHOICES)
    since = models.DateField()

    def __str__(self) -> str:
        return f"reunion of user {self.user_id}"

    @property
    def together(self) -> Together:
        return Together(self.outcome)


class PatternCheck(models.Model):
    """A weekly check-in, back together, on one of the old patterns."""

    user = models.ForeignKey(User, models.CASCADE, related_name="pattern_checks")
    day = models.DateField()
    pattern = EncryptedTextField(_("The old pattern"))
    state = models.CharField(
        _("How was it this week?"), max_length=10, choices=PATTERN_STATE_CHOICES
    )
    note = EncryptedTextField(_("A note, if you like"), blank=True, default="")

    class Meta:
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"pattern check {self.pk}"


def get_pattern_check_for_user(request: HttpRequest, pk: int) -> PatternCheck:
    return owned_or_404(PatternCheck, request, pk)


def old_patterns(user: User) -> list[str]:
    """The old patterns named along the way, to check in on once back together: why it ended
    (from the assessment), the changeable things that hurt, and the patterns behind the
    user's own part (from the inventory). Each named once, in that order."""
    found = [
        *(r.text for r in BreakupReason.objects.filter(assessment__user=user)),
        *(
            q.text
            for q in Quality.objects.filter(assessment__user=user, loved=False).exclude(
                changeable=False
            )
        ),
        *(e.pattern for e in InventoryEntry.objects.filter(user=user)),
    ]
    seen: list[str] = []
    keys: set[str] = set()
    for text in found:
        words = " ".join(text.split())
        if words and words.casefold() not in keys:
            keys.add(words.casefold())
            seen.append(words)
    return seen
