"""Small pieces every app's forms share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

WRITE_A_FEW_WORDS = _("Please write a few words here.")


def bounded_text(
    value: str, limit: int, *, required: bool = False, empty: str | _StrPromise = WRITE_A_FEW_WORDS
) -> str:
    """Free text without its outer whitespace, refused when empty (if required) or too long."""
    value = value.strip()
    if required and not value:
        raise forms.ValidationError(empty)
    if len(value) > limit:
        raise forms.ValidationError(
            _("Please keep it under %(limit)s characters."), params={"limit": limit}
        )
    return value


CHOOSE_ONE = _("Choose one")
# Django's stand-ins for "nothing chosen yet", which read as an unfinished form.
_STAND_INS = {"---------", "—"}


def tidy_choices(form: forms.BaseForm) -> None:
    """Radio buttons offer only real answers; a select's empty choice says "Choose one"."""
    for field in form.fields.values():
        if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.ModelChoiceField):
            continue
        choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
        if isinstance(field.widget, forms.RadioSelect):
            field.choices = [(value, label) for value, label in choices if value != ""]
        else:
            field.choices = [
                (value, CHOOSE_ONE if value == "" and str(label) in _STAND_INS else label)
                for value, label in choices
            ]
