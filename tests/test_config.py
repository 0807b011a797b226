"""Configuration read from the environment: typed helpers, secrets, system checks and the CLI.

Bad values never crash an import: they are recorded with a check ID, a safe value is used,
and the recorded problems stop ``recouple serve`` and ``recouple manage check``.
"""

from __future__ import annotations

import importlib.metadata
import os
import runpy
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core import checks

from recouple import config
from recouple.core.checks import environment_check

SETTINGS_FILE = Path(config.__file__).with_name("settings.py")
LONG_SECRET = "s" * 50


def ids(env: config.Environment) -> list[str]:
    return [problem.id for problem in env.problems]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def unusable_dir(tmp_path: Path) -> Path:
    """A path that cannot become a directory: its parent is a regular file."""
    blocker = tmp_path / "a-regular-file"
    blocker.write_text("in the way")
    return blocker / "data"


# --- Environment helpers -------------------------------------------------------------------


@pytest.mark.parametrize("word", ["1", "true", "TRUE", " yes ", "On"])
def test_yes_words_read_as_true(word: str) -> None:
    env = config.Environment(values={"FLAG": word})

    assert env.boolean("FLAG", False, "recouple.E001") is True
    assert env.problems == []


@pytest.mark.parametrize("word", ["0", "false", "No", " off ", ""])
def test_no_words_and_blank_read_as_false(word: str) -> None:
    env = config.Environment(values={"FLAG": word})

    assert env.boolean("FLAG", True, "recouple.E001") is False
    assert env.problems == []


@pytest.mark.parametrize("default", [True, False])
def test_unset_boolean_is_the_default_without_a_problem(default: bool) -> None:
    env = config.Environment(values={})

    assert env.boolean("FLAG", default, "recouple.E001") is default
    assert env.problems == []


@pytest.mark.parametrize("default", [True, False])
def test_bad_boolean_is_recorded_under_its_id_and_the_default_is_used(default: bool) -> None:
    env = config.Environment(values={"RECOUPLE_DEBUG": "maybe"})

    assert env.boolean("RECOUPLE_DEBUG", default, "recouple.E001") is default
    assert ids(env) == ["recouple.E001"]
    assert "RECOUPLE_DEBUG='maybe'" in env.problems[0].msg
    assert "true, false" in env.problems[0].hint


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), (" 42 ", 42), ("100", 100)])
def test_integer_within_range_is_read(raw: str, expected: int) -> None:
    env = config.Environment(values={"N": raw})

    assert env.integer("N", 8, "recouple.E006", low=3, high=100) == expected
    assert env.problems == []


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_unset_or_blank_integer_is_the_default_without_a_problem(raw: str | None) -> None:
    env = config.Environment(values={} if raw is None else {"N": raw})

    assert env.integer("N", 8, "recouple.E006", low=3, high=100) == 8
    assert env.problems == []


@pytest.mark.parametrize("raw", ["2", "101", "-5", "eight", "8.5"])
def test_integer_out_of_range_or_not_whole_is_recorded_and_the_default_used(raw: str) -> None:
    env = config.Environment(values={"RECOUPLE_LOGIN_ATTEMPTS": raw})

    assert env.integer("RECOUPLE_LOGIN_ATTEMPTS", 8, "recouple.E006", low=3, high=100) == 8
    assert ids(env) == ["recouple.E006"]
    assert "from 3 to 100" in env.problems[0].msg


def test_choice_is_read_case_insensitively() -> None:
    env = config.Environment(values={"RECOUPLE_SIGNUPS": " Closed "})

    assert env.choice("RECOUPLE_SIGNUPS", "open", ("open", "closed"), "recouple.E002") == "closed"
    assert env.problems == []


def test_unknown_choice_is_recorded_and_the_default_used() -> None:
    env = config.Environment(values={"RECOUPLE_SIGNUPS": "sometimes"})

    assert env.choice("RECOUPLE_SIGNUPS", "open", ("open", "closed"), "recouple.E002") == "open"
    assert ids(env) == ["recouple.E002"]
    assert "open, closed" in env.problems[0].msg


def test_word_list_splits_on_commas_and_drops_blanks() -> None:
    env = config.Environment(values={"HOSTS": " a.example , b.example,, c.example "})

    assert env.word_list("HOSTS", ["default"]) == ["a.example", "b.example", "c.example"]


@pytest.mark.parametrize("values", [{}, {"HOSTS": ""}, {"HOSTS": "  "}])
def test_unset_or_blank_word_list_is_the_default(values: dict[str, str]) -> None:
    assert config.Environment(values=values).word_list("HOSTS", ["localhost"]) == ["localhost"]


