from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "recouple.core"
    label = "core"
    verbose_name = "Recouple"

    def ready(self) -> None:
        from recouple.core import checks, fields  # noqa: F401  (registers checks and signals)

        connection_created.connect(owner_only_sqlite, dispatch_uid="recouple-owner-only-sqlite")


def owner_only_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Each new SQLite connection makes the database file (and its -wal/-shm) owner-only."""
    from pathlib import Path

    from recouple.config import owner_only_database

    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and name and not name.startswith(("file:", ":memory:")):
        owner_only_database(Path(name))
