"""Step 2's writes, one function each, called by the pages and the API alike.

Each takes the user (or their row) and values a form has already validated, and returns the
saved row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.amends.models import Amends, InventoryEntry

ENTRY_FIELDS = ("what_i_did", "impact", "pattern", "doing_about_it")
# The most entries the inventory holds: a list to look at honestly, not an archive.
ENTRY_LIMIT = 30


class InventoryFull(Exception):
    """The inventory already holds ENTRY_LIMIT entries: nothing was added."""


def add_inventory_entry(user: User, values: Mapping[str, Any]) -> InventoryEntry:
    """Write down one thing the user did, from EntryForm's cleaned values.

    Raises InventoryFull at ENTRY_LIMIT entries (counted under a row lock, so two adds at
    once can't both pass).
    """
    entry = InventoryEntry(user=user)
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    with transaction.atomic():
        held = InventoryEntry.objects.select_for_update().filter(user=user).count()
        if held >= ENTRY_LIMIT:
            raise InventoryFull
        entry.save()
    return entry


def edit_inventory_entry(entry: InventoryEntry, values: Mapping[str, Any]) -> InventoryEntry:
    """Change an entry the caller has already fetched with `owned_or_404`."""
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    entry.updated = now()
    entry.save()
    return entry


def write_amends(
    user: User, *, apology: str | None = None, self_forgiveness: str | None = None
) -> Amends:
    """The apology and/or the self-forgiveness note; a part left as None stays as it was."""
    amends = Amends.for_user(user)
    if apology is not None:
        amends.apology = apology.strip()
    if self_forgiveness is not None:
        amends.self_forgiveness = self_forgiveness.strip()
    amends.updated = now()
    amends.save()
    return amends
