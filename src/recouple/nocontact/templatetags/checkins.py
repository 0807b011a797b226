"""Today's boundary check-ins, drawn in Python: two small forms, each with its buttons' states,
cost Today more as a template loop than the whole of its habit card."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

FORM = (
    '\n  <form method="post" action="{action}" class="checkin" hx-post="{action}"'
    ' hx-target="#checkins" hx-swap="outerHTML">\n'
    "    {csrf}\n"
    '    <input type="hidden" name="boundary" value="{value}">\n'
    '    <p class="checkin-label">{label}</p>\n'
    '    <div class="checkin-buttons" role="group" aria-label="{label}">\n'
    '      <button type="submit" name="kept" value="yes" id="checkin-{value}-yes"'
    ' class="button button-small {yes_class}" aria-pressed="{yes_pressed}">{yes}</button>\n'
    '      <button type="submit" name="kept" value="no" id="checkin-{value}-no"'
    ' class="button button-small {no_class}" aria-pressed="{no_pressed}">{no}</button>\n'
    "    </div>\n"
    "  </form>\n  "
)


@register.simple_tag(takes_context=True)
def checkin_forms(
    context: template.Context, checkins: Iterable[tuple[str, str, bool | None]]
) -> SafeString:
    """A form per boundary: its question and a yes and a no, today's answer pressed."""
    csrf = CsrfTokenNode().render(context)
    action = escape(reverse("nocontact:checkin"))
    yes, no = escape(gettext("Yes, kept")), escape(gettext("Not today"))
    forms = []
    for value, label, answer in checkins:
        forms.append(
            FORM.format(
                action=action,
                csrf=csrf,
                value=escape(value),
                label=escape(label),
                yes=yes,
                no=no,
                yes_class="is-chosen" if answer is True else "button-quiet",
                yes_pressed="true" if answer is True else "false",
                no_class="is-chosen" if answer is False else "button-quiet",
                no_pressed="true" if answer is False else "false",
            )
        )
    # Every word is escaped above; the token is the csrf tag's own markup.
    return mark_safe("".join(forms))
