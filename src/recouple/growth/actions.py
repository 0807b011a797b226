"""Grow's writes, one function each, called by the pages and the API alike.

Each takes the user (or the row the caller fetched for them with `owned_or_404`) and values a
form has already validated, and returns the saved row. Weekdays are stored as
`program.growth.format_weekdays` writes them; no weekday chosen means every day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from recouple.accounts.models import User
from recouple.growth.models import Check, Goal, Habit
from recouple.program import growth as rules

GOAL_FIELDS = ("area", "title", "why")


def add_goal(user: User, values: Mapping[str, Any]) -> Goal:
    """A goal, from GoalForm's values."""
    goal = Goal(user=user, **{name: values[name] for name in GOAL_FIELDS if name in values})
    goal.save()
    return goal


def edit_goal(goal: Goal, values: Mapping[str, Any]) -> Goal:
    for name in GOAL_FIELDS:
        if name in values:
            setattr(goal, name, values[name])
    goal.save()
    return goal


def set_goal_reached(goal: Goal, reached: bool, today: date) -> Goal:
    """Reached today, or open again."""
    goal.reached_on = today if reached else None
    goal.save(update_fields=["reached_on"])
    return goal


def _weekdays(days: Iterable[Any]) -> str:
    return rules.format_weekdays(int(d) for d in days) or rules.format_weekdays(rules.EVERY_DAY)


def add_habit(user: User, values: Mapping[str, Any]) -> Habit:
    """A habit starting today in the user's zone, from HabitForm's values."""
    habit = Habit(
        user=user,
        started_on=user.today(),
        name=values["name"],
        goal=values.get("goal"),
        weekdays=_weekdays(values.get("days") or ()),
    )
    habit.save()
    return habit


def edit_habit(habit: Habit, values: Mapping[str, Any]) -> Habit:
    """Its name, goal and weekdays, from HabitForm's values; its start and marks stay."""
    habit.name = values["name"]
    habit.goal = values.get("goal")
    habit.weekdays = _weekdays(values.get("days") or ())
    habit.save()
    return habit


def set_habit_archived(habit: Habit, archived: bool) -> Habit:
    """Put away (or back); its history is kept either way."""
    habit.archived = archived
    habit.save(update_fields=["archived"])
    return habit


def mark_habit(habit: Habit, day: date, mark: str) -> Check | None:
    """Done or skipped on a day MarkForm has accepted; "clear" removes that day's mark."""
    if mark == "clear":
        Check.objects.filter(habit=habit, day=day).delete()
        return None
    check, _created = Check.objects.update_or_create(habit=habit, day=day, defaults={"mark": mark})
    return check
