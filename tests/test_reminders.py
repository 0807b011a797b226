"""Reminders: the daily check-in, milestones and letter days as notes in the app, by email
and in a private calendar; `recouple remind` safe to run twice; quiet mode keeps the ex's
name off every lock screen.

Time is frozen (time_machine) wherever a "day" matters: it is the user's own calendar day.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now
from icalendar import Calendar

from recouple.accounts.models import User
from recouple.journal.models import Entry
from recouple.nocontact.models import CheckIn, Letter, Period
from recouple.program.nocontact import MILESTONES
from recouple.program.reminders import Kind, Situation, calendar_events, plan
from recouple.reminders.models import (
    CalendarFeed,
    Notification,
    claim_for_email,
    make_due_notes,
)
from recouple.reminders.sending import run_once
from tests.conftest import OWNER_CANARY, Api, signed_in

LONDON = ZoneInfo("Europe/London")
# A June day in the UK (BST, UTC+1): 12:00 UTC is 13:00 for the owner.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
REMINDERS = reverse("reminders:index")
READ_ALL = reverse("reminders:read_all")
FEED_NEW = reverse("reminders:feed_new")
FEED_REVOKE = reverse("reminders:feed_revoke")
FEED_URL = re.compile(r"http://testserver(/reminders/calendar/cal_[A-Za-z0-9_-]+\.ics)")


def local(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def situation(moment: datetime, **facts: Any) -> Situation:
    facts.setdefault("reminder_time", time(20, 0))
    facts.setdefault("checked_in_today", False)
    return Situation(now=moment, **facts)


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def email_on(settings: Any) -> None:
    settings.EMAIL_HOST = "smtp.test"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def on_day(user: User, n: int) -> Period:
    """An active period in which today is day ``n`` of a contact-free run."""
    return Period.objects.create(user=user, started_on=user.today() - timedelta(days=n - 1))


def note(user: User, key: str = "checkin:2026-06-10", **fields: Any) -> Notification:
    fields.setdefault("kind", "checkin")
    fields.setdefault("title", "Your daily check-in")
    fields.setdefault("body", "How are you today?")
    fields.setdefault("due_at", now() - timedelta(minutes=5))
    return Notification.objects.create(user=user, key=key, **fields)


def unfolded(ics: bytes) -> str:
    """iCalendar folds long lines; a name split across a fold must still be found."""
    return ics.decode().replace("\r\n ", "").replace("\r\n\t", "")


def events(ics: bytes) -> dict[str, list[Any]]:
    """Each VEVENT's summary, with every start day that summary has."""
    found: dict[str, list[Any]] = {}
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        found.setdefault(str(event.get("summary")), []).append(event.decoded("dtstart"))
    return found


# The rules: plan() and calendar_events(), no database.


@pytest.mark.parametrize(
    ("moment", "due"),
    [(local(19, 59), False), (local(20, 0), True), (local(23, 30), True), (local(7, 0), False)],
)
def test_daily_checkin_is_due_from_the_reminder_time_in_the_users_own_zone(
    moment: datetime, due: bool
) -> None:
    notes = plan(situation(moment))
    assert [n.kind for n in notes] == ([Kind.CHECKIN] if due else [])
    if due:
        assert notes[0].due == local(20, 0)
        assert notes[0].due.utcoffset() == timedelta(hours=1)


def test_no_checkin_note_once_they_have_checked_in_today() -> None:
    assert plan(situation(local(21, 0), checked_in_today=True)) == []


def test_no_checkin_note_when_the_daily_reminder_is_off() -> None:
    assert plan(situation(local(23, 59), reminder_time=None)) == []


@pytest.mark.parametrize(
    ("run", "milestone"),
    [(0, None), (1, 1), (2, 1), (6, 3), (7, 7), (29, 21), (30, 30), (89, 60), (400, 90)],
)
def test_only_the_latest_milestone_reached_brings_a_note(run: int, milestone: int | None) -> None:
    run_start = TODAY - timedelta(days=max(run, 1) - 1)
    notes = plan(
        situation(
            local(13, 0),
            reminder_time=None,
            period_started=run_start - timedelta(days=40),
            run_start=run_start,
            current_run=run,
        )
    )
    if milestone is None:
        assert notes == []
        return
    (only,) = notes
    assert only.kind is Kind.MILESTONE
    assert only.key == f"milestone:{run_start.isoformat()}:{milestone}"
    assert only.title == f"Day {milestone}"
    assert only.due == datetime.combine(
        run_start + timedelta(days=milestone - 1), time(9, 0), tzinfo=LONDON
    )


