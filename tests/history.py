"""A long, realistic history for one user: what two years of daily use leaves behind.

Used by the query-count tests (the Today page must cost the same on day 3 and in year 2) and
by ``bench/pages.py``. Random but seeded, so every run builds the same history.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from recouple.program import journal as journal_rules

WORDS = (
    "Hard morning, better evening.",
    "Walked by the river and called my sister.",
    "Thought about them a lot today.",
    "Slept badly. Work was fine.",
    "Cooked a proper dinner for once.",
)


def seed_history(user: Any, days: int = 730, seed: int = 7) -> dict[str, int]:
    """Fill ``days`` days up to today with entries, urges, slips, habits, checks and letters."""
    from recouple.growth.models import Check, Goal, Habit
    from recouple.journal.models import Entry
    from recouple.nocontact.models import CheckIn, Contact, Letter, Period, Urge

    rng = random.Random(seed)
    today = user.today()
    first = today - timedelta(days=days - 1)
    zone = user.zone()

    def at(day: Any, hour: int) -> datetime:
        return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=zone)

    all_days = [first + timedelta(days=i) for i in range(days)]
    Entry.objects.bulk_create(
        Entry(
            user=user,
            day=day,
            written_at=at(day, 21),
            mood=min(5, max(1, round(rng.gauss(2.5 + 1.5 * i / days, 0.8)))),
            emotions=",".join(rng.sample(journal_rules.EMOTIONS, 2)),
            text=rng.choice(WORDS),
        )
        for i, day in enumerate(all_days)
        if rng.random() < 0.85
    )
    period = Period.objects.create(user=user, started_on=first, target_days=60, reasons="To heal")
    slip_days = sorted(rng.sample(all_days[1:], max(1, days // 60)))
    contacts = [Contact(period=period, day=d, at=at(d, 12), channel="text") for d in slip_days]
    for contact in contacts:
        contact.counter, contact.is_slip = "contact", True
    Contact.objects.bulk_create(contacts)
    Urge.objects.bulk_create(
        Urge(
            user=user,
            day=day,
            at=at(day, 22),
            intensity=rng.randrange(1, 11),
            trigger="a song",
            passed=rng.random() < 0.8,
        )
        for day in all_days
        for _ in range(rng.choice((0, 0, 1, 1, 2)))
    )
    CheckIn.objects.bulk_create(
        CheckIn(user=user, day=day, boundary="no_social", kept=rng.random() < 0.9)
        for day in all_days
    )
    goal = Goal.objects.create(user=user, area="health", title="Sleep and move")
    habits = [
        Habit.objects.create(user=user, goal=goal, name=name, weekdays=days_, started_on=first)
        for name, days_ in (("Walk", "0123456"), ("Gym", "024"), ("Call a friend", "6"))
    ]
    Check.objects.bulk_create(
        Check(habit=habit, day=day, mark="done" if rng.random() < 0.75 else "skipped")
        for habit in habits
        for day in all_days
        if day.weekday() in habit.days and rng.random() < 0.8
    )
    Letter.objects.bulk_create(
        Letter(user=user, written_at=at(day, 23), body="Dear you", reopen_on=day + timedelta(30))
        for day in all_days[:: max(1, days // 12)]
    )
    return {
        "entries": Entry.objects.filter(user=user).count(),
        "urges": Urge.objects.filter(user=user).count(),
        "checks": Check.objects.filter(habit__user=user).count(),
    }
