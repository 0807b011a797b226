"""Plain SQL for the few reads every busy page makes.

Django's ORM spends about half a millisecond putting a small query together, on SQLite and
PostgreSQL alike, for a query the database then answers in a few hundredths of one. The pages
people open every day (Today, the path, the journal) make a dozen such reads, so they are
written here as SQL, with the same filters the models' querysets would use; everything else
stays with the ORM. Values come back as each database gives them: ``day`` and ``moment``
turn them into Python's types on both.

A `Read` is one such query with what its rows become. `run_all` sends several in one round trip
to PostgreSQL, where each trip to the server costs a few tenths of a millisecond (a page that
read a dozen small things one by one spent more time waiting than working); SQLite runs in the
process and has no trip to save, so there they simply run one after the other.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import DateTimeField, Field, Model
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


T = TypeVar("T")
M = TypeVar("M", bound=Model)
Rows = list[tuple[Any, ...]]


@dataclass(frozen=True)
class Read(Generic[T]):
    """One query and what its rows become: run alone (`run`) or with others (`run_all`)."""

    sql: str
    params: Sequence[Any] | Mapping[str, Any]
    make: Callable[[Rows], T]


def run(read: Read[T]) -> T:
    return read.make(rows(read.sql, read.params))


def run_all(reads: Sequence[Read[Any]]) -> list[Any]:
    """What each read makes, in order: one round trip on PostgreSQL.

    psycopg binds Django's parameters on the client (its ``ClientCursor``), so the statements
    are bound as every query here is and sent as one text; the server answers each in turn.
    Elsewhere (SQLite, or a driver that binds on the server) they run one after the other. A
    read's ``make`` must not query the database: the results are still arriving."""
    with connection.cursor() as cursor:
        bind = getattr(cursor.cursor, "mogrify", None)
        if bind is None or len(reads) < 2:
            made = []
            for read in reads:
                cursor.execute(read.sql, read.params)
                made.append(read.make(list(cursor.fetchall())))
            return made
        cursor.execute(";\n".join(bind(read.sql, read.params) for read in reads))
        made = []
        for number, read in enumerate(reads):
            if number:
                cursor.nextset()
            made.append(read.make(list(cursor.fetchall())))
        return made


def columns(
    model: type[M], exclude: Sequence[str] = (), alias: str = ""
) -> tuple[str, Callable[[Rows], list[M]]]:
    """The select list of ``model``'s columns (but ``exclude``) and what makes its rows into
    instances, each value through the converters the ORM would apply (a column left out is
    deferred, read on first use as with ``.only()``)."""
    select, names, converters = _columns(model, tuple(exclude), alias, connection.ops)
    using, this = connection.alias, connection

    def make(found: Rows) -> list[M]:
        made = []
        for row in found:
            values = list(row)
            for index, column, convert in converters:
                for converter in convert:
                    values[index] = converter(values[index], column, this)
            made.append(model.from_db(using, names, values))
        return made

    return select, make


@functools.lru_cache(maxsize=128)
def _columns(
    model: type[Model], exclude: tuple[str, ...], alias: str, ops: Any
) -> tuple[str, list[str], list[tuple[int, Any, list[Any]]]]:
    """`columns`' work that depends only on the model and the database (kept per database
    connection: a page makes the same few reads on every visit)."""
    fields: list[Field[Any, Any]] = [
        f for f in model._meta.concrete_fields if f.name not in exclude
    ]
    prefix = f"{alias}." if alias else ""
    selected, converters = [], []
    for index, field in enumerate(fields):
        name = prefix + ops.quote_name(field.column)
        column = field.get_col(model._meta.db_table)
        found = ops.get_db_converters(column) + column.get_db_converters(ops.connection)
        if ops.connection.vendor == "postgresql" and isinstance(field, DateTimeField):
            # Django reads timestamps through a loader written in Python, several
            # microseconds each; the exact seconds since 1970 are a number read in C.
            name, found = f"EXTRACT(EPOCH FROM {name})", [_from_epoch, *found]
        selected.append(name)
        if found:
            converters.append((index, column, found))
    return ", ".join(selected), [f.attname for f in fields], converters


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _from_epoch(value: Decimal | None, expression: Any, connection: Any) -> datetime | None:
    """PostgreSQL's exact seconds since 1970 (a numeric, to the microsecond) as the aware
    UTC datetime Django's own loader gives."""
    return None if value is None else EPOCH + timedelta(microseconds=int(value * 1_000_000))


def day_param(value: date) -> Any:
    """A date as this database takes it in a query's parameters."""
    return connection.ops.adapt_datefield_value(value)


def moment_param(value: datetime) -> Any:
    """An aware datetime as this database takes it in a query's parameters."""
    return connection.ops.adapt_datetimefield_value(value)


def placeholders(values: Sequence[Any]) -> str:
    """``%s, %s, …``, one for each value (an IN list; never empty: callers check first)."""
    return ", ".join(["%s"] * len(values))


def day_column(name: str) -> str:
    """A date column to select. SQLite's driver hands its dates to a converter written in
    Python, a few microseconds a row; as text they come back as they are, and ``day`` reads
    them with the standard library's parser (PostgreSQL's driver makes dates in C)."""
    return f"CAST({name} AS TEXT)" if connection.vendor == "sqlite" else name


def epoch_seconds(name: str) -> str:
    """A timestamp column as whole seconds since 1970 (UTC), an integer on both databases:
    cheaper to carry than a timestamp when only its local day and hour matter. (Its ``%%``
    is for a query with parameters, as every read here has.)"""
    if connection.vendor == "sqlite":
        return f"CAST(strftime('%%s', {name}) AS INTEGER)"
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {name})) AS BIGINT)"


def day(value: date | str) -> date:
    """A date column's value (SQLite may give ISO text) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def moment(value: datetime | str | None) -> datetime | None:
    """A timestamp column's value (SQLite gives UTC text) as an aware datetime."""
    found = value if value is None or isinstance(value, datetime) else parse_datetime(value)
    if found is not None and is_naive(found):
        found = found.replace(tzinfo=UTC)
    return found