@pytest.mark.parametrize(
    ("day", "due"), [(date(2026, 6, 9), False), (TODAY, True), (date(2026, 7, 1), True)]
)
def test_a_letter_note_comes_on_its_reopen_day_and_after(day: date, due: bool) -> None:
    letter = ("1778400000.000000", date(2026, 5, 11), TODAY)
    notes = plan(situation(local(10, 0, day), reminder_time=None, letters=(letter,)))
    if not due:
        assert notes == []
        return
    (only,) = notes
    assert only.kind is Kind.LETTER
    assert only.key == "letter:1778400000.000000"
    assert "11 May 2026" in only.body
    assert only.due == local(9, 0)


def test_keys_name_a_note_by_dates_and_stay_the_same_all_day() -> None:
    facts: dict[str, Any] = {
        "period_started": date(2026, 5, 1),
        "run_start": date(2026, 6, 4),
        "current_run": 7,
        "letters": (("1778400000.000000", date(2026, 5, 11), date(2026, 6, 8)),),
    }
    evening = plan(situation(local(20, 0), **facts))
    late = plan(situation(local(23, 59), **facts))
    assert [n.key for n in evening] == [n.key for n in late]
    assert {n.key for n in evening} == {
        "checkin:2026-06-10",
        "milestone:2026-06-04:7",
        "letter:1778400000.000000",
    }
    tomorrow = plan(situation(local(20, 0, TODAY + timedelta(days=1)), **facts))
    assert "checkin:2026-06-11" in {n.key for n in tomorrow}


def test_without_a_name_no_note_mentions_one() -> None:
    for milestone in MILESTONES:
        run_start = TODAY - timedelta(days=milestone - 1)
        facts: dict[str, Any] = {
            "period_started": run_start,
            "run_start": run_start,
            "current_run": milestone,
            "letters": (("1.000000", date(2026, 5, 11), TODAY),),
        }
        quiet = plan(situation(local(21, 0), ex_name=None, **facts))
        named = plan(situation(local(21, 0), ex_name=OWNER_CANARY, **facts))
        assert len(quiet) == len(named) == 3
        for n in quiet:
            assert OWNER_CANARY not in n.title + n.body
            assert "contacting" not in n.body
        if milestone > 1:
            assert any(OWNER_CANARY in n.body for n in named)
        assert all(OWNER_CANARY not in n.title for n in named)


def test_calendar_events_mark_each_milestone_the_target_and_letter_days() -> None:
    run_start = date(2026, 6, 1)
    letter = ("1778400000.000000", date(2026, 5, 11), date(2026, 6, 20))
    found = calendar_events(run_start, 75, [letter], None)
    by_summary = {e.summary: e for e in found}
    assert [e.summary for e in found if e.summary.startswith("Recouple: day")] == [
        f"Recouple: day {m}" for m in sorted({*MILESTONES, 75})
    ]
    assert by_summary["Recouple: day 1"].day == run_start
    assert by_summary["Recouple: day 30"].day == date(2026, 6, 30)
    assert by_summary["Recouple: day 75"].day == date(2026, 8, 14)
    assert by_summary["Recouple: a letter can be opened"].day == date(2026, 6, 20)
    assert len({e.uid for e in found}) == len(found)
    # A target that is itself a milestone is not listed twice.
    assert len(calendar_events(run_start, 30, [], None)) == len(MILESTONES)
    # No run under way: only the letters.
    assert [e.summary for e in calendar_events(None, None, [letter], None)] == [
        "Recouple: a letter can be opened"
    ]
    assert all(OWNER_CANARY not in e.description for e in found)


# The notes in the database.


