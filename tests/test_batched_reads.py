"""Reads sent together (core.sql.run_all): the same answers as one by one, one round trip on
PostgreSQL, parameters bound safely, and model rows made as the ORM makes them."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recouple.accounts.models import User
from recouple.assessment.models import Assessment
from recouple.core import sql
from recouple.core.situation import CORE
from recouple.growth.models import Check, Habit, history_for
from recouple.journal.models import Entry, EntryList, Word
from recouple.nocontact.models import HardDay, Letter, Period
from recouple.situation import UserSituation
from tests.conftest import signed_in
from tests.history import seed_history

HOSTILE = "x'); DROP TABLE journal_entry; --"


def word_count(user: User) -> sql.Read[int]:
    return sql.Read(
        f"SELECT COUNT(*) FROM {sql.table(Word)} WHERE user_id = %s AND name <> %s",
        [user.pk, HOSTILE],
        lambda found: int(found[0][0]),
    )


def echo(value: Any) -> sql.Read[Any]:
    return sql.Read("SELECT %(value)s", {"value": value}, lambda found: found[0][0])


@pytest.mark.django_db
def test_reads_together_answer_as_they_do_one_by_one(owner: User) -> None:
    Word.objects.create(user=owner, kind="feeling", name="steady")
    reads = [word_count(owner), echo(HOSTILE), echo(7), word_count(owner)]
    alone = [sql.run(read) for read in reads]
    with CaptureQueriesContext(connection) as captured:
        together = sql.run_all(reads)
    assert together == alone == [1, HOSTILE, 7, 1]
    # A quote and a semicolon in a parameter stay a value: nothing else ran.
    assert Entry.objects.count() == 0
    assert len(captured) == (1 if connection.vendor == "postgresql" else len(reads))
    assert sql.run_all([]) == []


@pytest.mark.django_db
def test_model_rows_come_back_as_the_orm_makes_them(owner: User) -> None:
    """Encrypted text, dates, times, booleans and timestamps, through the ORM's converters."""
    Habit.objects.create(
        user=owner,
        name="Walk ☀",
        weekdays="02",
        started_on=date(2026, 11, 1),
        target=20,
        unit="min",
        reminder_time=time(8, 30),
    )
    Letter.objects.create(user=owner, body="sealed words", reopen_on=date(2027, 1, 5))
    HardDay.objects.create(user=owner, label="Her birthday", kind="other", day=date(2026, 5, 1))
    for model, exclude in ((Habit, ()), (Letter, ("body",)), (HardDay, ())):
        select, make = sql.columns(model, exclude=exclude)
        found = sql.run(sql.Read(f"SELECT {select} FROM {sql.table(model)}", [], make))
        orm = model.objects.get()
        assert len(found) == 1 and found[0].pk == orm.pk
        for field in model._meta.concrete_fields:
            if field.name not in exclude:
                assert getattr(found[0], field.attname) == getattr(orm, field.attname), field
    # A column left out is read when it is asked for, as with .only().
    letter = sql.run(
        sql.Read(
            f"SELECT {sql.columns(Letter, exclude=('body',))[0]} FROM {sql.table(Letter)}",
            [],
            sql.columns(Letter, exclude=("body",))[1],
        )
    )[0]
    assert letter.body == "sealed words"


@pytest.mark.django_db
def test_the_situation_reads_its_parts_once_and_with_a_page_s_own(owner: User) -> None:
    Assessment.for_user(owner)
    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=9))
    situation = UserSituation(owner)
    with CaptureQueriesContext(connection) as first:
        (count,) = situation.read_with([word_count(owner)], parts=("hard_days",))
        situation.path()
        assert situation.hard_day_today is None
        assert situation.period_summary(situation.period)["contact"].current == 10  # type: ignore[arg-type]
    assert count == 0
    assert len(first) == (1 if connection.vendor == "postgresql" else len(CORE) + 2)
    with CaptureQueriesContext(connection) as again:
        situation.read_with(parts=("hard_days",))
        situation.coach_context()
    assert len(again) == 0


