"""Plain SQL for the few reads every busy page makes.

Django's ORM spends about half a millisecond putting a small query together, on SQLite and
PostgreSQL alike, for a query the database then answers in a few hundredths of one. The pages
people open every day (Today, the path, the journal) make a dozen such reads, so they are
written here as SQL, with the same filters the models' querysets would use; everything else
stays with the ORM. Values come back as each database gives them: ``day`` and ``moment``
turn them into Python's types on both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive


def table(model: type[Model]) -> str:
    """A model's table name, quoted for this database."""
    return connection.ops.quote_name(model._meta.db_table)


def rows(sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[tuple[Any, ...]]:
    """Every row ``sql`` finds; dates as parameters go through ``day_param``."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def day_param(value: date) -> Any:
    """A date as this database takes it in a query's parameters."""
    return connection.ops.adapt_datefield_value(value)


def moment_param(value: datetime) -> Any:
    """An aware datetime as this database takes it in a query's parameters."""
    return connection.ops.adapt_datetimefield_value(value)


def placeholders(values: Sequence[Any]) -> str:
    """``%s, %s, …``, one for each value (an IN list; never empty: callers check first)."""
    return ", ".join(["%s"] * len(values))


def day(value: date | str) -> date:
    """A date column's value (SQLite may give ISO text) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def moment(value: datetime | str | None) -> datetime | None:
    """A timestamp column's value (SQLite gives UTC text) as an aware datetime."""
    found = value if value is None or isinstance(value, datetime) else parse_datetime(value)
    if found is not None and is_naive(found):
        found = found.replace(tzinfo=UTC)
    return found
