"""Step 2, make it right: the user's own part, an apology that asks nothing back, and a
note of self-forgiveness for the user alone. All of it encrypted."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple import coach
from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField
from recouple.program import amends as rules


def read_what_i_did(text: str) -> rules.EntryReading:
    """The inventory rule on one entry, with the coach's reading of blame and of owning it."""
    labels: set[str] = set()
    if text.strip():
        try:
            labels = set(coach.check(text[: coach.MAX_CHARS], coach.Context(kind="journal")).labels)
        except coach.CoachInputError:
            labels = set()
    return rules.read_entry(
        text, blame="blame" in labels, accountability="accountability" in labels
    )


class InventoryEntry(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="inventory")
    what_i_did = EncryptedTextField(_("What I did"))
    impact = EncryptedTextField(_("How it affected them"))
    pattern = EncryptedTextField(_("The pattern or trigger behind it"), blank=True, default="")
    doing_about_it = EncryptedTextField(_("What I’m doing about it"), blank=True, default="")
    # Whether it is about the writer's own actions (program.amends); worked out from the
    # words on every save, never taken from a form or a file. Plain, so the situation's one
    # query can ask whether any entry counts.
    counts = models.BooleanField(default=False, editable=False)
    created = models.DateTimeField(default=now)
    updated = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"inventory entry {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "what_i_did" in update_fields:
            kwargs["update_fields"] = {*update_fields, "counts"}
        super().save(*args, **kwargs)

    def derive(self) -> None:
        self.counts = read_what_i_did(self.what_i_did).counts

    @property
    def why_not(self) -> str:
        """Why the entry doesn't count yet, kindly ("" when it does)."""
        return "" if self.counts else rules.ONLY_ABOUT_THEM


class Amends(models.Model):
    """One per user: the apology draft and the self-forgiveness note."""

    user = models.OneToOneField(User, models.CASCADE, related_name="amends")
    apology = EncryptedTextField(blank=True, default="")
    self_forgiveness = EncryptedTextField(blank=True, default="")
    updated = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"amends of user {self.user_id}"

    @classmethod
    def for_user(cls, user: User) -> Amends:
        found, _created = cls.objects.get_or_create(user=user)
        return found


def inventory_written(user: User) -> bool:
    """At least one entry is about the user's own part (an entry about them alone isn't)."""
    return InventoryEntry.objects.filter(user=user, counts=True).exists()


def get_entry_for_user(request: HttpRequest, pk: int) -> InventoryEntry:
    return owned_or_404(InventoryEntry, request, pk)
