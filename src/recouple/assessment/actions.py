"""Reflect's writes, one function each, called by the pages and the API alike.

Each takes the user's assessment (or the entry the caller fetched with `owned_or_404`) and
values a form or the API schema has already validated, and returns the saved row. Reports are
sealed by `Assessment.make_report`, which applies `program.readiness`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from recouple.assessment.models import ITEM_MODELS, LIST_LIMIT, Assessment, AssessmentItem


class ListFull(Exception):
    """The list already holds LIST_LIMIT entries: nothing was added."""


def record_answers(
    assessment: Assessment, values: Mapping[str, Any], *, last_page: str | None = None
) -> Assessment:
    """Single answers (the safety screen, the should/can questions); others stay as they are.

    ``last_page`` is where the pages pick up next time; the API leaves it alone.
    """
    for name, value in values.items():
        setattr(assessment, name, value)
    if last_page is not None:
        assessment.last_page = last_page
    assessment.save()
    return assessment


def _fields(kind: str) -> set[str]:
    return {field.name for field in ITEM_MODELS[kind]._meta.concrete_fields} - {
        "id",
        "assessment",
        "created",
    }


def add_item(assessment: Assessment, kind: str, values: Mapping[str, Any]) -> AssessmentItem:
    """An entry on one of the lists (reasons, changes, qualities, opinions).

    Raises ListFull once the list holds LIST_LIMIT entries; the count is taken under a row
    lock, so two adds at once can't both pass it.
    """
    names = _fields(kind)
    with transaction.atomic():
        if getattr(assessment, kind).select_for_update().count() >= LIST_LIMIT:
            raise ListFull(kind)
        item = ITEM_MODELS[kind](
            assessment=assessment, **{k: v for k, v in values.items() if k in names}
        )
        item.save()
    return item


def edit_item(item: AssessmentItem, kind: str, values: Mapping[str, Any]) -> AssessmentItem:
    names = _fields(kind)
    for name, value in values.items():
        if name in names:
            setattr(item, name, value)
    item.save()
    return item
