from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import User, request_user
from recouple.core.schemas import Text, bound_form
from recouple.core.situation import situation_of
from recouple.journal import actions
from recouple.journal.forms import TEXT_LIMIT, EntryForm, LetGoForm, WordForm
from recouple.journal.models import (
    Entry,
    LetGo,
    Word,
    get_entry_for_user,
    get_let_go_for_user,
    get_word_for_user,
    todays_prompt,
    words_of,
)
from recouple.program import journal as rules

router = Router(tags=["journal"])


class EntryIn(Schema):
    mood: int | None = Field(None, ge=1, le=5)
    emotions: list[Text] = Field(default_factory=list, max_length=len(rules.EMOTIONS))
    activities: list[Text] = Field(default_factory=list, max_length=len(rules.ACTIVITIES))
    # Ids of the user's own words (GET /journal/words).
    words: list[int] = Field(default_factory=list, max_length=rules.MAX_OWN_WORDS)
    text: Text = Field("", max_length=TEXT_LIMIT)
    prompt: Text = Field("", max_length=300)


class EntryPatch(Schema):
    mood: int | None = Field(None, ge=1, le=5)
    emotions: list[Text] | None = Field(None, max_length=len(rules.EMOTIONS))
    activities: list[Text] | None = Field(None, max_length=len(rules.ACTIVITIES))
    words: list[int] | None = Field(None, max_length=rules.MAX_OWN_WORDS)
    text: Text | None = Field(None, max_length=TEXT_LIMIT)


WordKind = Literal["feeling", "activity"]


class WordIn(Schema):
    kind: WordKind
    name: Text = Field(max_length=rules.WORD_LIMIT)


class WordPatch(Schema):
    name: Text | None = Field(None, max_length=rules.WORD_LIMIT)
    archived: bool | None = None


class WordOut(Schema):
    id: int
    kind: str
    name: str
    archived: bool


class CrisisLineOut(Schema):
    name: str
    how: str
    phone: str | None
    text: str | None
    text_word: str | None
    hours: str | None
    languages: list[str]
    url: str | None


class EntryOut(Schema):
    id: int
    day: date
    written_at: datetime
    mood: int | None
    emotions: list[str]
    activities: list[str]
    words: list[WordOut]
    prompt: str
    text: str
    crisis: bool
    crisis_lines: list[CrisisLineOut]
    only_happy_with_ex: bool


class PromptOut(Schema):
    prompt: str
    emotions: list[str]
    activities: list[str]


def word_out(word: Word) -> dict[str, Any]:
    return {"id": word.pk, "kind": word.kind, "name": str(word.name), "archived": word.archived}


def entry_out(entry: Entry, user: User, *, full: bool = True) -> dict[str, Any]:
    crisis = full and entry.crisis()
    return {
        "id": entry.pk,
        "day": entry.day,
        "written_at": entry.written_at,
        "mood": entry.mood,
        "emotions": entry.emotion_list,
        "activities": entry.activity_list,
        "words": [word_out(w) for w in entry.words.all()],
        "prompt": entry.prompt,
        "text": str(entry.text),
        "crisis": crisis,
        "crisis_lines": [vars(line) for line in user.crisis_lines()] if crisis else [],
        "only_happy_with_ex": full and entry.leans_on_ex(),
    }


@router.get("/journal/prompt", response=PromptOut, url_name="journal_prompt")
def prompt(request: HttpRequest) -> dict[str, Any]:
    """Today's suggested question (it changes day by day) and the feeling words."""
    return {
        "prompt": todays_prompt(request_user(request), situation_of(request)),
        "emotions": list(rules.EMOTIONS),
        "activities": list(rules.ACTIVITIES),
    }


@router.get("/journal/entries", response=list[EntryOut], url_name="journal_entries")
def list_entries(request: HttpRequest, limit: int = 100) -> list[Any]:
    """Newest first, up to ``limit`` (at most 500). Crisis flags come with a single entry."""
    user = request_user(request)
    count = max(1, min(limit, 500))
    entries = Entry.objects.filter(user=user).prefetch_related("words")[:count]
    return [entry_out(e, user, full=False) for e in entries]


