"""Drafts written on the "Before you send" page: kept encrypted, never sent by the app."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple import coach
from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField
from recouple.nocontact.models import active_period

KIND_CHOICES = [("message", _("A message to them")), ("journal", _("A journal entry"))]


class Draft(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="drafts")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default="message")
    text = EncryptedTextField()
    verdict = models.CharField(max_length=10, blank=True)
    created = models.DateTimeField(default=now)
    updated = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-updated", "-pk"]

    def __str__(self) -> str:
        return f"draft {self.pk}"


def context_for(user: User, kind: str = "message", today: date | None = None) -> coach.Context:
    """What the coach should know about where the user stands.

    No contact holds messages until it is complete; after that only the one outreach is
    open, and after it only replies to them. A closed outreach holds everything.
    """
    from recouple.reconnect.models import Outreach, TheirMessage

    period = active_period(user)
    day = None
    holding = False
    if period is not None:
        summary = period.summary(today or user.today())
        day = summary["contact"].current
        holding = not summary["complete"]
    outreach = Outreach.objects.filter(user=user).first()
    # Once they've said they're open, or written back, talking is theirs to continue too.
    replying = bool(
        outreach
        and outreach.sent_at
        and not outreach.locked
        and (
            outreach.answer == "open"
            or TheirMessage.objects.filter(user=user, at__gte=outreach.sent_at).exists()
        )
    )
    return coach.Context(
        kind="journal" if kind == "journal" else "message",
        no_contact_active=holding,
        no_contact_day=day,
        outreach_sent=bool(outreach and outreach.sent),
        outreach_locked=bool(outreach and outreach.locked),
        limited_contact=bool(period and period.limited_contact),
        replying=replying,
    )


def get_draft_for_user(request: HttpRequest, pk: int) -> Draft:
    return owned_or_404(Draft, request, pk)