@pytest.mark.django_db
def test_the_entry_list_keeps_the_page_it_read(owner: User) -> None:
    Entry.objects.bulk_create(
        Entry(user=owner, day=owner.today() - timedelta(days=n), text=f"day {n}") for n in range(5)
    )
    entries = EntryList(owner)
    count, window = sql.run_all([entries.count_query(), entries.window_query(2, 4)])
    entries.keep(count, 2, 4, window)
    with CaptureQueriesContext(connection) as captured:
        assert len(entries) == 5
        assert [e.text for e in entries[2:4]] == ["day 2", "day 3"]
        assert [e.text for e in entries[2:3]] == ["day 2"]
    assert len(captured) == 0
    assert [e.text for e in entries[0:2]] == ["day 0", "day 1"]  # another window: read


def page_queries(client: Client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_on_postgresql_the_busy_pages_wait_on_the_database_a_few_times(owner: User) -> None:
    """The session, the user, then one round trip for the page (the reminder notes it made on
    the first visit are among those it reads)."""
    Assessment.for_user(owner)
    seed_history(owner, days=60)
    client = signed_in(owner)
    today, journal = page_queries(client, "/today/"), page_queries(client, "/journal/")
    if connection.vendor == "postgresql":
        assert today == 3 and journal == 3
    else:  # SQLite runs each statement on its own: no round trip to save
        assert today > 4 and journal > 3
    assert page_queries(client, "/journal/?page=2") == journal


@pytest.mark.django_db
def test_a_habit_s_marks_come_back_as_they_were_saved(owner: User) -> None:
    """Read as plain rows (core.sql): every mark, day and amount as the ORM reads them,
    across year ends and leap days."""
    habits = [
        Habit.objects.create(user=owner, name=name, started_on=date(2023, 1, 1), target=target)
        for name, target in (("Walk", 30), ("Read", None))
    ]
    marks = ("done", "partial", "skipped")
    for n, day in enumerate(date(2024, 2, 27) + timedelta(days=k * 2) for k in range(150)):
        habit = habits[n % 2]
        mark = marks[n % 3]
        amount = n if mark == "partial" and habit.target else None
        Check.objects.create(habit=habit, day=day, mark=mark, amount=amount)
    found, amounts = history_for(habits, date(2025, 6, 1), first=date(2024, 1, 1))
    for habit in habits:
        saved = Check.objects.filter(habit=habit, day__lte=date(2025, 6, 1))
        assert {c.day: c.mark for c in saved} == {d: str(m) for d, m in found[habit.pk].items()}
        assert {c.day: c.amount for c in saved if c.amount is not None} == dict(amounts[habit.pk])
    assert any(date(2024, 2, 29) in found[h.pk] for h in habits)  # a leap day, as itself


@pytest.mark.django_db
def test_notes_the_page_read_are_not_looked_up_again(owner: User) -> None:
    from recouple.reminders.models import Notification, make_due_notes, recent_keys_query

    Assessment.for_user(owner)
    Period.objects.create(user=owner, started_on=owner.today() - timedelta(days=9))
    assert make_due_notes(owner) >= 1  # the day-7 milestone, at least
    saved = Notification.objects.filter(user=owner).count()
    situation = UserSituation(owner)
    (known,) = situation.read_with(
        [recent_keys_query(owner, situation.moment)], parts=("reminder_letters",)
    )
    assert known == set(Notification.objects.filter(user=owner).values_list("key", flat=True))
    situation.reminders()
    with CaptureQueriesContext(connection) as none:
        assert make_due_notes(owner, situation=situation, known=known) == 0
    assert len(none) == 0
    # Not known to the page: looked up, and still made only once.
    with CaptureQueriesContext(connection) as one:
        assert make_due_notes(owner, situation=situation, known=set()) == 0
    assert len(one) == 1
    assert Notification.objects.filter(user=owner).count() == saved


@pytest.mark.django_db
def test_the_situation_s_urges_count_as_the_urge_log_does(owner: User) -> None:
    """Today counts its weeks of urges from those the situation reads for the hard hour."""
    from django.db.models import Count, Q

    from recouple.dashboard.summary import WEEKS
    from recouple.nocontact.models import Urge
    from recouple.situation import URGE_DAYS

    today = owner.today()
    for back in range(0, 120, 2):
        for n in range(back % 3):
            Urge.objects.create(user=owner, day=today - timedelta(days=back), passed=n == 0)
    situation = UserSituation(owner)
    first = today - timedelta(days=WEEKS * 7 - 1)
    logged = (
        Urge.objects.filter(user=owner, day__gte=first, day__lte=today)
        .values("day")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True)))
    )
    assert situation.urges_by_day(first) == {u["day"]: (u["n"], u["passed"]) for u in logged}
    assert situation.urges_by_day(first) != {}
    with pytest.raises(ValueError):
        situation.urges_by_day(today - timedelta(days=URGE_DAYS))