def test_text_is_stripped_and_falls_back_to_its_default() -> None:
    env = config.Environment(values={"NAME": "  value \n"})

    assert env.text("NAME") == "value"
    assert env.text("MISSING", "fallback") == "fallback"


# --- Data directory and secrets ------------------------------------------------------------


def test_data_dir_is_created_private_to_its_owner(tmp_path: Path) -> None:
    wanted = tmp_path / "nested" / "recouple"
    env = config.Environment(values={"RECOUPLE_DATA_DIR": str(wanted)})

    assert config.data_dir(env) == wanted
    assert wanted.is_dir()
    assert mode(wanted) == 0o700
    assert list(wanted.iterdir()) == []
    assert env.problems == []


def test_a_data_dir_that_existed_open_to_others_is_made_private(tmp_path: Path) -> None:
    wanted = tmp_path / "recouple"
    wanted.mkdir(mode=0o755)
    wanted.chmod(0o755)
    env = config.Environment(values={"RECOUPLE_DATA_DIR": str(wanted)})

    assert config.data_dir(env) == wanted
    assert mode(wanted) == 0o700
    assert env.problems == []


def test_the_database_and_its_wal_files_are_owner_only_new_or_old(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o755)
    # A database an older version left readable by everyone.
    database = data / "recouple.sqlite3"
    sqlite3.connect(database).close()
    database.chmod(0o644)
    result = recouple(tmp_path, "manage", "migrate", "-v0")
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    assert database.stat().st_size > 0 and mode(database) == 0o600
    fresh = tmp_path / "fresh"
    result = recouple(tmp_path, "manage", "migrate", "-v0", RECOUPLE_DATA_DIR=str(fresh))
    assert result.returncode == 0, result.stderr
    for path in fresh.glob("recouple.sqlite3*"):
        assert mode(path) == 0o600, path.name


