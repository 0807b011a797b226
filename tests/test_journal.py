"""The journal: today's prompt by phase, feeling words, the gentle watch for "only happy with my
ex", writing, editing and deleting entries on the page and through the API, the crisis card,
encryption at rest, paging and the sealed letters shown beside the entries.

Time is frozen (time_machine): an entry keeps the user's own calendar day.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from recouple.accounts.models import User
from recouple.journal.forms import EMPTY_ENTRY, TEXT_LIMIT
from recouple.journal.models import Entry
from recouple.nocontact.models import Letter
from recouple.program import journal as rules
from recouple.program.path import Phase
from tests.conftest import Api, signed_in

JOURNAL = reverse("journal:index")
CRISIS_CHECK = reverse("journal:crisis_check")
HTMX = {"HX-Request": "true"}

# A June Wednesday in the UK (BST): the owner's local date is the UTC date at noon.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)

CRISIS_TEXTS = ["I want to kill myself", "I don't want to be alive anymore"]
SAD_TEXT = "I miss her so much tonight"
A_PROMPT = rules.GENERAL[0]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def entry_url(entry: Entry) -> str:
    return reverse("journal:entry", args=[entry.pk])


def delete_url(entry: Entry) -> str:
    return reverse("journal:delete", args=[entry.pk])


def html(response: Any) -> str:
    return str(response.content.decode())


def write(user: User, text: str = "", **fields: Any) -> Entry:
    return Entry.objects.create(user=user, day=user.today(), text=text, **fields)


# --- Rules: prompts ---------------------------------------------------------------------------


def test_prompt_is_the_same_all_day() -> None:
    first = rules.prompt_for("grow", TODAY)
    assert rules.prompt_for("grow", TODAY) == first
    # Answers to other questions don't move today's question.
    others = [p for p in rules.prompts_for("grow") if p != first][:2]
    assert rules.prompt_for("grow", TODAY, others) == first


@pytest.mark.parametrize("phase", [p.value for p in Phase])
def test_prompt_changes_from_one_day_to_the_next(phase: str) -> None:
    today = rules.prompt_for(phase, TODAY)
    tomorrow = rules.prompt_for(phase, TODAY + timedelta(days=1))
    assert today != tomorrow
    assert {today, tomorrow} <= set(rules.prompts_for(phase))


def test_prompt_skips_questions_answered_recently() -> None:
    usual = rules.prompt_for("no_contact", TODAY)
    instead = rules.prompt_for("no_contact", TODAY, [usual])
    assert instead != usual
    assert instead in rules.prompts_for("no_contact")
    third = rules.prompt_for("no_contact", TODAY, [usual, instead])
    assert third not in {usual, instead}


def test_prompt_still_comes_when_every_question_was_answered_recently() -> None:
    everything = rules.prompts_for("reflect")
    assert rules.prompt_for("reflect", TODAY, everything) == rules.prompt_for("reflect", TODAY)


@pytest.mark.parametrize(
    ("phase", "shares_with"),
    [("wait", "grow"), ("reconsider", "reflect"), ("silence", "letting_go")],
)
def test_aliased_phases_ask_the_questions_of_the_phase_they_share(
    phase: str, shares_with: str
) -> None:
    assert rules.prompts_for(phase) == rules.prompts_for(shares_with)
    assert rules.prompt_for(phase, TODAY) == rules.prompt_for(shares_with, TODAY)


@pytest.mark.parametrize("phase", [p.value for p in Phase])
def test_every_phase_on_the_path_has_questions_of_its_own_and_the_general_ones(
    phase: str,
) -> None:
    prompts = rules.prompts_for(phase)
    assert len(prompts) > len(rules.GENERAL)
    assert set(rules.GENERAL) <= set(prompts)


def test_an_unknown_phase_gets_only_the_general_questions() -> None:
    assert rules.prompts_for("no-such-phase") == rules.GENERAL
    assert rules.prompt_for("no-such-phase", TODAY) in rules.GENERAL


# --- Rules: feeling words and "only happy with my ex" -------------------------------------------


def test_clean_emotions_keeps_known_words_once_in_the_lists_order() -> None:
    words = ["Proud", " sad ", "elated", "sad", "LONELY", "", "anxious,calm"]
    assert rules.clean_emotions(words) == ["sad", "lonely", "proud"]


def test_clean_emotions_of_nothing_is_empty() -> None:
    assert rules.clean_emotions([]) == []
    assert rules.clean_emotions(["", "  "]) == []


@pytest.mark.parametrize(
    "text",
    [
        "I can only be happy with him",
        "I know I could only ever be happy with my ex.",
        "I'll never feel right. I can never be happy again without her",
        "I can’t be happy without her",
        "I won't be happy without my ex-girlfriend",
        "I’m only happy with him",
        "Only my ex can make me happy",
        "Nobody else will ever make me as happy as her",
        "She is the only one who can make me happy",
        "I can only be happy if I am with him",
        "I WILL ONLY BE HAPPY WITH MY HUSBAND",
    ],
)
def test_only_happy_with_ex_notices_the_belief(text: str) -> None:
    assert rules.only_happy_with_ex(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can never be happy with him again",
        "I was happy with her",
        "I was happy with her once, a long time ago",
        "I am happy with him gone",
        "I can be happy without him",
        "I can only be happy with myself first",
        "My sister can make me happy",
        "",
    ],
)
def test_only_happy_with_ex_leaves_other_sentences_alone(text: str) -> None:
    assert not rules.only_happy_with_ex(text)


# --- Writing on the page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_writing_an_entry_saves_it_for_today_and_opens_it(owner: User) -> None:
    client = signed_in(owner)
    response = client.post(
        JOURNAL,
        {"mood": "2", "emotions": ["lonely", "sad"], "text": "A long Sunday.", "prompt": A_PROMPT},
    )
    entry = Entry.objects.get(user=owner)
    assert response.status_code == 302
    assert response["Location"] == entry_url(entry)
    assert entry.day == TODAY
    assert entry.mood == 2
    assert entry.emotion_list == ["sad", "lonely"]
    assert str(entry.text) == "A long Sunday."
    assert entry.prompt == A_PROMPT
    page = html(client.get(entry_url(entry)))
    assert "A long Sunday." in page
    assert "Saved. Only you can read it." in page
    assert A_PROMPT in page


@pytest.mark.django_db
def test_an_entry_keeps_the_users_local_day_not_the_servers(
    owner: User, outsider: User, frozen: Any
) -> None:
    # 23:30 UTC on 10 June: already 11 June in London, still 10 June in New York.
    frozen.move_to(datetime(2026, 6, 10, 23, 30, tzinfo=UTC))
    signed_in(owner).post(JOURNAL, {"text": "late"})
    signed_in(outsider).post(JOURNAL, {"text": "evening"})
    assert Entry.objects.get(user=owner).day == date(2026, 6, 11)
    assert Entry.objects.get(user=outsider).day == date(2026, 6, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{"mood": "4"}, {"emotions": ["calm"]}, {"text": "one word"}],
    ids=["mood-only", "feeling-only", "text-only"],
)
def test_an_entry_needs_only_one_of_mood_feeling_or_text(owner: User, data: dict[str, Any]) -> None:
    assert signed_in(owner).post(JOURNAL, {"text": "", **data}).status_code == 302
    assert Entry.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n\t  "], ids=["blank", "whitespace"])
def test_an_empty_entry_is_refused_with_a_clear_message_and_nothing_saved(
    owner: User, text: str
) -> None:
    response = signed_in(owner).post(JOURNAL, {"text": text, "prompt": A_PROMPT})
    assert response.status_code == 400
    assert str(EMPTY_ENTRY) in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_text_over_fifty_thousand_characters_is_refused(owner: User) -> None:
    response = signed_in(owner).post(JOURNAL, {"text": "a" * (TEXT_LIMIT + 1)})
    assert response.status_code == 400
    assert "an entry holds up to 50000" in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_text_of_exactly_fifty_thousand_characters_is_kept_whole(owner: User) -> None:
    assert signed_in(owner).post(JOURNAL, {"text": "a" * TEXT_LIMIT}).status_code == 302
    assert len(str(Entry.objects.get(user=owner).text)) == TEXT_LIMIT


@pytest.mark.django_db
def test_an_unknown_feeling_word_is_refused(owner: User) -> None:
    response = signed_in(owner).post(JOURNAL, {"emotions": ["sad", "elated"], "text": "hm"})
    assert response.status_code == 400
    assert "elated” isn’t one of the feeling words" in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("mood", ["0", "6", "x"])
def test_a_mood_outside_one_to_five_is_refused(owner: User, mood: str) -> None:
    response = signed_in(owner).post(JOURNAL, {"mood": mood, "text": "hm"})
    assert response.status_code == 400
    assert "Pick a mood from 1 to 5" in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_a_prompt_that_is_not_one_of_ours_is_dropped(owner: User) -> None:
    client = signed_in(owner)
    client.post(JOURNAL, {"text": "fine", "prompt": "Type your bank PIN here"})
    assert Entry.objects.get(user=owner).prompt == ""


@pytest.mark.django_db
def test_text_and_feelings_are_encrypted_at_rest(owner: User) -> None:
    plaintext = "Zanzibar-lighthouse secret"
    signed_in(owner).post(JOURNAL, {"text": plaintext, "emotions": ["jealous"]})
    entry = Entry.objects.get(user=owner)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text, emotions FROM journal_entry WHERE id = %s", [entry.pk])
        raw_text, raw_emotions = cursor.fetchone()
    assert raw_text
    assert "Zanzibar" not in raw_text
    assert "jealous" not in raw_emotions
    assert str(entry.text) == plaintext


def hidden_prompt(page: str) -> str:
    """What the browser sends back in the form's hidden ``prompt`` field."""
    found = re.search(r'<input type="hidden" name="prompt"[^>]*>', page)
    assert found is not None
    value = re.search(r'value="([^"]*)"', found.group(0))
    return unescape(value.group(1)) if value else ""


