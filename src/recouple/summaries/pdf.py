"""The summary as a PDF, drawn with fpdf2: pure Python, small, and it embeds (subsets) the
DejaVu fonts shipped beside this file, so any text a person wrote prints as written and
nothing is fetched. Charts are drawn as vector lines and boxes into the PDF itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF

from recouple.summaries.build import SECTIONS, TITLE, Summary

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
INK = (34, 34, 34)
SOFT = (110, 110, 110)
ACCENT = (44, 96, 102)
BAR = (120, 160, 165)


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


class SummaryPdf(FPDF):
    def __init__(self, summary: Summary) -> None:
        super().__init__(format="A4")
        self.summary = summary
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(TITLE)
        self.set_creator("Recouple")
        self.set_author("")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*SOFT)
        self.cell(0, 6, f"{TITLE} · page {self.page_no()} of {{nb}}", align="C")

    # Pieces.

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(4)
        self.set_font(FAMILY, "B", 13)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.ln(1)

    def para(self, text: str, size: float = 10, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")

    def bullets(self, items: list[str]) -> None:
        self.set_font(FAMILY, "", 10)
        for item in items:
            self.multi_cell(0, 5.5, f"•  {item}", new_x="LMARGIN", new_y="NEXT")

    def bars(self, values: list[float], labels: list[str], top: float, every: int = 1) -> None:
        """A bar chart, 60 mm tall, across the page, its value axis from 0 to ``top``."""
        height, width = 50.0, self.w - self.l_margin - self.r_margin
        if self.get_y() + height + 14 > self.h - 18:
            self.add_page()
        x0, y0 = self.l_margin, self.get_y() + 2
        self.set_draw_color(*SOFT)
        self.line(x0, y0 + height, x0 + width, y0 + height)
        slot = width / max(1, len(values))
        self.set_fill_color(*BAR)
        for i, value in enumerate(values):
            h = height * (value / top) if top else 0
            if h > 0:
                self.rect(x0 + i * slot + slot * 0.15, y0 + height - h, slot * 0.7, h, style="F")
        self.set_font(FAMILY, "", 7)
        self.set_text_color(*SOFT)
        for i, label in enumerate(labels):
            if i % every == 0:
                self.text(x0 + i * slot + slot * 0.1, y0 + height + 4, label)
        self.text(x0, y0 - 1, f"most: {top:g}")
        self.set_text_color(*INK)
        self.set_y(y0 + height + 8)

    def line_chart(self, points: list[tuple[date, float]], first: date, last: date) -> None:
        """Mood 1 to 5 over the period, one point per day with a rated entry."""
        height, width = 50.0, self.w - self.l_margin - self.r_margin - 10
        if self.get_y() + height + 14 > self.h - 18:
            self.add_page()
        x0, y0 = self.l_margin + 10, self.get_y() + 2
        span = max(1, (last - first).days)
        self.set_draw_color(*SOFT)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(*SOFT)
        for mood in range(1, 6):
            y = y0 + height - height * (mood - 1) / 4
            self.line(x0, y, x0 + width, y)
            self.text(self.l_margin, y + 1, str(mood))
        self.text(x0, y0 + height + 4, _day(first))
        self.text(x0 + width - 24, y0 + height + 4, _day(last))
        self.set_text_color(*INK)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.6)
        xy = [
            (x0 + width * (d - first).days / span, y0 + height - height * (m - 1) / 4)
            for d, m in points
        ]
        for (xa, ya), (xb, yb) in zip(xy, xy[1:], strict=False):
            self.line(xa, ya, xb, yb)
        self.set_fill_color(*ACCENT)
        for x, y in xy:
            self.ellipse(x - 0.9, y - 0.9, 1.8, 1.8, style="F")
        self.set_line_width(0.2)
        self.set_y(y0 + height + 8)


def render(summary: Summary) -> bytes:
    pdf = SummaryPdf(summary)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 20)
    pdf.set_text_color(*INK)
    pdf.cell(0, 12, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*SOFT)
    pdf.cell(
        0,
        6,
        f"{_day(summary.first)} to {_day(summary.last)} · made on {_day(summary.made_on)}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(*INK)
    pdf.ln(2)
    if summary.empty:
        pdf.heading("Nothing here yet")
        pdf.para(
            "There is nothing to summarise for this period in the parts chosen. Once there "
            "are moods, urges, no-contact days or a readiness report, they will show here."
        )
        return bytes(pdf.output())
    pdf.para(
        "Written by the person it is about, from their own daily record. It holds only the "
        "parts they chose to share."
    )
    titles = dict(SECTIONS)
    for name in summary.sections:
        _SECTION_DRAWERS[name](pdf, summary, titles[name])
    if summary.entries:
        pdf.heading("Journal entries they chose to share")
        for entry in summary.entries:
            mood = f" · mood {entry['mood']} of 5" if entry["mood"] else ""
            pdf.para(f"{_day(entry['day'])}{mood}", bold=True)
            if entry["prompt"]:
                pdf.para(entry["prompt"], size=9)
            pdf.para(entry["text"] or "(no words, only a mood)")
            pdf.ln(2)
    return bytes(pdf.output())


def _readiness(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    found = summary.readiness
    if found is None:
        pdf.para("No readiness report yet.")
        return
    pdf.para(f"Latest, on {_day(found['on'])}: {found['outcome']}", bold=True)
    if found["blockers"]:
        pdf.para("What stands in the way:")
        pdf.bullets(found["blockers"])
    moved = found["moved"]
    if moved is not None:
        pdf.ln(1)
        pdf.para(f"Since the report of {_day(moved['since'])}:", bold=True)
        lines = []
        if moved["outcome_changed"]:
            lines.append(f"The outcome moved from “{moved['before']}”.")
        lines += [f"No longer in the way: {t}" for t in moved["resolved"]]
        lines += [f"New: {t}" for t in moved["new"]]
        pdf.bullets(lines or ["Nothing moved."])


def _mood(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    if not summary.mood:
        pdf.para("No moods recorded in this period.")
        return
    average = sum(m for _d, m in summary.mood) / len(summary.mood)
    pdf.para(
        f"{len(summary.mood)} days with a mood, averaging {average:.1f} of 5 "
        "(1 very low, 5 very good)."
    )
    pdf.line_chart(summary.mood, summary.first, summary.last)


def _nocontact(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    found: Any = summary.nocontact
    if not found or not found["periods"]:
        pdf.para("No no-contact period in this time.")
        return
    for period in found["periods"]:
        end = _day(period["ended_on"]) if period["ended_on"] else "going on"
        pdf.para(
            f"From {_day(period['started_on'])} ({end}), aiming for {period['target_days']} "
            f"days: current run {period['current']} days, longest {period['longest']} days."
        )
    if found["slips"]:
        pdf.para("Slips in this period, by channel:")
        pdf.bullets([f"{channel}: {n}" for channel, n in found["slips"]])
    else:
        pdf.para("No slips in this period.")


def _urges(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    total = sum(n for _w, n in summary.urges_by_week)
    if not total:
        pdf.para("No urges logged in this period.")
        return
    pdf.para(f"{total} urges logged. By week (each bar starts on a Monday):")
    weeks = summary.urges_by_week
    every = max(1, len(weeks) // 8)
    pdf.bars(
        [n for _w, n in weeks], [f"{w:%-d %b}" for w, _n in weeks], max(n for _w, n in weeks), every
    )
    if pdf.get_y() > pdf.h - 90:
        pdf.add_page()
    pdf.para("By hour of day (their local time):")
    hours = summary.urges_by_hour
    pdf.bars([float(n) for n in hours], [f"{h:02d}" for h in range(24)], max(hours), 3)


def _habits(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    if not summary.habits:
        pdf.para("No habits yet.")
        return
    pdf.para("Strength today (a missed day dents it rather than wiping it out):")
    pdf.bullets([f"{name}: {percent}%" for name, percent in summary.habits])


def _inventory(pdf: SummaryPdf, summary: Summary, title: str) -> None:
    pdf.heading(title)
    if not summary.inventory:
        pdf.para("No inventory entries yet.")
        return
    for entry in summary.inventory:
        pdf.para(entry["what_i_did"], bold=True)
        pdf.para(f"How it affected them: {entry['impact']}")
        if entry["pattern"]:
            pdf.para(f"The pattern behind it: {entry['pattern']}")
        if entry["doing_about_it"]:
            pdf.para(f"What I’m doing about it: {entry['doing_about_it']}")
        pdf.ln(2)


_SECTION_DRAWERS = {
    "readiness": _readiness,
    "mood": _mood,
    "nocontact": _nocontact,
    "urges": _urges,
    "habits": _habits,
    "inventory": _inventory,
}
