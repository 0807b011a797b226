"""Everything the dashboard shows, gathered in a fixed number of queries.

However long someone has used Recouple, each part reads a bounded window (the last twelve
weeks; this month) or one aggregate, so the page costs the same on day 3 and in year 2. The
reads (`reads`) go with the situation's own, in one round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from recouple.core import sql
from recouple.growth.models import (
    Amounts,
    Habit,
    Marks,
    active_habits_query,
    active_history_query,
    rows_of,
)
from recouple.journal.models import mood_by_day_query
from recouple.path.tools import next_action
from recouple.program import growth as growth_rules
from recouple.program import nocontact as nc
from recouple.situation import UserSituation

WEEKS = 12
MOOD_DAYS = WEEKS * 7
# Below this many rated days a line says little: the page shows the count instead.
FEW_MOODS = 3
# A habit's first week shows how often it was done: a strength score that has only begun to
# grow reads as failing.
YOUNG_HABIT_DAYS = 7


@dataclass(frozen=True)
class Week:
    first: date
    urges: int
    passed: int


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def reads(situation: UserSituation) -> list[sql.Read[Any]]:
    """What the dashboard reads besides the situation: a bounded window each."""
    user, today = situation.user, situation.today
    return [
        mood_by_day_query(user, today - timedelta(days=MOOD_DAYS - 1), today),
        active_habits_query(user),
        active_history_query(user, today),
    ]


def mood_part(today: date, by_day: dict[date, float]) -> dict[str, Any]:
    first = today - timedelta(days=MOOD_DAYS - 1)
    if by_day:
        # Someone new sees their own few days, not one dot at the end of twelve weeks.
        first = max(first, min(by_day) - timedelta(days=6))
    days = [first + timedelta(days=i) for i in range((today - first).days + 1)]
    month_ago, two_months_ago = today - timedelta(days=30), today - timedelta(days=60)
    recent = [v for d, v in by_day.items() if d > month_ago]
    before = [v for d, v in by_day.items() if two_months_ago < d <= month_ago]
    rated = [by_day.get(d) for d in days]
    trend: list[float | None] = []
    for i in range(len(days)):
        week = [v for v in rated[max(0, i - 6) : i + 1] if v is not None]
        trend.append(round(sum(week) / len(week), 2) if week else None)
    return {
        "labels": [d.isoformat() for d in days],
        "values": [None if v is None else round(v, 2) for v in rated],
        "trend": trend,
        # What the chart shows, said in words: its first and last day, and the days rated.
        "first": days[0],
        "shown_mean": _mean(list(by_day.values())),
        "few": len(by_day) < FEW_MOODS,
        "few_at": FEW_MOODS,
        "rated_days": len(by_day),
        "rated_today": today in by_day,
        "recent_mean": _mean(recent),
        "recent_days": len(recent),
        "before_mean": _mean(before),
    }


def urges_part(today: date, urges: dict[date, tuple[int, int]]) -> dict[str, Any]:
    first = today - timedelta(days=WEEKS * 7 - 1)
    counts = [[0, 0] for _ in range(WEEKS)]
    by_day: dict[date, int] = {}
    for day, (n, passed) in urges.items():
        index = (day - first).days // 7
        counts[index][0] += n
        counts[index][1] += passed
        by_day[day] = n
    weeks = [Week(first + timedelta(days=7 * i), n, p) for i, (n, p) in enumerate(counts)]
    last4 = weeks[-4:]
    return {
        "labels": [w.first.isoformat() for w in weeks],
        "passed": [w.passed for w in weeks],
        "other": [w.urges - w.passed for w in weeks],
        "total_4w": sum(w.urges for w in last4),
        "passed_4w": sum(w.passed for w in last4),
        "total": sum(w.urges for w in weeks),
        "by_day": by_day,
        "passed_total": sum(w.passed for w in weeks),
        "weeks": WEEKS,
    }


def calendar_part(situation: UserSituation, urges_by_day: dict[date, int]) -> dict[str, Any]:
    """This month's days; its slips and urges come from what the page has read already (the
    twelve weeks of urges always hold this month)."""
    today, period = situation.today, situation.period
    if period is None:
        return {"period": None}
    first = today.replace(day=1)
    last = nc.month_end(first)
    slips = situation.slip_days(period)
    days = nc.calendar_days(
        period.started_on,
        period.last_day(today),
        first,
        last,
        [d for d in slips[nc.Counter.CONTACT] if first <= d <= last],
        [d for d in slips[nc.Counter.SOCIAL] if first <= d <= last],
        [d for d, n in urges_by_day.items() if first <= d <= last for _ in range(n)],
    )
    cells: list[Any] = [None] * first.weekday() + days
    cells += [None] * (-len(cells) % 7)
    in_month = [d for d in days if d.in_period]
    summary = situation.period_summary(period)
    return {
        "period": period,
        "month": first,
        "weeks": [cells[i : i + 7] for i in range(0, len(cells), 7)],
        "summary": summary,
        "clean_in_month": sum(1 for d in in_month if d.clean),
        "days_in_month": len(in_month),
    }


def habits_part(today: date, habits: list[Habit], history: tuple[Marks, Amounts]) -> dict[str, Any]:
    rows = rows_of(habits, history, today)
    ranked = sorted(rows, key=lambda r: r["summary"].strength, reverse=True)
    bars = [
        {
            "name": str(r["habit"].name),
            "percent": round(100 * r["summary"].strength),
            # Shown for a young habit only, whose days all lie in the marks read for its score.
            "done": sum(1 for mark in r["marks"].values() if mark is growth_rules.Mark.DONE)
            if (today - r["habit"].started_on).days < YOUNG_HABIT_DAYS
            else None,
            "young": (today - r["habit"].started_on).days < YOUNG_HABIT_DAYS,
        }
        for r in ranked
    ]
    grown = [b for b in bars if not b["young"]]
    return {
        "rows": rows,
        "bars": bars,
        "strongest_grown": grown[0] if grown else None,
        "young_days": YOUNG_HABIT_DAYS,
        "labels": [str(r["habit"].name) for r in ranked],
        "values": [round(100 * r["summary"].strength) for r in ranked],
        "strongest": ranked[0] if ranked else None,
        "done_today": sum(1 for r in rows if r["today"] == "done"),
        "due_today": sum(1 for r in rows if r["due_today"]),
    }


def build(situation: UserSituation, found: Sequence[Any] | None = None) -> dict[str, Any]:
    """The dashboard from what `reads` made (``found``), or read now."""
    today = situation.today
    mood_days, habit_list, history = (
        situation.read_with(reads(situation), parts=("urges",)) if found is None else found
    )
    # The urges come with the situation (its hard-hour cluster reads them too).
    urge_days = situation.urges_by_day(today - timedelta(days=WEEKS * 7 - 1))
    where = situation.path()
    mood = mood_part(today, mood_days)
    urges = urges_part(today, urge_days)
    habits = habits_part(today, habit_list, history)
    return {
        "today": today,
        "where": where,
        "next": next_action(where),
        "mood": mood,
        "urges": urges,
        "calendar": calendar_part(situation, urges["by_day"]),
        "habits": habits,
        "charts": {
            "mood": {"labels": mood["labels"], "values": mood["values"], "trend": mood["trend"]},
            "urges": {
                "labels": urges["labels"],
                "passed": urges["passed"],
                "other": urges["other"],
            },
        },
        "milestones": nc.MILESTONES,
    }
