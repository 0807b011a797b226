"""Drafts written on the "Before you send" page: kept encrypted, never sent by the app."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField

KIND_CHOICES = [
    ("message", _("A message to them")),
    ("reply", _("A reply to a message they sent")),
    ("journal", _("A journal entry")),
]


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


def get_draft_for_user(request: HttpRequest, pk: int) -> Draft:
    return owned_or_404(Draft, request, pk)
