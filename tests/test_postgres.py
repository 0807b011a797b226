"""The hosted path: DATABASE_URL switches Recouple to PostgreSQL, migrations included."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import needs

SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def _connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url, autocommit=True, connect_timeout=3)


def _reachable() -> bool:
    try:
        with _connect(SERVER):
            return True
    except Exception:
        return False


def test_database_url_runs_migrations_on_postgresql(tmp_path: Path) -> None:
    needs(_reachable(), "PostgreSQL is not running on 127.0.0.1:5432")
    name = f"recouple_t_{uuid.uuid4().hex[:10]}"
    with _connect(SERVER) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            **os.environ,
            "RECOUPLE_DATA_DIR": str(tmp_path),
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "-m", "recouple", "manage", "migrate", "--no-input"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        with _connect(f"postgres://postgres@127.0.0.1:5432/{name}") as conn:
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            }
        assert {"accounts_user", "accounts_apitoken", "core_tokenbucket"} <= tables
        # No SQLite file was made: the data directory holds only the generated secrets.
        assert not list(tmp_path.glob("*.sqlite3"))
    finally:
        with _connect(SERVER) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_suite_database_matches_database_url() -> None:
    from django.db import connection

    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
