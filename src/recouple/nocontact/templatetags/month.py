"""The month table's rows, drawn in Python.

Its 35 cells, each with its marks and words for screen readers, were most of the Today page's
drawing time as template tags; drawn one by one with format_html and a translation per cell
they still cost more than the rest of the page's cards. Each phrase is translated and escaped
once per table here, and a cell is put together from those pieces and its day's number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from recouple.program.nocontact import Day

register = template.Library()

CELL = (
    '<td class="{css}">\n'
    '          <span class="day-number">{number}</span>\n'
    '          <span class="day-marks" aria-hidden="true">{marks}</span>\n'
    '          <span class="visually-hidden">{words}</span>\n'
    "        </td>"
)
BLANK = '<td class="blank"></td>'


@dataclass(frozen=True)
class Words:
    """The table's phrases, translated and escaped once."""

    out: str
    slip: str
    clean: str
    social: str
    slip_mark: str
    social_mark: str
    urge_mark: str

    @classmethod
    def now(cls) -> Words:
        def mark(kind: str, title: str, sign: str) -> str:
            return f'<span class="mark mark-{kind}" title="{escape(title)}">{sign}</span>'

        return cls(
            out=escape(gettext("outside the period")),
            slip=escape(gettext("contact slip")),
            clean=escape(gettext("no contact")),
            social=escape(", " + gettext("looked at their social media")),
            slip_mark=mark("slip", gettext("Contact slip"), "●"),
            social_mark=mark("social", gettext("Social media slip"), "◆"),
            urge_mark=mark("urge", gettext("Urge"), "~"),
        )


def month_cell(day: Day, today: date | None, words: Words) -> str:
    """The ``<td>`` of one day: clean, a slip or outside the period, its marks and its words."""
    if not day.in_period:
        kind, said = "out", words.out
    elif day.contact_slips:
        kind, said = "slip", words.slip
    else:
        kind, said = "clean", words.clean
    css = f"day {kind}"
    marks = words.slip_mark if day.contact_slips else ""
    if day.social_slips:
        css += " social"
        said += words.social
        marks += words.social_mark
    if day.urges:
        marks += words.urge_mark
        urges = ngettext("%(n)s urge", "%(n)s urges", day.urges) % {"n": day.urges}
        said += ", " + escape(urges)
    if day.day == today:
        css += " today"
    return CELL.format(css=css, number=day.day.day, marks=marks, words=said)


@register.simple_tag
def month_rows(weeks: Sequence[Sequence[Day | None]], today: date | None) -> SafeString:
    """The table's ``<tr>`` rows: a week each, a blank cell before the first and after the
    last day of the month."""
    words = Words.now()
    rows = (
        "<tr>" + "".join(month_cell(day, today, words) if day else BLANK for day in week) + "</tr>"
        for week in weeks
    )
    # Every phrase in a cell is escaped above; the rest is fixed markup and numbers.
    return mark_safe("\n".join(rows))