@pytest.mark.django_db
def test_making_due_notes_twice_makes_each_note_once(owner: User, frozen: Any) -> None:
    owner.reminder_time = time(9, 0)
    owner.save()
    on_day(owner, 7)
    Letter.objects.create(user=owner, body="Dear you", reopen_on=TODAY)
    assert make_due_notes(owner) == 3
    assert make_due_notes(owner) == 0
    frozen.shift(timedelta(hours=3))
    assert make_due_notes(owner) == 0
    assert sorted(Notification.objects.filter(user=owner).values_list("kind", flat=True)) == [
        "checkin",
        "letter",
        "milestone",
    ]


@pytest.mark.django_db
def test_no_checkin_note_for_a_user_who_wrote_or_checked_in_today(
    owner: User, outsider: User, frozen: Any
) -> None:
    for user in (owner, outsider):
        user.reminder_time = time(0, 0)
        user.save()
    Entry.objects.create(user=owner, day=owner.today(), mood=3)
    CheckIn.objects.create(user=outsider, day=outsider.today(), boundary="no_social", kept=True)
    assert make_due_notes(owner) == make_due_notes(outsider) == 0


@pytest.mark.django_db
def test_the_database_refuses_a_second_note_with_the_same_key(owner: User, outsider: User) -> None:
    note(owner, "milestone:2026-06-04:7")
    with pytest.raises(IntegrityError), transaction.atomic():
        note(owner, "milestone:2026-06-04:7")
    note(outsider, "milestone:2026-06-04:7")
    assert Notification.objects.filter(key="milestone:2026-06-04:7").count() == 2


@pytest.mark.django_db
def test_an_email_claim_goes_to_exactly_one_claimer(owner: User) -> None:
    first = note(owner)
    moment = now()
    assert claim_for_email(first.pk, moment) is True
    assert claim_for_email(first.pk, moment) is False
    assert claim_for_email(first.pk, moment + timedelta(minutes=9)) is False


@pytest.mark.django_db
def test_a_claim_older_than_ten_minutes_can_be_taken_again_but_not_once_emailed(
    owner: User,
) -> None:
    first = note(owner)
    moment = now()
    assert claim_for_email(first.pk, moment)
    later = moment + timedelta(minutes=10, seconds=1)
    assert claim_for_email(first.pk, later) is True
    assert claim_for_email(first.pk, later) is False
    Notification.objects.filter(pk=first.pk).update(emailed_at=later)
    assert claim_for_email(first.pk, later + timedelta(hours=1)) is False


# Sending.


@pytest.mark.django_db
def test_run_once_emails_each_due_note_once_and_only_to_users_who_asked(
    owner: User, outsider: User, frozen: Any, email_on: None
) -> None:
    no_address = User.objects.create_user(username="no-address", password=None)
    for user, address, wants in (
        (owner, "ophelia@example.com", True),
        (outsider, "oscar@example.com", False),
        (no_address, "", True),
    ):
        user.email, user.email_reminders, user.reminder_time = address, wants, time(7, 0)
        user.email_confirmed = address
        user.save()
    on_day(owner, 3)
    first = run_once()
    assert first.made == 4 and first.emailed == 2 and first.failed == 0
    second = run_once()
    assert second.made == 0 and second.emailed == 0
    assert len(mail.outbox) == 2
    assert {tuple(m.to) for m in mail.outbox} == {("ophelia@example.com",)}
    assert sorted(m.subject for m in mail.outbox) == [
        "Recouple: Day 3",
        "Recouple: Your daily check-in",
    ]
    assert all(m.subject.startswith("Recouple: ") for m in mail.outbox)
    assert all("turn them off on the Reminders page" in m.body for m in mail.outbox)
    assert not Notification.objects.filter(user=owner, emailed_at__isnull=True).exists()
    assert not Notification.objects.filter(user=outsider, emailed_at__isnull=False).exists()


@pytest.mark.django_db
def test_run_once_sends_no_email_without_an_email_server(
    owner: User, frozen: Any, settings: Any
) -> None:
    settings.EMAIL_HOST = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner.email, owner.email_reminders, owner.reminder_time = "o@example.com", True, time(0, 0)
    owner.save()
    report = run_once()
    assert report.made == 1 and report.emailed == 0
    assert mail.outbox == []


# Email goes only to an address confirmed by a link sent to it.

CONFIRM_LINK = re.compile(r"https?://testserver(/accounts/email/confirm/[^/\s]+/)")


