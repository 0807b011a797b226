"""Issue 16, on the pages and through the API: the path follows a life that changes.

They write first during no contact (a coached reply, a choice to end it early, the path going
on); no contact completes long after the report (retake first, see what moved); the apology
reaches the one message; back together (check-ins, therapy notes, a relapse watch) or it
didn't work out; their new relationship mid-way; after a "no", answering a message they
started. Time is frozen at noon on 10 June 2026 (UTC).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recouple.accounts.models import User
from recouple.amends.models import Amends
from recouple.assessment.models import BreakupReason, Report
from recouple.drafts.models import Draft
from recouple.nocontact.models import Contact, Period
from recouple.reconnect.models import NewRelationship, Outreach, PatternCheck, Reunion, TheirMessage
from tests.conftest import Api, signed_in
from tests.test_assessment import answered
from tests.test_reconnect import KIND, PLEADING, entry, ready, replied

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
REACH_OUT = reverse("reconnect:reach_out")
THEY_REACHED_OUT = reverse("reconnect:they_reached_out")
END_EARLY = reverse("reconnect:end_early")
FRIENDSHIP = reverse("reconnect:friendship")
THERAPY = reverse("reconnect:therapy")
TOGETHER = reverse("reconnect:together")
NEW_RELATIONSHIP = reverse("reconnect:new_relationship")
PATH = reverse("path:overview")
DRAFTS = reverse("drafts:compose")
CALM_REPLY = "Thanks for asking. I’m doing okay, and I hope you are too. Take care."


@pytest.fixture(autouse=True)
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def phase(api: Api) -> str:
    return str(api("GET", "/path").json()["phase"])


def coach_verdict(api: Api, text: str, kind: str) -> str:
    response = api("POST", "/coach/check", {"text": text, "kind": kind})
    assert response.status_code == 200, response.content
    return str(response.json()["verdict"])


def during_no_contact(user: User) -> Period:
    """A "proceed" report and day 6 of no contact, with an inventory."""
    ready(user, complete=False)
    return Period.objects.get(user=user)


def they_texted(period: Period, **facts: Any) -> Contact:
    return Contact.objects.create(
        period=period,
        day=period.user.today(),
        channel="text",
        they_started=True,
        replied=False,
        **facts,
    )


# They write first during no contact.


@pytest.mark.django_db
def test_when_they_write_during_no_contact_the_path_offers_a_way_through(
    owner: User, owner_client: Client, api: Api
) -> None:
    period = during_no_contact(owner)
    assert phase(api) == "no_contact"
    they_texted(period)
    assert phase(api) == "they_wrote"
    html = owner_client.get(PATH).content.decode()
    assert "They wrote to you." in html and f'href="{THEY_REACHED_OUT}"' in html
    page = owner_client.get(THEY_REACHED_OUT).content.decode()
    assert "Answering well" in page
    assert f'href="{DRAFTS}?kind=reply"' in page
    assert f'action="{END_EARLY}"' in page


@pytest.mark.django_db
def test_a_reply_to_them_during_no_contact_is_coached_not_held(owner: User, api: Api) -> None:
    period = during_no_contact(owner)
    # Before they wrote, calling it a reply changes nothing: it would start contact.
    assert coach_verdict(api, CALM_REPLY, "reply") == "hold"
    they_texted(period)
    assert coach_verdict(api, CALM_REPLY, "reply") == "send"
    assert coach_verdict(api, PLEADING, "reply") == "revise"
    # A message of one's own is still held: no contact is going on.
    assert coach_verdict(api, CALM_REPLY, "message") == "hold"


@pytest.mark.django_db
def test_a_logistics_message_from_them_is_not_reaching_out(owner: User, api: Api) -> None:
    period = during_no_contact(owner)
    period.limited_contact = True
    period.save()
    they_texted(period, logistics=True)
    assert phase(api) == "no_contact"


@pytest.mark.django_db
def test_the_drafts_page_keeps_a_reply_as_a_reply(owner: User, owner_client: Client) -> None:
    they_texted(during_no_contact(owner))
    form = owner_client.get(f"{DRAFTS}?kind=reply").content.decode()
    assert re.search(r'value="reply"[^>]*checked', form)
    owner_client.post(DRAFTS, {"kind": "reply", "text": CALM_REPLY})
    saved = Draft.objects.get(user=owner)
    assert (saved.kind, saved.verdict) == ("reply", "send")


@pytest.mark.django_db
def test_ending_no_contact_early_after_they_wrote_opens_friendship_and_therapy(
    owner: User, owner_client: Client, api: Api
) -> None:
    period = during_no_contact(owner)
    they_texted(period)
    assert api("POST", "/friendship/gate", {"wants_friendship_anyway": True}).status_code == 409
    response = owner_client.post(END_EARLY)
    assert response["Location"] == THEY_REACHED_OUT
    period.refresh_from_db()
    assert period.ended_on == owner.today()
    where = api("GET", "/path").json()
    assert where["phase"] == "reconnect"
    assert "Keep no contact today" not in where["next_action"]
    assert api("POST", "/friendship/gate", {"wants_friendship_anyway": True}).status_code == 200
    assert api("POST", "/therapists", {"name": "Dr Ray"}).status_code == 201
    assert "Couples therapy" in owner_client.get(THERAPY).content.decode()
    # The one message is not owed: they wrote first.
    assert "not_applicable" in [s["state"] for s in where["steps"] if s["number"] == 3]


@pytest.mark.django_db
def test_no_contact_can_end_early_only_after_they_wrote(
    owner: User, owner_client: Client, api: Api
) -> None:
    period = during_no_contact(owner)
    assert api("POST", "/outreach/end-no-contact-early").status_code == 409
    owner_client.post(END_EARLY)
    period.refresh_from_db()
    assert period.ended_on is None
    TheirMessage.objects.create(user=owner, note="Hope you're well")
    answer = api("POST", "/outreach/end-no-contact-early")
    assert answer.status_code == 200 and answer.json()["ended_on"] == "2026-06-10"


@pytest.mark.django_db
def test_logging_their_message_on_the_page_keeps_it(owner: User, owner_client: Client) -> None:
    during_no_contact(owner)
    owner_client.post(THEY_REACHED_OUT, {"note": "Asked how my mum is"})
    assert TheirMessage.objects.get(user=owner).note == "Asked how my mum is"
    assert "Asked how my mum is" in owner_client.get(THEY_REACHED_OUT).content.decode()


# No contact completes: retake first, and see what moved.


def stale(user: User) -> None:
    """A report from 40 days ago, the day no contact began; it completed 11 days ago."""
    with time_machine.travel(NOON - timedelta(days=40), tick=False):
        answered(user).make_report()
    Period.objects.create(user=user, started_on=user.today() - timedelta(days=40))
    entry(user)


@pytest.mark.django_db
def test_when_no_contact_completes_the_questions_come_before_any_reach_out(
    owner: User, owner_client: Client, api: Api
) -> None:
    stale(owner)
    assert phase(api) == "retake"
    html = owner_client.get(PATH).content.decode()
    assert "Look again before you reach out" in html and "before your time apart" in html
    assert (
        "Opens when you’ve retaken the questions." in owner_client.get(REACH_OUT).content.decode()
    )
    assert api("PUT", "/outreach/message", {"message": KIND}).status_code == 409
    # Retaken today: one reason no longer applies that did before.
    BreakupReason.objects.filter(assessment__user=owner).update(still_applies=False)
    Report.objects.filter(user=owner).update(still_applying=1)
    owner.assessment.make_report()
    assert phase(api) == "reach_out"
    html = owner_client.get(PATH).content.decode()
    assert "What changed since your earlier answers" in html
    assert "1 reason it ended no longer applies." in html
    assert api("PUT", "/outreach/message", {"message": KIND}).status_code == 200


# The apology reaches the message.


@pytest.mark.django_db
def test_the_compose_page_shows_and_offers_the_apology(owner: User, owner_client: Client) -> None:
    ready(owner)
    amends = Amends.for_user(owner)
    amends.apology = "I’m sorry I kept checking your phone."
    amends.save()
    html = owner_client.get(REACH_OUT).content.decode()
    assert "The apology you wrote in Make it right" in html
    assert "I’m sorry I kept checking your phone." in html
    used = owner_client.post(REACH_OUT, {"use_apology": "1"}).content.decode()
    assert "I’m sorry I kept checking your phone.</textarea>" in used
    assert Outreach.for_user(owner).message == ""  # offered, not saved


# Back together, or it didn't work out.


@pytest.mark.django_db
def test_back_together_checks_in_on_the_old_patterns(
    owner: User, owner_client: Client, api: Api
) -> None:
    replied(owner, "open")
    assert api("PUT", "/reunion", {"outcome": "back_together"}).json()["phase"] == "together"
    html = owner_client.get(TOGETHER).content.decode()
    assert "We never talked about money" in html  # named in the assessment
    assert "Therapy notes" in html
    for state in ("back", "back"):
        owner_client.post(
            TOGETHER, {"form": "check", "pattern": "We never talked about money", "state": state}
        )
    assert PatternCheck.objects.filter(user=owner).count() == 2
    assert "An old pattern keeps coming back" in owner_client.get(TOGETHER).content.decode()
    made = api("POST", "/pattern-checks", {"pattern": "Money", "state": "better"})
    assert made.status_code == 201 and made.json()["state"] == "better"


@pytest.mark.django_db
def test_it_did_not_work_out_leads_to_letting_go(
    owner: User, owner_client: Client, api: Api
) -> None:
    replied(owner, "open")
    response = owner_client.post(TOGETHER, {"form": "reunion", "outcome": "did_not_work_out"})
    assert response["Location"] == reverse("path:letting_go")
    assert phase(api) == "letting_go"
    assert api("POST", "/pattern-checks", {"pattern": "x", "state": "same"}).status_code == 409


@pytest.mark.django_db
def test_the_outcome_is_recorded_only_once_they_were_open(
    owner: User, owner_client: Client, api: Api
) -> None:
    ready(owner)
    assert api("PUT", "/reunion", {"outcome": "back_together"}).status_code == 409
    assert owner_client.get(TOGETHER).status_code == 200
    owner_client.post(TOGETHER, {"form": "reunion", "outcome": "back_together"})
    assert not Reunion.objects.filter(user=owner).exists()


# Their new relationship, mid-way.


@pytest.mark.django_db
def test_their_new_relationship_mid_way_holds_the_reach_out_and_says_why(
    owner: User, owner_client: Client, api: Api
) -> None:
    ready(owner)
    assert phase(api) == "reach_out"
    owner_client.post(NEW_RELATIONSHIP)
    assert phase(api) == "wait"
    held = owner_client.get(REACH_OUT).content.decode()
    assert "Held while they’re with someone else." in held
    assert api("PUT", "/outreach/message", {"message": KIND}).status_code == 409
    assert "someone new" in owner_client.get(PATH).content.decode()
    assert api("POST", "/their-new-relationships/over").json() == {"closed": 1}
    assert phase(api) == "reach_out"
    assert NewRelationship.objects.get(user=owner).over_on == owner.today()


@pytest.mark.django_db
def test_their_new_relationship_also_holds_a_path_after_their_open_answer(
    owner: User, api: Api
) -> None:
    replied(owner, "open")
    assert api("POST", "/their-new-relationships").status_code == 201
    assert phase(api) == "wait"
    assert api("POST", "/therapists", {"name": "Dr Ray"}).status_code == 409


# After a final "no", a message they start may be answered.


@pytest.mark.django_db
def test_after_a_no_their_own_message_may_be_answered_but_never_a_first_word(
    owner: User, owner_client: Client, api: Api
) -> None:
    replied(owner, "no")
    assert coach_verdict(api, CALM_REPLY, "reply") == "hold"  # nothing of theirs to answer
    owner_client.post(THEY_REACHED_OUT, {"note": "Happy birthday"})
    assert coach_verdict(api, CALM_REPLY, "reply") == "send"
    assert coach_verdict(api, PLEADING, "reply") == "revise"
    assert coach_verdict(api, CALM_REPLY, "message") == "hold"
    # The lock stays for good.
    assert Outreach.objects.get(user=owner).locked
    assert phase(api) == "letting_go"
    assert api("PUT", "/outreach/message", {"message": KIND}).status_code == 409
    page = owner_client.get(THEY_REACHED_OUT).content.decode()
    assert "Their earlier answer still stands" in page
    assert f'href="{DRAFTS}?kind=reply"' in page and END_EARLY not in page
    assert f'href="{THEY_REACHED_OUT}"' in owner_client.get(REACH_OUT).content.decode()


# The situation stays a constant handful of queries.


def queries_for(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_path_costs_the_same_queries_whatever_they_wrote(owner: User, outsider: User) -> None:
    for user, many in ((owner, 1), (outsider, 200)):
        period = during_no_contact(user)
        for _ in range(many):
            they_texted(period)
            TheirMessage.objects.create(user=user)
            NewRelationship.objects.create(user=user, noted_on=user.today(), over_on=user.today())
    assert queries_for(signed_in(owner), PATH) == queries_for(signed_in(outsider), PATH)
