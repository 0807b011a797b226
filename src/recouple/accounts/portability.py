"""Your data is yours: everything a user owns, out as JSON (or CSV per table) and back in.

Owned models are found by introspection — a foreign key to the user, or to a model that has
one — so a new feature's data joins the export without anyone remembering to add it. Private
text is exported decrypted: the file is for its owner. Import fills an empty account and maps
every old id to a new one, so an export round-trips on any server.

An import is input from outside like any form, and one account's file must never hurt the
server or another user:
- it is read with its size, row count and shape checked before any object is built, and a
  row must be a flat object of plain values (nothing nested deeper than the export itself);
- every row passes the model's own rules (``full_clean``: the bounds the forms and the API
  share), plausible dates, single-line short text, and each one-per-user row once;
- derived states (``editable=False`` fields: the lock on reaching out, what counts as a slip)
  are worked out again from the facts, never taken from the file, and a restored no-contact
  period counts toward its gate only from the day it came in, so an import can restore a
  history but never skip a step;
- outgoing notifications and the email settings are never imported: mail goes only to an
  address its owner confirmed;
- everything is checked before the first write, then written in short batches, each its own
  transaction, so other users' saves go on meanwhile; if a write still fails, what was written
  is removed again and nothing stays.
"""

from __future__ import annotations

import csv
import io
import json
import math
import time as clock
import zipfile
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from typing import IO, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from recouple.accounts.models import User

FORMAT = "recouple-export"
VERSION = 1
PROFILE_FIELDS = (
    "username",
    "email",
    "time_zone",
    "country",
    "ex_name",
    "use_ex_name",
    "privacy_accepted_at",
    "date_joined",
    "quiet_mode",
    "reminder_time",
    "email_reminders",
    "leave_signs_out",
    "theme",
)
# Never the email address or email reminders: mail goes only to an address confirmed by a
# link sent to it, never to one a file names.
IMPORTED_PROFILE_FIELDS = (
    "time_zone",
    "country",
    "ex_name",
    "use_ex_name",
    "quiet_mode",
    "reminder_time",
    "leave_signs_out",
    "theme",
)
# Secrets and machinery, not the user's own data. Notifications are made again by
# `recouple remind` from the facts; an imported one could carry anybody's words.
SKIPPED = {
    "accounts.ApiToken",
    # Secrets too: an export carries no way into the account; the new one makes its own codes.
    "accounts.RecoveryCode",
    "reminders.CalendarFeed",
    # A supporter's link is a way in for someone else: it never leaves with the data.
    "supporters.SupporterLink",
    "reminders.Notification",
}
# A decade of daily use is about 40 000 rows; a file with more than this is refused unread.
MAX_ROWS = 100_000
# Upper bound on the values in a file (counted by its commas), which bounds its memory.
MAX_VALUES = 1_500_000
MAX_BYTES = 50 * 1024 * 1024
# Rows are written this many at a time, each batch its own short transaction, with a pause
# after it so that other users' saves (SQLite has one writer at a time) get their turn.
BATCH_ROWS = 250
BATCH_PAUSE = 0.02
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2199, 12, 31)
LARGEST_INT = 2**31 - 1


class ImportProblem(ValueError):
    """The file can't be imported; nothing was written."""


def owned_models() -> list[tuple[type[models.Model], str, str | None]]:
    """(model, lookup to the user, name of the parent foreign key or None), parents first."""
    direct: list[tuple[type[models.Model], str, str | None]] = []
    nested: list[tuple[type[models.Model], str, str | None]] = []
    for model in apps.get_models():
        if (
            model._meta.label in SKIPPED
            or model is User
            or model._meta.app_label in ("axes", "auth")
        ):
            continue
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is None:
                continue
            if field.related_model is User:
                direct.append((model, field.name, None))
                break
            related: Any = field.related_model
            parent_user = [
                f
                for f in related._meta.concrete_fields
                if f.is_relation and f.related_model is User
            ]
            if parent_user:
                nested.append((model, f"{field.name}__{parent_user[0].name}", field.name))
                break
    key = lambda item: item[0]._meta.label  # noqa: E731
    return sorted(direct, key=key) + sorted(nested, key=key)


def _value(obj: models.Model, field: models.Field) -> Any:  # type: ignore[type-arg]
    value = getattr(obj, field.attname)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _field(obj: models.Model, name: str) -> Any:
    return obj._meta.get_field(name)