def set_email(client: Client, address: str) -> Any:
    return client.post(
        reverse("accounts:settings"),
        {"time_zone": "Europe/London", "country": "GB", "email": address, "quiet_mode": "on"},
        follow=True,
    )


@pytest.mark.django_db
def test_an_address_typed_in_settings_gets_no_reminder_until_its_link_is_opened(
    owner: User, owner_client: Client, frozen: Any, email_on: None
) -> None:
    response = set_email(owner_client, "someone-else@example.com")
    assert "We sent a link to that address." in response.content.decode()
    owner.refresh_from_db()
    owner.email_reminders, owner.reminder_time = True, time(7, 0)
    owner.save()
    [link_mail] = mail.outbox
    assert link_mail.to == ["someone-else@example.com"]
    assert OWNER_CANARY not in link_mail.body and owner.username not in link_mail.body
    mail.outbox.clear()
    report = run_once()
    assert report.made == 1 and report.emailed == 0 and mail.outbox == []
    found = CONFIRM_LINK.search(link_mail.body)
    assert found, link_mail.body
    # Opening the link only asks; the button confirms (a mail scanner confirms nothing).
    assert Client().get(found.group(1)).status_code == 200
    owner.refresh_from_db()
    assert not owner.email_is_confirmed
    assert Client().post(found.group(1)).status_code == 302
    owner.refresh_from_db()
    assert owner.email_is_confirmed
    Notification.objects.filter(user=owner).update(email_claimed_at=None)
    assert run_once().emailed == 1
    assert mail.outbox[0].to == ["someone-else@example.com"]


@pytest.mark.django_db
def test_a_confirmation_link_stops_working_once_the_address_changes_or_it_is_old(
    owner: User, owner_client: Client, frozen: Any, email_on: None
) -> None:
    set_email(owner_client, "first@example.com")
    first = CONFIRM_LINK.search(mail.outbox[-1].body)
    assert first
    set_email(owner_client, "second@example.com")
    assert Client().post(first.group(1)).status_code == 404
    second = CONFIRM_LINK.search(mail.outbox[-1].body)
    assert second
    frozen.shift(timedelta(days=4))
    assert Client().post(second.group(1)).status_code == 404
    owner.refresh_from_db()
    assert owner.email_confirmed == ""


@pytest.mark.django_db
def test_a_confirmed_address_changed_in_settings_is_unconfirmed_again(
    owner: User, owner_client: Client, frozen: Any, email_on: None
) -> None:
    owner.email = owner.email_confirmed = "mine@example.com"
    owner.save()
    set_email(owner_client, "theirs@example.com")
    owner.refresh_from_db()
    assert owner.email == "theirs@example.com" and not owner.email_is_confirmed
    html = owner_client.get(reverse("accounts:settings")).content.decode()
    assert "Not confirmed yet" in html


# Quiet mode.


def named_owner(owner: User, *, quiet: bool) -> None:
    """The owner as someone who named their ex and asked to see the name on pages."""
    owner.use_ex_name = True
    owner.quiet_mode = quiet
    owner.email = owner.email_confirmed = "ophelia@example.com"
    owner.email_reminders = True
    owner.reminder_time = time(9, 0)
    owner.save()
    on_day(owner, 30)
    Letter.objects.create(
        user=owner,
        written_at=NOON - timedelta(days=30),
        body=f"Dear {OWNER_CANARY}",
        reopen_on=TODAY,
    )


def calendar_of(client: Client) -> bytes:
    created = client.post(FEED_NEW).content.decode()
    found = FEED_URL.search(created)
    assert found, created
    response = Client().get(found.group(1))
    assert response.status_code == 200
    return response.content


