"""Today's notes and habit bars, drawn in Python: each note's form and each bar's words cost
the page more as template loops than the rest of their cards (see `nocontact.templatetags`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from recouple.core.addresses import numbered

register = template.Library()

NOTE = (
    '<li class="note" id="note-{pk}">\n'
    '      <p class="item-text">{title}</p>\n'
    "      <p>{text}</p>\n"
    '      <form method="post" action="{action}" class="inline-form"\n'
    '            hx-post="{action}" hx-target="#note-{pk}" hx-swap="outerHTML">\n'
    '        {csrf}<input type="hidden" name="next" value="today">\n'
    '        <button type="submit" class="button button-small button-quiet">{got_it}</button>\n'
    "      </form>\n"
    "    </li>"
)


@register.simple_tag(takes_context=True)
def note_items(context: template.Context, notes: Iterable[Any]) -> SafeString:
    """A ``<li>`` per note: its words, and a form to mark it read."""
    csrf = CsrfTokenNode().render(context)
    read = numbered("reminders:read")
    got_it = escape(gettext("Got it"))
    items = [
        NOTE.format(
            pk=note.pk,
            title=escape(note.title),
            text=escape(note.text),
            action=escape(read(note.pk)),
            csrf=csrf,
            got_it=got_it,
        )
        for note in notes
    ]
    # Every word is escaped above; the token is the csrf tag's own markup.
    return mark_safe("".join(f"\n    {item}\n    " for item in items))


YOUNG = (
    "<li>\n"
    '      <span class="habit-bar-name">{name}</span>\n'
    "      \n"
    '      <span class="habit-bar-young">{words}</span>\n'
    "      \n"
    "    </li>"
)
GROWN = (
    "<li>\n"
    '      <span class="habit-bar-name">{name}</span>\n'
    "      \n"
    '      <span class="habit-bar-row"><meter class="strength-meter" min="0" max="100"'
    ' value="{percent}" aria-label="{label}"></meter>'
    ' <span class="strength-value">{percent}%</span></span>\n'
    "      \n"
    "    </li>"
)


@register.simple_tag
def habit_bars(bars: Iterable[Mapping[str, Any]], young_days: int) -> SafeString:
    """A ``<li>`` per habit: its strength, or for a young habit how often it was done."""
    items = []
    for bar in bars:
        name = escape(bar["name"])
        if bar["young"]:
            done = bar["done"]
            words = ngettext(
                "Done %(n)s time so far. Its strength shows after %(days)s days.",
                "Done %(n)s times so far. Its strength shows after %(days)s days.",
                done,
            ) % {"n": done, "days": young_days}
            items.append(YOUNG.format(name=name, words=escape(words)))
        else:
            label = gettext("Strength of %(name)s") % {"name": bar["name"]}
            items.append(GROWN.format(name=name, percent=bar["percent"], label=escape(label)))
    # Every word is escaped above; the rest is fixed markup and numbers.
    return mark_safe("".join(f"\n    {item}\n    " for item in items))