def test_processes_checking_the_data_dir_together_do_not_trip_each_other(tmp_path: Path) -> None:
    # Two `recouple remind` runs started together once failed: each wrote and removed the
    # same probe file, so one removed the other's and reported the folder unusable.
    threads = 8
    start = threading.Barrier(threads)
    found: list[list[str]] = []

    def check() -> None:
        start.wait()
        for _ in range(150):
            env = config.Environment(values={"RECOUPLE_DATA_DIR": str(tmp_path)})
            config.data_dir(env)
            found.append(ids(env))

    workers = [threading.Thread(target=check) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(found) == threads * 150
    assert [problems for problems in found if problems] == []
    assert list(tmp_path.iterdir()) == []


def test_unusable_data_dir_is_recorded_as_e005(unusable_dir: Path) -> None:
    env = config.Environment(values={"RECOUPLE_DATA_DIR": str(unusable_dir)})

    assert config.data_dir(env) == unusable_dir
    assert ids(env) == ["recouple.E005"]
    assert str(unusable_dir) in env.problems[0].msg
    assert "RECOUPLE_DATA_DIR" in env.problems[0].hint


def test_a_secret_is_created_once_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "secret"

    first = config.read_or_create_secret(path, "first-value")
    second = config.read_or_create_secret(path, "second-value")

    assert first == second == "first-value"
    assert mode(path) == 0o600


def test_a_secret_that_cannot_be_created_is_none(unusable_dir: Path) -> None:
    assert config.read_or_create_secret(unusable_dir / "secret", "value") is None


def test_secret_key_is_generated_once_and_kept_in_the_data_dir(tmp_path: Path) -> None:
    env = config.Environment(values={})

    first = config.secret_key(env, tmp_path)
    second = config.secret_key(config.Environment(values={}), tmp_path)

    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert mode(tmp_path / "secret_key") == 0o600
    assert env.problems == []


def test_long_secret_key_from_the_environment_is_used_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    env = config.Environment(values={"RECOUPLE_SECRET_KEY": LONG_SECRET})

    assert config.secret_key(env, tmp_path) == LONG_SECRET
    assert env.problems == []
    assert not (tmp_path / "secret_key").exists()


def test_short_secret_key_from_the_environment_is_recorded_as_e008(tmp_path: Path) -> None:
    env = config.Environment(values={"RECOUPLE_SECRET_KEY": "s" * 49})

    config.secret_key(env, tmp_path)

    assert ids(env) == ["recouple.E008"]
    assert "50 characters" in env.problems[0].msg


def test_secret_key_that_cannot_be_stored_is_recorded_as_e008(unusable_dir: Path) -> None:
    env = config.Environment(values={})

    assert len(config.secret_key(env, unusable_dir)) >= 50
    assert ids(env) == ["recouple.E008"]


def test_encryption_key_is_generated_once_and_kept_in_the_data_dir(tmp_path: Path) -> None:
    env = config.Environment(values={})

    first = config.encryption_keys(env, tmp_path)
    second = config.encryption_keys(config.Environment(values={}), tmp_path)

    assert first == second
    assert len(first) == 1
    Fernet(first[0].encode())
    assert mode(tmp_path / "encryption_keys") == 0o600
    assert env.problems == []


def test_encryption_key_file_may_hold_several_keys_newest_first(tmp_path: Path) -> None:
    newest, oldest = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    (tmp_path / "encryption_keys").write_text(f"{newest}\n\n{oldest}\n")
    env = config.Environment(values={})

    assert config.encryption_keys(env, tmp_path) == [newest, oldest]
    assert env.problems == []


def test_encryption_keys_from_the_environment_win_and_keep_their_order(tmp_path: Path) -> None:
    newest, oldest = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    env = config.Environment(values={"RECOUPLE_ENCRYPTION_KEYS": f" {newest} , {oldest} "})

    assert config.encryption_keys(env, tmp_path) == [newest, oldest]
    assert env.problems == []
    assert not (tmp_path / "encryption_keys").exists()


def test_invalid_encryption_key_is_recorded_as_e007_and_left_out(tmp_path: Path) -> None:
    good = Fernet.generate_key().decode()
    env = config.Environment(values={"RECOUPLE_ENCRYPTION_KEYS": f"{good},not-a-fernet-key"})

    assert config.encryption_keys(env, tmp_path) == [good]
    assert ids(env) == ["recouple.E007"]
    assert "RECOUPLE_ENCRYPTION_KEYS" in env.problems[0].msg
    assert "--print-new-key" in env.problems[0].hint


def test_only_invalid_encryption_keys_give_one_e007_and_a_usable_key(tmp_path: Path) -> None:
    env = config.Environment(values={"RECOUPLE_ENCRYPTION_KEYS": "not-a-fernet-key"})

    keys = config.encryption_keys(env, tmp_path)

    assert ids(env) == ["recouple.E007"]
    assert len(keys) == 1
    Fernet(keys[0].encode())


def test_encryption_key_that_cannot_be_stored_is_recorded_as_e007(unusable_dir: Path) -> None:
    env = config.Environment(values={})

    config.encryption_keys(env, unusable_dir)

    assert ids(env) == ["recouple.E007"]
    assert "could be read or created" in env.problems[0].msg


# --- settings.py and the system check ------------------------------------------------------


@pytest.fixture
def run_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """Execute settings.py afresh under the given environment and return its namespace."""
    for name in list(os.environ):
        if name.startswith("RECOUPLE_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("RECOUPLE_DATA_DIR", str(tmp_path / "data"))

    def run(**env: str) -> dict[str, Any]:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))

    return run


def problem_ids(namespace: dict[str, Any]) -> list[str]:
    return [problem.id for problem in namespace["CONFIG_PROBLEMS"]]


def test_settings_with_nothing_set_fail_closed_without_problems(run_settings: Any) -> None:
    settings = run_settings()

    assert problem_ids(settings) == []
    assert settings["DEBUG"] is False
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in settings["DATABASES"]["default"]["OPTIONS"]["init_command"]
    assert len(settings["SECRET_KEY"]) >= 50


def test_settings_behind_https_use_secure_cookies_and_hsts(run_settings: Any) -> None:
    settings = run_settings(RECOUPLE_HTTPS="true")

    assert problem_ids(settings) == []
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_settings_use_postgresql_from_database_url(run_settings: Any) -> None:
    settings = run_settings(DATABASE_URL="postgres://user:pw@db.internal:5432/recouple")

    database = settings["DATABASES"]["default"]
    assert problem_ids(settings) == []
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "recouple"
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("RECOUPLE_DEBUG", "maybe", "recouple.E001"),
        ("RECOUPLE_HTTPS", "perhaps", "recouple.E001"),
        ("RECOUPLE_EMAIL_TLS", "2", "recouple.E001"),
        ("RECOUPLE_SIGNUPS", "sometimes", "recouple.E002"),
        ("DATABASE_URL", "mysql://x/y", "recouple.E003"),
        ("DATABASE_URL", "nosuchdb://x/y", "recouple.E003"),
        ("RECOUPLE_LOGIN_ATTEMPTS", "2", "recouple.E006"),
        ("RECOUPLE_PROXY_HOPS", "6", "recouple.E006"),
        ("RECOUPLE_EMAIL_PORT", "70000", "recouple.E006"),
        ("RECOUPLE_ENCRYPTION_KEYS", "not-a-fernet-key", "recouple.E007"),
        ("RECOUPLE_SECRET_KEY", "too-short", "recouple.E008"),
    ],
)
def test_settings_record_each_bad_value_under_its_id(
    run_settings: Any, name: str, value: str, check_id: str
) -> None:
    settings = run_settings(**{name: value})

    assert problem_ids(settings) == [check_id]


