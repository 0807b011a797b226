"""Growing (step 4): life areas, habit schedules and the habit strength score.

The strength score is an exponential moving average of the days a habit was due, as Loop
Habit Tracker computes it: each due day moves the score part of the way towards 1 (done) or
0 (missed), so one missed day dents a strong habit instead of wiping it out. With a half-life
of 14 days, a habit done every day for two weeks from nothing reaches 50%, and a strong habit
missed for two weeks keeps half its strength. A skipped day (ill, away, a rest day the user
chose) and a day the habit isn't scheduled leave the score as it was. Today counts once it's
done; until then the day is still open, not missed.

A measurable habit has a target (30 minutes of walking): a day that reached it is done, and a
day with some of it is partial and moves the score by the share reached (15 of 30 minutes is
half a done day), as Loop scores its numerical habits. A partial day is not a done day for
the streak or the week's count.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

HALF_LIFE_DAYS = 14
MULTIPLIER: float = 0.5 ** (1 / HALF_LIFE_DAYS)
EVERY_DAY = frozenset(range(7))
# Days further back than this weigh less than MULTIPLIER ** 400 ≈ 2.6e-9 in today's score, so
# the score (and the streak shown beside it) reads this window only: the cost of a habit stays
# flat however many years it has run.
HISTORY_DAYS = 400
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Area(StrEnum):
    COMMUNICATION = "communication"
    ATTACHMENT = "attachment"
    HEALTH = "health"
    FRIENDS = "friends"
    HOBBIES = "hobbies"
    WORK = "work"
    OTHER = "other"


AREA_LABELS: dict[Area, str] = {
    Area.COMMUNICATION: "Communication",
    Area.ATTACHMENT: "Attachment and trust",
    Area.HEALTH: "Health",
    Area.FRIENDS: "Friends and family",
    Area.HOBBIES: "Hobbies and fun",
    Area.WORK: "Work and study",
    Area.OTHER: "Something else",
}

AREA_HINTS: dict[Area, str] = {
    Area.COMMUNICATION: "Saying what you need calmly, listening without planning your reply.",
    Area.ATTACHMENT: "Feeling steady on your own, trusting without checking.",
    Area.HEALTH: "Sleep, food, movement: the body carries the heart.",
    Area.FRIENDS: "The people who were there before and will be there after.",
    Area.HOBBIES: "Things you enjoy for their own sake.",
    Area.WORK: "Goals that are yours alone.",
    Area.OTHER: "Anything else you want to grow into.",
}


class Mark(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"
    PARTIAL = "partial"


# The largest number a measurable habit's day or target can hold (a day has 1440 minutes;
# steps run to tens of thousands).
MAX_AMOUNT = 1_000_000


def mark_for_amount(amount: int, target: int) -> Mark | None:
    """A measurable habit's day: done once the target is reached, partial below, none at 0."""
    if amount <= 0:
        return None
    return Mark.DONE if amount >= target else Mark.PARTIAL


def shares(amounts: Mapping[date, int], target: int | None) -> dict[date, float]:
    """The share of the target each day reached (0 to 1); empty for a yes/no habit."""
    if not target:
        return {}
    return {day: min(1.0, amount / target) for day, amount in amounts.items() if amount > 0}


def parse_weekdays(value: str) -> frozenset[int]:
    """ "0246" → Monday, Wednesday, Friday, Sunday. Empty or unknown means every day."""
    days = frozenset(int(c) for c in value if c.isdigit() and int(c) < 7)
    return days or EVERY_DAY


def format_weekdays(days: Iterable[int]) -> str:
    return "".join(str(d) for d in sorted(set(days)) if 0 <= d < 7)


def describe_weekdays(days: frozenset[int]) -> str:
    if days == EVERY_DAY:
        return "Every day"
    if days == frozenset(range(5)):
        return "Weekdays"
    if days == frozenset({5, 6}):
        return "Weekends"
    return ", ".join(WEEKDAY_NAMES[d] for d in sorted(days))


def is_due(days: frozenset[int], day: date) -> bool:
    return day.weekday() in days


def step(score: float, done: bool) -> float:
    return score * MULTIPLIER + (1.0 if done else 0.0) * (1 - MULTIPLIER)


def strengths(
    start: date,
    today: date,
    days: frozenset[int],
    marks: Mapping[date, Mark],
    partial: Mapping[date, float] | None = None,
) -> list[tuple[date, float]]:
    """The score at the end of each day from ``start`` to ``today`` (both included).
    ``partial``: the share of the target reached on partial days."""
    series: list[tuple[date, float]] = []
    partial = partial or {}
    score = 0.0
    day = start
    while day <= today:
        mark = marks.get(day)
        if mark is Mark.DONE:
            score = step(score, True)
        elif mark is Mark.PARTIAL:
            score = score * MULTIPLIER + partial.get(day, 0.0) * (1 - MULTIPLIER)
        elif mark is None and day < today and is_due(days, day):
            score = step(score, False)
        series.append((day, score))
        day += timedelta(days=1)
    return series


