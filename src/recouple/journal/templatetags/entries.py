"""The journal list's items, drawn in Python (see `recouple.journal.rows.entry_items`)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString

from recouple.journal.rows import EntryRow
from recouple.journal.rows import entry_items as draw

register = template.Library()


@register.simple_tag
def entry_items(rows: Iterable[EntryRow]) -> SafeString:
    return draw(rows)
