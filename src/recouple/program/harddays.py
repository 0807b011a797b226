"""The days and hours that hurt, known ahead of time: pure rules, no storage.

A hard day is a date the person marks (an anniversary, the ex's birthday, a holiday they spent
together), once or every year. A yearly 29 February is kept on 28 February in the years
without one, so it is never skipped. The day before it brings a reminder; on the day, the Pause
page and the journal know.

Hard hours come from the urge log: the weekday and part of the day when most urges came, shown
once there are enough of them to say so honestly, with a reminder offered an hour before.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum


class Kind(StrEnum):
    ANNIVERSARY = "anniversary"
    BIRTHDAY = "birthday"
    HOLIDAY = "holiday"
    OTHER = "other"


# The journal's question on a hard day.
HARD_DAY_PROMPT = (
    "Today is a day you knew would be hard. What are you feeling, and what would help you "
    "through the rest of it?"
)
# The reminder comes the evening before, at this local time.
EVE_REMINDER = time(18, 0)
# One person's list of hard days stays short enough to read at a glance.
HARD_DAY_LIMIT = 40

# Hard hours: only once this many urges are logged (in the window read), and only when one
# weekday-and-part-of-day holds at least this many of them and this share of all.
CLUSTER_MIN_URGES = 8
CLUSTER_MIN_IN_SLOT = 3
CLUSTER_MIN_SHARE = 0.25
CLUSTER_WINDOW_DAYS = 90
# The reminder before a hard hour comes this long before it.
HOUR_AHEAD = timedelta(hours=1)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Parts of the day by local hour: (name, first hour, last hour inclusive).
PARTS: tuple[tuple[str, int, int], ...] = (
    ("night", 0, 4),
    ("morning", 5, 11),
    ("afternoon", 12, 16),
    ("evening", 17, 21),
    ("night", 22, 23),
)


def occurrence(day: date, yearly: bool, year: int) -> date | None:
    """When a hard day falls in ``year`` (None for a one-off day of another year)."""
    if not yearly:
        return day if day.year == year else None
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def next_occurrence(day: date, yearly: bool, today: date) -> date | None:
    """The first time the day comes on or after ``today``; None when a one-off day has passed."""
    if not yearly:
        return day if day >= today else None
    this_year = occurrence(day, True, today.year)
    assert this_year is not None
    return this_year if this_year >= today else occurrence(day, True, today.year + 1)


def is_today(day: date, yearly: bool, today: date) -> bool:
    return next_occurrence(day, yearly, today) == today


def eve_reminder_due(occurs: date, zone: object) -> datetime:
    """The evening before, at the local time, in the person's zone (DST-aware)."""
    return datetime.combine(occurs - timedelta(days=1), EVE_REMINDER, tzinfo=zone)  # type: ignore[arg-type]


def part_of_day(hour: int) -> str:
    if not 0 <= hour <= 23:
        raise ValueError(f"no hour {hour} in a day")
    return _PART_OF_HOUR[hour]


# Each hour's part of the day, looked up rather than searched (a cluster asks for every urge).
_PART_OF_HOUR = tuple(
    next(name for name, first, last in PARTS if first <= hour <= last) for hour in range(24)
)


@dataclass(frozen=True)
class Cluster:
    """When urges come most: a weekday (0 Monday) and part of the day, and its peak hour."""

    weekday: int
    part: str
    hour: int  # the local hour within the part that held the most urges
    count: int
    total: int

    @property
    def words(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.part}s"

    @property
    def reminder_at(self) -> tuple[int, int]:
        """(weekday, hour) an hour before the peak hour begins, wrapping past midnight."""
        if self.hour == 0:
            return (self.weekday - 1) % 7, 23
        return self.weekday, self.hour - 1


def cluster(moments: Iterable[datetime]) -> Cluster | None:
    """Where urges cluster, from their local times; None until there are enough to say so."""
    local = list(moments)
    if len(local) < CLUSTER_MIN_URGES:
        return None
    slots = Counter((m.weekday(), part_of_day(m.hour)) for m in local)
    # Ties go to the earliest in the week and day, so the answer is the same on every read.
    (weekday, part), count = min(slots.items(), key=lambda item: (-item[1], item[0]))
    if count < CLUSTER_MIN_IN_SLOT or count / len(local) < CLUSTER_MIN_SHARE:
        return None
    hours = Counter(m.hour for m in local if m.weekday() == weekday and part_of_day(m.hour) == part)
    hour = min(hours.items(), key=lambda item: (-item[1], item[0]))[0]
    return Cluster(weekday, part, hour, count, len(local))


def next_weekly(now: datetime, weekday: int, hour: int) -> datetime:
    """The next local moment at ``hour``:00 on ``weekday`` at or after ``now`` (aware, DST-safe:
    the wall-clock time is kept, not the offset)."""
    days = (weekday - now.weekday()) % 7
    candidate = datetime.combine(now.date() + timedelta(days=days), time(hour), tzinfo=now.tzinfo)
    if candidate < now:
        candidate = datetime.combine(
            now.date() + timedelta(days=days + 7), time(hour), tzinfo=now.tzinfo
        )
    return candidate


def last_weekly(now: datetime, weekday: int, hour: int) -> datetime:
    """The latest local moment at ``hour``:00 on ``weekday`` at or before ``now``."""
    upcoming = next_weekly(now, weekday, hour)
    if upcoming == now:
        return upcoming
    return datetime.combine(upcoming.date() - timedelta(days=7), time(hour), tzinfo=now.tzinfo)