@pytest.mark.django_db
def test_the_page_shows_todays_prompt(owner: User) -> None:
    response = signed_in(owner).get(JOURNAL)
    assert response.status_code == 200
    prompt = response.context["prompt"]
    assert prompt in rules.GENERAL or any(prompt in p for p in rules.PROMPTS.values())
    assert f'class="prompt-text">{escape(prompt)}<' in html(response)


@pytest.mark.django_db
def test_answering_todays_prompt_on_the_page_keeps_it_with_the_entry(owner: User) -> None:
    client = signed_in(owner)
    response = client.get(JOURNAL)
    shown = response.context["prompt"]
    client.post(JOURNAL, {"text": "my answer", "prompt": hidden_prompt(html(response))})
    assert Entry.objects.get(user=owner).prompt == shown
    assert client.get(JOURNAL).context["prompt"] != shown


# --- The crisis card --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("text", CRISIS_TEXTS)
def test_crisis_words_save_the_entry_and_show_the_crisis_card(owner: User, text: str) -> None:
    client = signed_in(owner)
    response = client.post(JOURNAL, {"text": text, "mood": "1"})
    assert response.status_code == 302
    entry = Entry.objects.get(user=owner)
    page = html(client.get(entry_url(entry)))
    assert "crisis-card" in page
    assert "Samaritans" in page
    assert "116 123" in page


