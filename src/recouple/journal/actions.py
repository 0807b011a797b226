"""The journal's writes, one function each, called by the page and the API alike.

Each takes the user (or the entry the caller fetched with `owned_or_404`) and values EntryForm
has already validated (feeling words checked by `program.journal.clean_emotions`, the prompt
kept only if it is one of the program's questions), and returns the saved entry. Crisis words
never block a save.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.journal.models import Entry, LetGo, Word
from recouple.program import journal as rules

ENTRY_FIELDS = ("mood", "emotions", "activities", "text", "prompt")


def write_entry(user: User, values: Mapping[str, Any]) -> Entry:
    """An entry for today in the user's zone."""
    entry = Entry(user=user, day=user.today())
    return edit_entry(entry, values)


def edit_entry(entry: Entry, values: Mapping[str, Any]) -> Entry:
    """Change the parts given; its day stays the day it was written. ``words`` are the
    user's own words (the form offers only theirs)."""
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(entry, name, values[name])
    with transaction.atomic():
        entry.save()
        if "words" in values:
            entry.words.set(values["words"])
    return entry


def write_let_go(user: User, text: str) -> LetGo:
    """This week's let-go note (the week in the user's zone): written, or rewritten."""
    note, _created = LetGo.objects.update_or_create(
        user=user, week=rules.week_of(user.today()), defaults={"text": text, "written_at": now()}
    )
    return note


def add_word(user: User, values: Mapping[str, Any]) -> Word:
    """A feeling word or activity of the user's own, from WordForm's values."""
    word = Word(user=user, kind=values["kind"], name=values["name"])
    word.save()
    return word


def rename_word(word: Word, name: str) -> Word:
    """A new name, on every entry that has the word."""
    word.name = name
    word.save(update_fields=["name"])
    return word


def set_word_archived(word: Word, archived: bool) -> Word:
    """Hidden from the entry form (or back); the entries that have it keep it."""
    word.archived = archived
    word.save(update_fields=["archived"])
    return word
