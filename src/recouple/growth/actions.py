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
    habit = Habit(user=user, started_on=user.today())
    return edit_habit(habit, values)


def edit_habit(habit: Habit, values: Mapping[str, Any]) -> Habit:
    """Its name, goal, weekdays, target and reminder, from HabitForm's values; its start and
    marks stay."""
    habit.name = values["name"]
    habit.goal = values.get("goal")
    habit.weekdays = _weekdays(values.get("days") or ())
    habit.target = values.get("target")
    habit.unit = (values.get("unit") or "") if habit.target else ""
    habit.reminder_time = values.get("reminder_time")
    habit.save()
    return habit


def set_habit_archived(habit: Habit, archived: bool) -> Habit:
    """Put away (or back); its history is kept either way."""
    habit.archived = archived
    habit.save(update_fields=["archived"])
    return habit


def mark_habit(habit: Habit, day: date, mark: str, amount: int | None = None) -> Check | None:
    """Done or skipped on a day MarkForm has accepted; "clear" removes that day's mark. A
    measurable habit's "log" keeps how much was done (done once it reaches the target, part of
    it below, cleared at 0); its "done" counts as the whole target."""
    amount_kept: int | None = None
    if mark == "log" and habit.target:
        found = rules.mark_for_amount(amount or 0, habit.target)
        mark = found.value if found else "clear"
        amount_kept = amount
    elif mark == "done" and habit.target:
        amount_kept = habit.target
    if mark == "clear":
        Check.objects.filter(habit=habit, day=day).delete()
        return None
    check, _created = Check.objects.update_or_create(
        habit=habit, day=day, defaults={"mark": mark, "amount": amount_kept}
    )
    return check
