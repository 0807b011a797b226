"""Your data is yours: export everything, import it into an empty account, exactly."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from recouple.accounts.models import User
from recouple.accounts.portability import (
    ImportProblem,
    export_csv_zip,
    export_user,
    import_user,
    owned_models,
)


def fill_everything(user: User) -> None:
    """At least one row in every model a user can own, with private text in each."""
    from recouple.amends.models import Amends, InventoryEntry
    from recouple.assessment.models import Assessment, BreakupReason, Change, Opinion, Quality
    from recouple.drafts.models import Draft
    from recouple.nocontact.models import CheckIn, Contact, Letter, Period, Urge
    from recouple.reconnect.models import (
        Meeting,
        NewRelationship,
        Outreach,
        PatternCheck,
        Reflection,
        Reunion,
        Session,
        TheirMessage,
        Therapist,
    )

    today = user.today()
    assessment = Assessment.for_user(user)
    assessment.violence = assessment.threats = assessment.control = False
    assessment.same_goals = "yes"
    assessment.save()
    BreakupReason.objects.create(assessment=assessment, text="Money fights 💸", still_applies=False)
    reason = BreakupReason.objects.create(
        assessment=assessment, text="Distance", still_applies=True
    )
    Change.objects.create(
        assessment=assessment, text="I budget", evidence="Six months", answers=reason
    )
    assessment.ended_by = "them"
    assessment.save()
    Quality.objects.create(
        assessment=assessment, text="Temper", loved=False, changeable=True, whose="mine"
    )
    Opinion.objects.create(
        assessment=assessment, who="Dr Lee", relation="therapist", stance="supportive"
    )
    assessment.make_report()
    period = Period.objects.create(
        user=user, started_on=today - timedelta(days=5), reasons="To heal", limited_contact=True
    )
    Contact.objects.create(period=period, day=today, channel="social_media", note="looked")
    Contact.objects.create(period=period, day=today, channel="text", logistics=True)
    Urge.objects.create(user=user, day=today, intensity=7, trigger="their song", passed=True)
    Letter.objects.create(user=user, body="Dear you…", reopen_on=today + timedelta(days=30))
    CheckIn.objects.create(user=user, day=today, boundary="no_sex", kept=True)
    Draft.objects.create(user=user, text="Hope you're well", verdict="send")
    InventoryEntry.objects.create(user=user, what_i_did="I read your phone", impact="It hurt")
    amends = Amends.for_user(user)
    amends.apology = "I’m sorry I read your phone."
    amends.save()
    Outreach.objects.create(user=user, message="I still care.", answer="open")
    TheirMessage.objects.create(user=user, note="they said hi")
    Meeting.objects.create(user=user, day=today, what="Coffee", felt="Nervous")
    Therapist.objects.create(user=user, name="Dr Ray", contact="ray@example.org")
    Session.objects.create(user=user, day=today, notes="We listened")
    Reflection.objects.create(user=user, day=today, prompt=2, text="Letting go")
    NewRelationship.objects.create(
        user=user, noted_on=today - timedelta(days=9), over_on=today - timedelta(days=2)
    )
    Reunion.objects.create(user=user, outcome="back_together", since=today)
    PatternCheck.objects.create(
        user=user, day=today, pattern="Money fights 💸", state="better", note="We talked it out"
    )
    from django.utils.timezone import now

    from recouple.growth.models import Check, Goal, Habit
    from recouple.journal.models import Entry, EntryWord, Word
    from recouple.reminders.models import Notification

    entry = Entry.objects.create(
        user=user,
        day=today,
        mood=2,
        emotions="sad,hopeful",
        activities="friends,outdoors",
        text="Long day 🌧",
    )
    own = Word.objects.create(user=user, kind="activity", name="Yoga 🧘")
    Word.objects.create(user=user, kind="feeling", name="Homesick", archived=True)
    EntryWord.objects.create(entry=entry, word=own)
    from recouple.journal.models import LetGo
    from recouple.program.journal import week_of

    LetGo.objects.create(user=user, week=week_of(today), text="Checking for their replies 🍂")
    goal = Goal.objects.create(user=user, area="health", title="Sleep well", why="Clear head")
    habit = Habit.objects.create(
        user=user, goal=goal, name="Bed by 11", weekdays="01234", started_on=today
    )
    Check.objects.create(habit=habit, day=today, mark="done")
    walk = Habit.objects.create(
        user=user,
        name="Walk",
        started_on=today,
        target=30,
        unit="minutes",
        reminder_time=time(18, 30),
    )
    Check.objects.create(habit=walk, day=today, mark="partial", amount=12)
    from recouple.safety.models import PauseReason, SafetyPlan, TrustedPerson

    SafetyPlan.objects.create(
        user=user,
        warning_signs="Lying awake at 3 a.m.",
        coping_alone="A hot shower",
        distractions="Jo’s kitchen",
        helpers="Mum",
        professionals="Dr Lee",
        safer_surroundings="Pills to Jo",
        reasons="My dog 🐕",
        offered_at=now(),
        updated=now(),
    )
    TrustedPerson.objects.create(user=user, name="Jo", phone="+44 7700 900123")
    PauseReason.objects.create(user=user, text="So I can heal first")
    Notification.objects.create(
        user=user,
        key="checkin:x",
        kind="checkin",
        title="Check-in",
        body="How are you?",
        due_at=now(),
    )
    from recouple.supporters import actions as supporter_actions
    from recouple.supporters.models import Nudge

    Nudge.objects.create(user=user)
    from recouple.nocontact.models import HardDay, HardHourReminder

    HardDay.objects.create(user=user, label="Our anniversary 💍", kind="anniversary", day=today)
    HardHourReminder.objects.create(user=user, weekday=6, hour=18)
    supporter_actions.create_link(user, {"name": "Sam", "show_days": True})


def without_ids(export: dict[str, Any]) -> dict[str, Any]:
    """The export with ids and the username taken out, to compare two accounts' data.

    A period's ``counts_from`` is left out too: an import sets it to the day the period came in
    (its gate counts from then), which is the one thing a round trip changes on purpose.
    """
    tables = {}
    for label, rows in export["tables"].items():
        tables[label] = [
            {
                k: v
                for k, v in row.items()
                if k not in ("id", "counts_from") and not k.endswith("_id")
            }
            for row in rows
        ]
    profile = {
        k: v
        for k, v in export["profile"].items()
        if k not in ("username", "date_joined", "privacy_accepted_at")
    }
    return {"profile": profile, "tables": tables}


@pytest.mark.django_db
def test_every_owned_model_is_in_the_round_trip_fixture(owner: User) -> None:
    fill_everything(owner)
    export = export_user(owner)
    empty = [label for label, rows in export["tables"].items() if not rows]
    assert empty == [], f"add rows for these models to fill_everything(): {empty}"
    assert {m._meta.label for m, _l, _p in owned_models()} == set(export["tables"])


@pytest.mark.django_db
def test_export_then_import_into_an_empty_account_round_trips_exactly(
    owner: User, outsider: User
) -> None:
    fill_everything(owner)
    original = export_user(owner)
    fresh = User.objects.create_account("fresh-start", "a long enough password 9")
    rows = import_user(fresh, json.loads(json.dumps(original)))
    assert rows == sum(len(r) for r in original["tables"].values())
    assert without_ids(export_user(fresh)) == without_ids(original)
    # Foreign keys point at the new rows, not the old ones.
    from recouple.nocontact.models import Contact

    assert all(c.period.user_id == fresh.pk for c in Contact.objects.filter(period__user=fresh))
    # Nothing of the outsider's leaked in or out.
    assert "fill" not in json.dumps(export_user(outsider))


@pytest.mark.django_db
def test_import_refuses_an_account_that_has_data_and_writes_nothing(owner: User) -> None:
    fill_everything(owner)
    export = export_user(owner)
    before = export_user(owner)
    with pytest.raises(ImportProblem, match="already has data"):
        import_user(owner, export)
    assert export_user(owner) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        [],
        {"format": "something-else"},
        {"format": "recouple-export", "version": 99, "profile": {}, "tables": {}},
        {"format": "recouple-export", "version": 1, "profile": {}, "tables": {"evil.Table": []}},
        {
            "format": "recouple-export",
            "version": 1,
            "profile": {},
            "tables": {"nocontact.Urge": [{"id": 1, "day": "not a date", "intensity": 3}]},
        },
        {
            "format": "recouple-export",
            "version": 1,
            "profile": {},
            "tables": {"nocontact.Contact": [{"id": 1, "period_id": 999, "day": "2026-01-01"}]},
        },
    ],
)
def test_bad_imports_are_refused_and_leave_the_account_empty(owner: User, data: Any) -> None:
    from recouple.accounts.portability import is_empty

    with pytest.raises(ImportProblem):
        import_user(owner, data)
    assert is_empty(owner)


@pytest.mark.django_db
def test_the_export_never_contains_password_or_tokens(owner: User) -> None:
    from recouple.accounts.models import ApiToken

    token = ApiToken.issue(owner)
    text = json.dumps(export_user(owner))
    assert owner.password not in text
    assert token not in text and "apitoken" not in text.lower()


@pytest.mark.django_db
def test_a_supporter_link_never_leaves_with_the_export_and_goes_with_the_account(
    owner: User, owner_client: Client
) -> None:
    from recouple.supporters import actions as supporter_actions
    from recouple.supporters.models import SupporterLink
    from tests.conftest import PASSWORD

    link, token = supporter_actions.create_link(owner, {"name": "Sam", "show_days": True})
    text = json.dumps(export_user(owner))
    assert token not in text and link.digest not in text and "supporterlink" not in text.lower()
    owner_client.post("/accounts/settings/delete/", {"password": PASSWORD})
    assert not SupporterLink.objects.exists()
    assert Client().get(f"/supporters/s/{token}/").status_code == 404


@pytest.mark.django_db
def test_csv_zip_has_one_file_per_table(owner: User) -> None:
    fill_everything(owner)
    with zipfile.ZipFile(io.BytesIO(export_csv_zip(owner))) as archive:
        names = set(archive.namelist())
        assert "profile.csv" in names and "nocontact_Letter.csv" in names
        # The letter is still sealed: its words stay out of the spreadsheet until its day.
        letters = archive.read("nocontact_Letter.csv").decode()
        assert "Dear you…" not in letters and "(sealed until" in letters
        assert "Money fights 💸" in archive.read("assessment_BreakupReason.csv").decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_cells_a_spreadsheet_would_run_are_kept_as_text(owner: User, text: str) -> None:
    import csv

    from recouple.journal.models import Entry

    Entry.objects.create(user=owner, day=owner.today(), mood=3, text=text)
    with zipfile.ZipFile(io.BytesIO(export_csv_zip(owner))) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("journal_Entry.csv").decode())))
    assert rows[0]["text"] == "'" + text
    # The JSON export keeps the words exactly as written.
    assert export_user(owner)["tables"]["journal.Entry"][0]["text"] == text


@pytest.mark.django_db
def test_settings_downloads_and_upload(owner: User, owner_client: Client) -> None:
    fill_everything(owner)
    response = owner_client.get("/accounts/settings/export.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["username"] == owner.username
    other = User.objects.create_account("second-home", "a long enough password 9")
    client = Client()
    client.force_login(other)
    upload = io.BytesIO(response.content)
    upload.name = "recouple-export.json"
    done = client.post("/accounts/settings/import/", {"file": upload})
    assert done.status_code == 302
    # Read the message on the settings page: the Today page would add today's reminders.
    assert "Imported" in client.get("/accounts/settings/").content.decode()
    other.refresh_from_db()
    assert without_ids(export_user(other)) == without_ids(data)
    junk = io.BytesIO(b"not json at all")
    junk.name = "x.json"
    refused = client.post("/accounts/settings/import/", {"file": junk}, follow=True)
    assert (
        "isn’t a Recouple export" in refused.content.decode()
        or "already has data" in refused.content.decode()
    )


def test_cli_export_and_import_round_trip(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "RECOUPLE_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "recouple", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("manage", "migrate", "-v0").returncode == 0
    export = {
        "format": "recouple-export",
        "version": 1,
        "profile": {"username": "cli-person", "time_zone": "Europe/Dublin", "country": "IE"},
        "tables": {
            "nocontact.Urge": [
                {
                    "id": 7,
                    "at": "2026-11-01T10:00:00+00:00",
                    "day": "2026-11-01",
                    "intensity": 4,
                    "trigger": "a song",
                    "instead": "",
                    "passed": True,
                }
            ]
        },
    }
    source = tmp_path / "in.json"
    source.write_text(json.dumps(export))
    imported = run("import", str(source))
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 rows into cli-person" in imported.stdout
    again = run("import", str(source))
    assert again.returncode == 1 and "already has data" in again.stderr
    out = tmp_path / "out.json"
    exported = run("export", "--user", "cli-person", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    data = json.loads(out.read_text())
    assert data["profile"]["country"] == "IE"
    assert data["tables"]["nocontact.Urge"][0]["trigger"] == "a song"
    # An export holds private text in plain: only its owner may read the file.
    assert out.stat().st_mode & 0o777 == 0o600
    assert run("export", "--user", "nobody").returncode == 2

    # An older file of the same name is replaced whole and ends up owner-only too.
    older = tmp_path / "older.json"
    older.write_text("an older export")
    older.chmod(0o644)
    again_out = run("export", "--user", "cli-person", "-o", str(older))
    assert again_out.returncode == 0, again_out.stderr
    assert json.loads(older.read_text())["profile"]["username"] == "cli-person"
    assert older.stat().st_mode & 0o777 == 0o600
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")]

    nowhere = run("export", "--user", "cli-person", "-o", str(tmp_path / "no" / "such.json"))
    assert nowhere.returncode == 2
    assert "no such folder" in nowhere.stderr and "Traceback" not in nowhere.stderr


@pytest.mark.django_db
def test_deleting_the_account_removes_every_row_of_every_owned_model(
    owner: User, owner_client: Client
) -> None:
    from tests.conftest import PASSWORD

    fill_everything(owner)
    pk = owner.pk
    owner_client.post("/accounts/settings/delete/", {"password": PASSWORD})
    leftovers = {
        model._meta.label: model._default_manager.filter(**{lookup: pk}).count()
        for model, lookup, _parent in owned_models()
    }
    assert not any(leftovers.values()), leftovers
    assert not User.objects.filter(pk=pk).exists()


@pytest.mark.django_db
def test_own_words_and_measurable_habits_come_back_on_the_right_rows(owner: User) -> None:
    from recouple.growth.models import Check
    from recouple.journal.models import Entry

    fill_everything(owner)
    fresh = User.objects.create_account("fresh-words", "a long enough password 9")
    import_user(fresh, json.loads(json.dumps(export_user(owner))))
    entry = Entry.objects.get(user=fresh)
    assert [str(w.name) for w in entry.words.all()] == ["Yoga 🧘"]
    assert entry.words.get().user_id == fresh.pk
    assert entry.activity_list == ["outdoors", "friends"]
    check = Check.objects.get(habit__user=fresh, mark="partial")
    assert (check.amount, check.habit.target, check.habit.unit) == (12, 30, "minutes")
    assert str(check.habit.reminder_time) == "18:30:00"
