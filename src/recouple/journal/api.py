from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import User, request_user
from recouple.core.schemas import Text, bound_form
from recouple.core.situation import situation_of
from recouple.journal import actions
from recouple.journal.forms import TEXT_LIMIT, EntryForm, LetGoForm
from recouple.journal.models import (
    Entry,
    LetGo,
    get_entry_for_user,
    get_let_go_for_user,
    todays_prompt,
)
from recouple.program import journal as rules

router = Router(tags=["journal"])


class EntryIn(Schema):
    mood: int | None = Field(None, ge=1, le=5)
    emotions: list[Text] = Field(default_factory=list, max_length=len(rules.EMOTIONS))
    text: Text = Field("", max_length=TEXT_LIMIT)
    prompt: Text = Field("", max_length=300)


class EntryPatch(Schema):
    mood: int | None = Field(None, ge=1, le=5)
    emotions: list[Text] | None = Field(None, max_length=len(rules.EMOTIONS))
    text: Text | None = Field(None, max_length=TEXT_LIMIT)


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
    prompt: str
    text: str
    crisis: bool
    crisis_lines: list[CrisisLineOut]
    only_happy_with_ex: bool


class PromptOut(Schema):
    prompt: str
    emotions: list[str]


def entry_out(entry: Entry, user: User, *, full: bool = True) -> dict[str, Any]:
    crisis = full and entry.crisis()
    return {
        "id": entry.pk,
        "day": entry.day,
        "written_at": entry.written_at,
        "mood": entry.mood,
        "emotions": entry.emotion_list,
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
    }


@router.get("/journal/entries", response=list[EntryOut], url_name="journal_entries")
def list_entries(request: HttpRequest, limit: int = 100) -> list[Any]:
    """Newest first, up to ``limit`` (at most 500). Crisis flags come with a single entry."""
    user = request_user(request)
    count = max(1, min(limit, 500))
    return [entry_out(e, user, full=False) for e in Entry.objects.filter(user=user)[:count]]


@router.post("/journal/entries", response={201: EntryOut}, url_name="journal_entries")
def write(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    """Save an entry for today. Crisis words never block the save: they add crisis lines."""
    user = request_user(request)
    form = bound_form(EntryForm, payload.model_dump())
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
    }
    form = bound_form(EntryForm, {**current, **changes}, instance=entry)
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
