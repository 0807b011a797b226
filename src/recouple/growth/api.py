from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import User, request_user
from recouple.core.schemas import LocalTime, Text, bound_form
from recouple.growth import actions
from recouple.growth.forms import (
    TITLE_LIMIT,
    UNIT_LIMIT,
    WHY_LIMIT,
    GoalForm,
    HabitForm,
    MarkForm,
    month_from,
)
from recouple.growth.models import (
    Goal,
    Habit,
    get_goal_for_user,
    get_habit_for_user,
    history_for,
    summary_of,
)
from recouple.program import growth as rules

router = Router(tags=["growth"])

AreaValue = Literal["communication", "attachment", "health", "friends", "hobbies", "work", "other"]


class GoalIn(Schema):
    area: AreaValue
    title: Text = Field(max_length=TITLE_LIMIT)
    why: Text = Field("", max_length=WHY_LIMIT)


class GoalPatch(Schema):
    area: AreaValue | None = None
    title: Text | None = Field(None, max_length=TITLE_LIMIT)
    why: Text | None = Field(None, max_length=WHY_LIMIT)
    reached: bool | None = None


class GoalOut(Schema):
    id: int
    area: str
    title: str
    why: str
    reached_on: date | None
    only_happy_with_ex: bool


class HabitIn(Schema):
    name: Text = Field(max_length=TITLE_LIMIT)
    goal_id: int | None = None
    weekdays: list[int] = Field(default_factory=list, max_length=7)
    # A measurable habit: the number to reach each day, and of what.
    target: int | None = Field(None, ge=1, le=rules.MAX_AMOUNT)
    unit: Text = Field("", max_length=UNIT_LIMIT)
    reminder_time: LocalTime | None = None


class HabitPatch(Schema):
    name: Text | None = Field(None, max_length=TITLE_LIMIT)
    goal_id: int | None = None
    weekdays: list[int] | None = Field(None, max_length=7)
    target: int | None = Field(None, ge=1, le=rules.MAX_AMOUNT)
    unit: Text | None = Field(None, max_length=UNIT_LIMIT)
    reminder_time: LocalTime | None = None
    archived: bool | None = None


class HabitOut(Schema):
    id: int
    name: str
    goal_id: int | None
    weekdays: list[int]
    started_on: date
    archived: bool
    target: int | None
    unit: str
    reminder_time: LocalTime | None
    amount_today: int | None
    strength: float
    done_last_7: int
    due_last_7: int
    current_streak: int


class MarkIn(Schema):
    """``log`` with ``amount`` for a measurable habit: done at its target, part of it below."""

    mark: Literal["done", "skipped", "clear", "log"]
    day: date | None = None
    amount: int | None = Field(None, ge=0, le=rules.MAX_AMOUNT)


class HistoryDayOut(Schema):
    day: date
    state: str
    amount: int | None


class HistoryOut(Schema):
    habit_id: int
    month: str
    days: list[HistoryDayOut]


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "area": goal.area,
        "title": str(goal.title),
        "why": str(goal.why),
        "reached_on": goal.reached_on,
        "only_happy_with_ex": goal.leans_on_ex(),
    }


def habit_out(
    habit: Habit, marks: dict[int, dict[date, rules.Mark]], amounts: Any, today: date
) -> dict[str, Any]:
    summary = summary_of(habit, today, marks, amounts)
    return {
        "id": habit.pk,
        "name": str(habit.name),
        "goal_id": habit.goal_id,
        "weekdays": sorted(habit.days),
        "started_on": habit.started_on,
        "archived": habit.archived,
        "target": habit.target,
        "unit": habit.unit,
        "reminder_time": habit.reminder_time.strftime("%H:%M") if habit.reminder_time else None,
        "amount_today": amounts[habit.pk].get(today),
        "strength": round(summary.strength, 4),
        "done_last_7": summary.done_last_7,
        "due_last_7": summary.due_last_7,
        "current_streak": summary.current_streak,
    }


def _one_habit_out(habit: Habit, user: User) -> dict[str, Any]:
    today = user.today()
    marks, amounts = history_for([habit], today)
    return habit_out(habit, marks, amounts, today)


@router.get("/growth/goals", response=list[GoalOut], url_name="goals")
def list_goals(request: HttpRequest) -> list[dict[str, Any]]:
    return [goal_out(g) for g in Goal.objects.filter(user=request_user(request))[:500]]


@router.post("/growth/goals", response={201: GoalOut}, url_name="goals")
def add_goal(request: HttpRequest, payload: GoalIn) -> Status[dict[str, Any]]:
    form = bound_form(GoalForm, payload.model_dump())
    return Status(201, goal_out(actions.add_goal(request_user(request), form.cleaned_data)))


@router.get("/growth/goals/{goal_id}", response=GoalOut, url_name="goal")
def read_goal(request: HttpRequest, goal_id: int) -> dict[str, Any]:
    return goal_out(get_goal_for_user(request, goal_id))


