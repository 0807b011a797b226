"""The fast widget renderer draws exactly what Django's templates draw.

Every form class in the app, empty and filled with awkward values, is drawn field by field
(and option by option) by both renderers; the HTML must be byte for byte the same.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory

import recouple
from recouple.accounts.models import User
from recouple.core.renderers import FastWidgets

AWKWARD = "<b>\"Tom & Jerry\"</b> 'quoted'"


def all_form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for info in pkgutil.walk_packages(recouple.__path__, "recouple."):
        if not info.name.endswith(".forms"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and value.base_fields
                and not (issubclass(value, forms.ModelForm) and value._meta.model is None)
            ):
                found[f"{module.__name__}.{name}"] = value
    return [found[key] for key in sorted(found)]


def make(
    form_class: type[forms.BaseForm], data: dict[str, Any] | None, user: User
) -> forms.BaseForm:
    # What some forms take besides their data (the page passes the real ones).
    known = {
        "today": date(2026, 12, 3),
        "started_on": date(2026, 1, 1),
        "period": SimpleNamespace(limited_contact=False, started_on=date(2026, 11, 1)),
        "user": user,
        "request": RequestFactory().post("/"),
        "words": [],
    }
    parameters: set[str] = set()
    for klass in form_class.__mro__:
        init = vars(klass).get("__init__")
        if init is not None and klass.__module__.startswith("recouple."):
            parameters |= set(inspect.signature(init).parameters)
    extras = {name: value for name, value in known.items() if name in parameters}
    return form_class(data=data, **extras)


def drawn(form: forms.BaseForm, renderer: Any) -> list[str]:
    form.renderer = renderer
    out = []
    for bound in form:
        out.append(str(bound))
        widget = bound.field.widget
        if getattr(widget, "allow_multiple_selected", False) or isinstance(
            widget, forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            out.extend(str(choice.tag()) for choice in bound)
    return out


FORMS = all_form_classes()


def test_the_app_has_forms_to_compare() -> None:
    assert len(FORMS) >= 15


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__name__}")
@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_each_form_is_drawn_as_djangos_templates_draw_it(
    form_class: type[forms.BaseForm], filled: bool, owner: User
) -> None:
    data = None
    if filled:
        data = dict.fromkeys(form_class.base_fields, AWKWARD)
    fast, slow = make(form_class, data, owner), make(form_class, data, owner)
    if filled:
        fast.is_valid()
        slow.is_valid()
    assert drawn(fast, FastWidgets()) == drawn(slow, DjangoTemplates())


def test_every_kind_of_plain_widget_matches() -> None:
    class Everything(forms.Form):
        text = forms.CharField(initial=AWKWARD, widget=forms.TextInput(attrs={"data-x": True}))
        number = forms.IntegerField(initial=3, required=False)
        email = forms.EmailField(required=False)
        password = forms.CharField(widget=forms.PasswordInput(render_value=True), initial="s")
        hidden = forms.CharField(widget=forms.HiddenInput, initial=AWKWARD)
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
        time = forms.TimeField(widget=forms.TimeInput(attrs={"disabled": False}))
        agree = forms.BooleanField(initial=True)
        note = forms.CharField(widget=forms.Textarea, initial=AWKWARD)
        empty_note = forms.CharField(widget=forms.Textarea, required=False)
        pick = forms.ChoiceField(choices=[("a", AWKWARD), ("b", "B")], widget=forms.RadioSelect)
        many = forms.MultipleChoiceField(
            choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, initial=["y"]
        )

    assert drawn(Everything(), FastWidgets()) == drawn(Everything(), DjangoTemplates())
    filled = {"text": "<script>", "pick": "a", "many": ["x", "y"], "note": "a\n<b>"}
    assert drawn(Everything(filled), FastWidgets()) == drawn(Everything(filled), DjangoTemplates())


def test_the_settings_use_the_fast_renderer() -> None:
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FastWidgets)