def due_between(first: int, last: int, days: frozenset[int]) -> int:
    """How many days from ordinal ``first`` up to (not including) ``last`` are due: counted
    by whole weeks and a table for the rest (see `_week_table`), so any stretch is two
    lookups."""
    if last <= first:
        return 0
    per_week, head = _week_table(days)
    return (last // 7 - first // 7) * per_week + head[last % 7] - head[first % 7]


@functools.lru_cache(maxsize=128)
def _week_table(days: frozenset[int]) -> tuple[int, tuple[int, ...]]:
    """Due days in a week, and how many of a week's days from ordinal 7k (a Sunday; ordinal 1
    is a Monday) up to each of its seven are due."""
    head = [0]
    for i in range(7):
        head.append(head[-1] + (1 if (i + 6) % 7 in days else 0))
    return len(days & EVERY_DAY), tuple(head)


def strength(
    start: date,
    today: date,
    days: frozenset[int],
    marks: Mapping[date, Mark],
    partial: Mapping[date, float] | None = None,
) -> float:
    """The score at the end of today; the same as the last of ``strengths``, without the list
    (the Today page works it out for every habit over its whole history).

    It goes from marked day to marked day: the due days between them that nobody marked
    each take the score down by MULTIPLIER, so a run of them is one power, not a loop."""
    first, last = start.toordinal(), today.toordinal()
    shares = partial or {}
    per_week, head = _week_table(days)
    score, cursor = 0.0, first
    due_at_cursor = (first // 7) * per_week + head[first % 7]
    for day, mark in sorted(marks.items()):
        ordinal = day.toordinal()
        if not first <= ordinal <= last:
            continue
        if ordinal > cursor:
            due = (ordinal // 7) * per_week + head[ordinal % 7]
            score *= MULTIPLIER ** (due - due_at_cursor)
        if mark is Mark.DONE:
            score = score * MULTIPLIER + (1 - MULTIPLIER)
        elif mark is Mark.PARTIAL:
            score = score * MULTIPLIER + shares.get(day, 0.0) * (1 - MULTIPLIER)
        cursor = ordinal + 1
        due_at_cursor = (cursor // 7) * per_week + head[cursor % 7]
    # Today is still open: only the days before it count as missed.
    if last > cursor:
        score *= MULTIPLIER ** ((last // 7) * per_week + head[last % 7] - due_at_cursor)
    return score


@dataclass(frozen=True)
class HabitSummary:
    strength: float  # 0..1
    done_last_7: int
    due_last_7: int
    current_streak: int  # due days done in a row up to today (skips and rest days don't break)


def window_start(start: date, today: date) -> date:
    return max(start, today - timedelta(days=HISTORY_DAYS))


def summarize(
    start: date,
    today: date,
    days: frozenset[int],
    marks: Mapping[date, Mark],
    partial: Mapping[date, float] | None = None,
) -> HabitSummary:
    start = window_start(start, today)
    week = [today - timedelta(days=i) for i in range(7)]
    due = [d for d in week if d >= start and is_due(days, d)]
    done = [d for d in due if marks.get(d) is Mark.DONE]
    streak = 0
    day = today
    while day >= start:
        mark = marks.get(day)
        if mark is Mark.DONE:
            streak += 1
        elif mark in (None, Mark.PARTIAL) and is_due(days, day) and day < today:
            break
        day -= timedelta(days=1)
    return HabitSummary(strength(start, today, days, marks, partial), len(done), len(due), streak)


class DayState(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    SKIPPED = "skipped"
    MISSED = "missed"
    REST = "rest"  # not a day the habit is scheduled for
    OPEN = "open"  # today, not done yet
    OUTSIDE = "outside"  # before the habit started, or still to come


@dataclass(frozen=True)
class CalendarDay:
    day: date
    state: DayState
    amount: int | None = None


def month_calendar(
    year: int,
    month: int,
    start: date,
    today: date,
    days: frozenset[int],
    marks: Mapping[date, Mark],
    amounts: Mapping[date, int] | None = None,
) -> list[list[CalendarDay | None]]:
    """A month as weeks (Monday first), each day with what happened; None pads the weeks."""
    amounts = amounts or {}
    first = date(year, month, 1)
    weeks: list[list[CalendarDay | None]] = [[None] * first.weekday()]
    day = first
    while day.month == month:
        mark = marks.get(day)
        if day < start or day > today:
            state = DayState.OUTSIDE
        elif mark is not None:
            state = DayState(mark.value)
        elif day == today:
            state = DayState.OPEN
        elif is_due(days, day):
            state = DayState.MISSED
        else:
            state = DayState.REST
        if len(weeks[-1]) == 7:
            weeks.append([])
        weeks[-1].append(CalendarDay(day, state, amounts.get(day)))
        day += timedelta(days=1)
    weeks[-1].extend([None] * (7 - len(weeks[-1])))
    return weeks
