"""An import is input from outside: one account's file never hurts the server or anyone else.

Each crafted file here once made a page, an API route or `recouple remind` fail, mailed a
third party, skipped a step of the program, or held the database for everyone.
"""

from __future__ import annotations

import json
from datetime import time, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import now

from recouple.accounts import portability
from recouple.accounts.models import User
from recouple.accounts.portability import (
    ImportProblem,
    export_user,
    import_user,
    is_empty,
    read_export,
)
from recouple.assessment.models import Assessment
from recouple.nocontact.models import Contact, Urge
from recouple.reconnect.models import Outreach
from recouple.reminders.models import Notification
from recouple.reminders.sending import run_once
from tests.conftest import Api, signed_in
from tests.test_reconnect import ready

IMPORT = "/accounts/settings/import/"


def export_of(tables: dict[str, list[Any]], **profile: Any) -> dict[str, Any]:
    return {"format": "recouple-export", "version": 1, "profile": profile, "tables": tables}


def period_row(**fields: Any) -> dict[str, Any]:
    row = {"id": 7, "started_on": "2026-01-01", "target_days": 30, "created": now().isoformat()}
    return {**row, **fields}


def outreach_row(**fields: Any) -> dict[str, Any]:
    row = {"id": 1, "message": "I still care.", "sent_at": now().isoformat(), "answer": "no"}
    return {**row, **fields}


@pytest.fixture
def fresh(db: None) -> User:
    return User.objects.create_account("fresh-start", "a long enough password 9")


# Rows must pass the same rules as the forms and the API; nothing is written otherwise.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tables", "problem"),
    [
        ({"nocontact.Period": [period_row(target_days=0)]}, "at least 30 days"),
        ({"nocontact.Period": [period_row(target_days=9999)]}, "a year or less"),
        ({"nocontact.Period": [period_row(started_on="0001-01-01")]}, "not a day we can use"),
        ({"nocontact.Period": [period_row(started_on="2026-02-30")]}, "not a date"),
        ({"nocontact.Period": [period_row(target_days=10**30)]}, "too large"),
        ({"nocontact.Period": [period_row(target_days="thirty")]}, "should be a number"),
        ({"nocontact.Period": [period_row(blocked="yes")]}, "true or false"),
        ({"nocontact.Period": [period_row(reasons=["nested"])]}, "nested"),
        ({"nocontact.Period": ["a row that is a string"]}, "must be an object"),
        ({"nocontact.Period": [42]}, "must be an object"),
        ({"nocontact.Period": {"7": period_row()}}, "expected a list"),
        ({"nocontact.Period": [period_row(), period_row()]}, "its own id"),
        ({"reconnect.Outreach": [outreach_row(), outreach_row(id=2)]}, "only one"),
        (
            {"journal.Entry": [{"id": 1, "day": "2026-01-01", "prompt": "Hi\nBcc: x"}]},
            "one line",
        ),
        ({"nocontact.Urge": [{"id": 1, "day": "2026-01-01", "intensity": 11}]}, "intensity"),
    ],
    ids=[
        "target-zero",
        "target-huge",
        "year-one",
        "impossible-day",
        "number-overflow",
        "number-as-text",
        "bool-as-text",
        "nested-value",
        "row-is-string",
        "row-is-number",
        "table-not-list",
        "duplicate-id",
        "two-one-per-user",
        "newline-title",
        "urge-out-of-range",
    ],
)
def test_a_crafted_row_is_refused_naming_the_problem_and_nothing_is_written(
    fresh: User, tables: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ImportProblem, match=problem):
        import_user(fresh, export_of(tables, time_zone="Europe/Paris"))
    assert is_empty(fresh)
    fresh.refresh_from_db()
    assert fresh.time_zone == "UTC"


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b'{"tables": {"x": [1e400]}}', "too large to store"),
        (b'{"tables": {"x": [NaN]}}', "isn.t a number"),
        (b"[" * 100_000 + b"]" * 100_000, "nested far deeper|more than"),
        (b"[" * 5000 + b"]" * 5000, "nested far deeper"),
        (b"[" + b"[]," * 200_000 + b"[]]", "more than 100,000 rows"),
        (b"\xff\xfe not utf-8", "isn.t a Recouple export"),
        (b'{"a": 1', "isn.t a Recouple export"),
    ],
    ids=["1e400", "nan", "very-deep", "deep", "many-empty-lists", "not-utf8", "truncated"],
)
def test_a_crafted_file_is_refused_while_reading_with_a_clear_message(
    raw: bytes, problem: str
) -> None:
    with pytest.raises(ImportProblem, match=problem):
        read_export(raw)


