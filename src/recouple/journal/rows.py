"""The journal list as rows ready to show: worked out once in Python rather than piece by piece
in the template (a page of twenty entries was most of the journal page's time)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from recouple.journal.models import Entry

PREVIEW_CHARS = 140


@dataclass(frozen=True)
class EntryRow:
    pk: int
    url: str
    day: str  # "Thursday 3 December 2026", as the date filter's "l j F Y" gives it
    mood: int | None
    mood_label: str
    emotions: list[str]  # the feelings, built-in and the user's own
    activities: list[str]  # the same for activities
    preview: str


def long_day(day: date, names: dict[object, str]) -> str:
    """The day as "l j F Y", with each weekday and month name translated once per page."""
    weekday = WEEKDAYS[day.weekday()]
    month = MONTHS[day.month]
    for name in (weekday, month):
        if name not in names:
            names[name] = str(name)
    return f"{names[weekday]} {day.day} {names[month]} {day.year}"


def entry_rows(entries: Iterable[Entry]) -> list[EntryRow]:
    names: dict[object, str] = {}
    words: dict[str, str] = {}
    rows = []
    for entry in entries:
        text = str(entry.text)
        emotions = []
        activities = []
        for word in entry.emotion_list:
            if word not in words:
                words[word] = gettext(capfirst(word))
            emotions.append(words[word])
        for word in entry.activity_list:
            if word not in words:
                words[word] = gettext(capfirst(word))
            activities.append(words[word])
        # Prefetched by the caller: one query for the page, not one per entry.
        for own in entry.words.all():
            (emotions if own.kind == "feeling" else activities).append(str(own.name))
        rows.append(
            EntryRow(
                pk=entry.pk,
                url=reverse("journal:entry", args=[entry.pk]),
                day=long_day(entry.day, names),
                mood=entry.mood,
                mood_label=gettext(entry.mood_label) if entry.mood else "",
                emotions=emotions,
                activities=activities,
                preview=Truncator(text).chars(PREVIEW_CHARS) if text else "",
            )
        )
    return rows
