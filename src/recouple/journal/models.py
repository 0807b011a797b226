"""The journal: a mood, a few feeling words and free text, one entry at a time.

Like every event, an entry keeps the user's local calendar day it was written on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, overload

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple import coach
from recouple.accounts.models import User, owned_or_404
from recouple.core import sql
from recouple.core.fields import EncryptedTextField
from recouple.core.situation import Situation
from recouple.program import harddays
from recouple.program import journal as rules

WORD_KIND_CHOICES = [(kind, _(label)) for kind, label in rules.WORD_KINDS]


class Word(models.Model):
    """A feeling word or an activity of the user's own, shown beside the built-in ones.

    Renaming one renames it on every entry that has it; hiding one takes it off the entry
    form but keeps it on the entries (and in what goes with the moods)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="journal_words")
    kind = models.CharField(max_length=10, choices=WORD_KIND_CHOICES)
    name = EncryptedTextField()
    archived = models.BooleanField(default=False)
    created = models.DateTimeField(default=now)

    class Meta:
        ordering = ["kind", "archived", "created", "pk"]

    def __str__(self) -> str:
        return f"word {self.pk} ({self.kind})"

    @property
    def key(self) -> str:
        """How the word is counted with the moods: by id, so a rename keeps its history."""
        return f"own:{self.pk}"


class Entry(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="journal_entries")
    day = models.DateField()
    written_at = models.DateTimeField(default=now)
    mood = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # Feeling words from the fixed list, comma-separated; encrypted like the text.
    emotions = EncryptedTextField(blank=True, default="")
    prompt = models.CharField(max_length=300, blank=True, default="")
    text = EncryptedTextField(blank=True, default="")
    # Activities from the built-in list, comma-separated, like the feeling words.
    activities = EncryptedTextField(blank=True, default="")
    words: models.ManyToManyField[Word, EntryWord] = models.ManyToManyField(
        Word, through="EntryWord", related_name="entries", blank=True
    )

    class Meta:
        ordering = ["-day", "-written_at", "-pk"]
        # In the list's order: its page is the first rows of the index, however many
        # entries there are (the days of a window, by the same index's first two columns).
        indexes = [
            models.Index(fields=["user", "day", "written_at", "id"], name="entry_user_newest")
        ]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"journal entry {self.pk}"

    @property
    def emotion_list(self) -> list[str]:
        return rules.clean_emotions(str(self.emotions).split(","))

    @property
    def activity_list(self) -> list[str]:
        return rules.clean_activities(str(self.activities).split(","))

    @property
    def mood_label(self) -> str:
        return dict(rules.MOODS).get(self.mood or 0, "")

    def crisis(self) -> bool:
        return shows_crisis(str(self.text))

    def leans_on_ex(self) -> bool:
        return rules.only_happy_with_ex(str(self.text))