@pytest.mark.django_db
def test_the_settings_page_answers_400_naming_the_problem_and_writes_nothing(
    fresh: User,
) -> None:
    client = signed_in(fresh)
    raw = json.dumps(export_of({"nocontact.Period": [period_row(target_days=0)]})).encode()
    response = client.post(IMPORT, {"file": SimpleUploadedFile("export.json", raw)})
    assert response.status_code == 400
    assert "No contact lasts at least 30 days." in response.content.decode()
    assert is_empty(fresh)
    deep = b"[" * 50_000 + b"]" * 50_000
    response = client.post(IMPORT, {"file": SimpleUploadedFile("export.json", deep)})
    assert response.status_code == 400
    assert is_empty(fresh)


# Never outgoing mail, never the email settings.


@pytest.mark.django_db
def test_an_import_brings_no_notifications_and_no_email_address(fresh: User, settings: Any) -> None:
    settings.EMAIL_HOST = "smtp.test"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notes = [
        {
            "id": n,
            "key": f"evil:{n}",
            "kind": "checkin",
            "title": "Hello from a stranger",
            "body": "Words someone else wrote",
            "due_at": now().isoformat(),
            "created": now().isoformat(),
            "read_at": None,
        }
        for n in range(5)
    ]
    data = export_of(
        {"reminders.Notification": notes},
        email="third-party@example.com",
        email_reminders=True,
        reminder_time=None,
    )
    import_user(fresh, data)
    fresh.refresh_from_db()
    assert (fresh.email, fresh.email_reminders) == ("", False)
    assert not Notification.objects.filter(user=fresh).exists()
    run_once()
    assert mail.outbox == []


# Derived states come from the facts, and a restored period never skips no contact.


@pytest.mark.django_db
def test_an_imported_no_locks_outreach_whatever_the_file_says(fresh: User) -> None:
    import_user(fresh, export_of({"reconnect.Outreach": [outreach_row(locked=False)]}))
    assert Outreach.objects.get(user=fresh).locked is True
    api = Api(fresh)
    assert api("POST", "/friendship/gate", {"wants_friendship_anyway": True}).status_code == 409
    assert api("POST", "/outreach/answer", {"answer": "open"}).status_code == 409


@pytest.mark.django_db
def test_an_imported_contact_counts_as_a_slip_whatever_the_file_says(fresh: User) -> None:
    contact = {
        "id": 1,
        "period_id": 7,
        "day": "2026-01-05",
        "at": now().isoformat(),
        "channel": "text",
        "they_started": False,
        "replied": True,
        "logistics": False,
        "counter": "social",
        "is_slip": False,
    }
    import_user(
        fresh, export_of({"nocontact.Period": [period_row()], "nocontact.Contact": [contact]})
    )
    stored = Contact.objects.get(period__user=fresh)
    assert (stored.counter, stored.is_slip) == ("contact", True)