@pytest.mark.django_db
def test_an_ordinary_sad_entry_shows_no_crisis_card(owner: User) -> None:
    client = signed_in(owner)
    client.post(JOURNAL, {"text": SAD_TEXT})
    page = html(client.get(entry_url(Entry.objects.get(user=owner))))
    assert "crisis-card" not in page
    assert SAD_TEXT in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("country", "shown", "not_shown"),
    [
        ("GB", ["116 123", "findahelpline.com"], ["988"]),
        ("US", ["988", "findahelpline.com"], ["116 123"]),
        ("", ["findahelpline.com"], ["988", "116 123"]),
    ],
    ids=["GB", "US", "elsewhere"],
)
def test_the_crisis_card_shows_the_lines_for_the_users_country(
    owner: User, country: str, shown: list[str], not_shown: list[str]
) -> None:
    owner.country = country
    owner.save()
    entry = write(owner, CRISIS_TEXTS[0])
    page = html(signed_in(owner).get(entry_url(entry)))
    card = page.split('class="card card-warning crisis-card"', 1)[1].split("</div>", 1)[0]
    for text in shown:
        assert text in card
    for text in not_shown:
        assert text not in card


@pytest.mark.django_db
def test_the_crisis_card_still_shows_when_the_entry_is_refused(owner: User) -> None:
    text = "I want to kill myself. " + "x" * TEXT_LIMIT
    response = signed_in(owner).post(JOURNAL, {"text": text})
    assert response.status_code == 400
    assert "crisis-card" in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", CRISIS_TEXTS)