def test_settings_fall_back_to_sqlite_when_database_url_is_not_postgresql(
    run_settings: Any,
) -> None:
    settings = run_settings(DATABASE_URL="mysql://x/y")

    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_settings_record_an_unusable_data_dir(run_settings: Any, unusable_dir: Path) -> None:
    settings = run_settings(RECOUPLE_DATA_DIR=str(unusable_dir))

    assert "recouple.E005" in problem_ids(settings)


def test_recorded_problems_become_system_check_errors(settings: Any) -> None:
    settings.CONFIG_PROBLEMS = [
        config.Problem("recouple.E001", "RECOUPLE_DEBUG='maybe' is not a yes/no value.", "Hint."),
        config.Problem("recouple.E006", "RECOUPLE_PROXY_HOPS='9' is too many.", "Other hint."),
    ]

    errors = environment_check()

    assert [(e.id, e.msg, e.hint, e.level) for e in errors] == [
        ("recouple.E001", "RECOUPLE_DEBUG='maybe' is not a yes/no value.", "Hint.", checks.ERROR),
        ("recouple.E006", "RECOUPLE_PROXY_HOPS='9' is too many.", "Other hint.", checks.ERROR),
    ]
    serious = {m.id for m in checks.run_checks() if m.is_serious()}
    assert {"recouple.E001", "recouple.E006"} <= serious


# --- The recouple command (each test starts Python and Django: keep them few) --------------


def recouple(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("RECOUPLE_") and name != "DATABASE_URL"
    }
    clean["DJANGO_SETTINGS_MODULE"] = "recouple.settings"
    clean["RECOUPLE_DATA_DIR"] = str(tmp_path / "data")
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "recouple", *args],
        env=clean,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("RECOUPLE_DEBUG", "maybe", "recouple.E001"),
        ("RECOUPLE_SIGNUPS", "sometimes", "recouple.E002"),
        ("DATABASE_URL", "mysql://x/y", "recouple.E003"),
    ],
)
def test_manage_check_fails_on_a_bad_value_and_names_its_id(
    tmp_path: Path, name: str, value: str, check_id: str
) -> None:
    result = recouple(tmp_path, "manage", "check", **{name: value})

    assert result.returncode != 0
    assert check_id in result.stderr


def test_serve_with_an_out_of_range_port_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = recouple(tmp_path, "serve", "--port", "70000")

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("recouple:")
    assert "--port" in lines[0]


def test_serve_with_bad_configuration_stops_before_serving_one_line_per_problem(
    tmp_path: Path,
) -> None:
    result = recouple(tmp_path, "serve", RECOUPLE_DEBUG="maybe", RECOUPLE_SIGNUPS="sometimes")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("recouple: recouple.E001: RECOUPLE_DEBUG='maybe'")
    assert lines[1].startswith("recouple: recouple.E002: RECOUPLE_SIGNUPS='sometimes'")
    assert "running" not in result.stdout
    # Checks run before migrations: no database was created.
    assert not (tmp_path / "data" / "recouple.sqlite3").exists()


def test_unknown_command_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = recouple(tmp_path, "nosuchcommand")

    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("recouple:")
    assert "nosuchcommand" in lines[0]


def test_version_prints_the_installed_version(tmp_path: Path) -> None:
    result = recouple(tmp_path, "--version")

    assert result.returncode == 0
    assert importlib.metadata.version("recouple") in result.stdout


def test_deploy_check_passes_behind_https(tmp_path: Path) -> None:
    result = recouple(
        tmp_path,
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RECOUPLE_HTTPS="true",
        RECOUPLE_ALLOWED_HOSTS="recouple.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_bare_recouple_prints_help_and_exits_0(tmp_path: Path) -> None:
    result = recouple(tmp_path)

    assert result.returncode == 0
    assert "serve" in result.stdout and "manage" in result.stdout
    assert result.stderr == ""


def test_empty_allowed_hosts_is_reported(tmp_path: Path) -> None:
    result = recouple(tmp_path, "manage", "check", RECOUPLE_ALLOWED_HOSTS=",")

    assert result.returncode != 0
    assert "recouple.E004" in result.stderr
