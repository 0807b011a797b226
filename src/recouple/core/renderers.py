"""Form widgets drawn without a template for the plainest inputs.

Django draws every widget, and every option of a radio or checkbox list, through three nested
templates (the input, its option wrapper, its attributes): on the journal page, with its mood
and feeling choices, that was 7.5 ms of a 40 ms page. The inputs and textareas below are drawn
here to the same bytes Django's templates give (tests/test_renderer.py compares them, widget by
widget, for every form in the app); anything else goes to the templates as before.
"""

from __future__ import annotations

import html
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# Templates that are Django's plain <input> (directly or through one include).
INPUTS = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "number.html",
        "email.html",
        "url.html",
        "password.html",
        "hidden.html",
        "date.html",
        "time.html",
        "datetime.html",
        "checkbox.html",
        "search.html",
        "tel.html",
        "color.html",
    )
)
OPTIONS = frozenset(
    WIDGETS + name for name in ("input_option.html", "radio_option.html", "checkbox_option.html")
)
TEXTAREA = WIDGETS + "textarea.html"


def escaped(value: Any) -> str:
    """``conditional_escape(value)``, the same text, without the lazy-text wrapper Django puts
    around it (a form of thirty choices escapes some three hundred attributes)."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def _text(value: Any) -> str:
    """What ``{{ value|stringformat:'s' }}`` prints: escaped unless already safe."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


def _attrs(attrs: dict[str, Any]) -> str:
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {escaped(name)}")
        if value is not True:
            out.append(f'="{_text(value)}"')
    return "".join(out)


def _input(widget: dict[str, Any]) -> str:
    value = widget.get("value")
    shown = "" if value is None else f' value="{_text(value)}"'
    kind, name = escaped(widget["type"]), escaped(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


class FastWidgets(DjangoTemplates):
    """Django's template renderer, with the plainest widgets drawn directly."""

    def render(
        self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None
    ) -> str:
        widget = context.get("widget") if len(context) == 1 else None
        if isinstance(widget, dict):
            if template_name in INPUTS:
                return mark_safe(_input(widget))
            if template_name in OPTIONS and not widget.get("wrap_label"):
                return mark_safe(_input(widget))
            if template_name == TEXTAREA:
                value = widget.get("value")
                inner = escaped(value) if value else ""
                return mark_safe(
                    f'<textarea name="{escaped(widget["name"])}"'
                    f"{_attrs(widget['attrs'])}>\n{inner}</textarea>"
                )
        rendered: str = super().render(template_name, context, request=request)
        return rendered
