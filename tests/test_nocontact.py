"""No contact in the app: starting, local days, slips in two counters, completion on the path,
milestones, urges, the pause and its sealed letters, boundary check-ins, the calendar, the API.

Time is always frozen (time_machine): a "day" is the user's own calendar day in their time
zone, so every test says which instant it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recouple.accounts.models import User
from recouple.assessment.models import Assessment, BreakupReason
from recouple.nocontact.models import CheckIn, Contact, Letter, Period, Urge
from tests.conftest import Api, signed_in

OVERVIEW = reverse("nocontact:overview")
CONTACT_NEW = reverse("nocontact:contact_new")
PAUSE = reverse("nocontact:pause")
LETTERS = reverse("nocontact:letters")
CHECKIN = reverse("nocontact:checkin")
CALENDAR = reverse("nocontact:calendar")
HTMX = {"HX-Request": "true"}

# A June day in the UK (BST): the owner's local date is the UTC date.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def started(user: User, days_ago: int, **fields: Any) -> Period:
    """An active period that began ``days_ago`` local days before today (0: today is day 1)."""
    return Period.objects.create(
        user=user, started_on=user.today() - timedelta(days=days_ago), **fields
    )


def log(
    client: Client,
    day: date,
    channel: str = "text",
    *,
    they_started: bool = False,
    replied: bool = True,
    logistics: bool = False,
    note: str = "",
) -> Any:
    """Log a contact through the web form, ticking the boxes the way a person would."""
    data = {"channel": channel, "day": day.isoformat(), "note": note}
    for name, ticked in (
        ("they_started", they_started),
        ("replied", replied),
        ("logistics", logistics),
    ):
        if ticked:
            data[name] = "on"
    return client.post(CONTACT_NEW, data)


def page(client: Client, url: str = OVERVIEW) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return str(response.content.decode())


def counter(html: str, name: str) -> dict[str, str]:
    """What one counter card on the overview shows: the run now and its facts."""
    block = html.split(f'id="counter-{name}"', 1)[1].split("</div>", 1)[0]
    found = re.search(r'class="counter-big">(\d+)<', block)
    assert found is not None
    facts = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", block))
    return {"now": found.group(1), **facts}


def calendar_cells(html: str) -> dict[int, set[str]]:
    """Each day number of the month view with the classes that mark it."""
    cells = re.findall(r'<td class="day([^"]*)">\s*<span class="day-number">(\d+)</span>', html)
    return {int(number): set(classes.split()) for classes, number in cells}


HEALTHY = {
    "violence": False,
    "threats": False,
    "control": False,
    "same_goals": "yes",
    "same_love": "yes",
    "both_willing": "yes",
    "only_happy_with_them": False,
    "new_relationship": "no",
    "trust_beyond_repair": "no",
    "can_accept_no": "yes",
}


def proceed_report(user: User) -> None:
    """A readiness report that says proceed, as the assessment would make it."""
    assessment = Assessment.for_user(user)
    for name, value in HEALTHY.items():
        setattr(assessment, name, value)
    assessment.save()
    BreakupReason.objects.create(
        assessment=assessment, text="We never talked about money", still_applies=False
    )
    assert assessment.make_report().outcome == "proceed"


# --- Starting ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_start_via_the_form_begins_today_with_the_chosen_length(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    assert "Start no contact" in page(client)
    response = client.post(
        OVERVIEW, {"target_days": "45", "reasons": "I want to heal first", "blocked": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    period = Period.objects.get(user=owner)
    assert (period.started_on, period.target_days, period.blocked) == (TODAY, 45, True)
    assert period.reasons == "I want to heal first"
    html = page(client)
    assert "Day one. You’ve started" in html
    assert "1 day without contact" in html
    assert "44 days to go." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("29", "No contact lasts at least 30 days."),
        ("10", "No contact lasts at least 30 days."),
        ("366", "Please choose a year or less; you can start another after."),
        ("", "Please choose how many days."),
    ],
    ids=["29", "10", "366", "blank"],
)
def test_start_refuses_a_length_under_thirty_days_or_over_a_year(
    owner_client: Client, target: str, message: str
) -> None:
    response = owner_client.post(OVERVIEW, {"target_days": target})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Period.objects.exists()


@pytest.mark.django_db
def test_start_accepts_exactly_thirty_and_exactly_a_year(
    owner: User, outsider: User, owner_client: Client, outsider_client: Client
) -> None:
    assert owner_client.post(OVERVIEW, {"target_days": "30"}).status_code == 302
    assert outsider_client.post(OVERVIEW, {"target_days": "365"}).status_code == 302
    assert Period.objects.get(user=owner).target_days == 30
    assert Period.objects.get(user=outsider).target_days == 365


@pytest.mark.django_db
def test_a_second_start_while_one_is_active_does_not_create_another(
    owner: User, owner_client: Client
) -> None:
    owner_client.post(OVERVIEW, {"target_days": "30"})
    response = owner_client.post(OVERVIEW, {"target_days": "60"})
    assert response.status_code == 302
    assert Period.objects.filter(user=owner).count() == 1
    assert Period.objects.get(user=owner).target_days == 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("relationship_months=30&broke_before=on", "We suggest 90 days."),
        ("relationship_months=30", "We suggest 60 days."),
        ("relationship_months=6", "We suggest 30 days."),
        ("relationship_months=6&broke_before=on", "We suggest 60 days."),
        ("relationship_months=lots", "We suggest 30 days."),
        ("relationship_months=-40", "We suggest 30 days."),
        ("", "We suggest 30 days."),
    ],
)
def test_suggested_length_from_the_relationship_and_earlier_attempts(
    owner_client: Client, query: str, expected: str
) -> None:
    response = owner_client.get(f"{reverse('nocontact:suggest')}?{query}", headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "<html" not in html


# --- Local days -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "start_at", "start_day", "checks"),
    [
        pytest.param(
            # The UK clocks go forward at 01:00 UTC on 29 March 2026.
            "Europe/London",
            utc(2026, 3, 28, 23, 30),  # 23:30 GMT on the 28th
            date(2026, 3, 28),
            [
                (utc(2026, 3, 29, 0, 30), 2),  # 00:30 GMT on the 29th
                (utc(2026, 3, 29, 22, 30), 2),  # 23:30 BST, still the 29th
                (utc(2026, 3, 29, 23, 30), 3),  # 00:30 BST on the 30th
            ],
            id="uk-spring-forward",
        ),
        pytest.param(
            # The US clocks go forward at 07:00 UTC on 8 March 2026.
            "America/New_York",
            utc(2026, 3, 8, 4, 30),  # 23:30 EST on the 7th
            date(2026, 3, 7),
            [
                (utc(2026, 3, 8, 4, 59), 1),
                (utc(2026, 3, 8, 5, 30), 2),  # 00:30 EST on the 8th
                (utc(2026, 3, 9, 3, 30), 2),  # 23:30 EDT on the 8th
                (utc(2026, 3, 9, 4, 30), 3),  # 00:30 EDT on the 9th (EST would say the 8th)
            ],
            id="us-spring-forward",
        ),
        pytest.param(
            # The US clocks go back at 06:00 UTC on 1 November 2026: a 25-hour day.
            "America/New_York",
            utc(2026, 11, 1, 3, 30),  # 23:30 EDT on 31 October
            date(2026, 10, 31),
            [
                (utc(2026, 11, 1, 5, 30), 2),  # 01:30 EDT on the 1st
                (utc(2026, 11, 1, 6, 30), 2),  # 01:30 EST on the 1st, the hour again
                (utc(2026, 11, 2, 4, 30), 2),  # 23:30 EST on the 1st (EDT would say the 2nd)
                (utc(2026, 11, 2, 5, 30), 3),  # 00:30 EST on the 2nd
            ],
            id="us-fall-back",
        ),
    ],
)
def test_days_are_local_days_across_daylight_saving_changes(
    owner: User, zone: str, start_at: datetime, start_day: date, checks: list[tuple[datetime, int]]
) -> None:
    owner.time_zone = zone
    owner.save()
    with time_machine.travel(start_at, tick=False) as traveller:
        signed_in(owner).post(OVERVIEW, {"target_days": "30"})
        period = Period.objects.get(user=owner)
        assert period.started_on == start_day
        for moment, expected in checks:
            traveller.move_to(moment)
            summary = period.summary(owner.today())
            assert summary["contact"].days_in_period == expected, moment
            assert summary["contact"].current == expected, moment
            assert f"{expected} day" in page(signed_in(owner)), moment


@pytest.mark.django_db
def test_changing_time_zone_neither_counts_a_day_twice_nor_moves_a_logged_slip(
    owner: User,
) -> None:
    with time_machine.travel(utc(2026, 3, 28, 23, 30), tick=False) as traveller:
        client = signed_in(owner)
        client.post(OVERVIEW, {"target_days": "30"})  # late on Saturday 28 March, London
        period = Period.objects.get(user=owner)
        traveller.move_to(utc(2026, 3, 29, 12, 0))
        assert log(client, date(2026, 3, 29)).status_code == 302
        traveller.move_to(utc(2026, 3, 30, 1, 0))  # 02:00 BST on Monday the 30th
        london = period.summary(owner.today())["contact"]
        assert (london.days_in_period, london.current, london.slip_days) == (3, 1, 1)

        # They fly to New York, where it is still Sunday evening, the day of the slip.
        response = client.post(
            reverse("accounts:settings"), {"time_zone": "America/New_York", "country": "GB"}
        )
        assert response.status_code == 302
        owner.refresh_from_db()
        assert owner.today() == date(2026, 3, 29)
        evening = period.summary(owner.today())["contact"]
        assert (evening.days_in_period, evening.current, evening.slip_days) == (2, 0, 1)

        # Monday begins again in New York: it is counted once, as the third day, not the fourth.
        traveller.move_to(utc(2026, 3, 30, 4, 30))
        monday = period.summary(owner.today())["contact"]
        assert (monday.days_in_period, monday.current, monday.slip_days) == (3, 1, 1)
        traveller.move_to(utc(2026, 3, 31, 4, 30))
        tuesday = period.summary(owner.today())["contact"]
        assert (tuesday.days_in_period, tuesday.current, tuesday.longest) == (4, 2, 2)
        assert list(Contact.objects.values_list("day", flat=True)) == [date(2026, 3, 29)]
        assert Period.objects.get(pk=period.pk).started_on == date(2026, 3, 28)


@pytest.mark.django_db
def test_changing_time_zone_eastwards_counts_the_new_local_day_once(owner: User) -> None:
    with time_machine.travel(utc(2026, 3, 30, 12, 0), tick=False) as traveller:
        period = started(owner, days_ago=2)  # 28 March, London
        assert period.summary(owner.today())["contact"].days_in_period == 3
        owner.time_zone = "Pacific/Auckland"  # already 01:00 on 31 March there
        owner.save()
        assert owner.today() == date(2026, 3, 31)
        assert period.summary(owner.today())["contact"].days_in_period == 4
        traveller.move_to(utc(2026, 3, 30, 23, 0))  # midnight in London, midday in Auckland
        assert period.summary(owner.today())["contact"].days_in_period == 4


@pytest.mark.django_db
def test_moving_west_of_the_start_day_does_not_show_a_slip_that_never_happened(
    owner: User,
) -> None:
    with time_machine.travel(utc(2026, 6, 9, 23, 30), tick=False):  # 00:30 BST on 10 June
        client = signed_in(owner)
        client.post(OVERVIEW, {"target_days": "30"})
        assert Period.objects.get(user=owner).started_on == date(2026, 6, 10)
        client.post(reverse("accounts:settings"), {"time_zone": "America/New_York"})
        owner.refresh_from_db()
        assert owner.today() == date(2026, 6, 9)  # 19:30 EDT, the evening before
        assert not Contact.objects.exists()
        html = page(client)
        assert "Today counts as a slip" not in html
        assert "A new start" not in html


@pytest.mark.django_db
def test_a_user_in_auckland_is_already_on_the_next_day(owner: User) -> None:
    owner.time_zone = "Pacific/Auckland"
    owner.save()
    with time_machine.travel(utc(2026, 11, 27, 12, 30), tick=False):
        assert owner.today() == date(2026, 11, 28)
        client = signed_in(owner)
        client.post(OVERVIEW, {"target_days": "30"})
        assert Period.objects.get(user=owner).started_on == date(2026, 11, 28)
        # The 28th has begun for them, so a slip on it is not "in the future".
        assert log(client, date(2026, 11, 28)).status_code == 302
        refused = log(client, date(2026, 11, 29))
        assert "That day hasn’t happened yet." in refused.content.decode()
        assert Contact.objects.count() == 1


# --- Slips ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_slips_by_text_and_by_social_media_go_to_two_counters(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    started(owner, days_ago=9)  # 1 June; today, 10 June, is day 10
    assert log(client, date(2026, 6, 5), "text", note="Sent a long message").status_code == 302
    assert log(client, date(2026, 6, 8), "social_media").status_code == 302
    contacts = {c.channel: c for c in Contact.objects.all()}
    assert contacts.keys() == {"text", "social_media"}
    assert (contacts["text"].counter, contacts["text"].is_slip) == ("contact", True)
    assert (contacts["social_media"].counter, contacts["social_media"].is_slip) == ("social", True)
    assert contacts["text"].note == "Sent a long message"

    html = page(client)
    assert counter(html, "contact") == {
        "now": "5",
        "Longest run": "5",
        "Clean days": "9 / 10",
        "Slips": "1",
    }
    assert counter(html, "social") == {
        "now": "2",
        "Longest run": "7",
        "Clean days": "9 / 10",
        "Slips": "1",
    }
    assert "Contact slip" in html and "Social media slip" in html
    assert "Sent a long message" in html


@pytest.mark.django_db
def test_slip_on_social_media_does_not_reset_contact_streak(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    started(owner, days_ago=9)
    log(client, TODAY, "social_media", they_started=True)
    contact = Contact.objects.get()
    # Looking is always your own doing: the "they started it" box cannot excuse it.
    assert (contact.they_started, contact.counter, contact.is_slip) == (False, "social", True)
    html = page(client)
    assert counter(html, "contact")["now"] == "10"
    assert counter(html, "social")["now"] == "0"
    assert "10 days without contact" in html
    assert "A new start" not in html


@pytest.mark.django_db
def test_several_slips_on_one_day_count_as_one_slip_day(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    started(owner, days_ago=9)
    for channel in ("text", "call", "in_person"):
        log(client, date(2026, 6, 6), channel)
    assert Contact.objects.filter(is_slip=True).count() == 3
    assert counter(page(client), "contact") == {
        "now": "4",
        "Longest run": "5",
        "Clean days": "9 / 10",
        "Slips": "1",
    }


@pytest.mark.django_db
def test_contact_they_started_that_you_did_not_answer_is_not_a_slip(
    owner: User, frozen: Any
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=4)
    response = log(client, TODAY, "call", they_started=True, replied=False)
    assert response.status_code == 302
    assert Contact.objects.get().is_slip is False
    html = page(client)
    assert "Logged. That one isn’t a slip." in html
    assert "Not answered, not a slip" in html
    assert counter(html, "contact")["now"] == "5"
    assert counter(html, "contact")["Slips"] == "0"


@pytest.mark.django_db
def test_contact_they_started_that_you_answered_is_a_slip(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    started(owner, days_ago=4)
    log(client, TODAY, "text", they_started=True, replied=True)
    assert Contact.objects.get().is_slip is True
    html = page(client)
    assert "A slip is not the end" in html
    assert counter(html, "contact")["now"] == "0"
    assert "Your longest run so far is 4 days" in html


@pytest.mark.django_db
def test_limited_contact_offers_logistics_and_a_logistics_only_message_is_not_a_slip(
    owner: User, frozen: Any
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=3, limited_contact=True)
    assert 'name="logistics"' in page(client, CONTACT_NEW)
    log(client, TODAY, "text", logistics=True, note="Pick-up time on Friday")
    contact = Contact.objects.get()
    assert (contact.logistics, contact.is_slip) == (True, False)
    html = page(client)
    assert "Logistics only, not a slip" in html
    assert counter(html, "contact")["now"] == "4"


@pytest.mark.django_db
def test_limited_contact_a_message_beyond_logistics_is_still_a_slip(
    owner: User, frozen: Any
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=3, limited_contact=True)
    log(client, TODAY, "text", logistics=False)
    assert Contact.objects.get().is_slip is True


@pytest.mark.django_db
def test_without_limited_contact_there_is_no_logistics_box_and_logistics_is_a_slip(
    owner: User, frozen: Any
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=3)
    assert 'name="logistics"' not in page(client, CONTACT_NEW)
    log(client, TODAY, "text", logistics=True)
    contact = Contact.objects.get()
    assert (contact.logistics, contact.is_slip) == (False, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + timedelta(days=1), "That day hasn’t happened yet."),
        (date(2026, 6, 4), "That’s before this no-contact period started."),
    ],
    ids=["future", "before-start"],
)
def test_slip_on_a_day_in_the_future_or_before_the_start_is_refused(
    owner: User, frozen: Any, day: date, message: str
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=5)  # 5 June
    response = log(client, day)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_slip_on_the_first_day_of_the_period_is_accepted(owner: User, frozen: Any) -> None:
    started(owner, days_ago=5)
    assert log(signed_in(owner), date(2026, 6, 5)).status_code == 302


@pytest.mark.django_db
def test_logging_a_slip_needs_an_active_period(owner_client: Client) -> None:
    response = owner_client.post(CONTACT_NEW, {"channel": "text", "day": "2026-06-10"})
    assert response["Location"] == OVERVIEW
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_a_slip_never_deletes_earlier_history(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    started(owner, days_ago=19)  # 22 May; slips on 25 May and today, 10 June
    log(client, date(2026, 5, 25), note="First slip")
    log(client, TODAY, note="Second slip")
    assert Contact.objects.count() == 2
    html = page(client)
    assert "A new start" in html
    assert "Your longest run so far is 15 days, and it still counts." in html
    assert counter(html, "contact") == {
        "now": "0",
        "Longest run": "15",  # 26 May to 9 June
        "Clean days": "18 / 20",
        "Slips": "2",
    }
    assert "First slip" in html and "Second slip" in html


# --- Completion and the path ------------------------------------------------------------------


@pytest.mark.django_db
def test_thirty_clean_days_complete_no_contact_and_mark_step_one_done(
    owner: User, api: Api
) -> None:
    proceed_report(owner)
    with time_machine.travel(utc(2026, 4, 1, 9, 0), tick=False) as traveller:
        signed_in(owner).post(OVERVIEW, {"target_days": "30"})
        steps = api("GET", "/path").json()["steps"]
        assert steps[0]["state"] == "in_progress"

        traveller.move_to(utc(2026, 4, 29, 9, 0))  # day 29
        assert api("GET", "/path").json()["steps"][0]["state"] == "in_progress"
        assert api("GET", "/no-contact").json()["active"]["complete"] is False

        traveller.move_to(utc(2026, 5, 1, 9, 0))  # started 30 days ago
        active = api("GET", "/no-contact").json()["active"]
        assert (active["complete"], active["days_left"], active["contact"]["current"]) == (
            True,
            0,
            31,
        )
        where = api("GET", "/path").json()
        assert where["steps"][0]["state"] == "done"
        assert "You reached your 30 days." in page(signed_in(owner))


@pytest.mark.django_db
def test_no_contact_is_complete_on_day_thirty_of_thirty(owner: User, api: Api) -> None:
    proceed_report(owner)
    with time_machine.travel(NOON, tick=False):
        started(owner, days_ago=29)
        assert api("GET", "/path").json()["steps"][0]["state"] == "done"


@pytest.mark.django_db
def test_a_slip_near_the_end_means_no_contact_is_not_complete(owner: User, api: Api) -> None:
    proceed_report(owner)
    with time_machine.travel(NOON, tick=False):
        period = started(owner, days_ago=30)
        Contact.objects.create(period=period, day=TODAY - timedelta(days=2), channel="text")
        assert api("GET", "/path").json()["steps"][0]["state"] == "in_progress"
        # Looking at their social media is step 7's counter: it does not hold back step 1.
        period.contacts.all().delete()
        Contact.objects.create(period=period, day=TODAY, channel="social_media")
        assert api("GET", "/path").json()["steps"][0]["state"] == "done"


@pytest.mark.django_db
def test_reach_out_stays_locked_after_no_contact_until_the_inventory_is_written(
    owner: User, api: Api
) -> None:
    proceed_report(owner)
    with time_machine.travel(NOON, tick=False):
        period = started(owner, days_ago=3)
        before = api("GET", "/path").json()["steps"][2]
        assert before["state"] == "locked"
        assert "no contact is complete" in before["note"]
        assert "your part" in before["note"]

        period.started_on = TODAY - timedelta(days=40)
        period.save()
        where = api("GET", "/path").json()
        reach_out = where["steps"][2]
        assert where["steps"][0]["state"] == "done"
        assert reach_out["state"] == "locked"
        assert "your part" in reach_out["note"]
        assert "no contact" not in reach_out["note"]
        assert where["phase"] == "make_it_right"


# --- Milestones -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days_ago", "shown", "not_shown"),
    [
        (6, "A whole week. Be proud of that.", "Three days."),
        (5, "Three days. The first ones are often the hardest.", "A whole week."),
        (1, "Day one is done. That took courage.", "Three days."),
    ],
    ids=["day-7", "day-6", "day-1"],
)
def test_overview_shows_the_latest_milestone_reached(
    owner: User, frozen: Any, days_ago: int, shown: str, not_shown: str
) -> None:
    started(owner, days_ago=days_ago)
    html = page(signed_in(owner))
    assert shown in html
    assert not_shown not in html


@pytest.mark.django_db
def test_no_milestone_shows_minutes_after_starting(owner: User, frozen: Any) -> None:
    started(owner, days_ago=0)
    assert "Day one is done" not in page(signed_in(owner))


@pytest.mark.django_db
def test_milestone_follows_the_current_run_after_a_slip(owner: User, frozen: Any) -> None:
    period = started(owner, days_ago=20)
    Contact.objects.create(period=period, day=TODAY - timedelta(days=3), channel="text")
    html = page(signed_in(owner))
    assert "Three days. The first ones are often the hardest." in html
    assert "Three weeks" not in html


# --- Urges ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_urge_full_form_saves_intensity_trigger_and_what_helped(owner: User, frozen: Any) -> None:
    response = signed_in(owner).post(
        reverse("nocontact:urge_new"),
        {
            "intensity": "7",
            "trigger": "Heard our song",
            "instead": "Went for a walk",
            "passed": "yes",
        },
    )
    assert response.status_code == 302
    urge = Urge.objects.get(user=owner)
    assert (urge.intensity, urge.trigger, urge.instead, urge.passed) == (
        7,
        "Heard our song",
        "Went for a walk",
        True,
    )
    assert urge.day == TODAY


@pytest.mark.django_db
@pytest.mark.parametrize("intensity", ["11", "-1", "strong"])
def test_urge_intensity_outside_zero_to_ten_is_refused(
    owner_client: Client, intensity: str
) -> None:
    response = owner_client.post(reverse("nocontact:urge_new"), {"intensity": intensity})
    assert response.status_code == 200
    assert "Choose a number from 0 to 10." in response.content.decode()
    assert not Urge.objects.exists()


@pytest.mark.django_db
def test_urge_one_tap_from_the_pause_page_returns_the_logged_partial(
    owner: User, frozen: Any
) -> None:
    client = signed_in(owner)
    started(owner, days_ago=2)
    html = page(client, PAUSE)
    assert f'hx-post="{reverse("nocontact:urge_quick")}"' in html
    assert 'name="intensity" value="9"' in html
    response = client.post(reverse("nocontact:urge_quick"), {"intensity": "9"}, headers=HTMX)
    assert response.status_code == 200
    partial = response.content.decode()
    assert "Logged." in partial
    assert "<html" not in partial
    urge = Urge.objects.get(user=owner)
    assert (urge.intensity, urge.day) == (9, TODAY)
    assert reverse("nocontact:urge_edit", args=[urge.pk]) in partial


@pytest.mark.django_db
@pytest.mark.parametrize(("sent", "kept"), [("50", 10), ("-3", 0), ("a lot", 5)])
def test_urge_one_tap_without_htmx_returns_to_the_pause_and_keeps_intensity_in_range(
    owner: User, owner_client: Client, sent: str, kept: int
) -> None:
    response = owner_client.post(reverse("nocontact:urge_quick"), {"intensity": sent})
    assert response["Location"] == PAUSE
    assert Urge.objects.get(user=owner).intensity == kept


@pytest.mark.django_db
def test_editing_an_urge_changes_what_you_wrote_and_keeps_its_day(
    owner: User, owner_client: Client
) -> None:
    urge = Urge.objects.create(user=owner, day=date(2026, 5, 1), intensity=9)
    url = reverse("nocontact:urge_edit", args=[urge.pk])
    assert "About that urge" in page(owner_client, url)
    response = owner_client.post(
        url, {"intensity": "4", "trigger": "Their birthday", "instead": "", "passed": "yes"}
    )
    assert response.status_code == 302
    urge.refresh_from_db()
    assert (urge.intensity, urge.trigger, urge.passed, urge.day) == (
        4,
        "Their birthday",
        True,
        date(2026, 5, 1),
    )


@pytest.mark.django_db
def test_editing_an_urge_shows_and_keeps_whether_it_passed(
    owner: User, owner_client: Client
) -> None:
    urge = Urge.objects.create(user=owner, day=date(2026, 5, 1), intensity=6, passed=True)
    url = reverse("nocontact:urge_edit", args=[urge.pk])
    html = page(owner_client, url)
    # What a browser sends back: the selected option, or the first one if none is selected.
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', html)
    shown = chosen.group(1) if chosen else ""
    owner_client.post(url, {"intensity": "6", "trigger": "A photo", "instead": "", "passed": shown})
    urge.refresh_from_db()
    assert (urge.trigger, urge.passed) == ("A photo", True)
    assert shown == "yes"


@pytest.mark.django_db
def test_someone_elses_urge_cannot_be_edited(owner: User, outsider_client: Client) -> None:
    urge = Urge.objects.create(user=owner, day=date(2026, 5, 1), intensity=9)
    url = reverse("nocontact:urge_edit", args=[urge.pk])
    assert outsider_client.post(url, {"intensity": "1"}).status_code == 404
    urge.refresh_from_db()
    assert urge.intensity == 9


# --- The pause and its letters ----------------------------------------------------------------

BODY = "Everything I would have texted you tonight, kept here instead."


@pytest.mark.django_db
def test_letter_from_the_pause_page_is_sealed_until_the_chosen_day(owner: User, api: Api) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        client = signed_in(owner)
        started(owner, days_ago=2)
        html = page(client, PAUSE)
        assert "Write it here instead" in html
        assert f'action="{LETTERS}"' in html
        assert 'value="2026-07-10"' in html  # thirty days on, chosen for them
        response = client.post(LETTERS, {"body": BODY, "reopen_on": "2026-07-10"})
        assert response["Location"] == LETTERS
        letter = Letter.objects.get(user=owner)
        assert letter.reopen_on == date(2026, 7, 10)

        listing = page(client, LETTERS)
        assert "Sealed until 10 July 2026" in listing
        assert BODY not in listing
        sealed = page(client, reverse("nocontact:letter", args=[letter.pk]))
        assert "Still sealed" in sealed
        assert BODY not in sealed
        out = api("GET", f"/letters/{letter.pk}").json()
        assert (out["sealed"], out["body"]) == (True, None)

        traveller.move_to(utc(2026, 7, 9, 22, 59))  # 23:59 BST on the 9th: still sealed
        assert api("GET", f"/letters/{letter.pk}").json()["body"] is None

        traveller.move_to(utc(2026, 7, 9, 23, 0))  # midnight in London: the 10th has come
        opened = page(signed_in(owner), reverse("nocontact:letter", args=[letter.pk]))
        assert "Still sealed" not in opened
        assert BODY in opened
        assert api("GET", f"/letters/{letter.pk}").json() == {
            "id": letter.pk,
            "written_at": "2026-06-10T12:00:00Z",
            "reopen_on": "2026-07-10",
            "sealed": False,
            "body": BODY,
        }


@pytest.mark.django_db
@pytest.mark.parametrize("offset", [0, -1, -400])
def test_letter_reopen_day_of_today_or_in_the_past_is_refused(
    owner: User, frozen: Any, offset: int
) -> None:
    reopen = (TODAY + timedelta(days=offset)).isoformat()
    response = signed_in(owner).post(LETTERS, {"body": BODY, "reopen_on": reopen})
    assert response.status_code == 400
    assert "Choose a day after today." in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_letter_reopen_day_tomorrow_is_accepted(owner: User, frozen: Any) -> None:
    reopen = (TODAY + timedelta(days=1)).isoformat()
    assert signed_in(owner).post(LETTERS, {"body": BODY, "reopen_on": reopen}).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_letter_is_refused(owner: User, frozen: Any, body: str) -> None:
    response = signed_in(owner).post(LETTERS, {"body": body, "reopen_on": "2026-07-10"})
    assert response.status_code == 400
    assert "Write a few words, or as many as you need." in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_letter_body_is_stored_encrypted(owner: User, frozen: Any) -> None:
    signed_in(owner).post(LETTERS, {"body": BODY, "reopen_on": "2026-07-10"})
    letter = Letter.objects.get(user=owner)
    assert letter.body == BODY
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM nocontact_letter WHERE id = %s", [letter.pk])
        (stored,) = cursor.fetchone()
    assert BODY not in stored
    assert "texted" not in stored


@pytest.mark.django_db
def test_pause_page_shows_your_own_reasons_and_the_run_at_stake(owner: User, frozen: Any) -> None:
    started(owner, days_ago=11, reasons="I deserve someone who stays")
    html = page(signed_in(owner), PAUSE)
    assert "I deserve someone who stays" in html
    assert "12 days without contact so far." in html


# --- Boundary check-ins -----------------------------------------------------------------------


@pytest.mark.django_db
def test_check_in_one_tap_stores_todays_answer(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    response = client.post(CHECKIN, {"boundary": "no_sex", "kept": "yes"}, headers=HTMX)
    assert response.status_code == 200
    partial = response.content.decode()
    assert "<html" not in partial
    assert partial.count('aria-pressed="true"') == 1
    checkin = CheckIn.objects.get(user=owner)
    assert (checkin.day, checkin.boundary, checkin.kept) == (TODAY, "no_sex", True)


@pytest.mark.django_db
def test_check_in_answering_again_changes_todays_answer(owner: User) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        client = signed_in(owner)
        client.post(CHECKIN, {"boundary": "no_social", "kept": "yes"}, headers=HTMX)
        client.post(CHECKIN, {"boundary": "no_social", "kept": "no"}, headers=HTMX)
        assert list(CheckIn.objects.values_list("day", "boundary", "kept")) == [
            (TODAY, "no_social", False)
        ]
        traveller.move_to(NOON + timedelta(days=1))
        client = signed_in(owner)
        client.post(CHECKIN, {"boundary": "no_social", "kept": "yes"})
        assert sorted(CheckIn.objects.values_list("day", "kept")) == [
            (TODAY, False),
            (TODAY + timedelta(days=1), True),
        ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"boundary": "no_calls", "kept": "yes"},
        {"boundary": "no_sex", "kept": "maybe"},
        {"boundary": "no_sex"},
    ],
    ids=["bad-boundary", "bad-answer", "no-answer"],
)
def test_check_in_with_a_bad_value_is_a_400_for_htmx(
    owner_client: Client, data: dict[str, str]
) -> None:
    response = owner_client.post(CHECKIN, data, headers=HTMX)
    assert response.status_code == 400
    assert not CheckIn.objects.exists()
    without_htmx = owner_client.post(CHECKIN, data)
    assert without_htmx["Location"] == OVERVIEW
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_a_day_without_a_check_in_is_unknown(owner: User, frozen: Any, api: Api) -> None:
    started(owner, days_ago=3)
    CheckIn.objects.create(user=owner, day=TODAY - timedelta(days=1), boundary="no_sex", kept=True)
    html = page(signed_in(owner))
    assert "A day you skip is just unknown" in html
    assert 'aria-pressed="true"' not in html
    assert not CheckIn.objects.filter(day=TODAY).exists()
    assert [c["day"] for c in api("GET", "/check-ins").json()] == ["2026-06-09"]


# --- The calendar -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_calendar_marks_slip_days_clean_days_and_days_outside_the_period(
    owner: User, frozen: Any
) -> None:
    period = started(owner, days_ago=7)  # 3 June
    Contact.objects.create(period=period, day=date(2026, 6, 5), channel="call")
    Contact.objects.create(period=period, day=date(2026, 6, 7), channel="social_media")
    Contact.objects.create(
        period=period, day=date(2026, 6, 8), channel="text", they_started=True, replied=False
    )
    Urge.objects.create(user=owner, day=date(2026, 6, 9), intensity=3)
    html = page(signed_in(owner), CALENDAR)
    assert '<h2 class="month-title">June 2026</h2>' in html
    cells = calendar_cells(html)
    assert sorted(cells) == list(range(1, 31))
    assert "slip" in cells[5]
    assert {"clean", "social"} <= cells[7]
    assert "clean" in cells[8]  # unanswered, so not a slip
    assert "clean" in cells[9] and "clean" in cells[3]
    assert "today" in cells[10]
    assert "out" in cells[2] and "out" in cells[11]
    assert html.count('title="Contact slip"') == 1
    assert html.count('title="Urge"') == 1


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["garbage", "2026-13", "", "20260-01"])
def test_calendar_bad_month_falls_back_to_this_month(owner: User, frozen: Any, month: str) -> None:
    started(owner, days_ago=2)
    response = signed_in(owner).get(CALENDAR, {"month": month})
    assert response.status_code == 200
    assert '<h2 class="month-title">June 2026</h2>' in response.content.decode()


@pytest.mark.django_db
def test_calendar_shows_the_month_asked_for(owner: User) -> None:
    with time_machine.travel(utc(2026, 11, 27, 12, 0), tick=False):
        period = started(owner, days_ago=38)  # 20 October
        Contact.objects.create(period=period, day=date(2026, 10, 25), channel="email")
        html = page(signed_in(owner), f"{CALENDAR}?month=2026-10")
    assert '<h2 class="month-title">October 2026</h2>' in html
    cells = calendar_cells(html)
    assert sorted(cells) == list(range(1, 32))
    assert "out" in cells[19]
    assert "clean" in cells[20] and "clean" in cells[31]
    assert "slip" in cells[25]
    assert "?month=2026-11" in html  # the way back to this month
    assert "?month=2026-09" in html


@pytest.mark.django_db
def test_calendar_before_any_period_invites_a_start(owner_client: Client) -> None:
    html = page(owner_client, CALENDAR)
    assert "Start a no-contact period and your days will show here." in html


# --- The pause link in the header -------------------------------------------------------------

PAGES = [
    reverse("pages:home"),
    OVERVIEW,
    CALENDAR,
    LETTERS,
    reverse("pages:crisis"),
    reverse("accounts:settings"),
    reverse("path:overview"),
]


@pytest.mark.django_db
def test_pause_link_is_in_the_header_on_every_page_before_during_and_after_a_period(
    owner: User, owner_client: Client
) -> None:
    # The first urge often comes on day one, before any period has started.
    for url in PAGES:
        assert f'class="pause-link" href="{PAUSE}"' in page(owner_client, url), url
    owner_client.post(OVERVIEW, {"target_days": "30"})
    for url in PAGES:
        assert f'class="pause-link" href="{PAUSE}"' in page(owner_client, url), url
    owner_client.post(reverse("nocontact:end"))
    assert Period.objects.get(user=owner).ended_on is not None
    for url in PAGES:
        assert f'class="pause-link" href="{PAUSE}"' in page(owner_client, url), url
    assert 'class="pause-link"' not in Client().get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_ending_a_period_keeps_everything_logged(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    period = started(owner, days_ago=4)
    log(client, TODAY, note="Kept after the end")
    response = client.post(reverse("nocontact:end"))
    assert response["Location"] == OVERVIEW
    period.refresh_from_db()
    assert period.ended_on == TODAY
    assert Contact.objects.get().note == "Kept after the end"
    assert "Start no contact" in page(client)


# --- Query counts -----------------------------------------------------------------------------


def _fill(owner: User, period: Period, how_many: int) -> None:
    """``how_many`` contacts and urges spread over the period, written in one go each."""
    days = (TODAY - period.started_on).days + 1
    contacts = []
    for i in range(how_many):
        social = i % 3 == 0
        contacts.append(
            Contact(
                period=period,
                day=period.started_on + timedelta(days=i % days),
                channel="social_media" if social else "text",
                counter="social" if social else "contact",
                is_slip=i % 5 != 0,
                note=f"note {i}",
            )
        )
    Contact.objects.bulk_create(contacts)
    Urge.objects.bulk_create(
        Urge(user=owner, day=period.started_on + timedelta(days=i % days), intensity=i % 11)
        for i in range(how_many)
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [OVERVIEW, CALENDAR, PAUSE])
def test_pages_use_a_fixed_number_of_queries_however_much_is_logged(
    owner: User, outsider: User, frozen: Any, url: str
) -> None:
    few_owner, many_owner = owner, outsider
    many_owner.time_zone = "Europe/London"
    many_owner.save()
    few = started(few_owner, days_ago=40)
    many = started(many_owner, days_ago=40)
    _fill(few_owner, few, 3)
    _fill(many_owner, many, 300)
    few_client, many_client = signed_in(few_owner), signed_in(many_owner)
    _queries(few_client, url)  # warm up the session
    _queries(many_client, url)
    assert _queries(few_client, url) == _queries(many_client, url)


# --- The API ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_start_then_a_second_start_is_a_conflict(owner: User, frozen: Any, api: Api) -> None:
    assert api("GET", "/no-contact").json() == {"active": None}
    response = api("POST", "/no-contact", {"target_days": 45, "limited_contact": True})
    assert response.status_code == 201
    body = response.json()
    assert (body["started_on"], body["target_days"], body["limited_contact"]) == (
        "2026-06-10",
        45,
        True,
    )
    assert body["contact"] == {
        "current": 1,
        "longest": 1,
        "clean_days": 1,
        "slip_days": 0,
        "days_in_period": 1,
        "clean_share": 1.0,
    }
    assert (body["milestones"], body["next_milestone"], body["days_left"]) == ([1], 3, 44)
    again = api("POST", "/no-contact", {"target_days": 60})
    assert again.status_code == 409
    assert "already" in again.json()["error"]
    assert Period.objects.filter(user=owner).count() == 1


@pytest.mark.django_db
def test_api_start_defaults_to_thirty_days(owner: User, api: Api) -> None:
    assert api("POST", "/no-contact", {}).json()["target_days"] == 30


@pytest.mark.django_db
def test_api_logs_contacts_and_the_server_decides_what_is_a_slip(
    owner: User, frozen: Any, api: Api
) -> None:
    api("POST", "/no-contact", {"limited_contact": True})
    text = api("POST", "/no-contact/contacts", {"channel": "text", "is_slip": False})
    assert text.status_code == 201
    assert (text.json()["counter"], text.json()["is_slip"], text.json()["day"]) == (
        "contact",
        True,
        "2026-06-10",
    )
    looked = api("POST", "/no-contact/contacts", {"channel": "social_media", "they_started": True})
    assert (looked.json()["counter"], looked.json()["is_slip"]) == ("social", True)
    ignored = api(
        "POST", "/no-contact/contacts", {"channel": "call", "they_started": True, "replied": False}
    )
    assert ignored.json()["is_slip"] is False
    logistics = api("POST", "/no-contact/contacts", {"channel": "email", "logistics": True})
    assert logistics.json()["is_slip"] is False
    listed = api("GET", "/no-contact/contacts").json()
    assert len(listed) == 4
    active = api("GET", "/no-contact").json()["active"]
    assert (active["contact"]["slip_days"], active["social"]["slip_days"]) == (1, 1)
    gone = api("DELETE", f"/no-contact/contacts/{text.json()['id']}")
    assert gone.status_code == 204
    assert api("GET", "/no-contact").json()["active"]["contact"]["slip_days"] == 0


@pytest.mark.django_db
def test_api_logistics_without_limited_contact_is_a_slip(owner: User, api: Api) -> None:
    api("POST", "/no-contact", {})
    response = api("POST", "/no-contact/contacts", {"channel": "text", "logistics": True})
    assert response.json()["is_slip"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/no-contact/contacts", {"channel": "text"}),
        ("POST", "/no-contact/end", None),
    ],
)
def test_api_without_an_active_period_is_a_conflict(
    owner: User, api: Api, method: str, path: str, body: Any
) -> None:
    response = api(method, path, body)
    assert response.status_code == 409
    assert "Start one first" in response.json()["error"]
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_api_end_closes_the_period(owner: User, frozen: Any, api: Api) -> None:
    api("POST", "/no-contact", {})
    response = api("POST", "/no-contact/end")
    assert response.status_code == 200
    assert response.json()["ended_on"] == "2026-06-10"
    assert api("GET", "/no-contact").json()["active"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body", "error"),
    [
        ("/no-contact", {"target_days": 10}, "target_days: No contact lasts at least 30 days."),
        ("/no-contact", {"target_days": 400}, "target_days: Please choose a year or less"),
        ("/no-contact/contacts", {"channel": "pigeon"}, "not valid"),
        ("/no-contact/contacts", {"channel": "text", "day": "2026-06-11"}, "day: That day hasn’t"),
        ("/no-contact/contacts", {"channel": "text", "day": "2026-06-01"}, "day: That’s before"),
        ("/no-contact/contacts", {"channel": "text", "day": "soon"}, "not valid"),
        ("/urges", {"intensity": 11}, "intensity: Choose a number from 0 to 10."),
        ("/urges", {"intensity": -1}, "intensity: Choose a number from 0 to 10."),
        ("/letters", {"body": "  "}, "body: Write a few words"),
        ("/letters", {"body": "Hi", "reopen_on": "2026-06-10"}, "reopen_on: Choose a day after"),
        ("/check-ins", {"boundary": "no_calls", "kept": True}, "not valid"),
    ],
)
def test_api_bad_input_is_a_400_saying_why(
    owner: User, frozen: Any, api: Api, path: str, body: dict[str, Any], error: str
) -> None:
    if path != "/no-contact":
        started(owner, days_ago=3)  # 7 June
    response = api("POST", path, body)
    assert response.status_code == 400
    assert error in response.json()["error"]
    assert Period.objects.count() == (0 if path == "/no-contact" else 1)
    assert not Contact.objects.exists()
    assert not Urge.objects.exists()
    assert not Letter.objects.exists()
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_api_urges_can_be_logged_listed_edited_and_deleted(
    owner: User, frozen: Any, api: Api
) -> None:
    created = api("POST", "/urges", {"intensity": 8, "trigger": "Payday"})
    assert created.status_code == 201
    urge = created.json()
    assert (urge["intensity"], urge["trigger"], urge["day"], urge["passed"]) == (
        8,
        "Payday",
        "2026-06-10",
        None,
    )
    assert [u["id"] for u in api("GET", "/urges").json()] == [urge["id"]]
    edited = api("PATCH", f"/urges/{urge['id']}", {"passed": True, "instead": "Called a friend"})
    assert edited.status_code == 200
    assert (edited.json()["intensity"], edited.json()["trigger"]) == (8, "Payday")
    assert (edited.json()["passed"], edited.json()["instead"]) == (True, "Called a friend")
    refused = api("PATCH", f"/urges/{urge['id']}", {"intensity": 11})
    assert refused.status_code == 400
    assert "error" in refused.json()
    assert Urge.objects.get().intensity == 8
    assert api("DELETE", f"/urges/{urge['id']}").status_code == 204
    assert api("DELETE", f"/urges/{urge['id']}").status_code == 404
    assert not Urge.objects.exists()


@pytest.mark.django_db
def test_api_someone_elses_urge_and_letter_are_not_found(owner: User, outsider: User) -> None:
    urge = Urge.objects.create(user=owner, day=date(2026, 6, 1))
    letter = Letter.objects.create(user=owner, body=BODY, reopen_on=date(2020, 1, 1))
    theirs = Api(outsider)
    assert theirs("PATCH", f"/urges/{urge.pk}", {"intensity": 1}).status_code == 404
    assert theirs("GET", f"/letters/{letter.pk}").status_code == 404
    assert BODY not in json.dumps(theirs("GET", "/letters").json())


@pytest.mark.django_db
def test_api_letters_are_sealed_until_their_day(owner: User, api: Api) -> None:
    with time_machine.travel(NOON, tick=False) as traveller:
        created = api("POST", "/letters", {"body": BODY})
        assert created.status_code == 201
        letter = created.json()
        assert (letter["reopen_on"], letter["sealed"], letter["body"]) == (
            "2026-07-10",
            True,
            None,
        )
        assert BODY not in json.dumps(api("GET", "/letters").json())
        assert api("GET", f"/letters/{letter['id']}").json()["body"] is None
        traveller.move_to(utc(2026, 7, 10, 9, 0))
        assert api("GET", f"/letters/{letter['id']}").json()["body"] == BODY
        assert api("GET", "/letters").json()[0]["body"] == BODY


@pytest.mark.django_db
def test_api_check_ins_keep_one_answer_per_boundary_per_day(
    owner: User, frozen: Any, api: Api
) -> None:
    first = api("POST", "/check-ins", {"boundary": "no_sex", "kept": True})
    assert first.status_code == 200
    assert first.json() == {"day": "2026-06-10", "boundary": "no_sex", "kept": True}
    api("POST", "/check-ins", {"boundary": "no_sex", "kept": False})
    api("POST", "/check-ins", {"boundary": "no_social", "kept": True})
    listed = api("GET", "/check-ins").json()
    assert sorted((c["boundary"], c["kept"]) for c in listed) == [
        ("no_sex", False),
        ("no_social", True),
    ]
    assert CheckIn.objects.count() == 2


@pytest.mark.django_db
def test_api_calendar_gives_every_day_of_the_month(owner: User, frozen: Any, api: Api) -> None:
    assert api("GET", "/no-contact/calendar").json() == []
    period = started(owner, days_ago=7)  # 3 June
    Contact.objects.create(period=period, day=date(2026, 6, 5), channel="text")
    Contact.objects.create(period=period, day=date(2026, 6, 5), channel="call")
    Contact.objects.create(period=period, day=date(2026, 6, 6), channel="social_media")
    Urge.objects.create(user=owner, day=date(2026, 6, 6), intensity=4)
    june = {d["day"]: d for d in api("GET", "/no-contact/calendar?month=2026-06").json()}
    assert len(june) == 30
    assert june["2026-06-05"] == {
        "day": "2026-06-05",
        "in_period": True,
        "clean": False,
        "contact_slips": 2,
        "social_slips": 0,
        "urges": 0,
    }
    assert (june["2026-06-06"]["clean"], june["2026-06-06"]["social_slips"]) == (True, 1)
    assert june["2026-06-06"]["urges"] == 1
    assert (june["2026-06-02"]["in_period"], june["2026-06-11"]["in_period"]) == (False, False)
    may = api("GET", "/no-contact/calendar?month=2026-05").json()
    assert len(may) == 31
    assert not any(d["in_period"] for d in may)
    fallback = api("GET", "/no-contact/calendar?month=garbage").json()
    assert fallback[0]["day"] == "2026-06-01"


@pytest.mark.django_db
def test_api_needs_a_token(client: Client) -> None:
    response = client.post("/api/v1/no-contact", json.dumps({}), content_type="application/json")
    assert response.status_code == 401
    assert "error" in response.json()
    assert not Period.objects.exists()


# Sealed letters: a time-zone change can't open one early; what the exports show.


@pytest.mark.django_db
def test_moving_the_clock_east_cannot_open_a_letter_early(owner: User, api: Api) -> None:
    owner.time_zone = "America/Los_Angeles"
    owner.save()
    written = datetime(2026, 6, 10, 19, 0, tzinfo=UTC)  # noon in Los Angeles
    with time_machine.travel(written, tick=False) as traveller:
        created = api("POST", "/letters", {"body": BODY, "reopen_on": "2026-06-20"})
        letter_id = created.json()["id"]
        # 20:00 on the 19th in Los Angeles: the 20th has already begun in Kiritimati.
        traveller.move_to(datetime(2026, 6, 20, 3, 0, tzinfo=UTC))
        owner.time_zone = "Pacific/Kiritimati"
        owner.save()
        assert owner.today() == date(2026, 6, 20)
        sealed = api("GET", f"/letters/{letter_id}").json()
        assert (sealed["sealed"], sealed["body"]) == (True, None)
        page = signed_in(owner).get(reverse("nocontact:letter", args=[letter_id]))
        assert BODY not in page.content.decode()
        # Midnight in Los Angeles, where it was sealed: now it opens.
        traveller.move_to(datetime(2026, 6, 20, 7, 0, tzinfo=UTC))
        assert api("GET", f"/letters/{letter_id}").json()["body"] == BODY


@pytest.mark.django_db
def test_the_csv_export_keeps_a_sealed_letter_sealed_and_the_json_keeps_it_whole(
    owner: User,
) -> None:
    import csv
    import io
    import zipfile

    from recouple.accounts.portability import export_csv_zip, export_user

    with time_machine.travel(NOON, tick=False) as traveller:
        sealed = Letter.objects.create(
            user=owner, body="Still sealed", reopen_on=owner.today() + timedelta(days=30)
        )
        opened = Letter.objects.create(
            user=owner, body="Open now", reopen_on=owner.today() + timedelta(days=1)
        )
        traveller.shift(timedelta(days=2))
        with zipfile.ZipFile(io.BytesIO(export_csv_zip(owner))) as archive:
            text = archive.read("nocontact_Letter.csv").decode()
        rows = {int(r["id"]): r["body"] for r in csv.DictReader(io.StringIO(text))}
        assert rows[sealed.pk] == f"(sealed until {sealed.reopen_on.isoformat()})"
        assert rows[opened.pk] == "Open now"
        assert "Still sealed" not in text
        bodies = {r["body"] for r in export_user(owner)["tables"]["nocontact.Letter"]}
        assert bodies == {"Still sealed", "Open now"}
