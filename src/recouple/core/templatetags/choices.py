"""A radio or checkbox list's labels, drawn in Python.

The journal's form has five moods, a dozen feelings, a dozen activities and the person's own
words: as a template loop, each choice's label, input and words cost more than the rest of
the page's form. This draws the same markup the loop drew, each choice's input still drawn by
the form's renderer."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe

from recouple.core.renderers import escaped

register = template.Library()


@register.simple_tag
def choice_labels(field: BoundField, css: str = "choice", value_class: str = "") -> SafeString:
    """``<label class="{css}" for="…">{input} <span>{label}</span></label>`` for each choice;
    ``value_class`` adds a class named by the choice's value (``mood-3``)."""
    out = []
    for choice in field:
        classes = css
        if value_class:
            classes += f" {value_class}{choice.data['value']}"
        out.append(
            f'<label class="{escaped(classes)}"'
            f' for="{escaped(choice.id_for_label)}">{choice.tag()}'
            f" <span>{escaped(choice.choice_label)}</span></label>"
        )
    # The label's words and attributes are escaped; each input is the renderer's safe HTML.
    return mark_safe("".join(out))