@router.post("/journal/entries", response={201: EntryOut}, url_name="journal_entries")
def write(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    """Save an entry for today. Crisis words never block the save: they add crisis lines."""
    user = request_user(request)
    form = bound_form(EntryForm, payload.model_dump(), words=words_of(user))
    return Status(201, entry_out(actions.write_entry(user, form.cleaned_data), user))


@router.get("/journal/entries/{entry_id}", response=EntryOut, url_name="journal_entry")
def read(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    return entry_out(get_entry_for_user(request, entry_id), request_user(request))


@router.patch("/journal/entries/{entry_id}", response=EntryOut, url_name="journal_entry")
def update(request: HttpRequest, entry_id: int, payload: EntryPatch) -> dict[str, Any]:
    entry = get_entry_for_user(request, entry_id)
    changes = payload.model_dump(exclude_unset=True)
    current: dict[str, Any] = {
        "mood": entry.mood,
        "text": str(entry.text),
        "prompt": entry.prompt,
        "emotions": entry.emotion_list,
        "activities": entry.activity_list,
        "words": [link.word_id for link in entry.word_links.all()],
    }
    words = words_of(request_user(request))
    form = bound_form(EntryForm, {**current, **changes}, instance=entry, words=words)
    return entry_out(actions.edit_entry(entry, form.cleaned_data), request_user(request))


@router.delete("/journal/entries/{entry_id}", response={204: None}, url_name="journal_entry")
def delete(request: HttpRequest, entry_id: int) -> Status[None]:
    get_entry_for_user(request, entry_id).delete()
    return Status(204, None)


class LetGoIn(Schema):
    text: Text = Field(max_length=rules.LET_GO_LIMIT * 2)


class LetGoOut(Schema):
    id: int
    week: date
    text: str
    written_at: datetime
    crisis: bool
    crisis_lines: list[CrisisLineOut]


def let_go_out(note: LetGo, user: User) -> dict[str, Any]:
    crisis = note.crisis()
    return {
        "id": note.pk,
        "week": note.week,
        "text": note.text,
        "written_at": note.written_at,
        "crisis": crisis,
        "crisis_lines": [vars(line) for line in user.crisis_lines()] if crisis else [],
    }


@router.get("/journal/let-go", response=list[LetGoOut], url_name="let_go_notes")
def list_let_go(request: HttpRequest) -> list[dict[str, Any]]:
    """Your weekly notes of what you've let go of, newest week first."""
    user = request_user(request)
    return [let_go_out(note, user) for note in LetGo.objects.filter(user=user)]


@router.put("/journal/let-go", response=LetGoOut, url_name="let_go_notes")
def put_let_go(request: HttpRequest, payload: LetGoIn) -> dict[str, Any]:
    """Write this week's note (the week in your time zone); writing again changes it."""
    user = request_user(request)
    form = bound_form(LetGoForm, payload.model_dump())
    return let_go_out(actions.write_let_go(user, form.cleaned_data["text"]), user)


@router.delete("/journal/let-go/{note_id}", response={204: None}, url_name="let_go_note")
def delete_let_go(request: HttpRequest, note_id: int) -> Status[None]:
    get_let_go_for_user(request, note_id).delete()
    return Status(204, None)


@router.get("/journal/words", response=list[WordOut], url_name="journal_words")
def list_words(request: HttpRequest) -> list[dict[str, Any]]:
    """The user's own feeling words and activities, hidden ones too."""
    return [word_out(w) for w in words_of(request_user(request))]


@router.post("/journal/words", response={201: WordOut}, url_name="journal_words")
def add_word(request: HttpRequest, payload: WordIn) -> Status[dict[str, Any]]:
    user = request_user(request)
    form = bound_form(WordForm, payload.model_dump(), words=words_of(user))
    return Status(201, word_out(actions.add_word(user, form.cleaned_data)))


@router.get("/journal/words/{word_id}", response=WordOut, url_name="journal_word")
def read_word(request: HttpRequest, word_id: int) -> dict[str, Any]:
    return word_out(get_word_for_user(request, word_id))


@router.patch("/journal/words/{word_id}", response=WordOut, url_name="journal_word")
def update_word(request: HttpRequest, word_id: int, payload: WordPatch) -> dict[str, Any]:
    """A new name (on every entry that has it) or hidden from the form (or back)."""
    word = get_word_for_user(request, word_id)
    changes = payload.model_dump(exclude_unset=True)
    if changes.get("name") is not None:
        words = words_of(request_user(request))
        form = bound_form(WordForm, {"name": changes["name"]}, words=words, word=word)
        actions.rename_word(word, form.cleaned_data["name"])
    if changes.get("archived") is not None:
        actions.set_word_archived(word, changes["archived"])
    return word_out(word)
