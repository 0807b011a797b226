"""One day of the month table, drawn in Python: the table's 35 cells, each with its marks and
words for screen readers, were most of the Today page's drawing time as template tags."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from recouple.program.nocontact import Day

register = template.Library()

CELL = (
    '<td class="{}">\n'
    '          <span class="day-number">{}</span>\n'
    '          <span class="day-marks" aria-hidden="true">{}</span>\n'
    '          <span class="visually-hidden">{}</span>\n'
    "        </td>"
)
MARK = '<span class="mark mark-{}" title="{}">{}</span>'


@register.filter
def month_cell(day: Day, today: date | None) -> SafeString:
    """The ``<td>`` of one day: clean, a slip or outside the period, its marks and its words."""
    if not day.in_period:
        kind, words = "out", gettext("outside the period")
    elif day.contact_slips:
        kind, words = "slip", gettext("contact slip")
    else:
        kind, words = "clean", gettext("no contact")
    css = f"day {kind}"
    marks = []
    if day.contact_slips:
        marks.append(
            format_html('<span class="mark mark-slip" title="{}">●</span>', gettext("Contact slip"))
        )
    if day.social_slips:
        css += " social"
        words += ", " + gettext("looked at their social media")
        marks.append(
            format_html(
                '<span class="mark mark-social" title="{}">◆</span>', gettext("Social media slip")
            )
        )
    if day.urges:
        marks.append(
            format_html('<span class="mark mark-urge" title="{}">~</span>', gettext("Urge"))
        )
        words += ", " + ngettext("%(n)s urge", "%(n)s urges", day.urges) % {"n": day.urges}
    if day.day == today:
        css += " today"
    return format_html(CELL, css, day.day.day, mark_safe("".join(marks)), words)
