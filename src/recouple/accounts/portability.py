"""Your data is yours: everything a user owns, out as JSON (or CSV per table) and back in.

Owned models are found by introspection — a foreign key to the user, or to a model that has
one — so a new feature's data joins the export without anyone remembering to add it. Private
text is exported decrypted: the file is for its owner. Import fills an empty account and maps
every old id to a new one, so an export round-trips exactly on any server.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.dateparse import parse_date, parse_datetime, parse_time

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
)
IMPORTED_PROFILE_FIELDS = (
    "email",
    "time_zone",
    "country",
    "ex_name",
    "use_ex_name",
    "quiet_mode",
    "reminder_time",
    "email_reminders",
)
# Secrets and machinery, not the user's own data.
SKIPPED = {"accounts.ApiToken", "reminders.CalendarFeed"}


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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        tables = {"profile": [data["profile"]], **data["tables"]}
        for name, rows in tables.items():
            out = io.StringIO()
            columns = sorted({key for row in rows for key in row}) or ["id"]
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
            archive.writestr(f"{name.replace('.', '_')}.csv", out.getvalue())
    return buffer.getvalue()


def is_empty(user: User) -> bool:
    return not any(
        model._default_manager.filter(**{lookup: user}).exists()
        for model, lookup, _parent in owned_models()
    )


def _parse(field: models.Field, value: Any) -> Any:  # type: ignore[type-arg]
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(str(value))
        if parsed is None:
            raise ImportProblem(f"{field.model._meta.label}.{field.name}: not a date and time")
        return parsed
    if isinstance(field, models.TimeField):
        parsed_time = parse_time(str(value))
        if parsed_time is None:
            raise ImportProblem(f"{field.model._meta.label}.{field.name}: not a time of day")
        return parsed_time
    if isinstance(field, models.DateField):
        parsed_day = parse_date(str(value))
        if parsed_day is None:
            raise ImportProblem(f"{field.model._meta.label}.{field.name}: not a date")
        return parsed_day
    return value


def import_user(user: User, data: Any) -> int:
    """Restore an export into an empty account. All or nothing; returns the rows written."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportProblem("This isn’t a Recouple export.")
    if data.get("version") != VERSION:
        raise ImportProblem(f"This export is version {data.get('version')}; expected {VERSION}.")
    if not is_empty(user):
        raise ImportProblem("This account already has data: import only into an empty one.")
    tables = data.get("tables")
    profile = data.get("profile")
    if not isinstance(tables, dict) or not isinstance(profile, dict):
        raise ImportProblem("The export is missing its tables or profile.")
    known = {model._meta.label: (model, lookup, parent) for model, lookup, parent in owned_models()}
    unknown = set(tables) - set(known)
    if unknown:
        raise ImportProblem(f"Unknown tables in the export: {', '.join(sorted(unknown))}.")
    new_ids: dict[str, dict[Any, Any]] = {}
    written = 0
    try:
        with transaction.atomic():
            for name in IMPORTED_PROFILE_FIELDS:
                if name in profile:
                    setattr(user, name, _parse(_field(user, name), profile[name]))
            user.full_clean(exclude=["username", "password"])
            user.save()
            for label, (model, _lookup, _parent) in known.items():
                rows = tables.get(label, [])
                if not isinstance(rows, list):
                    raise ImportProblem(f"{label}: expected a list of rows.")
                mapping = new_ids.setdefault(label, {})
                for row in rows:
                    obj = model()
                    for field in _fields(model):
                        if field.is_relation and field.related_model is User:
                            setattr(obj, field.attname, user.pk)
                        elif field.is_relation and field.related_model is not None:
                            parent: Any = field.related_model
                            parent_label = parent._meta.label
                            old = row.get(field.attname)
                            if old is not None and old not in new_ids.get(parent_label, {}):
                                raise ImportProblem(f"{label}: refers to a missing {parent_label}.")
                            value = new_ids[parent_label][old] if old is not None else None
                            setattr(obj, field.attname, value)
                        elif field.attname in row:
                            setattr(obj, field.attname, _parse(field, row[field.attname]))
                    try:
                        unset = [
                            f.name
                            for f in _fields(model)
                            if f.null and getattr(obj, f.attname) is None
                        ]
                        obj.full_clean(
                            exclude=unset, validate_unique=False, validate_constraints=False
                        )
                    except ValidationError as exc:
                        where = ", ".join(getattr(exc, "message_dict", {}) or ["?"])
                        raise ImportProblem(
                            f"{label} (row {row.get('id')}): {where}: {exc.messages[0]}"
                        ) from None
                    _save_raw(obj)
                    mapping[row.get("id")] = obj.pk
                    written += 1
    except (TypeError, KeyError) as exc:
        raise ImportProblem(f"The export is damaged: {exc}") from None
    except ValidationError as exc:
        raise ImportProblem(f"Your profile is not valid: {exc.messages[0]}") from None
    return written


def _save_raw(obj: models.Model) -> None:
    """Save exactly what the export held, bypassing model save() hooks that derive fields."""
    models.Model.save_base(obj, raw=True)
