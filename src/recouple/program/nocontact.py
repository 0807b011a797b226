"""No contact, counted without shame: runs, the longest run, the share of clean days, milestones.

Everything here works on the user's own calendar days (``date`` objects already converted to
their time zone), so a change of time zone or a daylight-saving jump can neither skip a day nor
count one twice. A slip ends a run; it never wipes history. Contact (step 1) and looking at
their social media (step 7) are counted apart: one never resets the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from recouple.program.readiness import EndedBy

MINIMUM_DAYS = 30
DEFAULT_DAYS = 30
MAXIMUM_DAYS = 365
# The suggestion: a month after a short relationship, two after one of a year or more, and a
# month more for someone who broke no contact before.
LONG_RELATIONSHIP_MONTHS = 12
LONG_RELATIONSHIP_DAYS = 60
EXTRA_DAYS_AFTER_A_BREAK = 30
MILESTONES = (1, 3, 7, 14, 21, 30, 45, 60, 90)
# What the no-contact page says on the day each milestone is the latest one reached.
MILESTONE_WORDS: dict[int, str] = {
    1: "Day one is done. That took courage.",
    3: "Three days. The first ones are often the hardest.",
    7: "A whole week. Be proud of that.",
    14: "Two weeks. You’re building something steady.",
    21: "Three weeks. New habits are taking root.",
    30: "Thirty days. You kept your word to yourself.",
    45: "Forty-five days. Look how far you’ve come.",
    60: "Sixty days. Two months of choosing yourself.",
    90: "Ninety days. A season of healing.",
}


class Channel(StrEnum):
    TEXT = "text"
    CALL = "call"
    EMAIL = "email"
    IN_PERSON = "in_person"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


class Counter(StrEnum):
    CONTACT = "contact"  # step 1
    SOCIAL = "social"  # step 7: looking at their social media


def counter_for(channel: Channel) -> Counter:
    return Counter.SOCIAL if channel is Channel.SOCIAL_MEDIA else Counter.CONTACT


def is_slip(*, they_started: bool, replied: bool, logistics: bool, limited_contact: bool) -> bool:
    """Whether a contact counts as a slip.

    Contact they started that went unanswered is not a slip; neither is a logistics-only
    message while limited contact is on (shared children, home or money).
    """
    if they_started and not replied:
        return False
    return not (logistics and limited_contact)


@dataclass(frozen=True)
class Judged:
    """What a logged contact counts as, and the facts as kept."""

    counter: Counter
    is_slip: bool
    they_started: bool
    replied: bool
    logistics: bool


def judge(
    channel: Channel, *, they_started: bool, replied: bool, logistics: bool, limited_contact: bool
) -> Judged:
    """The counter a contact goes on and whether it is a slip, from the facts alone.

    Looking at their social media is always a slip (step 7): it is one-sided, so nobody
    started it, nobody answered and it is never logistics. Any other channel is judged by
    `is_slip`.
    """
    if channel is Channel.SOCIAL_MEDIA:
        return Judged(Counter.SOCIAL, True, False, False, False)
    slip = is_slip(
        they_started=they_started,
        replied=replied,
        logistics=logistics,
        limited_contact=limited_contact,
    )
    return Judged(counter_for(channel), slip, they_started, replied, logistics)


def suggested_days(relationship_months: int, broke_before: bool) -> int:
    """How long to aim for: a month after a short relationship, two after a longer one.

    Someone who broke no contact before gets a month more, so the new stretch is long enough
    to feel the difference. Never under the program's 30 days.
    """
    long = relationship_months >= LONG_RELATIONSHIP_MONTHS
    days = LONG_RELATIONSHIP_DAYS if long else DEFAULT_DAYS
    if broke_before:
        days += EXTRA_DAYS_AFTER_A_BREAK
    return max(MINIMUM_DAYS, min(days, MAXIMUM_DAYS))


# The longest the suggestion goes: a long relationship, after a broken no contact.
LONGEST_SUGGESTION = suggested_days(LONG_RELATIONSHIP_MONTHS, True)

# What the no-contact page adds for who ended it: the space means something different to
# the one who left, the one who was left, and to two people who agreed.
ENDED_BY_ADVICE: dict[EndedBy, str] = {
    EndedBy.THEM: (
        "They chose to end it. Giving them space respects that choice, and it gives you room "
        "to grieve a breakup you didn’t want. Reaching out now would make their no louder, "
        "not softer."
    ),
    EndedBy.ME: (
        "You ended it, so they may be hurting or confused. Space is kind to them too: "
        "don’t check on them to ease your guilt or to see if they miss you."
    ),
    EndedBy.BOTH: (
        "You agreed it had to end. Keep to that agreement for now: the quiet lets you "
        "both see whether the reasons still hold."
    ),
    EndedBy.UNCLEAR: (
        "When it isn’t clear who ended it, it’s tempting to get in touch to settle it. "
        "Let the quiet do that work instead."
    ),
}


def ended_by_advice(ended_by: EndedBy | None) -> str:
    """No-contact advice that fits who ended it ("" when the user didn't say)."""
    return ENDED_BY_ADVICE[ended_by] if ended_by is not None else ""


@dataclass(frozen=True)
class Runs:
    days_in_period: int  # days from the start to today (or the end), both included
    current: int  # clean days in the run that is going on now (0 on a day with a slip)
    longest: int
    clean_days: int
    slip_days: int

    @property
    def clean_share(self) -> float:
        return self.clean_days / self.days_in_period if self.days_in_period else 0.0


def runs(start: date, today: date, slip_days: Iterable[date]) -> Runs:
    """Runs of slip-free days from ``start`` to ``today`` (both included).

    Several slips on one day count as one slip day. Slips outside the period are ignored.
    """
    if today < start:
        return Runs(0, 0, 0, 0, 0)
    bad = sorted({d for d in slip_days if start <= d <= today})
    total = (today - start).days + 1
    longest = 0
    previous = start - timedelta(days=1)
    for day in bad:
        longest = max(longest, (day - previous).days - 1)
        previous = day
    current = (today - previous).days
    longest = max(longest, current)
    return Runs(total, current, longest, total - len(bad), len(bad))


def run_start(today: date, current_run: int) -> date:
    """The first day of the run going on now; after a slip today, tomorrow."""
    return today - timedelta(days=current_run - 1)


def milestones_reached(current_run: int) -> tuple[int, ...]:
    return tuple(m for m in MILESTONES if current_run >= m)


def milestone_words(milestone: int) -> str:
    """The words for a milestone; the latest one reached below it for a day between them."""
    reached = [m for m in MILESTONES if m <= milestone]
    return MILESTONE_WORDS[reached[-1]] if reached else ""


def next_milestone(current_run: int) -> int | None:
    return next((m for m in MILESTONES if m > current_run), None)


def complete(current_run: int, target_days: int) -> bool:
    """No contact is complete once the current contact-free run reaches the target."""
    return current_run >= target_days


@dataclass(frozen=True)
class Day:
    day: date
    in_period: bool
    contact_slips: int
    social_slips: int
    urges: int
    checked_in: bool

    @property
    def clean(self) -> bool:
        return self.in_period and self.contact_slips == 0


def calendar_days(
    start: date,
    today: date,
    first: date,
    last: date,
    contact: Iterable[date],
    social: Iterable[date],
    urges: Iterable[date],
    checkins: Iterable[date] = (),
) -> list[Day]:
    """One entry per day from ``first`` to ``last`` for a month view of the period."""
    contact_count: dict[date, int] = {}
    social_count: dict[date, int] = {}
    urge_count: dict[date, int] = {}
    for source, counts in ((contact, contact_count), (social, social_count), (urges, urge_count)):
        for d in source:
            counts[d] = counts.get(d, 0) + 1
    checked = set(checkins)
    days = []
    day = first
    while day <= last:
        days.append(
            Day(
                day,
                start <= day <= today,
                contact_count.get(day, 0),
                social_count.get(day, 0),
                urge_count.get(day, 0),
                day in checked,
            )
        )
        day += timedelta(days=1)
    return days


def month_start(value: str | None, today: date) -> date:
    """The first day of the month named ``YYYY-MM``; this month for anything else."""
    if value:
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if 1900 < year < 3000 and 1 <= month <= 12:
                return date(year, month, 1)
        except ValueError:
            pass
    return today.replace(day=1)


def month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)
