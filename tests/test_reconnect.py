"""Steps 2, 3, 6, 8 and 9: the inventory and the apology, the one message and the lock a "no"
puts on it, friendship, couples therapy and the daily acceptance reflection — on the pages and
through the API.

Time is frozen at noon on 10 June 2026 (UTC, which is 13:00 BST for the owner in London), so a
"day" in every test is a known calendar day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.amends.models import Amends, InventoryEntry
from recouple.amends.views import PROMPTS
from recouple.nocontact.models import Period
from recouple.program import steps as content
from recouple.reconnect.api import LOCKED
from recouple.reconnect.models import (
    Meeting,
    Outreach,
    OutreachLocked,
    Reflection,
    Session,
    TheirMessage,
    Therapist,
)
from tests.conftest import Api, signed_in
from tests.test_assessment import answered

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)

INVENTORY = reverse("amends:overview")
APOLOGY = reverse("amends:apology")
SELF_FORGIVENESS = reverse("amends:self_forgiveness")
REACH_OUT = reverse("reconnect:reach_out")
ANSWER = reverse("reconnect:answer")
THEY_WROTE = reverse("reconnect:they_wrote")
FRIENDSHIP = reverse("reconnect:friendship")
THERAPY = reverse("reconnect:therapy")
REFLECT = reverse("reconnect:reflect")
LETTERS = reverse("nocontact:letters")
LETTING_GO = reverse("path:letting_go")

WHAT_I_DID = "I kept checking your phone"
IMPACT = "made you feel you couldn’t be trusted"

# The example the compose page itself offers: it must pass the coach.
KIND = (
    "I’ve had time to think, and I’ve been working on the things I got wrong. I still care "
    "about you. If you’d ever want to talk, I’d be open to that. If not, I understand, and I "
    "wish you well. No need to reply."
)
PLEADING = "Please, I’m begging you, give me another chance. I can’t live without you."
KIND_REPLY = "Thanks for writing back. It was good to hear from you, and I’d be glad to talk."
OWNS_IT = (
    "I’m sorry that I kept checking your phone. I know it made you feel you couldn’t be "
    "trusted. I’m not asking you for anything."
)
BLAMES_AND_DEMANDS = (
    "I’m sorry I kept checking your phone. That was my part. But you pushed me to it, and "
    "after everything I did, you owe me forgiveness."
)
# What a browser sends when no radio button is chosen: the form is still bound.
BROWSER_POST = {"csrfmiddlewaretoken": "from-the-page"}
ANSWERS = ["open", "not_now", "no_answer", "no", "no_contact"]
CLOSING = ["no", "no_contact"]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def entry(user: User, what: str = WHAT_I_DID, impact: str = IMPACT) -> InventoryEntry:
    return InventoryEntry.objects.create(user=user, what_i_did=what, impact=impact)


def ready(user: User, *, complete: bool = True, inventory: bool = True) -> None:
    """A "proceed" report, a no-contact period (31 days in, or 5) and, if asked, an inventory."""
    answered(user).make_report()
    Period.objects.create(
        user=user, started_on=user.today() - timedelta(days=31 if complete else 5)
    )
    if inventory:
        entry(user)


def sent(user: User, message: str = KIND) -> Outreach:
    """Ready, with the one message marked sent just now."""
    ready(user)
    outreach = Outreach.for_user(user)
    outreach.message = message
    outreach.sent_at = now()
    outreach.save()
    return outreach


def replied(user: User, answer: str) -> Outreach:
    outreach = sent(user)
    outreach.record_answer(answer)
    return outreach


def snapshot(user: User) -> tuple[Any, ...]:
    o = Outreach.objects.get(user=user)
    return (o.message, o.sent_at, o.answer, o.answered_at, o.locked, o.wants_friendship_anyway)


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def phase(api: Api) -> str:
    return str(api("GET", "/path").json()["phase"])


def todays_truth_for(user: User) -> str:
    """The acceptance truth the app shows this user today."""
    truths = content.ACCEPTANCE_TRUTHS
    return truths[user.today().toordinal() % len(truths)]


def coach_says(api: Api, text: str) -> dict[str, Any]:
    response = api("POST", "/coach/check", {"text": text})
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


# Step 2: the inventory


@pytest.mark.django_db
def test_inventory_entry_is_added_from_the_page(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        INVENTORY,
        {"what_i_did": f"  {WHAT_I_DID} ", "impact": IMPACT, "pattern": "Fear of being left"},
        follow=True,
    )
    html = response.content.decode()
    assert "Written down. Seeing it clearly is the hard part." in html
    assert WHAT_I_DID in html and "Fear of being left" in html
    saved = InventoryEntry.objects.get(user=owner)
    assert (saved.what_i_did, saved.impact, saved.doing_about_it) == (WHAT_I_DID, IMPACT, "")


@pytest.mark.django_db
def test_inventory_refuses_an_empty_what_i_did(owner: User, owner_client: Client) -> None:
    response = owner_client.post(INVENTORY, {"what_i_did": "   ", "impact": IMPACT})
    assert response.status_code == 400
    assert "Please write a few words here." in response.content.decode()
    assert not InventoryEntry.objects.exists()


@pytest.mark.django_db
def test_inventory_entry_can_be_edited_then_deleted(owner: User, owner_client: Client) -> None:
    mine = entry(owner)
    edit = reverse("amends:entry_edit", args=[mine.pk])
    assert WHAT_I_DID in page(owner_client, edit)
    response = owner_client.post(
        edit, {"what_i_did": "I cancelled plans at the last minute", "impact": "You felt alone"}
    )
    assert response["Location"] == INVENTORY
    mine.refresh_from_db()
    assert (mine.what_i_did, mine.impact) == (
        "I cancelled plans at the last minute",
        "You felt alone",
    )
    assert mine.updated == NOON
    refused = owner_client.post(edit, {"what_i_did": "", "impact": "You felt alone"})
    assert "Please write a few words here." in refused.content.decode()
    mine.refresh_from_db()
    assert mine.what_i_did == "I cancelled plans at the last minute"
    owner_client.post(reverse("amends:entry_delete", args=[mine.pk]))
    assert not InventoryEntry.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_inventory_page_offers_prompts_to_people_who_only_see_the_exs_faults(
    owner_client: Client,
) -> None:
    html = page(owner_client, INVENTORY)
    assert "Finding it hard to see your part?" in html
    assert '<details class="card card-soft" open>' in html  # open while the list is empty
    for prompt in PROMPTS:
        assert escape(str(prompt)) in html


@pytest.mark.django_db
def test_inventory_entries_are_encrypted_at_rest(owner: User) -> None:
    InventoryEntry.objects.create(
        user=owner,
        what_i_did="Canary-Did-Quillon",
        impact="Canary-Impact-Marisol",
        pattern="Canary-Pattern-Tobiah",
        doing_about_it="Canary-Doing-Ysolde",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT what_i_did, impact, pattern, doing_about_it FROM amends_inventoryentry"
        )
        (row,) = cursor.fetchall()
    raw = " ".join(str(value) for value in row)
    for word in ("Quillon", "Marisol", "Tobiah", "Ysolde"):
        assert word not in raw
    assert InventoryEntry.objects.get(user=owner).impact == "Canary-Impact-Marisol"


@pytest.mark.django_db
def test_what_follows_the_outreach_is_encrypted_at_rest(owner: User) -> None:
    replied(owner, "open")
    outreach = Outreach.objects.get(user=owner)
    outreach.message = "Canary-Message-Oriel"
    outreach.save()
    TheirMessage.objects.create(user=owner, note="Canary-Note-Perpetua")
    Meeting.objects.create(user=owner, day=owner.today(), what="Canary-Meeting-Lysander")
    Therapist.objects.create(user=owner, name="Canary-Therapist-Odalys")
    Session.objects.create(user=owner, day=owner.today(), notes="Canary-Session-Caspian")
    Reflection.objects.create(user=owner, day=owner.today(), prompt=0, text="Canary-Ref-Isolde")
    raw = []
    with connection.cursor() as cursor:
        for table, column in [
            ("reconnect_outreach", "message"),
            ("reconnect_theirmessage", "note"),
            ("reconnect_meeting", "what"),
            ("reconnect_therapist", "name"),
            ("reconnect_session", "notes"),
            ("reconnect_reflection", "text"),
        ]:
            cursor.execute(f"SELECT {column} FROM {table}")
            raw.extend(str(value) for (value,) in cursor.fetchall())
    assert len(raw) == 6
    for word in ("Oriel", "Perpetua", "Lysander", "Odalys", "Caspian", "Isolde"):
        assert all(word not in value for value in raw)


# Step 2: the apology and self-forgiveness


@pytest.mark.django_db
def test_first_apology_visit_builds_a_draft_from_the_inventory(
    owner: User, owner_client: Client
) -> None:
    entry(owner)
    html = page(owner_client, APOLOGY)
    textarea = html.split("<textarea", 1)[1].split("</textarea>", 1)[0]
    assert "I’m sorry that I kept checking your phone." in textarea
    assert escape(IMPACT) in textarea
    # A draft is offered, not saved behind the user's back.
    assert Amends.objects.get(user=owner).apology == ""


@pytest.mark.django_db
def test_apology_page_reminds_that_it_asks_nothing_back(owner_client: Client) -> None:
    html = page(owner_client, APOLOGY)
    assert "An apology that asks for nothing back" in html
    assert "Ask for nothing back, not even forgiveness." in html
    assert "It helps to write down your part first." in html  # no inventory yet


@pytest.mark.django_db
def test_apology_that_owns_something_specific_is_recognised(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(APOLOGY, {"apology": OWNS_IT}, follow=True)
    html = response.content.decode()
    assert "Saved. It stays here until you decide what to do with it." in html
    assert "It owns your part and asks nothing back" in html
    assert "Worth another look" not in html
    assert Amends.objects.get(user=owner).apology == OWNS_IT


@pytest.mark.django_db
def test_apology_with_blame_and_a_demand_for_forgiveness_is_flagged(
    owner_client: Client,
) -> None:
    html = owner_client.post(APOLOGY, {"apology": BLAMES_AND_DEMANDS}, follow=True)
    html = html.content.decode()
    assert "Worth another look" in html
    assert "It owns your part and asks nothing back" not in html
    assert "without “but”" in html
    assert "finding-blame" in html and "finding-forgiveness_demand" in html
    assert "<strong>Blame</strong>" in html and "<strong>Asking for forgiveness</strong>" in html


@pytest.mark.django_db
def test_an_empty_apology_is_refused(owner: User, owner_client: Client) -> None:
    response = owner_client.post(APOLOGY, {"apology": "  "})
    assert "Please write a few words here." in response.content.decode()
    assert Amends.objects.get(user=owner).apology == ""


@pytest.mark.django_db
def test_self_forgiveness_note_is_kept(owner: User, owner_client: Client) -> None:
    note = "You were scared, and you are learning. That is enough for today."
    response = owner_client.post(SELF_FORGIVENESS, {"self_forgiveness": note}, follow=True)
    html = response.content.decode()
    assert "Kept, for you alone." in html
    assert escape(note) in html
    assert Amends.objects.get(user=owner).self_forgiveness == note


# Step 3: when reaching out opens


@pytest.mark.django_db
def test_reach_out_is_not_yet_open_before_no_contact_is_complete(
    owner: User, owner_client: Client
) -> None:
    ready(owner, complete=False)
    html = page(owner_client, REACH_OUT)
    assert "Not yet" in html
    assert "Opens when no contact is complete." in html
    assert f'href="{LETTERS}"' in html and "Write an unsent letter" in html
    assert 'name="message"' not in html


@pytest.mark.django_db
def test_reach_out_stays_closed_without_an_inventory(owner: User, owner_client: Client) -> None:
    ready(owner, inventory=False)
    html = page(owner_client, REACH_OUT)
    assert "Not yet" in html
    assert "Opens when you’ve written down your part." in html
    response = owner_client.post(REACH_OUT, {"message": KIND, "action": "sent"})
    assert "Not yet" in response.content.decode()
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.message, outreach.sent_at) == ("", None)


@pytest.mark.django_db
def test_reach_out_is_closed_through_the_api_until_ready(owner: User, api: Api) -> None:
    ready(owner, complete=False)
    assert api("GET", "/outreach").json()["step_state"] == "locked"
    response = api("PUT", "/outreach/message", {"message": KIND})
    assert response.status_code == 409
    assert response.json()["error"].startswith("Reaching out isn’t open yet.")
    assert api("POST", "/outreach/sent").status_code == 409
    assert Outreach.objects.get(user=owner).message == ""


@pytest.mark.django_db
def test_proceed_complete_and_inventory_open_the_compose_form(
    owner: User, owner_client: Client
) -> None:
    ready(owner)
    html = page(owner_client, REACH_OUT)
    assert 'name="message"' in html
    assert "I’ve sent it" in html
    assert "Not yet" not in html


@pytest.mark.django_db
def test_saving_the_message_sends_nothing(owner: User, owner_client: Client) -> None:
    ready(owner)
    response = owner_client.post(REACH_OUT, {"message": KIND, "action": "save"}, follow=True)
    html = response.content.decode()
    assert "Saved. Nothing has been sent." in html
    assert "Looks kind and clear" in html
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.message, outreach.sent_at) == (KIND, None)


@pytest.mark.django_db
def test_an_empty_message_is_refused_on_the_page(owner: User, owner_client: Client) -> None:
    ready(owner)
    response = owner_client.post(REACH_OUT, {"message": "   ", "action": "save"})
    assert "Please write your message first." in response.content.decode()
    assert Outreach.objects.get(user=owner).message == ""


@pytest.mark.django_db
def test_a_pleading_message_cannot_be_marked_sent(owner: User, owner_client: Client) -> None:
    ready(owner)
    response = owner_client.post(REACH_OUT, {"message": PLEADING, "action": "sent"}, follow=True)
    html = response.content.decode()
    assert "Have another look first: the coach found something." in html
    assert "Worth another look" in html and "finding-pleading" in html
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.message, outreach.sent_at) == (PLEADING, None)


@pytest.mark.django_db
def test_a_kind_message_is_marked_sent_and_the_page_becomes_back_off(
    owner: User, owner_client: Client
) -> None:
    ready(owner)
    response = owner_client.post(REACH_OUT, {"message": KIND, "action": "sent"}, follow=True)
    html = response.content.decode()
    assert "Sent. Now the hardest part: stepping back." in html
    assert Outreach.objects.get(user=owner).sent_at == NOON
    html = page(owner_client, REACH_OUT)
    assert "You’ve said it. Now give them space." in html
    assert "the coach will hold any new one" in html
    assert 'name="message"' not in html
    assert "They wrote to me" in html


@pytest.mark.django_db
def test_the_coach_holds_messages_until_no_contact_is_complete(owner: User, api: Api) -> None:
    ready(owner, complete=False)
    result = coach_says(api, KIND)
    assert result["verdict"] == "hold"
    assert "You’re in no contact (day 6)" in result["reason"]
    Period.objects.filter(user=owner).update(started_on=owner.today() - timedelta(days=31))
    assert coach_says(api, KIND)["verdict"] == "send"


@pytest.mark.django_db
def test_after_sending_the_coach_holds_a_second_message(owner: User, api: Api) -> None:
    sent(owner)
    result = coach_says(api, KIND_REPLY)
    assert result["verdict"] == "hold"
    assert "already reached out once" in result["reason"]


@pytest.mark.django_db
def test_once_they_write_a_kind_reply_may_be_sent(
    owner: User, owner_client: Client, api: Api, frozen: Any
) -> None:
    sent(owner)
    frozen.shift(timedelta(days=2))
    response = owner_client.post(THEY_WROTE, {"note": "Asked how I was"}, follow=True)
    html = response.content.decode()
    assert "Logged. You may answer them" in html
    assert "1 message from them logged." in html
    assert TheirMessage.objects.get(user=owner).note == "Asked how I was"
    assert coach_says(api, KIND_REPLY)["verdict"] == "send"
    assert coach_says(api, PLEADING)["verdict"] == "revise"


@pytest.mark.django_db
def test_a_message_from_them_before_the_outreach_does_not_open_replies(
    owner: User, api: Api, frozen: Any
) -> None:
    ready(owner)
    TheirMessage.objects.create(user=owner, at=now() - timedelta(days=1))
    outreach = Outreach.for_user(owner)
    outreach.message, outreach.sent_at = KIND, now()
    outreach.save()
    assert coach_says(api, KIND_REPLY)["verdict"] == "hold"


@pytest.mark.django_db
def test_their_answer_waits_until_the_message_is_sent(owner: User, owner_client: Client) -> None:
    ready(owner)
    response = owner_client.post(ANSWER, {"answer": "open"}, follow=True)
    assert "Their answer can be recorded once your message is sent." in response.content.decode()
    assert Outreach.objects.get(user=owner).answer == ""


# Their answer


@pytest.mark.django_db
def test_open_answer_moves_the_path_to_reconnecting(
    owner: User, owner_client: Client, api: Api
) -> None:
    sent(owner)
    response = owner_client.post(ANSWER, {"answer": "open"}, follow=True)
    html = response.content.decode()
    assert "Noted. Whatever they said, you did the brave thing." in html
    assert "They’re open to talking. Go slowly." in html
    assert f'href="{FRIENDSHIP}"' in html and f'href="{THERAPY}"' in html
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.answer, outreach.answered_at, outreach.locked) == ("open", NOON, False)
    found = api("GET", "/path").json()
    assert (found["phase"], found["next_step"]) == ("reconnect", 6)
    assert [s["state"] for s in found["steps"] if s["number"] in (3, 6, 8)] == [
        "done",
        "open",
        "open",
    ]


@pytest.mark.django_db
def test_friendship_starts_with_the_honest_gate_then_logs_meetings(
    owner: User, owner_client: Client
) -> None:
    replied(owner, "open")
    html = page(owner_client, FRIENDSHIP)
    assert "First, an honest question" in html
    assert "even if it never leads back" in html
    refused = owner_client.post(FRIENDSHIP, BROWSER_POST)
    assert "Please choose one." in refused.content.decode()
    owner_client.post(FRIENDSHIP, {"wants_friendship_anyway": "yes"})
    assert Outreach.objects.get(user=owner).wants_friendship_anyway is True
    html = page(owner_client, FRIENDSHIP)
    assert "Rebuilding a friendship" in html and 'name="what"' in html
    response = owner_client.post(
        FRIENDSHIP,
        {"day": "2026-06-08", "what": "A walk by the river", "felt": "Calm", "no_sex": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert "Logged." in html and "A walk by the river" in html
    assert "A boundary slipped" in html  # "no pressure" was left unticked
    meeting = Meeting.objects.get(user=owner)
    assert (meeting.day.isoformat(), meeting.no_sex, meeting.no_pressure) == (
        "2026-06-08",
        True,
        False,
    )


@pytest.mark.django_db
def test_a_meeting_cannot_be_logged_for_a_day_still_to_come(
    owner: User, owner_client: Client
) -> None:
    outreach = replied(owner, "open")
    outreach.wants_friendship_anyway = True
    outreach.save()
    response = owner_client.post(FRIENDSHIP, {"day": "2026-06-11", "what": "Dinner"})
    assert "That day hasn’t happened yet." in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_therapy_shortlist_and_session_notes_work(owner: User, owner_client: Client) -> None:
    replied(owner, "open")
    html = page(owner_client, THERAPY)
    assert "How to suggest it" in html
    assert "Not for: winning old arguments" in html
    owner_client.post(
        THERAPY,
        {
            "form": "therapist",
            "therapist-name": "Dr Amara Okafor",
            "therapist-contact": "01234 567890",
        },
    )
    therapist = Therapist.objects.get(user=owner)
    assert (therapist.name, therapist.contact) == ("Dr Amara Okafor", "01234 567890")
    response = owner_client.post(
        THERAPY,
        {"form": "session", "session-day": "2026-06-09", "session-notes": "We listened."},
        follow=True,
    )
    html = response.content.decode()
    assert "Dr Amara Okafor" in html and "We listened." in html
    assert Session.objects.get(user=owner).notes == "We listened."
    refused = owner_client.post(
        THERAPY, {"form": "session", "session-day": "2026-06-09", "session-notes": ""}
    )
    assert 'id="id_session-notes_error"' in refused.content.decode()
    assert Session.objects.count() == 1
    owner_client.post(reverse("reconnect:therapist_delete", args=[therapist.pk]))
    assert not Therapist.objects.exists()


@pytest.mark.django_db
def test_not_now_returns_to_growth_with_no_second_message(
    owner: User, owner_client: Client, api: Api
) -> None:
    replied(owner, "not_now")
    assert phase(api) == "grow"
    html = page(owner_client, REACH_OUT)
    assert "They’re not ready. That’s their answer for now." in html
    assert "No second message." in html
    assert coach_says(api, KIND_REPLY)["verdict"] == "hold"
    assert "This step opens only if they tell you" in page(owner_client, FRIENDSHIP)


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [None, "no_answer"])
def test_thirty_days_of_silence_offer_the_letting_go_path(
    owner: User, api: Api, frozen: Any, answer: str | None
) -> None:
    outreach = sent(owner)
    if answer:
        outreach.record_answer(answer)
    frozen.shift(timedelta(days=29))
    assert phase(api) == "back_off"
    assert f'href="{LETTING_GO}"' not in page(signed_in(owner), REACH_OUT)
    frozen.shift(timedelta(days=1))
    found = api("GET", "/path").json()
    assert (found["phase"], found["next_step"]) == ("silence", 9)
    html = page(signed_in(owner), REACH_OUT)
    assert "Their silence is an answer too." in html
    assert "sent 30 days ago" in html
    assert f'href="{LETTING_GO}"' in html


@pytest.mark.django_db
def test_not_now_is_not_treated_as_silence(owner: User, api: Api, frozen: Any) -> None:
    replied(owner, "not_now")
    frozen.shift(timedelta(days=45))
    assert phase(api) == "grow"


# A "no" closes outreach for good


@pytest.mark.django_db
@pytest.mark.parametrize("answer", CLOSING)
def test_a_no_locks_outreach_and_the_page_says_their_answer_stands(
    owner: User, owner_client: Client, api: Api, answer: str
) -> None:
    sent(owner)
    owner_client.post(ANSWER, {"answer": answer, "confirm_final": "on"})
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.answer, outreach.locked) == (answer, True)
    html = page(owner_client, REACH_OUT)
    assert "Their answer stands" in html
    assert f'href="{LETTERS}"' in html and "Write an unsent letter" in html
    assert f'href="{LETTING_GO}"' in html
    assert phase(api) == "letting_go"


@pytest.mark.django_db
@pytest.mark.parametrize("answer", CLOSING)
def test_the_page_cannot_change_an_answer_that_locked_outreach(
    owner: User, owner_client: Client, answer: str
) -> None:
    replied(owner, answer)
    before = snapshot(owner)
    response = owner_client.post(ANSWER, {"answer": "open"}, follow=True)
    html = response.content.decode()
    assert "Their answer stands, and it can’t be changed here." in html
    assert "Their answer stands" in html
    assert snapshot(owner) == before
    owner_client.post(REACH_OUT, {"message": KIND, "action": "sent"})
    assert snapshot(owner) == before


@pytest.mark.django_db
@pytest.mark.parametrize("answer", CLOSING)
def test_a_locked_outreach_refuses_to_save_even_if_its_flag_is_cleared(
    owner: User, answer: str
) -> None:
    replied(owner, answer)
    before = snapshot(owner)
    outreach = Outreach.objects.get(user=owner)
    outreach.locked = False
    outreach.answer = "open"
    with pytest.raises(OutreachLocked):
        outreach.save()
    with pytest.raises(OutreachLocked):
        Outreach.objects.get(user=owner).record_answer("open")
    stand_in = Outreach(pk=outreach.pk, user=owner, message="One more try", answer="open")
    with pytest.raises(OutreachLocked):
        stand_in.save()
    assert snapshot(owner) == before


@pytest.mark.django_db
@pytest.mark.parametrize("answer", CLOSING)
def test_a_no_after_an_open_answer_also_locks_for_good(owner: User, answer: str) -> None:
    outreach = replied(owner, "open")
    outreach.record_answer(answer)
    stored = Outreach.objects.get(user=owner)
    assert (stored.answer, stored.locked) == (answer, True)
    with pytest.raises(OutreachLocked):
        stored.record_answer("open")


@pytest.mark.django_db
@pytest.mark.parametrize("closing", CLOSING)
@pytest.mark.parametrize(
    ("method", "route", "body"),
    [("PUT", "/outreach/message", {"message": KIND_REPLY}), ("POST", "/outreach/sent", None)]
    + [("POST", "/outreach/answer", {"answer": value}) for value in ANSWERS],
    ids=["message", "sent"] + [f"answer-{value}" for value in ANSWERS],
)
def test_the_api_answers_409_to_every_change_of_a_locked_outreach(
    owner: User, api: Api, closing: str, method: str, route: str, body: Any
) -> None:
    replied(owner, closing)
    before = snapshot(owner)
    response = api(method, route, body)
    assert response.status_code == 409
    assert response.json() == {"error": LOCKED, "detail": None}
    assert snapshot(owner) == before
    assert api("GET", "/outreach").json()["locked"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("after_open", [False, True], ids=["straight", "after-open"])
def test_friendship_and_therapy_close_once_outreach_is_locked(
    owner: User, owner_client: Client, api: Api, after_open: bool
) -> None:
    outreach = sent(owner)
    if after_open:
        outreach.record_answer("open")
        outreach.wants_friendship_anyway = True
        outreach.save()
    outreach.record_answer("no")
    closed = "This step opens only if they tell you they’re open to talking."
    assert closed in page(owner_client, FRIENDSHIP)
    assert closed in page(owner_client, THERAPY)
    owner_client.post(FRIENDSHIP, {"day": "2026-06-09", "what": "Coffee"})
    owner_client.post(THERAPY, {"form": "therapist", "name": "Dr Amara Okafor"})
    owner_client.post(THERAPY, {"form": "session", "day": "2026-06-09", "notes": "Talked"})
    for route, body in [
        ("/friendship/gate", {"wants_friendship_anyway": True}),
        ("/friendship/meetings", {"day": "2026-06-09", "what": "Coffee"}),
        ("/therapists", {"name": "Dr Amara Okafor"}),
        ("/therapy-sessions", {"day": "2026-06-09", "notes": "Talked"}),
    ]:
        response = api("POST", route, body)
        assert response.status_code == 409, route
        assert response.json()["error"] == "This step opens only if they’re open to talking."
    assert not Meeting.objects.exists()
    assert not Therapist.objects.exists()
    assert not Session.objects.exists()
    steps = {s["number"]: s["state"] for s in api("GET", "/path").json()["steps"]}
    assert (steps[6], steps[8]) == ("not_applicable", "not_applicable")


@pytest.mark.django_db
@pytest.mark.parametrize("closing", CLOSING)
@pytest.mark.parametrize("text", [KIND, KIND_REPLY, "Happy birthday. I hope it’s a good one."])
def test_the_coach_holds_every_message_once_outreach_is_locked(
    owner: User, owner_client: Client, api: Api, frozen: Any, closing: str, text: str
) -> None:
    replied(owner, closing)
    result = coach_says(api, text)
    assert result["verdict"] == "hold"
    assert "unsent letter" in result["reason"]
    # Even if they write, a closed outreach stays closed.
    frozen.shift(timedelta(days=3))
    owner_client.post(THEY_WROTE, {"note": "A message from them"})
    result = coach_says(api, text)
    assert result["verdict"] == "hold"
    assert "unsent letter" in result["reason"]


# Step 6: the honest gate


@pytest.mark.django_db
def test_answering_no_at_the_gate_skips_friendship(
    owner: User, owner_client: Client, api: Api
) -> None:
    replied(owner, "open")
    owner_client.post(FRIENDSHIP, {"wants_friendship_anyway": "no"})
    assert Outreach.objects.get(user=owner).wants_friendship_anyway is False
    found = api("GET", "/path").json()
    steps = {s["number"]: s["state"] for s in found["steps"]}
    assert (steps[6], steps[8], found["next_step"]) == ("skipped", "open", 8)
    html = page(owner_client, FRIENDSHIP)
    assert "Skipping friendship is all right" in html
    assert f'href="{THERAPY}"' in html
    owner_client.post(FRIENDSHIP, {"day": "2026-06-09", "what": "Coffee"})
    response = api("POST", "/friendship/meetings", {"day": "2026-06-09", "what": "Coffee"})
    assert response.status_code == 409
    assert "honest question" in response.json()["error"]
    assert not Meeting.objects.exists()


# Step 9: the daily acceptance reflection


@pytest.mark.django_db
def test_one_reflection_a_day_and_writing_again_replaces_it(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(REFLECT, {"text": "First thoughts"}, follow=True)
    assert "Kept. One day at a time." in response.content.decode()
    owner_client.post(REFLECT, {"text": "Second thoughts"})
    reflection = Reflection.objects.get(user=owner)
    assert (reflection.text, reflection.day.isoformat()) == ("Second thoughts", "2026-06-10")
    assert "Second thoughts" in page(owner_client, REFLECT)
    refused = owner_client.post(REFLECT, {"text": "  "})
    assert 'id="id_text_error"' in refused.content.decode()
    assert Reflection.objects.get(user=owner).text == "Second thoughts"


@pytest.mark.django_db
def test_the_truth_changes_with_the_day_and_past_reflections_are_listed(
    owner: User, owner_client: Client, frozen: Any
) -> None:
    def todays_truth(html: str) -> str:
        return html.split('<blockquote class="card card-soft reasons">', 1)[1].split("<", 1)[0]

    first = page(owner_client, REFLECT)
    owner_client.post(REFLECT, {"text": "Yesterday I let it be"})
    frozen.shift(timedelta(days=1))
    second = page(owner_client, REFLECT)
    truths = [escape(t) for t in content.ACCEPTANCE_TRUTHS]
    assert todays_truth(first) in truths and todays_truth(second) in truths
    assert todays_truth(first) != todays_truth(second)
    assert "Earlier reflections" not in first
    earlier = second.split("Earlier reflections", 1)[1]
    assert "Yesterday I let it be" in earlier and "10 Jun" in earlier
    owner_client.post(REFLECT, {"text": "Today as well"})
    prompts = list(Reflection.objects.filter(user=owner).values_list("prompt", flat=True))
    assert len(prompts) == 2 and prompts[0] != prompts[1]


# The API


@pytest.mark.django_db
def test_api_inventory_crud(owner: User, api: Api) -> None:
    created = api("POST", "/inventory", {"what_i_did": f" {WHAT_I_DID} ", "impact": IMPACT})
    assert created.status_code == 201
    body = created.json()
    assert (body["what_i_did"], body["impact"], body["pattern"]) == (WHAT_I_DID, IMPACT, "")
    listed = api("GET", "/inventory").json()
    assert [e["id"] for e in listed] == [body["id"]]
    patched = api("PATCH", f"/inventory/{body['id']}", {"pattern": "Fear of being left"})
    assert patched.status_code == 200
    assert (patched.json()["what_i_did"], patched.json()["pattern"]) == (
        WHAT_I_DID,
        "Fear of being left",
    )
    assert api("DELETE", f"/inventory/{body['id']}").status_code == 204
    assert api("GET", "/inventory").json() == []
    assert not InventoryEntry.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_api_inventory_refuses_an_empty_what_i_did(owner: User, api: Api) -> None:
    response = api("POST", "/inventory", {"what_i_did": "  ", "impact": IMPACT})
    assert response.status_code == 400
    assert response.json()["error"] == "what_i_did: Please write a few words here."
    mine = entry(owner)
    response = api("PATCH", f"/inventory/{mine.pk}", {"what_i_did": ""})
    assert response.status_code == 400
    assert "Please write a few words here." in response.json()["error"]
    mine.refresh_from_db()
    assert mine.what_i_did == WHAT_I_DID


@pytest.mark.django_db
def test_api_amends_returns_the_apology_check_with_labels(owner: User, api: Api) -> None:
    response = api("PUT", "/amends", {"apology": BLAMES_AND_DEMANDS})
    assert response.status_code == 200
    check = response.json()["apology_check"]
    labels = {f["label"] for f in check["findings"]}
    # Owning one's part, then "But you pushed me…" and a demand: blame, and no praise for the
    # first half (the coach issue: an excuse after an apology takes the owning back).
    assert {"blame", "forgiveness_demand"} <= labels
    assert "accountability" not in labels
    assert check["verdict"] == "revise"
    for finding in check["findings"]:
        assert BLAMES_AND_DEMANDS[finding["start"] : finding["end"]]
    response = api("PUT", "/amends", {"apology": OWNS_IT, "self_forgiveness": " Be gentle. "})
    body = response.json()
    assert body["apology_check"]["verdict"] == "send"
    assert "accountability" in {f["label"] for f in body["apology_check"]["findings"]}
    assert body["self_forgiveness"] == "Be gentle."
    assert api("GET", "/amends").json() == body
    stored = Amends.objects.get(user=owner)
    assert (stored.apology, stored.self_forgiveness) == (OWNS_IT, "Be gentle.")


@pytest.mark.django_db
def test_api_amends_without_an_apology_has_no_check(api: Api) -> None:
    body = api("GET", "/amends").json()
    assert body == {"apology": "", "self_forgiveness": "", "apology_check": None}


@pytest.mark.django_db
def test_api_outreach_flow_end_to_end(owner: User, api: Api) -> None:
    ready(owner)
    assert api("GET", "/outreach").json()["step_state"] == "open"
    assert api("PUT", "/outreach/message", {"message": PLEADING}).status_code == 200
    refused = api("POST", "/outreach/sent")
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("Have another look first")
    assert Outreach.objects.get(user=owner).sent_at is None
    early = api("POST", "/outreach/answer", {"answer": "open"})
    assert early.status_code == 409
    assert api("PUT", "/outreach/message", {"message": f" {KIND} "}).json()["message"] == KIND
    marked = api("POST", "/outreach/sent")
    assert marked.status_code == 200
    assert marked.json()["sent_at"] is not None
    assert marked.json()["step_state"] == "done"
    again = api("PUT", "/outreach/message", {"message": KIND_REPLY})
    assert again.status_code == 409
    assert api("POST", "/outreach/sent").status_code == 409
    assert Outreach.objects.get(user=owner).message == KIND
    assert coach_says(api, KIND_REPLY)["verdict"] == "hold"
    assert api("POST", "/outreach/their-messages", {"note": "Said hi"}).status_code == 201
    assert coach_says(api, KIND_REPLY)["verdict"] == "send"
    answer = api("POST", "/outreach/answer", {"answer": "open"})
    assert (answer.json()["answer"], answer.json()["locked"]) == ("open", False)
    assert phase(api) == "reconnect"
    gate = api("POST", "/friendship/gate", {"wants_friendship_anyway": True})
    assert gate.json()["wants_friendship_anyway"] is True
    meeting = api("POST", "/friendship/meetings", {"day": "2026-06-09", "what": "Coffee"})
    assert meeting.status_code == 201
    assert meeting.json() | {"id": 0} == {
        "id": 0,
        "day": "2026-06-09",
        "what": "Coffee",
        "felt": "",
        "no_sex": True,
        "no_pressure": True,
    }
    assert [m["what"] for m in api("GET", "/friendship/meetings").json()] == ["Coffee"]
    closing = api("POST", "/outreach/answer", {"answer": "no"})
    assert closing.json()["locked"] is True
    assert phase(api) == "letting_go"


@pytest.mark.django_db
def test_api_therapists_and_sessions(owner: User, api: Api) -> None:
    replied(owner, "open")
    added = api("POST", "/therapists", {"name": " Dr Amara Okafor ", "notes": "Evenings"})
    assert added.status_code == 201
    therapist = added.json()
    assert (therapist["name"], therapist["contact"], therapist["notes"]) == (
        "Dr Amara Okafor",
        "",
        "Evenings",
    )
    assert [t["id"] for t in api("GET", "/therapists").json()] == [therapist["id"]]
    assert api("DELETE", f"/therapists/{therapist['id']}").status_code == 204
    assert api("GET", "/therapists").json() == []
    session = api("POST", "/therapy-sessions", {"day": "2026-06-10", "notes": "We listened."})
    assert session.status_code == 201
    assert session.json()["notes"] == "We listened."
    listed = api("GET", "/therapy-sessions").json()
    assert [(s["day"], s["notes"]) for s in listed] == [("2026-06-10", "We listened.")]
    empty = api("POST", "/therapy-sessions", {"day": "2026-06-10", "notes": " "})
    assert empty.status_code == 400
    assert empty.json()["error"].startswith("notes: ")
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_api_reflections(owner: User, api: Api, frozen: Any) -> None:
    first = api("POST", "/reflections", {"text": "Letting it be"})
    assert first.status_code == 200
    today = todays_truth_for(owner)
    assert first.json() == {"day": "2026-06-10", "prompt": today, "text": "Letting it be"}
    api("POST", "/reflections", {"text": "Letting it be, again"})
    assert Reflection.objects.filter(user=owner).count() == 1
    frozen.shift(timedelta(days=1))
    second = api("POST", "/reflections", {"text": "A new day"}).json()
    assert second["prompt"] != today
    listed = api("GET", "/reflections").json()
    assert [(r["day"], r["text"]) for r in listed] == [
        ("2026-06-11", "A new day"),
        ("2026-06-10", "Letting it be, again"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "route", "body"),
    [
        ("PUT", "/outreach/message", {"message": ""}),
        ("PUT", "/outreach/message", {}),
        ("POST", "/outreach/answer", {"answer": "maybe"}),
        ("POST", "/reflections", {"text": ""}),
        ("POST", "/friendship/gate", {"wants_friendship_anyway": "perhaps"}),
    ],
    ids=["empty-message", "no-message", "answer-maybe", "empty-reflection", "gate-perhaps"],
)
def test_api_bad_input_is_400_with_an_error(
    owner: User, api: Api, method: str, route: str, body: Any
) -> None:
    ready(owner)
    response = api(method, route, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Reflection.objects.exists()
    outreach = Outreach.objects.filter(user=owner).first()
    assert outreach is None or (outreach.message, outreach.answer) == ("", "")


@pytest.mark.django_db
def test_api_refuses_a_meeting_on_a_day_still_to_come(owner: User, api: Api) -> None:
    replied(owner, "open")
    api("POST", "/friendship/gate", {"wants_friendship_anyway": True})
    response = api("POST", "/friendship/meetings", {"day": "2026-06-11", "what": "Dinner"})
    assert response.status_code == 400
    assert response.json()["error"] == "day: That day hasn’t happened yet."
    assert not Meeting.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "body"),
    [
        pytest.param(
            "/outreach/message",
            {"message": "   "},
            id="message",
        ),
        pytest.param(
            "/reflections",
            {"text": "   "},
            id="reflection",
        ),
    ],
)
def test_api_refuses_whitespace_only_text(
    owner: User, api: Api, route: str, body: dict[str, str]
) -> None:
    ready(owner)
    method = "PUT" if route == "/outreach/message" else "POST"
    response = api(method, route, body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Reflection.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"),
    [
        (REFLECT, {"text": " "}),
        (THERAPY, {"form": "session", "day": "2026-06-09", "notes": " "}),
        (THERAPY, {"form": "therapist", "name": " "}),
        (FRIENDSHIP, {"day": "2026-06-09", "what": " "}),
    ],
    ids=["reflection", "session", "therapist", "meeting"],
)
def test_an_empty_field_is_refused_in_the_apps_own_words(
    owner: User, owner_client: Client, url: str, data: dict[str, str]
) -> None:
    outreach = replied(owner, "open")
    outreach.wants_friendship_anyway = True
    outreach.save()
    html = owner_client.post(url, data).content.decode()
    assert "Please write a few words here." in html
    assert "This field is required." not in html


@pytest.mark.django_db
def test_a_final_answer_needs_a_confirming_tick_on_the_page(
    owner: User, owner_client: Client
) -> None:
    sent(owner)
    response = owner_client.post(ANSWER, {"answer": "no"}, follow=True)
    assert "Tick this to confirm" in response.content.decode()
    outreach = Outreach.objects.get(user=owner)
    assert (outreach.answer, outreach.locked) == ("", False)


# Two answers at once: the check and the write are one step.


def race(user_pk: int, rounds: int = 8) -> tuple[list[str], str, bool]:
    """``rounds`` "no" and as many "open" answers at once, each on its own connection."""
    import threading

    from django.db import connections

    answers = ["no", "open"] * rounds
    barrier = threading.Barrier(len(answers))
    accepted: list[str] = []

    def answer(reply: str) -> None:
        try:
            outreach = Outreach.objects.get(user_id=user_pk)
            barrier.wait(timeout=30)
            outreach.record_answer(reply)
            accepted.append(reply)
        except OutreachLocked:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(reply,)) for reply in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    final = Outreach.objects.get(user_id=user_pk)
    return accepted, final.answer, final.locked


RACE = """
import json
from django.utils.timezone import now
from recouple.accounts.models import User
from recouple.reconnect.models import Outreach
from tests.test_reconnect import race
user = User.objects.create_user(username="racer", password=None)
Outreach.objects.create(user=user, message="I still care.", sent_at=now())
print(json.dumps(race(user.pk)))
"""


@pytest.mark.django_db(transaction=True)
def test_no_and_open_sent_together_accept_exactly_one_closing_answer(
    owner: User, tmp_path: Any
) -> None:
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    if connection.vendor == "postgresql":
        sent(owner)
        accepted, answer, locked = race(owner.pk)
    else:
        # SQLite as it is served (a file, one writer at a time, a busy timeout), not the
        # test suite's in-memory copy, which refuses a second writer at once.
        root = Path(__file__).resolve().parents[1]
        env = {**os.environ, "RECOUPLE_DATA_DIR": str(tmp_path), "PYTHONPATH": str(root)}
        for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
            env.pop(name, None)
        recouple = str(Path(sys.executable).with_name("recouple"))
        for args in (["migrate", "-v0"], ["shell", "-c", RACE]):
            done = subprocess.run(
                [recouple, "manage", *args], env=env, capture_output=True, text=True, timeout=300
            )
            assert done.returncode == 0, done.stderr
        accepted, answer, locked = json.loads(done.stdout.strip().splitlines()[-1])
    assert (answer, locked) == ("no", True)
    # Open answers may come first; after the one "no" that locked it, nothing else got in
    # (the final answer is that "no", so no "open" was written after it).
    assert accepted.count("no") == 1


@pytest.mark.django_db
def test_an_answer_is_checked_and_written_in_one_statement(owner: User) -> None:
    outreach = sent(owner)
    with CaptureQueriesContext(connection) as queries:
        outreach.record_answer("no")
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len(writes) == 1 and '"locked"' in writes[0].split("WHERE", 1)[1]
    assert reads == []