def _field_of(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def _fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [f for f in model._meta.concrete_fields if f.name != "id"]


def export_user(user: User) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    for model, lookup, _parent in owned_models():
        rows = []
        for obj in model._default_manager.filter(**{lookup: user}).order_by("pk"):
            row = {"id": obj.pk}
            for field in _fields(model):
                if field.is_relation and field.related_model is User:
                    continue
                row[field.attname] = _value(obj, field)
            rows.append(row)
        tables[model._meta.label] = rows
    profile = {name: _value(user, _field(user, name)) for name in PROFILE_FIELDS}
    return {"format": FORMAT, "version": VERSION, "profile": profile, "tables": tables}


def export_json(user: User) -> str:
    return json.dumps(export_user(user), ensure_ascii=False, indent=1, sort_keys=True)


def export_csv_zip(user: User) -> bytes:
    """One CSV file per table (and one for the profile), in a zip."""
    data = export_user(user)
    today = user.today()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        tables = {"profile": [data["profile"]], **data["tables"]}
        for name, found in tables.items():
            model = apps.get_model(name) if "." in name else None
            shown = getattr(model, "for_spreadsheet", None)
            rows = [shown(row, today) for row in found] if shown else found
            out = io.StringIO()
            columns = sorted({key for row in rows for key in row}) or ["id"]
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
            archive.writestr(f"{name.replace('.', '_')}.csv", out.getvalue())
    return buffer.getvalue()


# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, kept as text by a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_empty(user: User) -> bool:
    return not any(
        model._default_manager.filter(**{lookup: user}).exists()
        for model, lookup, _parent in owned_models()
    )


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ImportProblem(_("The file holds a number too large to store (%(n)s).") % {"n": text})
    return value


def _no_constant(text: str) -> Any:
    raise ImportProblem(_("The file holds %(n)s, which isn’t a number we can store.") % {"n": text})


def read_export(source: bytes | IO[bytes]) -> Any:
    """Parse an export file, refusing one whose size or shape no real export has.

    The counts are taken on the raw bytes before anything is built (brackets and commas in
    text count too, which only makes the limits stricter), so a file of millions of empty
    lists costs no more memory than its own bytes. Given a file, the bytes are let go once
    decoded, so they and the parsed rows are never in memory together.
    """
    raw = source if isinstance(source, bytes) else source.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ImportProblem(_("That file is too large to be a Recouple export."))
    if raw.count(b"[") + raw.count(b"{") > MAX_ROWS + 1000:
        raise ImportProblem(
            _("That file has more than %(n)s rows; a Recouple export has far fewer.")
            % {"n": f"{MAX_ROWS:,}"}
        )
    if raw.count(b",") > MAX_VALUES:
        raise ImportProblem(_("That file holds more values than a Recouple export can."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(_("That file isn’t a Recouple export.")) from None
    del raw
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    except ImportProblem:
        raise
    except RecursionError:
        raise ImportProblem(_("That file is nested far deeper than a Recouple export.")) from None
    except ValueError:
        raise ImportProblem(_("That file isn’t a Recouple export.")) from None


def _parse(field: models.Field, value: Any) -> Any:  # type: ignore[type-arg]
    if value is None:
        return None
    where = f"{field.model._meta.label}.{field.name}"
    if isinstance(value, dict | list):
        raise ImportProblem(_("%(where)s: nested deeper than an export is.") % {"where": where})
    if isinstance(field, models.DateTimeField):
        parsed = _safely(parse_datetime, value)
        if parsed is None:
            raise ImportProblem(_("%(where)s: not a date and time.") % {"where": where})
        if is_naive(parsed):
            parsed = make_aware(parsed, UTC)
        _check_day(where, parsed.date())
        return parsed
    if isinstance(field, models.TimeField):
        parsed_time = _safely(parse_time, value)
        if parsed_time is None:
            raise ImportProblem(_("%(where)s: not a time of day.") % {"where": where})
        return parsed_time
    if isinstance(field, models.DateField):
        parsed_day = _safely(parse_date, value)
        if parsed_day is None:
            raise ImportProblem(_("%(where)s: not a date.") % {"where": where})
        _check_day(where, parsed_day)
        return parsed_day
    if isinstance(field, models.BooleanField) and not isinstance(value, bool):
        raise ImportProblem(_("%(where)s: should be true or false.") % {"where": where})
    if isinstance(field, models.IntegerField | models.FloatField):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ImportProblem(_("%(where)s: should be a number.") % {"where": where})
        if abs(value) > LARGEST_INT:
            raise ImportProblem(_("%(where)s: that number is too large.") % {"where": where})
    if isinstance(field, models.CharField | models.TextField):
        if not isinstance(value, str):
            raise ImportProblem(_("%(where)s: should be text.") % {"where": where})
        if "\x00" in value:
            raise ImportProblem(_("%(where)s: holds a NUL character.") % {"where": where})
        if isinstance(field, models.CharField) and ("\n" in value or "\r" in value):
            raise ImportProblem(_("%(where)s: should be one line.") % {"where": where})
    return value


def _safely(parse: Any, value: Any) -> Any:
    """A parsed date or time, or None for anything that isn't one (“2026-02-30” included)."""
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except ValueError:
        return None


def _check_day(where: str, day: date) -> None:
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ImportProblem(
            _("%(where)s: %(day)s is not a day we can use.") % {"where": where, "day": day}
        )


def _unique_sets(model: type[models.Model]) -> list[tuple[str, ...]]:
    """The field sets a user can have only one row for (by the export's own values)."""

    def attname(name: str) -> str:
        return str(_field_of(model, name).attname)

    sets: list[tuple[str, ...]] = [(f.attname,) for f in _fields(model) if f.unique]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None:
            sets.append(tuple(attname(n) for n in constraint.fields))
    sets.extend(tuple(attname(n) for n in names) for names in model._meta.unique_together)
    return sets


def _rows(label: str, rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise ImportProblem(_("%(label)s: expected a list of rows.") % {"label": label})
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ImportProblem(
                _("%(label)s, row %(n)s: a row must be an object with fields.")
                % {"label": label, "n": number}
            )
    return rows


def _build(
    model: type[models.Model],
    row: dict[str, Any],
    user: User,
    new_ids: dict[str, dict[Any, Any]],
) -> models.Model:
    """One unsaved object from a row: the user's own, its parents mapped, derived fields
    left to ``derive()``. Parents map to their new ids (to their old ones while checking)."""
    obj = model()
    for field in _fields(model):
        if field.is_relation and field.related_model is User:
            setattr(obj, field.name, user)
        elif field.is_relation and field.related_model is not None:
            parent: Any = field.related_model
            parent_label = parent._meta.label
            old = row.get(field.attname)
            if old is not None and old not in new_ids.get(parent_label, {}):
                raise ImportProblem(
                    _("%(label)s: refers to a missing %(parent)s.")
                    % {"label": model._meta.label, "parent": parent_label}
                )
            setattr(obj, field.attname, new_ids[parent_label][old] if old is not None else None)
        elif not field.editable:
            continue
        elif field.attname in row:
            setattr(obj, field.attname, _parse(field, row[field.attname]))
    return obj


def _check(obj: models.Model, label: str, row: dict[str, Any]) -> None:
    model = type(obj)
    relations = [f.name for f in _fields(model) if f.is_relation]
    unset = [f.name for f in _fields(model) if f.null and getattr(obj, f.attname) is None]
    try:
        obj.full_clean(exclude=relations + unset, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        where = ", ".join(getattr(exc, "message_dict", {}) or ["?"])
        raise ImportProblem(
            _("%(label)s (row %(id)s): %(where)s: %(problem)s")
            % {"label": label, "id": row.get("id"), "where": where, "problem": exc.messages[0]}
        ) from None


def _check_all(
    user: User,
    tables: dict[str, Any],
    known: dict[str, tuple[type[models.Model], str, str | None]],
) -> int:
    """Every rule on every row, before anything is written; returns the number of rows."""
    seen_ids: dict[str, dict[Any, Any]] = {}
    total = 0
    for label, (model, _lookup, _parent) in known.items():
        rows = _rows(label, tables.get(label, []))
        total += len(rows)
        if total > MAX_ROWS:
            raise ImportProblem(
                _("That file has more than %(n)s rows; a Recouple export has far fewer.")
                % {"n": f"{MAX_ROWS:,}"}
            )
        ids = seen_ids.setdefault(label, {})
        unique_sets = _unique_sets(model)
        taken: set[tuple[Any, ...]] = set()
        for row in rows:
            obj = _build(model, row, user, seen_ids)
            _check(obj, label, row)
            for names in unique_sets:
                key = (names, *(getattr(obj, n) for n in names))
                if key in taken:
                    raise ImportProblem(
                        _("%(label)s: two rows for the same %(fields)s; there can be only one.")
                        % {"label": label, "fields": ", ".join(names)}
                    )
                taken.add(key)
            old = row.get("id")
            if old is None or isinstance(old, dict | list) or old in ids:
                raise ImportProblem(_("%(label)s: every row needs its own id.") % {"label": label})
            ids[old] = old
    return total


def _batches(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write_all(
    user: User,
    tables: dict[str, Any],
    known: dict[str, tuple[type[models.Model], str, str | None]],
) -> int:
    """Write checked rows in short batches; derived fields are worked out from the facts."""
    new_ids: dict[str, dict[Any, Any]] = {}
    # Rows that others derive from (a contact's period) are kept to hand, not fetched again.
    kept: dict[str, dict[Any, models.Model]] = {}
    parents = {
        _label(f)
        for model, _l, _p in known.values()
        if hasattr(model, "derive")
        for f in _fields(model)
        if f.is_relation and f.related_model is not None and f.related_model is not User
    }
    today = user.today()
    written = 0
    for label, (model, _lookup, _parent) in known.items():
        mapping = new_ids.setdefault(label, {})
        to_hand = [
            f
            for f in _fields(model)
            if f.is_relation and f.related_model is not None and _label(f) in parents
        ]
        for batch in _batches(tables.get(label, []), BATCH_ROWS):
            objs = []
            for row in batch:
                obj = _build(model, row, user, new_ids)
                for field in to_hand:
                    pk = getattr(obj, field.attname)
                    if pk is not None:
                        setattr(obj, field.name, kept[_label(field)][pk])
                _derive(obj, today)
                objs.append(obj)
            with transaction.atomic():
                model._default_manager.bulk_create(objs)
            for row, obj in zip(batch, objs, strict=True):
                mapping[row["id"]] = obj.pk
                if label in parents:
                    kept.setdefault(label, {})[obj.pk] = obj
            written += len(objs)
            clock.sleep(BATCH_PAUSE)
    return written


def _label(field: models.Field) -> str:  # type: ignore[type-arg]
    related: Any = field.related_model
    return str(related._meta.label)


def _derive(obj: models.Model, today: date) -> None:
    derive = getattr(obj, "derive", None)
    if derive is not None:
        derive()
    if hasattr(obj, "counts_from") and hasattr(obj, "started_on"):
        # A restored no-contact period counts toward its gate only from the day it came in.
        obj.counts_from = max(obj.started_on, today)


def import_user(user: User, data: Any) -> int:
    """Restore an export into an empty account. All or nothing; returns the rows written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem(_("This isn’t a Recouple export."))
    if data.get("version") != VERSION:
        raise ImportProblem(
            _("This export is version %(found)s; expected %(version)s.")
            % {"found": str(data.get("version"))[:20], "version": VERSION}
        )
    if not is_empty(user):
        raise ImportProblem(_("This account already has data: import only into an empty one."))
    tables = data.get("tables")
    profile = data.get("profile")
    if not isinstance(tables, dict) or not isinstance(profile, dict):
        raise ImportProblem(_("The export is missing its tables or profile."))
    known = {model._meta.label: (model, lookup, parent) for model, lookup, parent in owned_models()}
    unknown = set(tables) - set(known) - SKIPPED
    if unknown:
        raise ImportProblem(
            _("Unknown tables in the export: %(names)s.")
            % {"names": ", ".join(sorted(unknown))[:200]}
        )
    original = {name: getattr(user, name) for name in IMPORTED_PROFILE_FIELDS}
    for name in IMPORTED_PROFILE_FIELDS:
        if name in profile:
            setattr(user, name, _parse(_field(user, name), profile[name]))
    try:
        user.full_clean(exclude=["username", "password"])
    except ValidationError as exc:
        for name, value in original.items():
            setattr(user, name, value)
        raise ImportProblem(
            _("Your profile is not valid: %(problem)s") % {"problem": exc.messages[0]}
        ) from None
    try:
        _check_all(user, tables, known)
    except ImportProblem:
        for name, value in original.items():
            setattr(user, name, value)
        raise
    user.save(update_fields=list(IMPORTED_PROFILE_FIELDS))
    try:
        return _write_all(user, tables, known)
    except (DatabaseError, ValidationError, ValueError, TypeError) as exc:
        remove_owned_rows(user)
        for name, value in original.items():
            setattr(user, name, value)
        user.save(update_fields=list(IMPORTED_PROFILE_FIELDS))
        raise ImportProblem(
            _("The export couldn’t be written (%(kind)s); nothing was kept.")
            % {"kind": type(exc).__name__}
        ) from None


def remove_owned_rows(user: User) -> None:
    """Every row the user owns, children first (the account itself stays)."""
    for model, lookup, _parent in reversed(owned_models()):
        model._default_manager.filter(**{lookup: user}).delete()