@pytest.mark.django_db
def test_an_imported_past_period_does_not_open_reaching_out_until_its_days_are_lived(
    owner: User, fresh: User
) -> None:
    ready(owner)  # a "proceed" report, 31 days of no contact, an inventory
    data = json.loads(json.dumps(export_user(owner)))
    import_user(fresh, data)
    api = Api(fresh)
    assert api("GET", "/outreach").json()["step_state"] == "locked"
    assert api("GET", "/no-contact").json()["active"]["complete"] is False
    # The history is restored as it was: 31 days without contact.
    assert api("GET", "/no-contact").json()["active"]["contact"]["current"] == 32
    with time_machine.travel(now() + timedelta(days=31)):
        api = Api(fresh)  # a token of that day: one unused for 31 days has expired
        assert api("GET", "/no-contact").json()["active"]["complete"] is True
        # Issue 16: with no contact complete, the questions come again before any reach-out.
        assert api("GET", "/outreach").json()["step_state"] == "locked"
        Assessment.objects.get(user=fresh).make_report()
        assert api("GET", "/outreach").json()["step_state"] != "locked"


# Size: a cap on rows, writes in short batches.


@pytest.mark.django_db
def test_rows_are_written_in_bounded_batches(fresh: User, monkeypatch: Any) -> None:
    monkeypatch.setattr(portability, "BATCH_ROWS", 4)
    monkeypatch.setattr(portability, "BATCH_PAUSE", 0)
    urges = [{"id": n, "day": "2026-01-01", "intensity": 3} for n in range(10)]
    with CaptureQueriesContext(connection) as queries:
        assert import_user(fresh, export_of({"nocontact.Urge": urges})) == 10
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT INTO")]
    assert len(inserts) == 3
    assert Urge.objects.filter(user=fresh).count() == 10


@pytest.mark.django_db
def test_more_rows_than_the_cap_are_refused_before_anything_is_written(
    fresh: User, monkeypatch: Any
) -> None:
    monkeypatch.setattr(portability, "MAX_ROWS", 5)
    urges = [{"id": n, "day": "2026-01-01", "intensity": 3} for n in range(6)]
    with pytest.raises(ImportProblem, match="more than 5 rows"):
        import_user(fresh, export_of({"nocontact.Urge": urges}))
    assert is_empty(fresh)


def test_an_export_of_150_000_rows_is_refused_by_the_cap_while_reading() -> None:
    row = '{"id": 1, "day": "2026-01-01", "intensity": 3}'
    raw = (
        '{"format": "recouple-export", "version": 1, "profile": {}, "tables": '
        '{"nocontact.Urge": [' + ",".join([row] * 150_000) + "]}}"
    ).encode()
    with pytest.raises(ImportProblem, match="more than 100,000 rows"):
        read_export(raw)


@pytest.mark.django_db
def test_a_write_that_fails_half_way_leaves_nothing(fresh: User, monkeypatch: Any) -> None:
    monkeypatch.setattr(portability, "BATCH_ROWS", 2)
    monkeypatch.setattr(portability, "BATCH_PAUSE", 0)
    calls = {"n": 0}
    real = Urge.objects.bulk_create

    def fail_second(objs: Any, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValueError("disk went away")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(Urge.objects, "bulk_create", fail_second)
    urges = [{"id": n, "day": "2026-01-01", "intensity": 3} for n in range(5)]
    with pytest.raises(ImportProblem, match="nothing was kept"):
        import_user(fresh, export_of({"nocontact.Urge": urges}, reminder_time="07:00"))
    assert is_empty(fresh)
    fresh.refresh_from_db()
    assert fresh.reminder_time == time(20, 0)


@pytest.mark.django_db
def test_the_cli_import_of_a_bad_file_creates_no_account(tmp_path: Any) -> None:
    from click.testing import CliRunner

    from recouple.cli import cli

    bad = tmp_path / "bad.json"
    export = export_of({"nocontact.Period": [period_row(target_days=0)]}, username="newcomer")
    bad.write_text(json.dumps(export))
    result = CliRunner().invoke(cli, ["import", str(bad)])
    assert result.exit_code == 1
    assert "at least 30 days" in result.output
    assert not User.objects.filter(username="newcomer").exists()
