"""Habits as Loop does them well: a number a day with a target (not only done or skipped),
a reminder time of its own through `recouple remind`, and a month calendar of its history."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recouple.accounts.models import User
from recouple.growth.models import Check, Habit
from recouple.program import growth as rules
from recouple.program.growth import DayState, Mark
from recouple.reminders.models import Notification, make_due_notes

LONDON = ZoneInfo("Europe/London")
# A Wednesday afternoon in London (the owner's zone).
NOW = datetime(2026, 6, 17, 15, 0, tzinfo=LONDON)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def walk(owner: User, **extra: Any) -> Habit:
    values: dict[str, Any] = {
        "name": "Walk",
        "started_on": TODAY - timedelta(days=60),
        "target": 30,
        "unit": "minutes",
    }
    return Habit.objects.create(user=owner, **{**values, **extra})


def test_a_day_is_done_at_its_target_and_partial_below_it() -> None:
    assert rules.mark_for_amount(30, 30) is Mark.DONE
    assert rules.mark_for_amount(45, 30) is Mark.DONE
    assert rules.mark_for_amount(12, 30) is Mark.PARTIAL
    assert rules.mark_for_amount(0, 30) is None
    assert rules.shares({TODAY: 15, TODAY - timedelta(days=1): 60}, 30) == {
        TODAY: 0.5,
        TODAY - timedelta(days=1): 1.0,
    }
    assert rules.shares({TODAY: 15}, None) == {}


def test_half_the_target_every_day_builds_half_the_strength_and_no_streak() -> None:
    start = TODAY - timedelta(days=20)
    days = [start + timedelta(days=n) for n in range(21)]
    done = dict.fromkeys(days, Mark.DONE)
    half = dict.fromkeys(days, Mark.PARTIAL)
    full = rules.summarize(start, TODAY, rules.EVERY_DAY, done)
    some = rules.summarize(start, TODAY, rules.EVERY_DAY, half, dict.fromkeys(days, 0.5))
    assert some.strength == pytest.approx(full.strength / 2)
    assert some.strength == pytest.approx(
        rules.strengths(start, TODAY, rules.EVERY_DAY, half, dict.fromkeys(days, 0.5))[-1][1]
    )
    assert (some.current_streak, some.done_last_7) == (0, 0)
    # A partial day scores more than a missed one.
    assert some.strength > rules.summarize(start, TODAY, rules.EVERY_DAY, {}).strength


def test_the_month_calendar_tells_each_day_apart() -> None:
    started = date(2026, 6, 3)
    marks = {
        date(2026, 6, 4): Mark.DONE,
        date(2026, 6, 5): Mark.PARTIAL,
        date(2026, 6, 6): Mark.SKIPPED,
    }
    weeks = rules.month_calendar(
        2026, 6, started, TODAY, frozenset({0, 1, 2, 3, 4}), marks, {date(2026, 6, 5): 10}
    )
    # June 2026 starts on a Monday: five weeks, Monday first.
    assert len(weeks) == 5 and all(len(week) == 7 for week in weeks)
    cells = {cell.day: cell for week in weeks for cell in week if cell is not None}
    assert len(cells) == 30
    state = {day.day: cell.state for day, cell in cells.items()}
    assert state[2] is DayState.OUTSIDE  # before it started
    assert state[3] is DayState.MISSED
    assert (state[4], state[5], state[6]) == (DayState.DONE, DayState.PARTIAL, DayState.SKIPPED)
    assert cells[date(2026, 6, 5)].amount == 10
    assert state[7] is DayState.REST  # a Sunday, not scheduled
    assert state[17] is DayState.OPEN  # today
    assert state[18] is DayState.OUTSIDE  # still to come
    assert weeks[-1][2] is None  # 30 June is a Tuesday: the week is padded


@pytest.mark.django_db
def test_a_measurable_habit_is_made_on_its_page_and_logged_from_the_grow_page(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        "/grow/habits/new/",
        {"name": "Walk", "target": "30", "unit": "minutes", "reminder_time": "18:30"},
    )
    assert response.status_code == 302
    habit = Habit.objects.get(user=owner)
    assert (habit.target, habit.unit, habit.reminder_time) == (30, "minutes", time(18, 30))
    page = owner_client.get("/grow/").content.decode()
    assert "Today, of 30 minutes" in page
    owner_client.post(f"/grow/habits/{habit.pk}/mark/", {"mark": "log", "amount": "12"})
    check = Check.objects.get(habit=habit)
    assert (check.mark, check.amount) == ("partial", 12)
    page = owner_client.get("/grow/").content.decode()
    assert "12 of 30" in page and 'value="12"' in page
    owner_client.post(f"/grow/habits/{habit.pk}/mark/", {"mark": "log", "amount": "35"})
    check.refresh_from_db()
    assert (check.mark, check.amount) == ("done", 35)
    assert "Done today ✓" in owner_client.get("/grow/").content.decode()
    # 0 clears the day.
    owner_client.post(f"/grow/habits/{habit.pk}/mark/", {"mark": "log", "amount": "0"})
    assert not Check.objects.filter(habit=habit).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"unit": "minutes"}, "Give the number to reach, or leave the unit empty."),
        ({"target": "0", "unit": "minutes"}, "Make it at least 1, or leave it empty."),
        ({"target": "lots"}, "Type a whole number, like 30."),
        ({"target": "30", "reminder_time": "half six"}, "Type a time like 19:30."),
    ],
)
def test_a_habit_form_that_cant_be_saved_says_why_and_keeps_the_name(
    owner: User, owner_client: Client, data: dict[str, str], problem: str
) -> None:
    response = owner_client.post("/grow/habits/new/", {"name": "A long walk", **data})
    assert response.status_code == 400
    page = response.content.decode()
    assert problem in page and 'value="A long walk"' in page
    assert not Habit.objects.exists()


@pytest.mark.django_db
def test_a_wrong_number_is_refused_and_the_day_stays_as_it_was(
    owner: User, owner_client: Client
) -> None:
    habit = walk(owner)
    Check.objects.create(habit=habit, day=TODAY, mark="partial", amount=10)
    for amount in ("-3", "many", ""):
        owner_client.post(f"/grow/habits/{habit.pk}/mark/", {"mark": "log", "amount": amount})
    assert Check.objects.get(habit=habit).amount == 10
    yes_no = Habit.objects.create(user=owner, name="Read", started_on=TODAY)
    response = owner_client.post(
        f"/grow/habits/{yes_no.pk}/mark/", {"mark": "log", "amount": "3"}, follow=True
    )
    assert "it has no number to log" in response.content.decode()
    assert not Check.objects.filter(habit=yes_no).exists()


@pytest.mark.django_db
def test_measurable_habits_through_the_api(owner: User, api: Any) -> None:
    made = api(
        "POST",
        "/growth/habits",
        {"name": "Pages", "target": 20, "unit": "pages", "reminder_time": "21:00"},
    )
    assert made.status_code == 201
    habit = made.json()
    assert (habit["target"], habit["unit"], habit["reminder_time"]) == (20, "pages", "21:00")
    marked = api("POST", f"/growth/habits/{habit['id']}/marks", {"mark": "log", "amount": 5})
    assert marked.json()["amount_today"] == 5
    assert 0 < marked.json()["strength"] < 0.05
    assert api("POST", f"/growth/habits/{habit['id']}/marks", {"mark": "log"}).status_code == 400
    history = api("GET", f"/growth/habits/{habit['id']}/history?month=2026-06").json()
    assert history["month"] == "2026-06" and len(history["days"]) == 30
    assert history["days"][16] == {"day": "2026-06-17", "state": "partial", "amount": 5}
    bad = api("GET", f"/growth/habits/{habit['id']}/history?month=June")
    assert bad.status_code == 400 and "month" in bad.json()["error"]
    patched = api("PATCH", f"/growth/habits/{habit['id']}", {"name": "Read"}).json()
    assert (patched["target"], patched["unit"]) == (20, "pages")


@pytest.mark.django_db
def test_the_history_calendar_shows_a_month_and_goes_back_to_the_start(
    owner: User, owner_client: Client
) -> None:
    habit = walk(owner, started_on=date(2026, 4, 20))
    Check.objects.create(habit=habit, day=date(2026, 5, 2), mark="done", amount=30)
    Check.objects.create(habit=habit, day=date(2026, 5, 3), mark="partial", amount=7)
    url = f"/grow/habits/{habit.pk}/history/"
    page = owner_client.get(url).content.decode()
    assert "June 2026" in page and "?month=2026-05" in page and "?month=2026-07" not in page
    may = owner_client.get(url + "?month=2026-05").content.decode()
    assert 'class="cal-done"' in may and 'class="cal-partial"' in may and ">7<" in may
    assert "Done: 1 day" in may and "Part of it: 1 day" in may
    april = owner_client.get(url + "?month=2026-04").content.decode()
    assert "?month=2026-03" not in april  # nothing before the habit began
    # Before its start, far in the future, or nonsense: the nearest month it has.
    assert "April 2026" in owner_client.get(url + "?month=1999-01").content.decode()
    assert "June 2026" in owner_client.get(url + "?month=2099-01").content.decode()
    assert "June 2026" in owner_client.get(url + "?month=abc").content.decode()


@pytest.mark.django_db
def test_the_history_and_grow_pages_read_a_fixed_number_of_queries(
    owner: User, owner_client: Client
) -> None:
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(url).status_code == 200
        return len(captured)

    habit = walk(owner)
    few = (queries(f"/grow/habits/{habit.pk}/history/"), queries("/grow/"), queries("/today/"))
    for n in range(3):
        more = walk(owner, name=f"Walk {n}")
        for back in range(40):
            Check.objects.create(
                habit=more, day=TODAY - timedelta(days=back), mark="partial", amount=back
            )
    assert (
        queries(f"/grow/habits/{habit.pk}/history/"),
        queries("/grow/"),
        queries("/today/"),
    ) == few


@pytest.mark.django_db
def test_a_habit_reminds_at_its_own_time_on_due_days_until_it_is_done(owner: User) -> None:
    habit = walk(owner, reminder_time=time(18, 30), weekdays="012")  # Mon to Wed
    Habit.objects.create(user=owner, name="No reminder", started_on=TODAY)
    assert make_due_notes(owner, NOW) == 0  # 15:00: not yet
    evening = NOW.replace(hour=19)
    assert make_due_notes(owner, evening) == 1
    assert make_due_notes(owner, evening) == 0  # once a day
    note = Notification.objects.get(user=owner)
    assert note.kind == "habit" and note.title == "A habit for today"
    assert "Walk" in str(note.body) and "Walk" not in note.title
    assert note.key.startswith("habit:") and note.key.endswith(":2026-06-17")
    # Thursday isn't a due day; Monday is, unless it's already done or skipped.
    assert make_due_notes(owner, evening + timedelta(days=1)) == 0
    monday = evening + timedelta(days=5)
    Check.objects.create(habit=habit, day=monday.date(), mark="done", amount=30)
    assert make_due_notes(owner, monday) == 0
    # Part of it still leaves the rest to remind of.
    tuesday = monday + timedelta(days=1)
    Check.objects.create(habit=habit, day=tuesday.date(), mark="partial", amount=5)
    assert make_due_notes(owner, tuesday) == 1
    Check.objects.filter(habit=habit).delete()
    habit.archived = True
    habit.save()
    assert make_due_notes(owner, monday) == 0


@pytest.mark.django_db
def test_recouple_remind_emails_a_habit_reminder_without_its_name_in_the_subject(
    owner: User, settings: Any, frozen: Any
) -> None:
    from django.core import mail

    from recouple.reminders.sending import run_once

    settings.EMAIL_HOST = "smtp.test"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner.email = "o@example.org"
    owner.email_reminders = True
    owner.save()
    # As the confirmation link would (the field is not editable through forms).
    User.objects.filter(pk=owner.pk).update(email_confirmed="o@example.org")
    walk(owner, reminder_time=time(18, 0), name="Walk past the old café")
    frozen.move_to(NOW.replace(hour=18, minute=5))
    report = run_once()
    assert report.made >= 1
    habit_mails = [m for m in mail.outbox if "café" in m.body]
    assert len(habit_mails) == 1 and "café" not in habit_mails[0].subject


@pytest.mark.django_db
def test_the_calendar_feed_repeats_a_habit_reminder_on_its_days_without_its_name(
    owner: User,
) -> None:
    from icalendar import Calendar

    from recouple.reminders.ical import feed_for

    walk(owner, reminder_time=time(18, 30), weekdays="024", name="Walk past the old café")
    Habit.objects.create(user=owner, name="No time", started_on=TODAY)
    Habit.objects.create(
        user=owner, name="Put away", started_on=TODAY, reminder_time=time(9), archived=True
    )
    feed = feed_for(owner)
    assert "café".encode() not in feed and b"Walk" not in feed
    habits = [
        e for e in Calendar.from_ical(feed).walk("VEVENT") if e["summary"] == "Recouple: a habit"
    ]
    assert len(habits) == 1
    start = habits[0].decoded("dtstart")
    assert (start.time(), str(start.tzinfo)) == (time(18, 30), "Europe/London")
    rule = habits[0]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