class EntryWord(models.Model):
    """One of the user's own words on one of their entries."""

    # The entry comes first: the export finds the owner through it.
    entry = models.ForeignKey(Entry, models.CASCADE, related_name="word_links")
    word = models.ForeignKey(Word, models.CASCADE, related_name="entry_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "word"], name="one_link_per_word")]

    def __str__(self) -> str:
        return f"word {self.word_id} on entry {self.entry_id}"


CHUNK = coach.MAX_CHARS - 200


def shows_crisis(text: str) -> bool:
    """Does the text show thoughts of suicide or self-harm? Long texts are read in pieces."""
    if not text.strip():
        return False
    # Pieces overlap so a sentence cut in two is still read whole in one of them.
    for start in range(0, len(text), CHUNK):
        piece = text[max(0, start - 200) : start + CHUNK]
        if piece.strip() and coach.check(piece, coach.Context(kind="journal")).crisis:
            return True
    return False


def recent_prompts(user: User, today: date, days: int = 7) -> list[str]:
    return sql.run(recent_prompts_query(user, today, days))


def recent_prompts_query(user: User, today: date, days: int = 7) -> sql.Read[list[str]]:
    first = today.fromordinal(today.toordinal() - days)
    return sql.Read(
        f"SELECT prompt FROM {sql.table(Entry)} WHERE user_id = %s AND day >= %s AND prompt <> ''",
        [user.pk, sql.day_param(first)],
        lambda found: [prompt for (prompt,) in found],
    )


class EntryList:
    """A user's entries, newest first, as a paginator reads them: a count, then one page.

    In SQL (see core.sql): the journal's list is on one of the pages opened every day. The
    journal reads its count and the page it expects with the rest of the page (`keep`)."""

    def __init__(self, user: User) -> None:
        self.user = user
        self._count: int | None = None
        self._window: tuple[int, int, list[Entry]] | None = None

    def count_query(self) -> sql.Read[int]:
        return sql.Read(
            f"SELECT COUNT(*) FROM {sql.table(Entry)} WHERE user_id = %s",
            [self.user.pk],
            lambda found: int(found[0][0]),
        )

    def window_query(self, first: int, last: int) -> sql.Read[list[Entry]]:
        select, make = sql.columns(Entry)
        return sql.Read(
            f"SELECT {select} FROM {sql.table(Entry)} WHERE user_id = %s"
            " ORDER BY day DESC, written_at DESC, id DESC LIMIT %s OFFSET %s",
            [self.user.pk, max(0, last - first), first],
            make,
        )

    def keep(self, count: int, first: int, last: int, entries: list[Entry]) -> None:
        """What `count_query` and ``window_query(first, last)`` read: not read again."""
        self._count, self._window = count, (first, last, entries)

    def count(self) -> int:
        if self._count is None:
            self._count = sql.run(self.count_query())
        return self._count

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> list[Entry]: ...

    def __getitem__(self, index: int | slice) -> Entry | list[Entry]:
        if isinstance(index, int):
            found = self[index : index + 1]
            if index < 0 or not found:
                raise IndexError(index)
            return found[0]
        first, last = index.start or 0, index.stop
        if last is None or index.step is not None or first < 0 or last < 0:
            raise TypeError("EntryList takes a window such as [20:40]")
        if self._window is not None:
            kept_first, kept_last, kept = self._window
            if first == kept_first and last <= kept_last:
                return kept[: max(0, last - first)]
        return sql.run(self.window_query(first, last))

    def __iter__(self) -> Iterator[Entry]:
        return iter(self[0 : self.count()])


def todays_prompt(user: User, situation: Situation, recent: list[str] | None = None) -> str:
    """The question for today, from where the user is on the path (on a day they marked as
    hard, the question is about that day). ``recent``: the `recent_prompts`, if read."""
    today = situation.today
    if situation.hard_day_today is not None:
        return harddays.HARD_DAY_PROMPT
    if recent is None:
        recent = recent_prompts(user, today)
    return rules.prompt_for(situation.path().phase.value, today, recent)


def mood_by_day(user: User, first: date, last: date) -> dict[date, float]:
    """The average mood of each day with a rated entry, in one query (SQL: see core.sql)."""
    return sql.run(mood_by_day_query(user, first, last))


def mood_by_day_query(user: User, first: date, last: date) -> sql.Read[dict[date, float]]:
    return sql.Read(
        f"SELECT {sql.day_column('day')}, AVG(mood) FROM {sql.table(Entry)}"
        " WHERE user_id = %s AND day >= %s AND day <= %s AND mood IS NOT NULL"
        " GROUP BY day ORDER BY day",
        [user.pk, sql.day_param(first), sql.day_param(last)],
        lambda found: {sql.day(day): float(mean) for day, mean in found},
    )


def own_words_on(entries: list[Entry]) -> dict[int, list[Word]]:
    """The user's own words on each of ``entries``, by entry id, in one query."""
    if not entries:
        return {}
    ids = [e.pk for e in entries]
    return sql.run(_words_on(f"{sql.placeholders(ids)}", ids))


def own_words_on_window(user: User, first: int, last: int) -> sql.Read[dict[int, list[Word]]]:
    """`own_words_on` the entries of ``EntryList(user)[first:last]``, read without them."""
    entries = (
        f"SELECT id FROM {sql.table(Entry)} WHERE user_id = %s"
        " ORDER BY day DESC, written_at DESC, id DESC LIMIT %s OFFSET %s"
    )
    return _words_on(entries, [user.pk, max(0, last - first), first])


def _words_on(entries: str, params: list[Any]) -> sql.Read[dict[int, list[Word]]]:
    # In SQL (see core.sql): the journal's list reads it on every visit.
    select, make = sql.columns(Word, alias="w")

    def by_entry(found: sql.Rows) -> dict[int, list[Word]]:
        words: dict[int, list[Word]] = {}
        for row, word in zip(found, make([row[:-1] for row in found]), strict=True):
            words.setdefault(row[-1], []).append(word)
        return words

    return sql.Read(
        f"SELECT {select}, l.entry_id FROM {sql.table(EntryWord)} l"
        f" JOIN {sql.table(Word)} w ON w.id = l.word_id"
        f" WHERE l.entry_id IN ({entries}) ORDER BY w.kind, w.created, w.id",
        params,
        by_entry,
    )


def words_of(user: User) -> list[Word]:
    """The user's own words, hidden ones too, in the model's order (in SQL: the journal's
    form reads them on every visit)."""
    return sql.run(words_query(user))


def words_query(user: User) -> sql.Read[list[Word]]:
    select, make = sql.columns(Word)
    return sql.Read(
        f"SELECT {select} FROM {sql.table(Word)} WHERE user_id = %s"
        " ORDER BY kind, archived, created, id",
        [user.pk],
        make,
    )


def get_word_for_user(request: HttpRequest, pk: int) -> Word:
    return owned_or_404(Word, request, pk)


def get_entry_for_user(request: HttpRequest, pk: int) -> Entry:
    return owned_or_404(Entry, request, pk)


class LetGo(models.Model):
    """Step 9, once a week: what the user has let go of. One note per week, named by its Monday
    in the user's zone; writing again the same week changes that week's note."""

    user = models.ForeignKey(User, models.CASCADE, related_name="let_go_notes")
    week = models.DateField()
    text = EncryptedTextField()
    written_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-week", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="let_go_one_per_week")]

    def __str__(self) -> str:
        return f"let-go note {self.pk}"

    def clean(self) -> None:
        if self.week is not None and rules.week_of(self.week) != self.week:
            raise ValidationError({"week": _("A week is named by its Monday.")})

    def crisis(self) -> bool:
        return shows_crisis(str(self.text))


def get_let_go_for_user(request: HttpRequest, pk: int) -> LetGo:
    return owned_or_404(LetGo, request, pk)
