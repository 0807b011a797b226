"""The private calendar feed: milestones and letter reopen days, for the user's own calendar."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar, Event

from recouple.accounts.models import User
from recouple.nocontact.models import Letter, active_period
from recouple.program import nocontact as nocontact_rules
from recouple.program import reminders as rules
from recouple.reminders.models import letter_facts


def feed_for(user: User) -> bytes:
    today = user.today()
    period = active_period(user)
    run_start = None
    if period is not None:
        run_start = nocontact_rules.run_start(today, period.summary(today)["contact"].current)
    letters = [
        letter_facts(user, written, reopen)
        for written, reopen in Letter.objects.filter(
            user=user, reopen_on__gte=today - timedelta(days=30)
        ).values_list("written_at", "reopen_on")
    ]
    events = rules.calendar_events(
        run_start,
        period.target_days if period else None,
        letters,
        user.name_in_notes(),
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Recouple//Reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Recouple")
    stamp = user.local_now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