@pytest.mark.django_db
def test_habit_reminders_worked_out_from_the_habits_match_their_query(owner: User) -> None:
    """Today works out the habit reminders from the habits and marks it reads anyway."""
    from recouple.dashboard.summary import reads

    today = owner.today()
    start = today - timedelta(days=30)
    every_day, not_today = "0123456", str((today.weekday() + 1) % 7)
    for name, days, mark, archived in (
        ("Walk", every_day, None, False),
        ("Read", every_day, "done", False),
        ("Stretch", every_day, "skipped", False),
        ("Swim", every_day, "partial", False),
        ("Cook", not_today, None, False),
        ("Draw", every_day, None, True),
    ):
        habit = Habit.objects.create(
            user=owner,
            name=name,
            weekdays=days,
            started_on=start,
            reminder_time=time(7, 0),
            archived=archived,
        )
        if mark:
            Check.objects.create(habit=habit, day=today, mark=mark, amount=None)
    Habit.objects.create(user=owner, name="Quiet", started_on=start)  # no reminder time
    queried = UserSituation(owner).habit_reminders()
    situation = UserSituation(owner)
    _moods, habits, (marks, _amounts) = situation.read_with(reads(situation))
    situation.keep_habit_reminders(habits, marks)
    assert situation.habit_reminders() == queried
    assert [name for _key, name, _at in queried] == ["Walk", "Swim"]


@pytest.mark.django_db
def test_timestamps_come_back_to_the_microsecond(owner: User) -> None:
    """Read as exact seconds since 1970 on PostgreSQL: before 1970, at odd microseconds, and
    a note's empty ones, the same datetimes the ORM gives."""
    from datetime import UTC, datetime

    from recouple.reminders.models import Notification

    moments = [
        datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 30, 0, 1, tzinfo=UTC),
        datetime(2038, 1, 19, 3, 14, 8, 123_457, tzinfo=UTC),
    ]
    for n, moment in enumerate(moments):
        Letter.objects.create(
            user=owner, body="x", written_at=moment, reopen_on=date(2027, 1, 1 + n)
        )
    Notification.objects.create(
        user=owner, key="k", kind="checkin", title="t", body="b", due_at=moments[1]
    )
    for model in (Letter, Notification):
        select, make = sql.columns(model)
        found = sql.run(sql.Read(f"SELECT {select} FROM {sql.table(model)} ORDER BY id", [], make))
        orm = list(model.objects.order_by("id"))
        for mine, theirs in zip(found, orm, strict=True):
            for field in model._meta.concrete_fields:
                got, want = getattr(mine, field.attname), getattr(theirs, field.attname)
                assert got == want and type(got) is type(want), field
                if isinstance(want, datetime):
                    assert got.tzinfo == want.tzinfo
    assert sorted(letter.written_at for letter in Letter.objects.all()) == moments
