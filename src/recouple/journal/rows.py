"""The journal list as rows ready to show: worked out once in Python rather than piece by piece
in the template (a page of twenty entries was most of the journal page's time)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext

from recouple.core.addresses import numbered
from recouple.journal.models import Entry, Word

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


def long_day(day: date, names: dict[tuple[str, int], str]) -> str:
    """The day as "l j F Y", with each weekday and month name translated once per page (kept
    by number: a lazy name as a key is translated again each time it is looked up)."""
    weekday, month = ("weekday", day.weekday()), ("month", day.month)
    if weekday not in names:
        names[weekday] = str(WEEKDAYS[day.weekday()])
    if month not in names:
        names[month] = str(MONTHS[day.month])
    return f"{names[weekday]} {day.day} {names[month]} {day.year}"


def preview(text: str) -> str:
    """The start of an entry, as ``Truncator(text).chars(PREVIEW_CHARS)`` gives it; a text
    that fits is returned without Truncator's walk through it."""
    whole = unicodedata.normalize("NFC", text)
    if len(whole) <= PREVIEW_CHARS:
        return whole
    return Truncator(text).chars(PREVIEW_CHARS)


def entry_rows(
    entries: Iterable[Entry], own: Mapping[int, list[Word]] | None = None
) -> list[EntryRow]:
    """``own``: the user's own words on each entry, by entry id (see `own_words_on`)."""
    own = own or {}
    names: dict[tuple[str, int], str] = {}
    words: dict[str, str] = {}
    address = numbered("journal:entry")
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
        for mine in own.get(entry.pk, ()):
            (emotions if mine.kind == "feeling" else activities).append(str(mine.name))
        rows.append(
            EntryRow(
                pk=entry.pk,
                url=address(entry.pk),
                day=long_day(entry.day, names),
                mood=entry.mood,
                mood_label=gettext(entry.mood_label) if entry.mood else "",
                emotions=emotions,
                activities=activities,
                preview=preview(text) if text else "",
            )
        )
    return rows


ITEM = (
    '<li class="item entry">\n'
    '      <a class="entry-link" href="{url}">\n'
    '        <span class="entry-day">{day}</span>\n'
    "        {mood}{emotions}{activities}{preview}\n"
    "      </a>\n"
    "    </li>"
)


def entry_items(rows: Iterable[EntryRow]) -> SafeString:
    """The list's ``<li>`` items, drawn here rather than by a template loop (a page of twenty
    entries, each with its tags, was most of the journal's drawing time)."""
    items = []
    for row in rows:
        mood = (
            f'<span class="tag mood-tag mood-{row.mood}">{escape(row.mood_label)}</span>'
            if row.mood
            else ""
        )
        emotions = "".join(f'<span class="tag">{escape(word)}</span>' for word in row.emotions)
        activities = "".join(
            f'<span class="tag tag-activity">{escape(word)}</span>' for word in row.activities
        )
        preview = f'<span class="entry-preview">{escape(row.preview)}</span>' if row.preview else ""
        items.append(
            ITEM.format(
                url=escape(row.url),
                day=escape(row.day),
                mood=mood,
                emotions=emotions,
                activities=activities,
                preview=preview,
            )
        )
    # Every word in an item is escaped above; the rest is fixed markup and numbers.
    return mark_safe("\n    ".join(items))