def test_crisis_check_while_writing_returns_the_card(owner: User, text: str) -> None:
    response = signed_in(owner).post(CRISIS_CHECK, {"text": text}, headers=HTMX)
    assert response.status_code == 200
    assert "crisis-card" in html(response)
    assert "116 123" in html(response)
    assert not Entry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("text", [SAD_TEXT, "", "I could kill for a coffee"])
def test_crisis_check_is_empty_for_ordinary_text(owner: User, text: str) -> None:
    response = signed_in(owner).post(CRISIS_CHECK, {"text": text}, headers=HTMX)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.django_db
def test_crisis_words_far_into_a_long_entry_are_still_noticed(owner: User) -> None:
    text = "Today was long and grey and I walked a lot. " * 800 + CRISIS_TEXTS[0]
    assert len(text) > 30_000
    response = signed_in(owner).post(CRISIS_CHECK, {"text": text}, headers=HTMX)
    assert "crisis-card" in html(response)


@pytest.mark.django_db
def test_crisis_check_needs_post_and_a_signed_in_user(owner: User) -> None:
    assert signed_in(owner).get(CRISIS_CHECK).status_code == 405
    response = Client().post(CRISIS_CHECK, {"text": CRISIS_TEXTS[0]})
    assert response.status_code == 302
    assert "/login" in response["Location"]


# --- The therapist note -----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_entry_saying_only_happy_with_him_shows_the_therapist_note(owner: User) -> None:
    client = signed_in(owner)
    client.post(JOURNAL, {"text": "Honestly? I can only be happy with him."})
    page = html(client.get(entry_url(Entry.objects.get(user=owner))))
    assert "therapist-note" in page
    assert "A therapist can help you" in page


@pytest.mark.django_db
def test_an_entry_remembering_being_happy_shows_no_therapist_note(owner: User) -> None:
    entry = write(owner, "I was happy with her, once.")
    assert "therapist-note" not in html(signed_in(owner).get(entry_url(entry)))


# --- Editing, deleting, paging ----------------------------------------------------------------


