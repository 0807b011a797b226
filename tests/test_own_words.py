"""The user's own feeling words and activities (as Daylio lets people name their own), and
what goes with their moods: the average mood with each word and without it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recouple.accounts.models import User
from recouple.journal.models import Entry, EntryWord, Word
from recouple.program.journal import COMPANION_MIN_DAYS, Companion, companions
from tests.conftest import signed_in

WORDS = "/journal/words/"
JOURNAL = "/journal/"
YEAR = "/journal/year/"
NOON = "2026-06-15 12:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen() -> Any:
    # Mid-year, so a few weeks back stay in this year.
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def test_with_and_without_compares_the_rated_days_and_waits_for_enough_of_both() -> None:
    days = {
        date(2026, 1, 1): (5.0, ["activity:exercise"]),
        date(2026, 1, 2): (4.0, ["activity:exercise", "own:7"]),
        date(2026, 1, 3): (2.0, ["own:7"]),
        date(2026, 1, 4): (1.0, []),
        date(2026, 1, 5): (None, ["activity:exercise"]),  # not rated: counts for nothing
    }
    found = {c.key: c for c in companions(days)}
    assert found["activity:exercise"] == Companion("activity:exercise", 2, 4.5, 1.5, 2)
    assert found["activity:exercise"].difference == 3.0
    assert found["own:7"] == Companion("own:7", 2, 3.0, 3.0, 2)
    # On every rated day but one: nothing to compare it with yet.
    lonely = companions(
        {date(2026, 1, d): (3.0, ["x"]) for d in range(1, 5)} | {date(2026, 1, 9): (1.0, [])}
    )
    assert lonely == [Companion("x", 4, 3.0, None, 1)]
    assert COMPANION_MIN_DAYS == 2


@pytest.mark.django_db
def test_an_own_activity_is_added_offered_on_the_form_and_kept_with_the_entry(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(WORDS, {"kind": "activity", "name": "  Yoga  "})
    assert response.status_code == 302
    word = Word.objects.get(user=owner)
    assert (word.kind, str(word.name), word.archived) == ("activity", "Yoga", False)
    form = owner_client.get(JOURNAL).content.decode()
    assert f'name="words" value="{word.pk}"' in form and "Yoga" in form
    response = owner_client.post(
        JOURNAL, {"mood": "4", "activities": ["outdoors"], "words": [str(word.pk)]}
    )
    assert response.status_code == 302
    entry = Entry.objects.get(user=owner)
    assert entry.activity_list == ["outdoors"]
    assert list(entry.words.all()) == [word]
    page = owner_client.get(JOURNAL).content.decode()
    assert "Yoga" in page.split('id="entries-heading"')[1]
    assert "Outdoors" in page.split('id="entries-heading"')[1]


@pytest.mark.django_db
def test_renaming_an_own_word_renames_it_on_every_entry(owner: User, owner_client: Client) -> None:
    word = Word.objects.create(user=owner, kind="feeling", name="Homesik")
    for back in range(3):
        entry = Entry.objects.create(user=owner, day=owner.today() - timedelta(days=back), mood=3)
        EntryWord.objects.create(entry=entry, word=word)
    assert owner_client.post(f"{WORDS}{word.pk}/", {"name": "Homesick"}).status_code == 302
    page = owner_client.get(JOURNAL).content.decode().split('id="entries-heading"')[1]
    assert page.count("Homesick") == 3 and "Homesik<" not in page


@pytest.mark.django_db
def test_a_hidden_word_leaves_the_form_but_stays_on_the_entries_that_have_it(
    owner: User, owner_client: Client
) -> None:
    word = Word.objects.create(user=owner, kind="feeling", name="Raw")
    entry = Entry.objects.create(user=owner, day=owner.today(), mood=2)
    EntryWord.objects.create(entry=entry, word=word)
    assert owner_client.post(f"{WORDS}{word.pk}/hide/").status_code == 302
    word.refresh_from_db()
    assert word.archived
    assert f'name="words" value="{word.pk}"' not in owner_client.get(JOURNAL).content.decode()
    # The entry still shows it, and its edit form keeps it ticked: saving loses nothing.
    edit = owner_client.get(f"/journal/{entry.pk}/?edit=1").content.decode()
    box = edit.split(f'name="words" value="{word.pk}"')[1].split(">")[0]
    assert "checked" in box
    owner_client.post(f"/journal/{entry.pk}/", {"mood": "3", "words": [str(word.pk)]})
    assert list(entry.words.all()) == [word]
    # And back again.
    owner_client.post(f"{WORDS}{word.pk}/hide/")
    assert f'name="words" value="{word.pk}"' in owner_client.get(JOURNAL).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "name", "problem"),
    [
        ("feeling", "Sad", "You already have “Sad”."),
        ("feeling", "yoga", "You already have “yoga”."),
        ("activity", "   ", "Please type the word."),
        ("activity", "x" * 41, "under 40 characters"),
        ("mood", "Calm-ish", "Choose a feeling or an activity."),
    ],
)
def test_a_word_that_cant_be_added_says_why_and_keeps_what_was_typed(
    owner: User, owner_client: Client, kind: str, name: str, problem: str
) -> None:
    Word.objects.create(user=owner, kind="feeling", name="Yoga")
    response = owner_client.post(WORDS, {"kind": kind, "name": name})
    assert response.status_code == 400
    page = response.content.decode()
    assert problem in page.replace("&#x27;", "'")
    if name.strip():
        assert f'value="{name}"' in page
    assert Word.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
def test_a_rename_that_clashes_shows_the_error_at_the_word_with_the_typed_name(
    owner: User, owner_client: Client
) -> None:
    Word.objects.create(user=owner, kind="activity", name="Yoga")
    word = Word.objects.create(user=owner, kind="activity", name="Swim")
    response = owner_client.post(f"{WORDS}{word.pk}/", {"name": "YOGA"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You already have “YOGA”." in page and 'value="YOGA"' in page
    word.refresh_from_db()
    assert str(word.name) == "Swim"


@pytest.mark.django_db
def test_an_entry_cannot_carry_another_users_word(owner: User, outsider: User, api: Any) -> None:
    theirs = Word.objects.create(user=outsider, kind="feeling", name="Theirs")
    response = api("POST", "/journal/entries", {"mood": 3, "words": [theirs.pk]})
    assert response.status_code == 400
    assert "isn’t one of your own words" in response.json()["error"]
    assert not Entry.objects.filter(user=owner).exists()
    client = signed_in(owner)
    assert client.post(JOURNAL, {"mood": "3", "words": [str(theirs.pk)]}).status_code == 400
    assert not EntryWord.objects.exists()


@pytest.mark.django_db
def test_own_words_through_the_api(owner: User, api: Any) -> None:
    made = api("POST", "/journal/words", {"kind": "activity", "name": "Climbing"})
    assert made.status_code == 201
    word = made.json()
    assert word == {"id": word["id"], "kind": "activity", "name": "Climbing", "archived": False}
    assert (
        api("POST", "/journal/words", {"kind": "activity", "name": "climbing"}).status_code == 400
    )
    entry = api(
        "POST",
        "/journal/entries",
        {"mood": 5, "activities": ["friends"], "words": [word["id"]], "text": "Good day"},
    ).json()
    assert entry["activities"] == ["friends"]
    assert [w["name"] for w in entry["words"]] == ["Climbing"]
    renamed = api("PATCH", f"/journal/words/{word['id']}", {"name": "Bouldering"}).json()
    assert renamed["name"] == "Bouldering"
    hidden = api("PATCH", f"/journal/words/{word['id']}", {"archived": True}).json()
    assert hidden["archived"] is True
    listed = api("GET", "/journal/entries").json()
    assert [w["name"] for w in listed[0]["words"]] == ["Bouldering"]
    # A patch that leaves out the words keeps them.
    api("PATCH", f"/journal/entries/{entry['id']}", {"mood": 4})
    assert [w["name"] for w in api("GET", f"/journal/entries/{entry['id']}").json()["words"]] == [
        "Bouldering"
    ]
    assert api("GET", "/journal/prompt").json()["activities"][0] == "slept well"


@pytest.mark.django_db
def test_the_year_page_shows_moods_with_and_without_each_feeling_and_activity(
    owner: User, owner_client: Client
) -> None:
    word = Word.objects.create(user=owner, kind="activity", name="Choir")
    today = owner.today()
    for back in range(6):
        entry = Entry.objects.create(
            user=owner,
            day=today - timedelta(days=back),
            mood=5 if back % 2 else 2,
            activities="outdoors" if back % 2 else "",
        )
        if back % 2:
            EntryWord.objects.create(entry=entry, word=word)
    page = owner_client.get(YEAR).content.decode()
    section = page.split('id="companions-heading"')[1]
    assert "Choir" in section and "Outdoors" in section
    assert "With it: 5.0 of 5, on 3 days." in section
    assert "Without it: 2.0, on 3 days." in section


@pytest.mark.django_db
def test_the_year_page_says_kindly_when_there_is_not_enough_yet(
    owner: User, owner_client: Client
) -> None:
    Entry.objects.create(user=owner, day=owner.today(), mood=3, emotions="calm")
    section = owner_client.get(YEAR).content.decode().split('id="companions-heading"')[1]
    assert "Not enough yet." in section
    assert "So far you’ve rated 1 day this year." in section


@pytest.mark.django_db
def test_the_journal_and_year_pages_read_own_words_in_a_fixed_number_of_queries(
    owner: User,
) -> None:
    client = signed_in(owner)
    words = [Word.objects.create(user=owner, kind="feeling", name=f"w{n}") for n in range(4)]

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            entry = Entry.objects.create(
                user=owner, day=owner.today() - timedelta(days=n), mood=3, activities="work"
            )
            for word in words[: n % 4 + 1]:
                EntryWord.objects.create(entry=entry, word=word)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(3, 0)
    few = (queries(JOURNAL), queries(YEAR))
    add(40, 3)
    assert (queries(JOURNAL), queries(YEAR)) == few