@pytest.mark.django_db
def test_quiet_mode_keeps_their_name_out_of_notes_emails_the_calendar_and_page_titles(
    owner: User, frozen: Any, email_on: None
) -> None:
    named_owner(owner, quiet=True)
    assert owner.quiet_mode is True and owner.ex_label() == OWNER_CANARY
    report = run_once()
    assert report.made == 3 and report.emailed == 3
    notes = list(Notification.objects.filter(user=owner))
    assert {n.kind for n in notes} == {"checkin", "milestone", "letter"}
    for n in notes:
        assert OWNER_CANARY not in f"{n.title} {n.body}"
    for message in mail.outbox:
        assert OWNER_CANARY not in f"{message.subject} {message.body}"
    client = signed_in(owner)
    ics = calendar_of(client)
    assert "Recouple: day 30" in events(ics)
    assert OWNER_CANARY not in unfolded(ics)
    for url in (REMINDERS, reverse("dashboard:index"), reverse("nocontact:overview"), "/"):
        html = client.get(url, follow=True).content.decode()
        titles = re.findall(r"<title>(.*?)</title>", html, re.DOTALL)
        assert titles == ["Recouple"], url


@pytest.mark.django_db
def test_with_quiet_mode_off_a_milestone_may_name_them(
    owner: User, frozen: Any, email_on: None
) -> None:
    named_owner(owner, quiet=False)
    run_once()
    milestone = Notification.objects.get(user=owner, kind="milestone")
    # Stored neutral; the name is added while it is shown, as long as quiet mode stays off.
    assert OWNER_CANARY not in str(milestone.body)
    assert milestone.text.startswith(f"30 days without contacting {OWNER_CANARY}.")
    assert any(OWNER_CANARY in m.body for m in mail.outbox)
    assert all(OWNER_CANARY not in m.subject for m in mail.outbox)
    assert OWNER_CANARY in unfolded(calendar_of(signed_in(owner)))


@pytest.mark.django_db
def test_turning_quiet_mode_on_takes_their_name_out_of_notes_already_made(
    owner: User, frozen: Any, email_on: None
) -> None:
    named_owner(owner, quiet=False)
    owner.email_reminders = False
    owner.save()
    make_due_notes(owner)  # e.g. by opening the Today page at 13:00
    owner.quiet_mode = True
    owner.email_reminders = True
    owner.save()
    run_once()  # `recouple remind`, a minute later
    assert "Recouple: Day 30" in [m.subject for m in mail.outbox]
    assert all(OWNER_CANARY not in m.body for m in mail.outbox)
    html = signed_in(owner).get(REMINDERS).content.decode()
    listed = html.split('id="notes-heading"', 1)[1].split("</section>", 1)[0]
    assert "Day 30" in listed
    assert OWNER_CANARY not in listed


# One user's bad data never stops anyone else's reminders.


def broken_period(user: User, **facts: Any) -> None:
    """A no-contact period with facts no form would accept, as an old import could leave it."""
    period = on_day(user, 3)
    Period.objects.filter(pk=period.pk).update(**facts)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "facts", [{"target_days": 0}, {"started_on": date(1, 1, 1)}], ids=["zero-days", "year-one"]
)
def test_remind_finishes_every_other_user_when_one_users_data_fails(
    owner: User, outsider: User, frozen: Any, facts: dict[str, Any], caplog: Any
) -> None:
    broken_period(owner, **facts)
    outsider.reminder_time = time(0, 0)
    outsider.save()
    on_day(outsider, 3)
    report = run_once()
    assert report.errors == 1 and report.users == 2
    assert Notification.objects.filter(user=outsider).count() == 2
    logged = caplog.text
    assert f"user {owner.pk}" in logged
    assert OWNER_CANARY not in logged and owner.username not in logged


@pytest.mark.django_db
def test_an_email_that_cant_be_built_is_counted_and_the_others_still_go(
    owner: User, outsider: User, frozen: Any, email_on: None
) -> None:
    for user in (owner, outsider):
        user.email, user.email_reminders = f"{user.username}@example.com", True
        user.email_confirmed = user.email
        user.save()
    note(owner, "bad", title="Line one\nBcc: someone@example.com")
    note(outsider, "good")
    report = run_once()
    assert report.errors == 1 and report.emailed == 1
    assert [m.to for m in mail.outbox] == [["outsider-oscar@example.com"]]


# `recouple remind` as a real process, twice at once.