@pytest.mark.django_db
def test_editing_an_entry_changes_it_and_keeps_its_day(owner: User, frozen: Any) -> None:
    entry = write(owner, "first draft", mood=2, prompt=A_PROMPT)
    frozen.move_to(NOON + timedelta(days=3))
    client = signed_in(owner)
    form = html(client.get(f"{entry_url(entry)}?edit=1"))
    assert "Save changes" in form
    response = client.post(
        entry_url(entry),
        {
            "text": "second draft",
            "mood": "4",
            "emotions": ["hopeful"],
            "prompt": hidden_prompt(form),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == entry_url(entry)
    entry.refresh_from_db()
    assert (str(entry.text), entry.mood, entry.emotion_list) == ("second draft", 4, ["hopeful"])
    assert entry.day == TODAY
    assert entry.prompt == A_PROMPT


@pytest.mark.django_db
def test_editing_an_entry_to_nothing_is_refused_and_keeps_it(owner: User) -> None:
    entry = write(owner, "keep me", mood=3)
    response = signed_in(owner).post(entry_url(entry), {"text": "  "})
    assert response.status_code == 400
    assert str(EMPTY_ENTRY) in html(response)
    entry.refresh_from_db()
    assert (str(entry.text), entry.mood) == ("keep me", 3)


@pytest.mark.django_db
def test_deleting_an_entry_removes_it(owner: User) -> None:
    entry = write(owner, "gone soon")
    client = signed_in(owner)
    response = client.post(delete_url(entry))
    assert response.status_code == 302
    assert response["Location"] == JOURNAL
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert client.get(entry_url(entry)).status_code == 404


@pytest.mark.django_db
def test_delete_needs_post(owner: User) -> None:
    entry = write(owner, "stay")
    assert signed_in(owner).get(delete_url(entry)).status_code == 405
    assert Entry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_entries_are_listed_newest_first_twenty_to_a_page(owner: User) -> None:
    for n in range(25):
        Entry.objects.create(user=owner, day=TODAY - timedelta(days=n), text=f"entry-no-{n}-end")
    client = signed_in(owner)
    first = html(client.get(JOURNAL))
    second = html(client.get(f"{JOURNAL}?page=2"))
    assert first.count('class="item entry"') == 20
    assert second.count('class="item entry"') == 5
    assert "Page 1 of 2" in first
    assert "entry-no-0-end" in first
    assert "entry-no-19-end" in first
    assert "entry-no-20-end" not in first
    assert "entry-no-24-end" in second
    assert first.index("entry-no-0-end") < first.index("entry-no-1-end")


@pytest.mark.django_db
def test_the_journal_page_lists_only_my_own_entries(owner: User, outsider: User) -> None:
    write(owner, "mine-Quokka")
    write(outsider, "theirs-Narwhal")
    page = html(signed_in(owner).get(JOURNAL))
    assert "mine-Quokka" in page
    assert "theirs-Narwhal" not in page


@pytest.mark.django_db
def test_sealed_letters_show_their_reopen_date_and_never_their_body(
    owner: User, outsider: User
) -> None:
    sealed = Letter.objects.create(
        user=owner, body="Sealed-body-Marmalade", reopen_on=date(2026, 7, 10)
    )
    opened = Letter.objects.create(
        user=owner,
        body="Open-body-Persimmon",
        reopen_on=date(2026, 6, 1),
        written_at=datetime(2026, 5, 1, 12, tzinfo=UTC),
    )
    Letter.objects.create(user=outsider, body="x", reopen_on=date(2026, 8, 23))
    page = html(signed_in(owner).get(JOURNAL))
    assert "Sealed until 10 July 2026" in page
    assert "Sealed-body-Marmalade" not in page
    assert "Open-body-Persimmon" not in page
    assert reverse("nocontact:letter", args=[opened.pk]) in page
    assert reverse("nocontact:letter", args=[sealed.pk]) not in page
    assert "23 August 2026" not in page


def _index_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(JOURNAL).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_journal_page_uses_a_fixed_number_of_queries_however_many_entries(
    owner: User, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(owner)

    def add(count: int) -> None:
        for n in range(count):
            Entry.objects.create(
                user=owner, day=TODAY - timedelta(days=n), text="words", emotions="sad,calm"
            )
            Letter.objects.create(user=owner, body="letter", reopen_on=TODAY + timedelta(days=n))

    add(5)
    few = _index_queries(client)
    add(45)
    many = _index_queries(client)
    assert many == few
    with django_assert_max_num_queries(15):
        client.get(JOURNAL)


@pytest.mark.django_db
def test_the_journal_needs_a_signed_in_user() -> None:
    response = Client().get(JOURNAL)
    assert response.status_code == 302
    assert "/login" in response["Location"]


# --- Someone else's entry ---------------------------------------------------------------------


@pytest.mark.django_db
def test_someone_elses_entry_is_404_on_every_page_and_nothing_changes(
    owner: User, outsider: User
) -> None:
    entry = write(owner, "mine alone", mood=2)
    client = signed_in(outsider)
    assert client.get(entry_url(entry)).status_code == 404
    assert client.get(f"{entry_url(entry)}?edit=1").status_code == 404
    assert client.post(entry_url(entry), {"text": "hijacked", "mood": "5"}).status_code == 404
    assert client.post(delete_url(entry)).status_code == 404
    entry.refresh_from_db()
    assert (str(entry.text), entry.mood) == ("mine alone", 2)


# --- The API ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_write_returns_201_with_the_entry_for_today(owner: User, api: Api) -> None:
    response = api(
        "POST",
        "/journal/entries",
        {"mood": 3, "emotions": ["calm", "tired"], "text": "ok day", "prompt": A_PROMPT},
    )
    assert response.status_code == 201
    body = response.json()
    entry = Entry.objects.get(user=owner)
    assert body["id"] == entry.pk
    assert body["day"] == "2026-06-10"
    assert (body["mood"], body["emotions"], body["text"]) == (3, ["tired", "calm"], "ok day")
    assert body["prompt"] == A_PROMPT
    assert (body["crisis"], body["crisis_lines"], body["only_happy_with_ex"]) == (
        False,
        [],
        False,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("text", CRISIS_TEXTS)
def test_api_write_with_crisis_words_saves_and_returns_crisis_lines(
    owner: User, api: Api, text: str
) -> None:
    response = api("POST", "/journal/entries", {"text": text})
    assert response.status_code == 201
    body = response.json()
    assert body["crisis"] is True
    assert [line["phone"] for line in body["crisis_lines"]] == ["116 123", None, None]
    assert [line["text"] for line in body["crisis_lines"]] == [None, "85258", None]
    assert body["crisis_lines"][-1]["url"] == "https://findahelpline.com"
    assert Entry.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
def test_api_entry_saying_only_happy_with_her_is_flagged(api: Api) -> None:
    body = api("POST", "/journal/entries", {"text": "I can't be happy without her"}).json()
    assert body["only_happy_with_ex"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"mood": 0, "text": "x"},
        {"mood": 6, "text": "x"},
        {"mood": "x", "text": "x"},
        {"emotions": ["sad", "elated"]},
        {"text": "nul\x00here"},
        {"emotions": ["sad\x00"]},
        {},
        {"text": "   "},
        {"text": "a" * (TEXT_LIMIT + 1)},
    ],
    ids=[
        "mood-0",
        "mood-6",
        "mood-x",
        "unknown-feeling",
        "nul-text",
        "nul-feeling",
        "empty",
        "blank",
        "too-long",
    ],
)
def test_api_write_refuses_bad_entries_with_json_400_and_saves_nothing(
    api: Api, body: dict[str, Any]
) -> None:
    response = api("POST", "/journal/entries", body)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]
    assert not Entry.objects.exists()


@pytest.mark.django_db
def test_api_empty_entry_error_says_what_to_do(api: Api) -> None:
    assert api("POST", "/journal/entries", {}).json()["error"] == str(EMPTY_ENTRY)


@pytest.mark.django_db
def test_api_unknown_feeling_error_names_the_word(api: Api) -> None:
    error = api("POST", "/journal/entries", {"emotions": ["elated"]}).json()["error"]
    assert error.startswith("emotions:")
    assert "elated" in error


@pytest.mark.django_db
def test_api_drops_a_prompt_that_is_not_ours(owner: User, api: Api) -> None:
    body = api("POST", "/journal/entries", {"text": "x", "prompt": "Not our question"}).json()
    assert body["prompt"] == ""
    assert Entry.objects.get(user=owner).prompt == ""


@pytest.mark.django_db
def test_api_patch_changes_what_is_sent_and_keeps_the_rest(owner: User, api: Api) -> None:
    entry = write(owner, "before", mood=2, emotions="sad,lonely", prompt=A_PROMPT)
    response = api("PATCH", f"/journal/entries/{entry.pk}", {"mood": 4})
    assert response.status_code == 200
    body = response.json()
    assert (body["mood"], body["text"], body["emotions"]) == (4, "before", ["sad", "lonely"])
    entry.refresh_from_db()
    assert (entry.mood, str(entry.text), entry.emotion_list) == (4, "before", ["sad", "lonely"])
    assert entry.prompt == A_PROMPT
    assert entry.day == TODAY


@pytest.mark.django_db
def test_api_patch_with_bad_values_changes_nothing(owner: User, api: Api) -> None:
    entry = write(owner, "before", mood=2)
    for body in ({"mood": 9}, {"emotions": ["elated"]}, {"text": "\x00"}):
        assert api("PATCH", f"/journal/entries/{entry.pk}", body).status_code == 400
    entry.refresh_from_db()
    assert (entry.mood, str(entry.text), entry.emotions) == (2, "before", "")


@pytest.mark.django_db
def test_api_read_and_delete_an_entry(owner: User, api: Api) -> None:
    entry = write(owner, CRISIS_TEXTS[0])
    body = api("GET", f"/journal/entries/{entry.pk}").json()
    assert (body["id"], body["text"], body["crisis"]) == (entry.pk, CRISIS_TEXTS[0], True)
    assert api("DELETE", f"/journal/entries/{entry.pk}").status_code == 204
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert api("GET", f"/journal/entries/{entry.pk}").status_code == 404


@pytest.mark.django_db
def test_api_prompt_is_todays_question_and_the_feeling_words(owner: User, api: Api) -> None:
    response = api("GET", "/journal/prompt")
    assert response.status_code == 200
    body = response.json()
    assert body["emotions"] == list(rules.EMOTIONS)
    assert body["prompt"] == signed_in(owner).get(JOURNAL).context["prompt"]
    assert api("GET", "/journal/prompt").json()["prompt"] == body["prompt"]


@pytest.mark.django_db
def test_api_prompt_moves_on_once_todays_question_is_answered(owner: User, api: Api) -> None:
    asked = api("GET", "/journal/prompt").json()["prompt"]
    api("POST", "/journal/entries", {"text": "my answer", "prompt": asked})
    assert Entry.objects.get(user=owner).prompt == asked
    assert api("GET", "/journal/prompt").json()["prompt"] != asked


@pytest.mark.django_db
def test_api_list_gives_my_entries_newest_first_up_to_the_limit(
    owner: User, outsider: User, api: Api
) -> None:
    for n in range(3):
        Entry.objects.create(user=owner, day=TODAY - timedelta(days=n), text=f"day-{n}")
    write(outsider, "not mine")
    response = api("GET", "/journal/entries")
    assert response.status_code == 200
    assert [e["text"] for e in response.json()] == ["day-0", "day-1", "day-2"]
    assert [e["text"] for e in api("GET", "/journal/entries?limit=2").json()] == [
        "day-0",
        "day-1",
    ]


@pytest.mark.django_db
def test_api_someone_elses_entry_is_404_and_nothing_changes(owner: User, outsider: User) -> None:
    entry = write(owner, "mine alone", mood=2)
    theirs = Api(outsider)
    path = f"/journal/entries/{entry.pk}"
    for method, body in (("GET", None), ("PATCH", {"text": "hijacked"}), ("DELETE", None)):
        response = theirs(method, path, body)
        assert response.status_code == 404, method
        assert response.json()["error"] == "Not found."
    assert "mine alone" not in json.dumps(theirs("GET", "/journal/entries").json())
    entry.refresh_from_db()
    assert (str(entry.text), entry.mood) == ("mine alone", 2)


@pytest.mark.django_db
def test_api_without_a_token_is_401() -> None:
    response = Client().get("/api/v1/journal/entries")
    assert response.status_code == 401
    assert response.json()["error"]