@router.patch("/growth/goals/{goal_id}", response=GoalOut, url_name="goal")
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatch) -> dict[str, Any]:
    goal = get_goal_for_user(request, goal_id)
    changes = payload.model_dump(exclude_unset=True)
    reached = changes.pop("reached", None)
    current = {"area": goal.area, "title": str(goal.title), "why": str(goal.why)}
    form = bound_form(GoalForm, {**current, **changes}, instance=goal)
    saved = actions.edit_goal(goal, form.cleaned_data)
    if reached is not None:
        actions.set_goal_reached(saved, reached, request_user(request).today())
    return goal_out(saved)


@router.delete("/growth/goals/{goal_id}", response={204: None}, url_name="goal")
def delete_goal(request: HttpRequest, goal_id: int) -> Status[None]:
    get_goal_for_user(request, goal_id).delete()
    return Status(204, None)


def _habit_values(values: dict[str, Any]) -> dict[str, Any]:
    days = values.pop("weekdays", None) or []
    if any(not 0 <= d <= 6 for d in days):
        raise HttpError(400, "weekdays: use 0 (Monday) to 6 (Sunday).")
    values["days"] = [str(d) for d in days]
    values["goal"] = values.pop("goal_id", None)
    return values


@router.get("/growth/habits", response=list[HabitOut], url_name="habits")
def list_habits(request: HttpRequest) -> list[dict[str, Any]]:
    user = request_user(request)
    today = user.today()
    habits = list(Habit.objects.filter(user=user)[:200])
    marks, amounts = history_for(habits, today)
    return [habit_out(h, marks, amounts, today) for h in habits]


@router.post("/growth/habits", response={201: HabitOut}, url_name="habits")
def add_habit(request: HttpRequest, payload: HabitIn) -> Status[dict[str, Any]]:
    user = request_user(request)
    form = bound_form(HabitForm, _habit_values(payload.model_dump()), user=user)
    return Status(201, _one_habit_out(actions.add_habit(user, form.cleaned_data), user))


@router.get("/growth/habits/{habit_id}", response=HabitOut, url_name="habit")
def read_habit(request: HttpRequest, habit_id: int) -> dict[str, Any]:
    return _one_habit_out(get_habit_for_user(request, habit_id), request_user(request))


@router.patch("/growth/habits/{habit_id}", response=HabitOut, url_name="habit")
def update_habit(request: HttpRequest, habit_id: int, payload: HabitPatch) -> dict[str, Any]:
    user = request_user(request)
    habit = get_habit_for_user(request, habit_id)
    changes = payload.model_dump(exclude_unset=True)
    archived = changes.pop("archived", None)
    current = {
        "name": str(habit.name),
        "goal_id": habit.goal_id,
        "weekdays": sorted(habit.days),
        "target": habit.target,
        "unit": habit.unit,
        "reminder_time": habit.reminder_time,
    }
    values = _habit_values({**current, **changes})
    form = bound_form(HabitForm, values, instance=habit, user=user)
    saved = actions.edit_habit(habit, form.cleaned_data)
    if archived is not None:
        actions.set_habit_archived(saved, archived)
    return _one_habit_out(saved, user)


@router.delete("/growth/habits/{habit_id}", response={204: None}, url_name="habit")
def delete_habit(request: HttpRequest, habit_id: int) -> Status[None]:
    get_habit_for_user(request, habit_id).delete()
    return Status(204, None)


@router.post("/growth/habits/{habit_id}/marks", response=HabitOut, url_name="habit_marks")
def mark(request: HttpRequest, habit_id: int, payload: MarkIn) -> dict[str, Any]:
    """Done, skipped or cleared for a day (today unless given; the last seven days only)."""
    user = request_user(request)
    habit = get_habit_for_user(request, habit_id)
    form = bound_form(
        MarkForm,
        payload.model_dump(),
        today=user.today(),
        started_on=habit.started_on,
        target=habit.target,
    )
    data = form.cleaned_data
    actions.mark_habit(habit, data["day"], data["mark"], data.get("amount"))
    return _one_habit_out(habit, user)


@router.get("/growth/habits/{habit_id}/history", response=HistoryOut, url_name="habit_history")
def history(request: HttpRequest, habit_id: int, month: str = "") -> dict[str, Any]:
    """One month of a habit, day by day (``month`` as 2026-11; this month by default)."""
    habit = get_habit_for_user(request, habit_id)
    today = request_user(request).today()
    shown = month_from(month, today.replace(day=1)) if month else today.replace(day=1)
    if month and shown.strftime("%Y-%m") != month.strip():
        raise HttpError(400, "month: use the form 2026-11.")
    marks, amounts = history_for([habit], today, first=shown)
    weeks = rules.month_calendar(
        shown.year,
        shown.month,
        habit.started_on,
        today,
        habit.days,
        marks[habit.pk],
        amounts[habit.pk],
    )
    return {
        "habit_id": habit.pk,
        "month": shown.strftime("%Y-%m"),
        "days": [
            {"day": d.day, "state": d.state.value, "amount": d.amount}
            for week in weeks
            for d in week
            if d is not None
        ],
    }
