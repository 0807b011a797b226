"""The letter list's items, drawn in Python: ten letters, each with two dates and a sealed or
open line, cost the journal page more than its whole list of entries as a template loop."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from recouple.core.addresses import numbered
from recouple.nocontact.models import Letter

register = template.Library()

ITEM = '<li class="item">\n    <p class="item-text">{written}</p>\n    {state}\n  </li>'
DAY = "j F Y"


@register.simple_tag
def letter_items(letters: Iterable[Letter], today: date) -> SafeString:
    """Each letter: when it was written, and when it opens or a link to open it."""
    written, sealed = gettext("Written %(when)s"), gettext("Sealed until %(day)s")
    open_it = escape(gettext("Open it"))
    address = numbered("nocontact:letter")
    items = []
    for letter in letters:
        when = escape(written % {"when": date_format(localtime(letter.written_at), DAY)})
        if letter.sealed(today):
            day = date_format(letter.reopen_on, DAY)
            state = f'<p class="tag tag-warn">{escape(sealed % {"day": day})}</p>'
        else:
            state = f'<p><a href="{address(letter.pk)}">{open_it}</a></p>'
        items.append(ITEM.format(written=when, state=state))
    # Every word is escaped above; the rest is fixed markup and numbers.
    return mark_safe("\n  ".join(items))
