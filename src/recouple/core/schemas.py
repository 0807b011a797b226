"""Building blocks for API schemas."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django import forms
from ninja.errors import HttpError
from pydantic import AfterValidator, Field


def _no_nul(value: str) -> str:
    # Django's form fields refuse NUL characters; PostgreSQL cannot store them at all.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


def bound_form(form_class: Any, values: dict[str, Any], **kwargs: Any) -> Any:
    """Validate JSON values with the same Django form the page uses; 400 with its first error.

    JSON booleans become a ticked checkbox, or "yes"/"no" for a yes/no choice; dates become
    ISO strings; a list is a field the browser repeats: exactly what a browser would post.
    """
    data: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        field = form_class.base_fields.get(name)
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif isinstance(value, bool):
            data[name] = "yes" if value else "no"
        elif isinstance(value, date):
            data[name] = value.isoformat()
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    form = form_class(data, **kwargs)
    if not form.is_valid():
        field_name, errors = next(iter(form.errors.items()))
        where = "" if field_name == "__all__" else f"{field_name}: "
        raise HttpError(400, f"{where}{errors[0]}")
    return form


# A local time of day, as the user's own clock shows it: no offset, no seconds-since-midnight.
LocalTime = Annotated[
    str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$", examples=["20:30"])
]
