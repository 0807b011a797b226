"""Growing (step 4): life areas, habit schedules and the habit strength score.

The strength score is an exponential moving average of the days a habit was due, as Loop
Habit Tracker computes it: each due day moves the score part of the way towards 1 (done) or
0 (missed), so one missed day dents a strong habit instead of wiping it out. With a half-life
of 14 days, a habit done every day for two weeks from nothing reaches 50%, and a strong habit
missed for two weeks keeps half its strength. A skipped day (ill, away, a rest day the user
chose) and a day the habit isn't scheduled leave the score as it was. Today counts once it's
done; until then the day is still open, not missed.
"""

from __future__ import annotations

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
    start: date, today: date, days: frozenset[int], marks: Mapping[date, Mark]
) -> list[tuple[date, float]]:
    """The score at the end of each day from ``start`` to ``today`` (both included)."""
    series: list[tuple[date, float]] = []
    score = 0.0
    day = start
    while day <= today:
        mark = marks.get(day)
        if mark is Mark.DONE:
            score = step(score, True)
        elif mark is None and day < today and is_due(days, day):
            score = step(score, False)
        series.append((day, score))
        day += timedelta(days=1)
    return series


def strength(start: date, today: date, days: frozenset[int], marks: Mapping[date, Mark]) -> float:
    """The score at the end of today; the same as the last of ``strengths``, without the list
    (the Today page works it out for every habit over its whole history)."""
    done = {d.toordinal() for d, m in marks.items() if m is Mark.DONE}
    marked = {d.toordinal() for d in marks}
    last = today.toordinal()
    weekday = start.weekday()
    score = 0.0
    for day in range(start.toordinal(), last + 1):
        if day in done:
            score = score * MULTIPLIER + (1 - MULTIPLIER)
        elif day not in marked and day < last and weekday in days:
            score *= MULTIPLIER
        weekday = (weekday + 1) % 7
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
    start: date, today: date, days: frozenset[int], marks: Mapping[date, Mark]
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
        elif mark is None and is_due(days, day) and day < today:
            break
        day -= timedelta(days=1)
    return HabitSummary(strength(start, today, days, marks), len(done), len(due), streak)
