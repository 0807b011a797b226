"""What to remind a user of, and when: pure rules, no storage.

Six kinds of note: the daily check-in at the user's chosen local time, a no-contact
milestone on the day it is reached, a sealed letter on the day it may be opened, a hard day
the person marked (the evening before it), the hour before the time of week when their
urges come most (when they asked for it), and a habit at the time the user set for it, on
the days it is due and not yet done. Each has
a key that names it for good, so planning the same day twice never makes a second note. Keys
use dates, not database ids, so they still match after an export is imported elsewhere.

Quiet mode: the ex's name is passed in only when the user turned quiet mode off; otherwise
no title or body can contain it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from recouple.program.harddays import EVE_REMINDER, HOUR_AHEAD, eve_reminder_due, last_weekly
from recouple.program.nocontact import MILESTONES


class Kind(StrEnum):
    CHECKIN = "checkin"
    MILESTONE = "milestone"
    LETTER = "letter"
    HARD_DAY = "hard_day"
    HARD_HOUR = "hard_hour"
    HABIT = "habit"


@dataclass(frozen=True)
class Note:
    key: str
    kind: Kind
    title: str
    body: str
    due: datetime  # aware, in the user's zone


@dataclass(frozen=True)
class Situation:
    now: datetime  # aware, in the user's zone
    reminder_time: time | None
    checked_in_today: bool
    period_started: date | None = None
    run_start: date | None = None  # first day of the current contact-free run
    current_run: int = 0
    # (a stable name for the letter, written on, reopen on)
    letters: tuple[tuple[str, date, date], ...] = ()
    ex_name: str | None = None
    # (a stable name for the day, the next day it falls on, its label or None in quiet mode)
    hard_days: tuple[tuple[str, date, str | None], ...] = ()
    # (weekday, local hour) of the reminder before the urges' hard hour, if asked for
    hard_hour: tuple[int, int] | None = None
    # Habits with a reminder time that are due today and not yet done or skipped:
    # (a stable name for the habit, its name as the user wrote it, the local time).
    habits: tuple[tuple[str, str, time], ...] = ()


def milestone_day(run_start: date, milestone: int) -> date:
    """Day N of a run is N-1 days after its first day."""
    return run_start + timedelta(days=milestone - 1)


def milestone_text(milestone: int, ex_name: str | None) -> tuple[str, str]:
    title = f"Day {milestone}"
    if milestone == 1:
        body = "Day one of no contact. The first step is the hardest, and you took it."
    elif ex_name:
        body = f"{milestone} days without contacting {ex_name}. Look how far you’ve come."
    else:
        body = f"{milestone} days of no contact. Look how far you’ve come."
    return title, body


def hard_day_text(label: str | None) -> tuple[str, str]:
    """The evening-before note: neutral unless quiet mode is off (then the person's label)."""
    title = "Tomorrow may be hard"
    if label:
        body = f"Tomorrow is {label}. Plan something kind for yourself, and keep Pause close."
    else:
        body = (
            "Tomorrow is one of the days you marked as hard. Plan something kind for "
            "yourself, and keep Pause close."
        )
    return title, body


HARD_HOUR_TITLE = "A harder hour is coming"
HARD_HOUR_BODY = (
    "Urges have often come around this time. Have a plan for the next hour: a walk, a call, "
    "a page in your journal. Pause is there if you need it."
)


def plan(situation: Situation) -> list[Note]:
    """The notes that are due now, whether or not they were already made."""
    now = situation.now
    today = now.date()
    zone = now.tzinfo
    notes: list[Note] = []
    if situation.reminder_time is not None and not situation.checked_in_today:
        due = datetime.combine(today, situation.reminder_time, tzinfo=zone)
        if now >= due:
            notes.append(
                Note(
                    f"checkin:{today.isoformat()}",
                    Kind.CHECKIN,
                    "Your daily check-in",
                    "A minute for yourself: how are you today? A mood and a word is enough.",
                    due,
                )
            )
    if situation.period_started is not None and situation.run_start is not None:
        reached = [m for m in MILESTONES if situation.current_run >= m]
        if reached:
            # Only the latest one: coming back after a week brings one note, not five.
            milestone = reached[-1]
            title, body = milestone_text(milestone, situation.ex_name)
            day = milestone_day(situation.run_start, milestone)
            notes.append(
                Note(
                    f"milestone:{situation.run_start.isoformat()}:{milestone}",
                    Kind.MILESTONE,
                    title,
                    body,
                    datetime.combine(day, time(9, 0), tzinfo=zone),
                )
            )
    for habit_key, habit_name, at in situation.habits:
        due = datetime.combine(today, at, tzinfo=zone)
        if now >= due:
            notes.append(
                Note(
                    f"habit:{habit_key}:{today.isoformat()}",
                    Kind.HABIT,
                    # The title goes into an email subject: the habit's name stays in the body.
                    "A habit for today",
                    f"A reminder you set: {habit_name}. Small steps count.",
                    due,
                )
            )
    for letter_name, written_on, reopen_on in situation.letters:
        if reopen_on <= today:
            notes.append(
                Note(
                    f"letter:{letter_name}",
                    Kind.LETTER,
                    "A letter can be opened",
                    f"The letter you sealed on {written_on:%-d %B %Y} can be opened now, "
                    "if you want to. There’s no hurry.",
                    datetime.combine(reopen_on, time(9, 0), tzinfo=zone),
                )
            )
    for day_name, occurs, label in situation.hard_days:
        due = eve_reminder_due(occurs, zone)
        # From the evening before to the end of the day itself (a late `remind` still tells).
        if due <= now and today <= occurs:
            title, body = hard_day_text(label)
            notes.append(
                Note(f"hard_day:{day_name}:{occurs.isoformat()}", Kind.HARD_DAY, title, body, due)
            )
    if situation.hard_hour is not None:
        weekday, hour = situation.hard_hour
        due = last_weekly(now, weekday, hour)
        # Only while the hour it warns of is still ahead or going on.
        if now - due < HOUR_AHEAD * 2:
            notes.append(
                Note(
                    f"hard_hour:{due.date().isoformat()}",
                    Kind.HARD_HOUR,
                    HARD_HOUR_TITLE,
                    HARD_HOUR_BODY,
                    due,
                )
            )
    return notes


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str
    # An alarm this long before the day begins (None: no alarm).
    alarm_before: timedelta | None = None


def calendar_events(
    run_start: date | None,
    target_days: int | None,
    letters: Iterable[tuple[str, date, date]],
    ex_name: str | None,
    hard_days: Iterable[tuple[str, date, str | None]] = (),
) -> list[Event]:
    """All-day events for the user's own calendar: milestones of the current run and the
    days sealed letters open. Summaries stay neutral; a name only with quiet mode off."""
    events: list[Event] = []
    if run_start is not None:
        days = sorted(set(MILESTONES) | ({target_days} if target_days else set()))
        for milestone in days:
            _title, body = milestone_text(milestone, ex_name)
            events.append(
                Event(
                    f"milestone-{run_start.isoformat()}-{milestone}@recouple",
                    milestone_day(run_start, milestone),
                    f"Recouple: day {milestone}",
                    body,
                )
            )
    for letter_name, written_on, reopen_on in letters:
        events.append(
            Event(
                f"letter-{letter_name}@recouple",
                reopen_on,
                "Recouple: a letter can be opened",
                f"Sealed on {written_on:%-d %B %Y}. Open it only if you want to.",
            )
        )
    for day_name, occurs, label in hard_days:
        events.append(
            Event(
                f"hardday-{day_name}-{occurs.isoformat()}@recouple",
                occurs,
                "Recouple: a hard day",
                f"You marked {label} as a hard day. Be gentle with yourself."
                if label
                else "One of the days you marked as hard. Be gentle with yourself.",
                # The evening before, when the in-app reminder comes.
                alarm_before=timedelta(days=1)
                - timedelta(hours=EVE_REMINDER.hour, minutes=EVE_REMINDER.minute),
            )
        )
    return events


ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# How long a habit's reminder sits in the calendar: a nudge, not a block of time.
HABIT_EVENT_MINUTES = 10


@dataclass(frozen=True)
class RepeatingEvent:
    """A habit's reminder in the user's own calendar: at its time, on its days, for good."""

    uid: str
    first_day: date
    at: time
    days: tuple[str, ...]  # iCalendar's BYDAY names
    summary: str
    description: str


def habit_events(habits: Iterable[tuple[str, date, time, Iterable[int]]]) -> list[RepeatingEvent]:
    """One repeating event per habit with a reminder time: (stable name, first day, time,
    weekdays 0=Monday). Neutral words only, as every calendar entry: never the habit's name,
    which a synced calendar would carry off the device."""
    return [
        RepeatingEvent(
            f"habit-{key}@recouple",
            first_day,
            at,
            tuple(ICAL_DAYS[d] for d in sorted(set(weekdays))),
            "Recouple: a habit",
            "The reminder you set for one of your habits. Open Recouple to check it off.",
        )
        for key, first_day, at, weekdays in habits
    ]
