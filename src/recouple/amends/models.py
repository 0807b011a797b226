"""Step 2, make it right: the user's own part, an apology that asks nothing back, and a
note of self-forgiveness for the user alone. All of it encrypted."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField


class InventoryEntry(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="inventory")
    what_i_did = EncryptedTextField(_("What I did"))
    impact = EncryptedTextField(_("How it affected them"))
    pattern = EncryptedTextField(_("The pattern or trigger behind it"), blank=True, default="")
    doing_about_it = EncryptedTextField(_("What I’m doing about it"), blank=True, default="")
    created = models.DateTimeField(default=now)
    updated = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return f"inventory entry {self.pk}"


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
    return InventoryEntry.objects.filter(user=user).exists()


def get_entry_for_user(request: HttpRequest, pk: int) -> InventoryEntry:
    return owned_or_404(InventoryEntry, request, pk)
