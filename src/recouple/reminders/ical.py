"""The private calendar feed: milestones, letter reopen days, hard days (with an alarm the
evening before) and habit reminders, for the user's own calendar."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from recouple.accounts.models import User
from recouple.growth.models import Habit
from recouple.program import reminders as rules
from recouple.situation import UserSituation


def feed_for(user: User) -> bytes:
    situation = UserSituation(user)
    period = situation.active_period
    events = rules.calendar_events(
        situation.run_start(),
        period.target_days if period else None,
        list(situation.letters(situation.today - timedelta(days=30))),
        user.name_in_notes(),
        situation.hard_days_ahead(),
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
        if item.alarm_before is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            alarm.add("trigger", -item.alarm_before)
            event.add_component(alarm)
        calendar.add_component(event)
    habits = Habit.objects.filter(user=user, archived=False, reminder_time__isnull=False)
    zone = user.zone()
    for repeat in rules.habit_events(
        (h.key_name, h.started_on, h.reminder_time, h.days)
        for h in habits.only("created", "started_on", "reminder_time", "weekdays")
        if h.reminder_time is not None
    ):
        start = datetime.combine(repeat.first_day, repeat.at, tzinfo=zone)
        event = Event()
        event.add("uid", repeat.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=rules.HABIT_EVENT_MINUTES))
        event.add("rrule", {"freq": "weekly", "byday": list(repeat.days)})
        event.add("summary", repeat.summary)
        event.add("description", repeat.description)
        event.add("transp", "TRANSPARENT")
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
