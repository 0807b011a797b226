"""Hard days ahead of time, and the hours when urges come: rules, pages, reminders in every
time zone (DST included), the calendar feed, Pause and the journal on the day, and Today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from recouple.accounts.models import User
from recouple.nocontact import actions
from recouple.nocontact.models import HardDay, HardHourReminder, Urge
from recouple.program import harddays as rules
from recouple.program import reminders as reminder_rules
from recouple.reminders.models import CalendarFeed, Notification, make_due_notes
from tests.conftest import OWNER_CANARY, Api, signed_in

# --- The rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29)), (2100, date(2100, 2, 28))],
)
def test_a_yearly_29_february_falls_on_the_28th_in_other_years(year: int, expected: date) -> None:
    assert rules.occurrence(date(2024, 2, 29), True, year) == expected


def test_the_next_time_a_day_comes() -> None:
    today = date(2026, 12, 3)
    # A yearly day whose date passed this year comes next year; today counts as coming.
    assert rules.next_occurrence(date(2019, 6, 1), True, today) == date(2027, 6, 1)
    assert rules.next_occurrence(date(2019, 12, 3), True, today) == today
    assert rules.next_occurrence(date(2024, 2, 29), True, today) == date(2027, 2, 28)
    # A one-off day comes once.
    assert rules.next_occurrence(date(2026, 12, 25), False, today) == date(2026, 12, 25)
    assert rules.next_occurrence(date(2026, 12, 2), False, today) is None


def _at(zone: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))  # type: ignore[misc]


def test_urges_cluster_only_once_there_are_enough_of_them() -> None:
    sundays = [_at("Europe/London", 2027, 3, day, 19, 30) for day in (7, 14, 21, 28)]
    others = [_at("Europe/London", 2027, 3, day, 9) for day in (1, 2, 3)]
    assert rules.cluster(sundays + others) is None  # seven: not enough to say
    found = rules.cluster([*sundays, *others, _at("Europe/London", 2027, 3, 4, 9)])
    assert found is not None
    assert (found.weekday, found.part, found.hour, found.count, found.total) == (
        6,
        "evening",
        19,
        4,
        8,
    )
    assert found.words == "Sunday evenings"
    assert found.reminder_at == (6, 18)


def test_scattered_urges_make_no_cluster() -> None:
    scattered = [_at("UTC", 2027, 3, 1 + day, 3 * day % 24) for day in range(14)]
    assert rules.cluster(scattered) is None


def test_the_reminder_before_midnight_is_the_evening_before() -> None:
    found = rules.Cluster(weekday=0, part="night", hour=0, count=5, total=8)
    assert found.reminder_at == (6, 23)


# --- Marking days: the page and the API ---------------------------------------------------------


def _mark(client: Client, **values: str) -> Any:
    return client.post(reverse("nocontact:hard_days"), values)


@pytest.mark.django_db
def test_a_day_is_marked_and_listed_with_its_next_date(owner: User, owner_client: Client) -> None:
    today = owner.today()
    passed = today - timedelta(days=400)
    response = _mark(
        owner_client,
        label="Our anniversary",
        kind="anniversary",
        day=passed.isoformat(),
        yearly="on",
    )
    assert response.status_code == 302
    page = owner_client.get(reverse("nocontact:hard_days")).content.decode()
    assert "Our anniversary" in page and "every year" in page
    hard_day = HardDay.objects.get(user=owner)
    assert hard_day.next_on(today) == rules.next_occurrence(passed, True, today)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"day": "2026-01-01"}, "That day has passed."),
        ({"day": "1899-12-31", "yearly": "on"}, "between 1900 and three years from now"),
        ({"day": "2035-01-01", "yearly": "on"}, "between 1900 and three years from now"),
        ({"day": "2027-02-30", "yearly": "on"}, "Please enter a date."),
        ({"day": "", "yearly": "on"}, "Please enter a date."),
        ({"day": "2027-05-01", "label": "  "}, "Please name the day in a few words."),
    ],
)
@time_machine.travel(datetime(2026, 12, 3, 12, tzinfo=UTC), tick=False)
def test_a_bad_day_says_why_and_marks_nothing(
    owner_client: Client, values: dict[str, str], message: str
) -> None:
    response = _mark(owner_client, **{"label": "A day", "kind": "other", **values})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HardDay.objects.exists()


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 3, 12, tzinfo=UTC), tick=False)
def test_29_february_can_be_marked_every_year(owner: User, api: Api) -> None:
    made = api("POST", "/hard-days", {"label": "Leap", "kind": "birthday", "day": "2024-02-29"})
    assert made.status_code == 201
    assert made.json()["next_on"] == "2027-02-28" and made.json()["yearly"] is True
    refused = api(
        "POST",
        "/hard-days",
        {"label": "Gone", "kind": "other", "day": "2026-11-01", "yearly": False},
    )
    assert refused.status_code == 400 and "That day has passed." in refused.json()["error"]
    listed = api("GET", "/hard-days").json()
    assert [row["label"] for row in listed] == ["Leap"]
    assert api("DELETE", f"/hard-days/{listed[0]['id']}").status_code == 204
    assert not HardDay.objects.exists()


@pytest.fixture
def api(owner: User) -> Api:
    return Api(owner)


# --- The reminder the evening before, in every zone ---------------------------------------------


def _user(zone: str, name: str = "zoned") -> User:
    return User.objects.create_account(name, "quiet harbour lantern 42", zone)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "day", "due_utc"),
    [
        # New York springs forward on 14 March 2027: the evening before is already EDT (-4).
        ("America/New_York", date(2027, 3, 15), datetime(2027, 3, 14, 22, tzinfo=UTC)),
        # London springs forward on 28 March 2027: 18:00 BST is 17:00 UTC.
        ("Europe/London", date(2027, 3, 29), datetime(2027, 3, 28, 17, tzinfo=UTC)),
        # London falls back on 31 October 2027: 18:00 GMT is 18:00 UTC.
        ("Europe/London", date(2027, 11, 1), datetime(2027, 10, 31, 18, tzinfo=UTC)),
        # Sydney falls back on 4 April 2027: 18:00 AEST (+10) is 08:00 UTC.
        ("Australia/Sydney", date(2027, 4, 5), datetime(2027, 4, 4, 8, tzinfo=UTC)),
        # No DST at all, and ahead of UTC: the evening before is the morning in UTC.
        ("Asia/Kolkata", date(2027, 1, 1), datetime(2026, 12, 31, 12, 30, tzinfo=UTC)),
    ],
)
def test_the_reminder_comes_at_six_the_evening_before_in_the_persons_zone(
    zone: str, day: date, due_utc: datetime
) -> None:
    user = _user(zone)
    with time_machine.travel(due_utc - timedelta(days=30), tick=False):
        actions.mark_hard_day(
            user, {"label": OWNER_CANARY, "kind": "birthday", "day": day, "yearly": True}
        )
    with time_machine.travel(due_utc - timedelta(minutes=1), tick=False):
        assert make_due_notes(user) == 0
    with time_machine.travel(due_utc, tick=False):
        assert make_due_notes(user) == 1
        assert make_due_notes(user) == 0  # made once, however often `remind` runs
    note = Notification.objects.get(user=user)
    assert note.kind == reminder_rules.Kind.HARD_DAY.value
    assert note.due_at == due_utc
    assert note.due_at.astimezone(ZoneInfo(zone)).hour == rules.EVE_REMINDER.hour
    # Quiet mode is on by default: the words are neutral.
    assert OWNER_CANARY not in f"{note.title} {note.text}"
    assert "one of the days you marked" in note.text


@pytest.mark.django_db
def test_with_quiet_mode_off_the_reminder_names_the_day() -> None:
    user = _user("Europe/London")
    user.quiet_mode = False
    user.save()
    with time_machine.travel(datetime(2027, 5, 1, 9, tzinfo=UTC), tick=False):
        actions.mark_hard_day(
            user, {"label": "our anniversary", "kind": "anniversary", "day": date(2020, 5, 2)}
        )
        assert make_due_notes(user) == 0
    with time_machine.travel(datetime(2027, 5, 1, 17, tzinfo=UTC), tick=False):
        assert make_due_notes(user) == 1
    note = Notification.objects.get(user=user)
    assert note.title == "Tomorrow may be hard"
    assert note.text.startswith("Tomorrow is our anniversary.")


@pytest.mark.django_db
def test_a_late_run_on_the_day_itself_still_reminds_but_not_the_day_after() -> None:
    user = _user("Europe/London")
    with time_machine.travel(datetime(2027, 6, 1, 9, tzinfo=UTC), tick=False):
        actions.mark_hard_day(user, {"label": "x", "kind": "other", "day": date(2027, 6, 10)})
    hard = Notification.objects.filter(kind=reminder_rules.Kind.HARD_DAY.value)
    with time_machine.travel(datetime(2027, 6, 11, 0, 30, tzinfo=UTC), tick=False):
        make_due_notes(user)  # 01:30 on the 11th in London: it has passed
        assert not hard.exists()
    with time_machine.travel(datetime(2027, 6, 10, 22, 30, tzinfo=UTC), tick=False):
        make_due_notes(user)  # 23:30 on the day itself
        assert hard.count() == 1


@pytest.mark.django_db
def test_the_calendar_feed_holds_the_day_with_an_alarm_the_evening_before(
    owner: User, owner_client: Client
) -> None:
    actions.mark_hard_day(
        owner,
        {"label": OWNER_CANARY, "kind": "birthday", "day": owner.today() + timedelta(days=5)},
    )
    token = CalendarFeed.issue(owner)
    ics = Client().get(reverse("reminders:feed", kwargs={"token": token})).content
    found = [e for e in Calendar.from_ical(ics).walk("VEVENT") if "hard day" in str(e["summary"])]
    assert len(found) == 1
    event = found[0]
    assert event.decoded("dtstart") == owner.today() + timedelta(days=5)
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("trigger") == -timedelta(hours=6)
    assert OWNER_CANARY not in ics.decode()


# --- On the day ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_on_the_day_pause_today_and_the_journal_know(owner: User, owner_client: Client) -> None:
    actions.mark_hard_day(
        owner,
        {
            "label": "Their birthday",
            "kind": "birthday",
            "day": owner.today() - timedelta(days=365 * 3),
        },
    )
    hard_day = HardDay.objects.get()
    on_the_day = hard_day.next_on(owner.today())
    assert on_the_day is not None
    start = datetime.combine(on_the_day, datetime.min.time(), tzinfo=owner.zone()) + timedelta(
        hours=10
    )
    with time_machine.travel(start - timedelta(days=1), tick=False):
        client = signed_in(owner)
        assert (
            "one of your hard days" not in client.get(reverse("nocontact:pause")).content.decode()
        )
        assert rules.HARD_DAY_PROMPT not in client.get(reverse("journal:index")).content.decode()
    with time_machine.travel(start, tick=False):
        client = signed_in(owner)
        pause = client.get(reverse("nocontact:pause")).content.decode()
        assert "Today is one of your hard days" in pause and "Their birthday" in pause
        journal = client.get(reverse("journal:index")).content.decode()
        assert rules.HARD_DAY_PROMPT.split("?")[0] in journal
        today = client.get(reverse("dashboard:index")).content.decode()
        assert "Today is one of your hard days" in today


# --- When urges come, on Today ------------------------------------------------------------------


def _sunday_evenings(user: User, weeks: int, first: datetime) -> None:
    """One urge at 19:30 local each Sunday (spanning a DST change), and a few scattered."""
    zone = user.zone()
    for week in range(weeks):
        local = (first + timedelta(days=7 * week)).replace(tzinfo=zone)
        Urge.objects.create(user=user, at=local, day=local.date(), intensity=6)
    for day in range(3):
        local = (first + timedelta(days=2 + day, hours=-10)).replace(tzinfo=zone)
        Urge.objects.create(user=user, at=local, day=local.date())


@pytest.mark.django_db
def test_today_shows_when_urges_come_across_a_dst_change_and_offers_a_reminder() -> None:
    user = _user("Europe/London", "evening-eve")
    # Sundays 7 March to 4 April 2027 at 19:30 London time: GMT, then BST after 28 March.
    _sunday_evenings(user, 5, datetime(2027, 3, 7, 19, 30))
    with time_machine.travel(datetime(2027, 4, 7, 12, tzinfo=UTC), tick=False):
        client = signed_in(user)
        page = client.get(reverse("dashboard:index")).content.decode()
        assert "Most of your urges come on Sunday evenings: 5 of the 8" in page
        assert "every Sunday at 18:00" in page
        response = client.post(reverse("nocontact:hard_hour"), {"weekday": "6", "hour": "18"})
        assert response.status_code == 302
        assert HardHourReminder.objects.get(user=user).hour == 18
        page = client.get(reverse("dashboard:index")).content.decode()
        assert "You get a reminder every Sunday at 18:00." in page
    # The next Sunday, 18:00 BST = 17:00 UTC: the note comes then, not before.
    with time_machine.travel(datetime(2027, 4, 11, 16, 59, tzinfo=UTC), tick=False):
        assert make_due_notes(user) == 0
    with time_machine.travel(datetime(2027, 4, 11, 17, 0, tzinfo=UTC), tick=False):
        assert make_due_notes(user) == 1
        note = Notification.objects.get(user=user)
        assert note.kind == reminder_rules.Kind.HARD_HOUR.value
    # Long after the hour, a late run makes no stale note.
    with time_machine.travel(datetime(2027, 4, 18, 23, 0, tzinfo=UTC), tick=False):
        assert make_due_notes(user) == 0


@pytest.mark.django_db
def test_too_few_urges_show_nothing_on_today(owner: User, owner_client: Client) -> None:
    Urge.objects.create(user=owner, day=owner.today())
    page = owner_client.get(reverse("dashboard:index")).content.decode()
    assert "When urges come" not in page


@pytest.mark.django_db
@time_machine.travel(datetime(2027, 4, 7, 12, tzinfo=UTC), tick=False)
def test_the_api_shows_the_cluster_and_sets_and_stops_the_reminder() -> None:
    user = _user("Europe/London", "api-evenings")
    _sunday_evenings(user, 5, datetime(2027, 3, 7, 19, 30))
    api = Api(user)
    shown = api("GET", "/reminders/hard-hour").json()
    assert shown["cluster"]["words"] == "Sunday evenings" and shown["reminder"] is None
    assert api("PUT", "/reminders/hard-hour", {"weekday": 6, "hour": 18}).json()["reminder"] == {
        "weekday": 6,
        "hour": 18,
    }
    assert api("PUT", "/reminders/hard-hour", {"weekday": 7, "hour": 18}).status_code == 400
    assert api("DELETE", "/reminders/hard-hour").status_code == 204
    assert not HardHourReminder.objects.exists()


@pytest.mark.django_db
def test_a_bad_hard_hour_post_changes_nothing(owner: User, owner_client: Client) -> None:
    response = owner_client.post(reverse("nocontact:hard_hour"), {"weekday": "9", "hour": "x"})
    assert response.status_code == 302
    assert not HardHourReminder.objects.exists()
    follow = owner_client.get(response["Location"]).content.decode()
    assert "That time didn’t come through" in follow.replace("&#x27;", "’")


@pytest.mark.django_db
def test_today_costs_the_same_queries_with_hard_days_and_a_long_urge_log(
    owner: User, outsider: User
) -> None:
    for user, urges in ((owner, 2), (outsider, 300)):
        for n in range(urges):
            day = user.today() - timedelta(days=n % 85)
            Urge.objects.create(user=user, day=day)
        for n in range(3 if user is owner else 30):
            HardDay.objects.create(
                user=user, label="x", kind="other", day=user.today() + timedelta(days=n)
            )
        HardHourReminder.objects.create(user=user, weekday=6, hour=18)

    def count(user: User) -> int:
        client = signed_in(user)
        client.get(reverse("dashboard:index"))  # notes made on the first visit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboard:index")).status_code == 200
        return len(queries)

    assert count(owner) == count(outsider)