def cli_env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "RECOUPLE_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
    for name in ("DATABASE_URL", "RECOUPLE_EMAIL_HOST", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


RECOUPLE = str(Path(sys.executable).with_name("recouple"))
PEOPLE = 25
SETUP = f"""
from datetime import time, timedelta
from recouple.accounts.models import User
from recouple.nocontact.models import Letter, Period
for i in range({PEOPLE}):
    user = User.objects.create_user(username=f"cli-person-{{i}}", password=None)
    user.reminder_time = time(0, 0)
    user.save()
    Period.objects.create(user=user, started_on=user.today() - timedelta(days=6))
    Letter.objects.create(user=user, body="Dear you", reopen_on=user.today())
print("ready")
"""


def prepared(data_dir: Path) -> dict[str, str]:
    env = cli_env(data_dir)
    for args in (["manage", "migrate", "-v0"], ["manage", "shell", "-c", SETUP]):
        done = subprocess.run(
            [RECOUPLE, *args], env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, done.stderr
    return env


def test_two_remind_processes_at_once_make_each_note_exactly_once(tmp_path: Path) -> None:
    env = prepared(tmp_path)
    runs = [
        subprocess.Popen(
            [RECOUPLE, "remind"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=180) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _out, err in outputs]
    made = [int(re.search(r"made=(\d+)", out).group(1)) for out, _err in outputs]  # type: ignore[union-attr]
    assert sum(made) == 3 * PEOPLE
    with sqlite3.connect(tmp_path / "recouple.sqlite3") as db:
        per_key = db.execute(
            "SELECT user_id, key, COUNT(*) FROM reminders_notification GROUP BY user_id, key"
        ).fetchall()
        kinds = db.execute(
            "SELECT kind, COUNT(*) FROM reminders_notification GROUP BY kind ORDER BY kind"
        ).fetchall()
    assert len(per_key) == 3 * PEOPLE
    assert {count for _user, _key, count in per_key} == {1}
    assert kinds == [("checkin", PEOPLE), ("letter", PEOPLE), ("milestone", PEOPLE)]


def remind_loop(env: dict[str, str]) -> subprocess.Popen[str]:
    """``recouple remind --loop`` every second, its output read line by line."""
    return subprocess.Popen(
        [RECOUPLE, "remind", "--loop", "--interval", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_remind_loop_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = prepared(tmp_path)
    loop = remind_loop(env)
    try:
        assert loop.stdout is not None
        first = loop.stdout.readline()
        assert first.startswith("users="), first
        loop.send_signal(signal.SIGTERM)
        rest, errors = loop.communicate(timeout=30)
    finally:
        if loop.poll() is None:
            loop.kill()
    assert loop.returncode == 0, errors
    assert rest.strip().splitlines()[-1] == "stopped"


BROKEN = """
from datetime import date
from recouple.accounts.models import User
from recouple.nocontact.models import Period
Period.objects.filter(user__username="cli-person-0").update(started_on=date(1, 1, 1))
"""


def test_remind_exits_non_zero_naming_failures_and_its_loop_keeps_going(tmp_path: Path) -> None:
    env = prepared(tmp_path)
    done = subprocess.run(
        [RECOUPLE, "manage", "shell", "-c", BROKEN], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    once = subprocess.run(
        [RECOUPLE, "remind"], env=env, capture_output=True, text=True, timeout=180
    )
    assert once.returncode == 1
    assert "errors=1" in once.stdout and f"users={PEOPLE}" in once.stdout
    assert "reminders failed for 1 user(s)" in once.stderr
    assert "Traceback" not in once.stderr and "Dear you" not in once.stderr
    loop = remind_loop(env)
    try:
        assert loop.stdout is not None
        rounds = [loop.stdout.readline(), loop.stdout.readline()]
        loop.send_signal(signal.SIGTERM)
        _rest, errors = loop.communicate(timeout=30)
    finally:
        if loop.poll() is None:
            loop.kill()
    assert all("errors=1" in line for line in rounds), rounds
    assert loop.returncode == 1 and "reminders failed" in errors


# The Reminders page.


@pytest.mark.django_db
def test_reminders_page_saves_a_daily_time(owner: User, owner_client: Client) -> None:
    response = owner_client.post(REMINDERS, {"reminder_time": "07:30"})
    assert response.status_code == 302 and response["Location"] == REMINDERS
    owner.refresh_from_db()
    assert owner.reminder_time == time(7, 30)
    assert 'value="07:30"' in owner_client.get(REMINDERS).content.decode()


@pytest.mark.django_db
def test_an_empty_time_turns_the_daily_reminder_off(owner: User, owner_client: Client) -> None:
    assert owner.reminder_time == time(20, 0)
    response = owner_client.post(REMINDERS, {"reminder_time": ""})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.reminder_time is None


@pytest.mark.django_db
def test_an_impossible_time_is_refused_with_a_message_and_changes_nothing(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(REMINDERS, {"reminder_time": "25:99"})
    assert response.status_code == 400
    assert "Please give a time like 20:30, or leave it empty." in response.content.decode()
    owner.refresh_from_db()
    assert owner.reminder_time == time(20, 0)


@pytest.mark.django_db
def test_email_reminders_need_an_email_address_first(owner: User, owner_client: Client) -> None:
    refused = owner_client.post(REMINDERS, {"reminder_time": "07:30", "email_reminders": "on"})
    assert refused.status_code == 400
    assert "Add your email address in Settings first" in refused.content.decode()
    owner.refresh_from_db()
    assert owner.email_reminders is False and owner.reminder_time == time(20, 0)
    owner.email = "ophelia@example.com"
    owner.save()
    accepted = owner_client.post(REMINDERS, {"reminder_time": "07:30", "email_reminders": "on"})
    assert accepted.status_code == 302
    owner.refresh_from_db()
    assert owner.email_reminders is True


@pytest.mark.django_db
def test_refused_settings_make_no_reminder_at_the_refused_time(owner: User, frozen: Any) -> None:
    client = signed_in(owner)
    assert client.get(REMINDERS).status_code == 200  # 13:00: the 20:00 check-in isn't due
    assert not Notification.objects.filter(user=owner).exists()
    refused = client.post(REMINDERS, {"reminder_time": "07:30", "email_reminders": "on"})
    assert refused.status_code == 400
    owner.refresh_from_db()
    assert owner.reminder_time == time(20, 0)
    assert not Notification.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_marking_a_note_read_and_marking_all_read(owner: User, owner_client: Client) -> None:
    one, two, three = (note(owner, f"test:{i}") for i in range(3))
    response = owner_client.post(reverse("reminders:read", args=[one.pk]))
    assert response.status_code == 302 and response["Location"] == REMINDERS
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.read_at is not None and two.read_at is None
    page = owner_client.get(REMINDERS).content.decode()
    assert page.count("note-unread") == 2
    assert owner_client.post(READ_ALL).status_code == 302
    assert not Notification.objects.filter(user=owner, read_at__isnull=True).exists()
    assert "note-unread" not in owner_client.get(REMINDERS).content.decode()


@pytest.mark.django_db
def test_a_note_read_from_the_today_page_goes_back_there(owner: User, owner_client: Client) -> None:
    first = note(owner)
    response = owner_client.post(reverse("reminders:read", args=[first.pk]), {"next": "today"})
    assert response["Location"] == reverse("dashboard:index")


@pytest.mark.django_db
def test_another_users_note_is_not_found_on_the_page_or_in_the_api(
    owner: User, outsider: User, outsider_client: Client
) -> None:
    theirs = note(owner, body=OWNER_CANARY)
    page = outsider_client.post(reverse("reminders:read", args=[theirs.pk]))
    assert page.status_code == 404
    api = Api(outsider)("POST", f"/reminders/{theirs.pk}/read")
    assert api.status_code == 404 and api.json()["error"] == "Not found."
    assert OWNER_CANARY not in api.content.decode()
    outsider_client.post(READ_ALL)
    listed = Api(outsider)("GET", "/reminders")
    assert listed.status_code == 200 and listed.json() == []
    theirs.refresh_from_db()
    assert theirs.read_at is None


# The private calendar feed.


@pytest.mark.django_db
def test_a_new_calendar_address_is_shown_once_and_serves_the_feed_without_a_session(
    owner: User, frozen: Any
) -> None:
    period = on_day(owner, 5)
    Letter.objects.create(user=owner, body="Dear you", reopen_on=TODAY + timedelta(days=20))
    client = signed_in(owner)
    created = client.post(FEED_NEW)
    assert created.status_code == 200
    found = FEED_URL.search(created.content.decode())
    assert found, created.content.decode()
    assert not FEED_URL.search(client.get(REMINDERS).content.decode())
    assert CalendarFeed.objects.filter(user=owner).count() == 1
    response = Client().get(found.group(1))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    days = events(response.content)
    assert days["Recouple: day 30"] == [period.started_on + timedelta(days=29)]
    assert days["Recouple: day 1"] == [period.started_on]
    assert days["Recouple: a letter can be opened"] == [TODAY + timedelta(days=20)]
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == len(MILESTONES) + 1


@pytest.mark.django_db
def test_a_new_calendar_address_stops_the_old_one(owner: User, owner_client: Client) -> None:
    old = FEED_URL.search(owner_client.post(FEED_NEW).content.decode())
    new = FEED_URL.search(owner_client.post(FEED_NEW).content.decode())
    assert old and new and old.group(1) != new.group(1)
    assert Client().get(old.group(1)).status_code == 404
    assert Client().get(new.group(1)).status_code == 200


@pytest.mark.django_db
def test_turning_the_calendar_off_stops_its_address(owner: User, owner_client: Client) -> None:
    made = FEED_URL.search(owner_client.post(FEED_NEW).content.decode())
    assert made
    assert Client().get(made.group(1)).status_code == 200
    assert owner_client.post(FEED_REVOKE).status_code == 302
    assert Client().get(made.group(1)).status_code == 404
    assert not CalendarFeed.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_a_made_up_calendar_address_is_not_found(owner: User, owner_client: Client) -> None:
    owner_client.post(FEED_NEW)
    for token in ("cal_" + "A" * 43, "rc_" + "A" * 43, "cal_"):
        url = reverse("reminders:feed", kwargs={"token": token})
        assert Client().get(url).status_code == 404


# The API.


@pytest.mark.django_db
def test_api_lists_due_reminders_and_marks_one_read(owner: User, api: Api, frozen: Any) -> None:
    owner.reminder_time = time(9, 0)
    owner.save()
    on_day(owner, 7)
    listed = api("GET", "/reminders")
    assert listed.status_code == 200
    notes = listed.json()
    assert sorted(n["kind"] for n in notes) == ["checkin", "milestone"]
    assert all(n["read_at"] is None for n in notes)
    first = notes[0]["id"]
    read = api("POST", f"/reminders/{first}/read")
    assert read.status_code == 200 and read.json()["read_at"] is not None
    unread = api("GET", "/reminders?unread=true").json()
    assert [n["id"] for n in unread] == [notes[1]["id"]]


@pytest.mark.django_db
def test_api_reads_and_changes_reminder_settings(owner: User, api: Api) -> None:
    assert api("GET", "/reminders/settings").json() == {
        "reminder_time": "20:00",
        "email_reminders": False,
        "quiet_mode": True,
    }
    changed = api("PATCH", "/reminders/settings", {"reminder_time": "07:30"})
    assert changed.status_code == 200 and changed.json()["reminder_time"] == "07:30"
    off = api("PATCH", "/reminders/settings", {"reminder_time": None})
    assert off.json()["reminder_time"] is None
    owner.refresh_from_db()
    assert owner.reminder_time is None and owner.quiet_mode is True


@pytest.mark.django_db
def test_api_refuses_email_reminders_without_an_email_address(owner: User, api: Api) -> None:
    refused = api("PATCH", "/reminders/settings", {"email_reminders": True})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/json")
    assert "email" in refused.json()["error"]
    owner.refresh_from_db()
    assert owner.email_reminders is False
    owner.email = "ophelia@example.com"
    owner.save()
    assert api("PATCH", "/reminders/settings", {"email_reminders": True}).json()["email_reminders"]


@pytest.mark.django_db
def test_the_reminders_page_says_when_the_address_waits_for_its_link(
    owner: User, owner_client: Client, frozen: Any, email_on: None
) -> None:
    set_email(owner_client, "me@example.com")
    page = owner_client.get(reverse("reminders:index")).content.decode()
    assert "isn’t confirmed yet" in page
    found = CONFIRM_LINK.search(mail.outbox[-1].body)
    assert found
    Client().post(found.group(1))
    page = owner_client.get(reverse("reminders:index")).content.decode()
    assert "isn’t confirmed yet" not in page
