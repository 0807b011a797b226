"""Supporters: a private read-only link for a friend, showing only what the person ticks."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.supporters import actions
from recouple.supporters.models import (
    DEFAULT_DAYS,
    LINK_LIMIT,
    NUDGE_HOURS,
    SHOWABLE,
    SupporterLink,
)
from tests.conftest import OWNER_CANARY, Api

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"')
EVERYTHING = {"name": "Sam", **dict.fromkeys(SHOWABLE, True)}


def public_url(token: str) -> str:
    return reverse("supporters:public", kwargs={"token": token})


def fill_private_fields(user: User, canary: str) -> None:
    """The canary in every private field the person can write, and a busy record besides."""
    from recouple.amends.models import Amends, InventoryEntry
    from recouple.assessment.models import Assessment, BreakupReason, Change, Opinion, Quality
    from recouple.drafts.models import Draft
    from recouple.growth.models import Goal, Habit
    from recouple.journal.models import Entry
    from recouple.nocontact.models import CheckIn, Contact, Letter, Period, Urge
    from recouple.reconnect.models import Meeting, Outreach, Reflection, Session, Therapist
    from recouple.reminders.models import Notification
    from recouple.safety.models import PauseReason, SafetyPlan, TrustedPerson

    today = user.today()
    user.ex_name = canary
    user.use_ex_name = True
    user.quiet_mode = False
    user.save()
    assessment = Assessment.for_user(user)
    BreakupReason.objects.create(assessment=assessment, text=canary)
    Change.objects.create(assessment=assessment, text=canary, evidence=canary)
    Quality.objects.create(assessment=assessment, text=canary, loved=True)
    Opinion.objects.create(assessment=assessment, who=canary, relation="friend", stance="recoiled")
    assessment.make_report()
    period = Period.objects.create(user=user, started_on=today - timedelta(days=9), reasons=canary)
    Contact.objects.create(
        period=period, day=today - timedelta(days=8), channel="text", note=canary
    )
    Urge.objects.create(user=user, day=today, trigger=canary, instead=canary)
    Letter.objects.create(user=user, body=canary, reopen_on=today - timedelta(days=1))
    CheckIn.objects.create(user=user, day=today, boundary="no_sex", kept=True)
    Draft.objects.create(user=user, text=canary)
    InventoryEntry.objects.create(user=user, what_i_did=canary, impact=canary, pattern=canary)
    amends = Amends.for_user(user)
    amends.apology = canary
    amends.self_forgiveness = canary
    amends.save()
    Outreach.objects.create(user=user, message=canary)
    Meeting.objects.create(user=user, day=today, what=canary, felt=canary)
    Therapist.objects.create(user=user, name=canary, contact=canary)
    Session.objects.create(user=user, day=today, notes=canary)
    Reflection.objects.create(user=user, day=today, prompt=1, text=canary)
    Entry.objects.create(user=user, day=today, mood=2, text=canary)
    goal = Goal.objects.create(user=user, area="health", title=canary, why=canary)
    Habit.objects.create(user=user, goal=goal, name=canary, started_on=today)
    SafetyPlan.objects.create(user=user, warning_signs=canary, reasons=canary)
    TrustedPerson.objects.create(user=user, name=canary, phone="+44 7700 900123")
    PauseReason.objects.create(user=user, text=canary)
    Notification.objects.create(
        user=user, key="x:1", kind="checkin", title=canary, body=canary, due_at=now()
    )
    actions.nudge(user)


@pytest.mark.django_db
def test_no_private_word_ever_reaches_the_supporter_page(owner: User) -> None:
    fill_private_fields(owner, OWNER_CANARY)
    link, token = actions.create_link(owner, {**EVERYTHING, "name": OWNER_CANARY})
    response = Client().get(public_url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert OWNER_CANARY.lower() not in html.lower()
    assert owner.username not in html
    # It does show what was ticked: 8 days since the slip, a check-in, one pause, the nudge.
    assert "Days without contact" in html and ">8<" in html
    assert "1 day, 3 days, 7 days" in html
    assert "Checked in today" in html and "Yes" in html
    assert "1 time" in html
    assert "thinking of texting" in html


@pytest.mark.django_db
def test_the_page_shows_only_what_is_ticked(owner: User) -> None:
    from recouple.nocontact.models import Period

    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=4))
    actions.nudge(owner)
    _link, token = actions.create_link(owner, {"name": "Sam", "show_milestones": True})
    html = Client().get(public_url(token)).content.decode()
    assert "Milestones reached" in html and "1 day, 3 days" in html
    for hidden in ("Days without contact", "Checked in today", "Pressed Pause", "texting"):
        assert hidden not in html


@pytest.mark.django_db
def test_the_page_has_no_link_no_script_no_form_and_asks_not_to_be_indexed(owner: User) -> None:
    _link, token = actions.create_link(owner, EVERYTHING)
    response = Client().get(public_url(token))
    html = response.content.decode()
    assert not re.search(r"<a\b|<script|<form|<iframe|<img", html, re.I)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Set-Cookie" not in str(response.headers)


@pytest.mark.django_db
def test_expired_revoked_and_unknown_links_are_the_same_plain_404(owner: User) -> None:
    _old, expired = actions.create_link(owner, {**EVERYTHING, "days": 1})
    gone, revoked = actions.create_link(owner, EVERYTHING)
    actions.revoke_link(gone)
    client = Client()
    with time_machine.travel(now() + timedelta(days=1, seconds=1)):
        answers = [
            client.get(public_url(token))
            for token in (expired, revoked, "sup_never-was", "not-even-ours")
        ]
    assert {a.status_code for a in answers} == {404}
    # Each page carries its own CSRF token (for htmx and quick exit); nothing else differs.
    pages = {CSRF.sub("", a.content.decode()) for a in answers}
    assert len(pages) == 1


@pytest.mark.django_db
def test_a_link_works_for_thirty_days_by_default_then_stops(owner: User) -> None:
    link, token = actions.create_link(owner, {"name": "Sam", "show_days": True})
    assert DEFAULT_DAYS == 30
    assert link.expires_at - link.created == timedelta(days=DEFAULT_DAYS)
    with time_machine.travel(link.expires_at - timedelta(minutes=1)):
        assert Client().get(public_url(token)).status_code == 200
    with time_machine.travel(link.expires_at + timedelta(minutes=1)):
        assert Client().get(public_url(token)).status_code == 404
        page = Client()
        page.force_login(owner)
        assert "expired" in page.get(reverse("supporters:index")).content.decode()


@pytest.mark.django_db
def test_revoking_one_link_leaves_the_others_working(owner: User, owner_client: Client) -> None:
    first, first_token = actions.create_link(owner, {**EVERYTHING, "name": "Sam"})
    _second, second_token = actions.create_link(owner, {**EVERYTHING, "name": "Jo"})
    response = owner_client.post(reverse("supporters:revoke", kwargs={"pk": first.pk}))
    assert response.status_code == 302
    assert Client().get(public_url(first_token)).status_code == 404
    assert Client().get(public_url(second_token)).status_code == 200


@pytest.mark.django_db
def test_visits_are_counted_and_shown_to_the_person(owner: User, owner_client: Client) -> None:
    link, token = actions.create_link(owner, {**EVERYTHING, "name": "Sam"})
    friend = Client()
    for _ in range(3):
        friend.get(public_url(token))
    friend.head(public_url(token))
    link.refresh_from_db()
    assert link.visits == 3
    assert link.last_used is not None
    page = owner_client.get(reverse("supporters:index")).content.decode()
    assert "Sam" in page and "Opened 3 times." in page


@pytest.mark.django_db
def test_the_address_is_shown_once_and_only_its_hash_is_kept(owner_client: Client) -> None:
    response = owner_client.post(
        reverse("supporters:index"), {"name": "Sam", "days": "14", "show_days": "on"}
    )
    assert response.status_code == 200
    url = re.search(
        r'value="(http://testserver/supporters/s/(sup_[^"/]+)/)"', response.content.decode()
    )
    assert url is not None
    token = url.group(2)
    link = SupporterLink.objects.get()
    assert link.digest == SupporterLink.hash(token) and token not in str(link.__dict__)
    assert link.expires_at - link.created == timedelta(days=14)
    assert token not in owner_client.get(reverse("supporters:index")).content.decode()
    assert Client().get(url.group(1)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "days": "30", "show_days": "on"}, "Please give the link a name"),
        ({"name": "Sam", "days": "30"}, "Tick at least one thing to share."),
        ({"name": "Sam", "days": "0", "show_days": "on"}, "greater than or equal to 1"),
        ({"name": "Sam", "days": "366", "show_days": "on"}, "less than or equal to 365"),
        ({"name": "Sam", "days": "soon", "show_days": "on"}, "Enter a whole number."),
    ],
)
def test_a_bad_link_form_says_why_and_makes_nothing(
    owner_client: Client, data: dict[str, str], message: str
) -> None:
    response = owner_client.post(reverse("supporters:index"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SupporterLink.objects.exists()


@pytest.mark.django_db
def test_several_links_at_once_up_to_a_limit(owner: User, owner_client: Client) -> None:
    for number in range(LINK_LIMIT):
        actions.create_link(owner, {**EVERYTHING, "name": f"Friend {number}"})
    response = owner_client.post(
        reverse("supporters:index"), {"name": "One more", "days": "30", "show_days": "on"}
    )
    assert response.status_code == 400
    assert f"You have {LINK_LIMIT} links already" in response.content.decode()
    refused = Api(owner)("POST", "/supporters", {"name": "One more"})
    assert refused.status_code == 409 and "links already" in refused.json()["error"]
    assert SupporterLink.objects.count() == LINK_LIMIT


@pytest.mark.django_db
def test_the_api_makes_lists_and_revokes_links(owner: User) -> None:
    api = Api(owner)
    made = api("POST", "/supporters", {"name": "Sam", "show_checkin": True, "days": 7})
    assert made.status_code == 201
    body: dict[str, Any] = made.json()
    assert body["shows"] == ["show_days", "show_checkin"] and body["visits"] == 0
    Client().get(body["url"].removeprefix("http://testserver"))
    listed = api("GET", "/supporters").json()
    assert [(row["name"], row["visits"]) for row in listed] == [("Sam", 1)]
    assert "url" not in listed[0]
    assert api("DELETE", f"/supporters/{body['id']}").status_code == 204
    assert Client().get(body["url"].removeprefix("http://testserver")).status_code == 404
    assert api("POST", "/supporters", {"name": "Sam", "show_days": False}).status_code == 400


@pytest.mark.django_db
def test_a_nudge_shows_for_a_while_only_where_it_is_shared(owner: User) -> None:
    _with, shares = actions.create_link(owner, EVERYTHING)
    _without, hides = actions.create_link(owner, {"name": "Jo", "show_days": True})
    assert Api(owner)("POST", "/nudges").status_code == 201
    assert "thinking of texting" in Client().get(public_url(shares)).content.decode()
    assert "thinking of texting" not in Client().get(public_url(hides)).content.decode()
    with time_machine.travel(now() + timedelta(hours=NUDGE_HOURS, minutes=1)):
        assert "thinking of texting" not in Client().get(public_url(shares)).content.decode()


@pytest.mark.django_db
def test_the_supporter_page_reads_the_same_few_queries_whatever_the_history(
    owner: User,
) -> None:
    from recouple.nocontact.models import Contact, Period, Urge

    _link, token = actions.create_link(owner, EVERYTHING)
    period = Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=100))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(public_url(token)).status_code == 200
        return len(queries)

    before = count()
    for back in range(2, 60, 3):
        day = owner.today() - timedelta(days=back)
        Contact.objects.create(period=period, day=day, channel="text")
        Urge.objects.create(user=owner, day=day)
    assert count() == before
