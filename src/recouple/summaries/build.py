"""What goes into a summary for a therapist: the person's own record over a period they choose,
in the sections they tick, as plain data the PDF and the printable page both draw.

Nothing is fetched from anywhere; every number comes from the person's rows. The ex's name is
taken out of every text (as "[name]") unless the person turns it on, and journal entries appear
only when chosen one by one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Avg

from recouple.accounts.models import User
from recouple.amends.models import InventoryEntry
from recouple.assessment.models import Report
from recouple.growth.models import habit_rows
from recouple.journal.models import Entry
from recouple.nocontact.models import Contact, Period, Urge
from recouple.program import nocontact as nocontact_rules
from recouple.program.readiness import Outcome

TITLE = "Personal summary"
SECTIONS: tuple[tuple[str, str], ...] = (
    ("readiness", "Readiness report"),
    ("mood", "Mood over time"),
    ("nocontact", "No contact: runs and slips"),
    ("urges", "Urges by week and hour of day"),
    ("habits", "Habits"),
    ("inventory", "Inventory: my part"),
)
SECTION_NAMES = tuple(name for name, _title in SECTIONS)
# The longest period one summary covers, and how far back it may start.
LONGEST_DAYS = 2 * 366
ENTRY_LIMIT = 50

OUTCOME_WORDS = {
    Outcome.PROCEED.value: "Ready to go on with the program",
    Outcome.WAIT.value: "Wait: not the time",
    Outcome.LET_GO.value: "Let go",
    Outcome.UNSURE.value: "Not sure yet: outside views and a therapist first",
}
CHANNEL_WORDS = {
    nocontact_rules.Channel.TEXT.value: "Text or message",
    nocontact_rules.Channel.CALL.value: "Call",
    nocontact_rules.Channel.EMAIL.value: "Email",
    nocontact_rules.Channel.IN_PERSON.value: "In person",
    nocontact_rules.Channel.SOCIAL_MEDIA.value: "Looked at their social media",
    nocontact_rules.Channel.OTHER.value: "Something else",
}


@dataclass
class Summary:
    first: date
    last: date
    made_on: date
    sections: tuple[str, ...]
    readiness: dict[str, Any] | None = None
    mood: list[tuple[date, float]] = field(default_factory=list)
    nocontact: dict[str, Any] | None = None
    urges_by_week: list[tuple[date, int]] = field(default_factory=list)
    urges_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    habits: list[tuple[str, int]] = field(default_factory=list)
    inventory: list[dict[str, str]] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing at all to show in the chosen sections."""
        return not (
            self.readiness
            or self.mood
            or (self.nocontact and self.nocontact["periods"])
            or any(n for _w, n in self.urges_by_week)
            or self.habits
            or self.inventory
            or self.entries
        )


def _redactor(user: User, name_on: bool) -> Any:
    name = str(user.ex_name or "").strip()
    if name_on or not name:
        return lambda text: str(text)
    pattern = re.compile(re.escape(name), re.IGNORECASE)
    return lambda text: pattern.sub("[name]", str(text))


def entries_in(user: User, first: date, last: date) -> list[Entry]:
    """The journal entries a person may choose from for the period, newest first."""
    return list(Entry.objects.filter(user=user, day__range=(first, last))[:200])


def build(
    user: User,
    first: date,
    last: date,
    sections: tuple[str, ...],
    *,
    name_on: bool = False,
    entry_ids: tuple[int, ...] = (),
) -> Summary:
    today = user.today()
    clean = _redactor(user, name_on)
    summary = Summary(first=first, last=last, made_on=today, sections=sections)
    if "readiness" in sections:
        summary.readiness = _readiness(user, last, clean)
    if "mood" in sections:
        rows = (
            Entry.objects.filter(user=user, day__range=(first, last), mood__isnull=False)
            .values("day")
            .annotate(avg=Avg("mood"))
            .order_by("day")
        )
        summary.mood = [(row["day"], float(row["avg"])) for row in rows]
    if "nocontact" in sections:
        summary.nocontact = _nocontact(user, first, last, min(last, today))
    if "urges" in sections:
        zone = user.zone()
        moments = list(
            Urge.objects.filter(user=user, day__range=(first, last)).values_list("day", "at")
        )
        week_one = first - timedelta(days=first.weekday())
        weeks = Counter((day - week_one).days // 7 for day, _at in moments)
        count = (last - week_one).days // 7 + 1
        summary.urges_by_week = [
            (week_one + timedelta(days=7 * i), weeks.get(i, 0)) for i in range(count)
        ]
        for _day, at in moments:
            summary.urges_by_hour[at.astimezone(zone).hour] += 1
    if "habits" in sections:
        summary.habits = [
            (clean(row["habit"].name), round(100 * row["summary"].strength))
            for row in habit_rows(user, min(last, today))
        ]
    if "inventory" in sections:
        summary.inventory = [
            {
                "what_i_did": clean(e.what_i_did),
                "impact": clean(e.impact),
                "pattern": clean(e.pattern),
                "doing_about_it": clean(e.doing_about_it),
            }
            for e in InventoryEntry.objects.filter(user=user).order_by("created")
        ]
    if entry_ids:
        chosen = Entry.objects.filter(
            user=user, pk__in=entry_ids[:ENTRY_LIMIT], day__range=(first, last)
        ).order_by("day", "pk")
        summary.entries = [
            {"day": e.day, "mood": e.mood, "text": clean(e.text), "prompt": clean(e.prompt)}
            for e in chosen
        ]
    return summary


def _readiness(user: User, last: date, clean: Any) -> dict[str, Any] | None:
    reports = list(Report.objects.filter(user=user).order_by("-created", "-pk")[:2])
    reports = [r for r in reports if r.created.astimezone(user.zone()).date() <= last] or reports
    if not reports:
        return None
    latest = reports[0]
    found: dict[str, Any] = {
        "on": latest.created.astimezone(user.zone()).date(),
        "outcome": OUTCOME_WORDS.get(latest.outcome, latest.outcome),
        "blockers": [clean(f["title"]) for f in latest.blockers],
        "notes": [clean(f["title"]) for f in latest.notes],
        "moved": None,
    }
    if len(reports) > 1:
        moved = latest.compare(reports[1])
        found["moved"] = {
            "since": reports[1].created.astimezone(user.zone()).date(),
            "before": OUTCOME_WORDS.get(moved["before_outcome"], moved["before_outcome"]),
            "outcome_changed": moved["outcome_changed"],
            "resolved": [clean(f["title"]) for f in moved["resolved"]],
            "new": [clean(f["title"]) for f in moved["new"]],
        }
    return found


def _nocontact(user: User, first: date, last: date, today: date) -> dict[str, Any]:
    periods = list(
        Period.objects.filter(user=user, started_on__lte=last).exclude(ended_on__lt=first)
    )
    rows = []
    for period in periods:
        summary = period.summary(today)
        rows.append(
            {
                "started_on": period.started_on,
                "ended_on": period.ended_on,
                "target_days": period.target_days,
                "current": summary["contact"].current,
                "longest": summary["contact"].longest,
            }
        )
    channels = Counter(
        Contact.objects.filter(
            period__user=user, day__range=(first, last), is_slip=True
        ).values_list("channel", flat=True)
    )
    return {
        "periods": rows,
        "slips": [(CHANNEL_WORDS.get(c, c), n) for c, n in sorted(channels.items())],
    }
