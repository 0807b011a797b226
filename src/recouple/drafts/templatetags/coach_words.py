"""The coach's words for templates, from `recouple.coach.labels`."""

from __future__ import annotations

from django import template

from recouple.coach.labels import NAMES, TITLES

register = template.Library()


@register.filter
def label_title(label: str) -> str:
    """A finding's title on the page, e.g. "Guilt trip" for ``guilt_trip``."""
    return TITLES.get(label) or NAMES.get(label, label).capitalize()
