"""No contact's numbers and words for templates, from `recouple.program.nocontact`."""

from __future__ import annotations

from django import template

from recouple.program import nocontact as rules

register = template.Library()


@register.filter
def milestone_words(days: int) -> str:
    """What the page says when ``days`` is the latest milestone reached."""
    return rules.milestone_words(int(days))


@register.simple_tag
def no_contact_minimum() -> int:
    """The fewest days a no-contact period lasts."""
    return rules.MINIMUM_DAYS
