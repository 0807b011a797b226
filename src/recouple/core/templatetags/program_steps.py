"""The program's steps for templates, from `recouple.program.steps`."""

from __future__ import annotations

from django import template

from recouple.program import steps as content
from recouple.program import together

register = template.Library()


@register.simple_tag
def step_number(slug: str) -> int:
    """The number of the step with this slug (LookupError for an unknown slug)."""
    return content.step(slug).number


@register.simple_tag
def step_count() -> int:
    return len(content.STEPS)


@register.simple_tag
def program_steps() -> tuple[content.Step, ...]:
    """All the steps, in order, with their titles and one-line summaries."""
    return content.STEPS


@register.simple_tag
def check_in_every() -> int:
    """How often, in days, a couple back together checks in on the old patterns."""
    return together.CHECK_IN_EVERY_DAYS
