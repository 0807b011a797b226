from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from recouple.accounts.models import request_user
from recouple.growth import actions
from recouple.growth.forms import BACKFILL_DAYS, GoalForm, HabitForm, MarkForm, month_from
from recouple.growth.models import (
    Goal,
    Habit,
    get_goal_for_user,
    get_habit_for_user,
    habit_rows,
    history_for,
    summary_of,
)
from recouple.program import growth as rules

THERAPIST_NOTE = _(
    "You wrote that your happiness seems to hang on having them back. Many people feel that "
    "after a breakup. A therapist can help you build a happiness that is yours, whatever they "
    "decide."
)


@require_safe
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = user.today()
    goals = list(Goal.objects.filter(user=user))
    return render(
        request,
        "growth/overview.html",
        {
            "rows": habit_rows(user, today),
            "goals": [g for g in goals if g.reached_on is None],
            "reached": [g for g in goals if g.reached_on is not None],
            "areas": [
                (a.value, _(rules.AREA_LABELS[a]), _(rules.AREA_HINTS[a])) for a in rules.Area
            ],
            "leans_on_ex": any(g.leans_on_ex() for g in goals),
            "therapist_note": THERAPIST_NOTE,
            "today": today,
        },
    )


def _goal_form(request: HttpRequest, goal: Goal | None) -> HttpResponse:
    user = request_user(request)
    form = GoalForm(request.POST or None, instance=goal, initial={"area": request.GET.get("area")})
    if request.method == "POST" and form.is_valid():
        if goal is None:
            saved = actions.add_goal(user, form.cleaned_data)
        else:
            saved = actions.edit_goal(goal, form.cleaned_data)
        messages.success(request, _("Saved. Small steps count."))
        if saved.leans_on_ex():
            messages.info(request, THERAPIST_NOTE)
        return redirect("growth:overview")
    return render(
        request,
        "growth/goal_form.html",
        {"form": form, "goal": goal},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_new(request: HttpRequest) -> HttpResponse:
    return _goal_form(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def goal(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, get_goal_for_user(request, pk))


@require_POST
@login_required
def goal_reached(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_goal_for_user(request, pk)
    actions.set_goal_reached(found, not found.reached_on, request_user(request).today())
    if found.reached_on:
        messages.success(request, _("You reached it. Take a moment to notice that."))
    return redirect("growth:overview")


@require_POST
@login_required
def goal_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_goal_for_user(request, pk).delete()
    messages.info(request, _("Deleted. Its habits are kept."))
    return redirect("growth:overview")


def _habit_form(request: HttpRequest, habit: Habit | None) -> HttpResponse:
    user = request_user(request)
    form = HabitForm(
        request.POST or None, instance=habit, user=user, initial={"goal": request.GET.get("goal")}
    )
    if request.method == "POST" and form.is_valid():
        if habit is None:
            actions.add_habit(user, form.cleaned_data)
        else:
            actions.edit_habit(habit, form.cleaned_data)
        messages.success(request, _("Saved. Check it off on the days you do it."))
        return redirect("growth:overview")
    context: dict[str, Any] = {"form": form, "habit": habit}
    if habit is not None:
        today = user.today()
        marks, amounts = history_for([habit], today)
        first = max(habit.started_on, today - timedelta(days=BACKFILL_DAYS))
        context["recent"] = [
            (
                day,
                marks[habit.pk].get(day),
                rules.is_due(habit.days, day),
                amounts[habit.pk].get(day),
            )
            for day in (today - timedelta(days=i) for i in range(BACKFILL_DAYS + 1))
            if day >= first
        ]
        context["summary"] = summary_of(habit, today, marks, amounts)
    return render(request, "growth/habit_form.html", context, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@login_required
def habit_new(request: HttpRequest) -> HttpResponse:
    return _habit_form(request, None)


@require_http_methods(["GET", "POST"])
@login_required
def habit(request: HttpRequest, pk: int) -> HttpResponse:
    return _habit_form(request, get_habit_for_user(request, pk))


@require_POST
@login_required
def habit_archive(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_habit_for_user(request, pk)
    actions.set_habit_archived(found, not found.archived)
    messages.info(request, _("Put away. Its history is kept.") if found.archived else _("Back."))
    return redirect("growth:overview")


@require_POST
@login_required
def habit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_habit_for_user(request, pk).delete()
    messages.info(request, _("Deleted."))
    return redirect("growth:overview")


@require_POST
@login_required
def habit_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Done, skipped or cleared for today (or one of the last few days)."""
    found = get_habit_for_user(request, pk)
    user = request_user(request)
    today = user.today()
    form = MarkForm(request.POST, today=today, started_on=found.started_on, target=found.target)
    if form.is_valid():
        data = form.cleaned_data
        actions.mark_habit(found, data["day"], data["mark"], data.get("amount"))
    problem = None if form.is_valid() else str(next(iter(form.errors.values()))[0])
    rows = [r for r in habit_rows(user, today) if r["habit"].pk == found.pk]
    if request.htmx and rows and request.POST.get("next") != "habit":  # type: ignore[attr-defined]
        # htmx swaps only a 2xx: a refused mark comes back as the row with its reason in it.
        return render(request, "growth/_habit_row.html", {"row": rows[0], "problem": problem})
    if problem:
        messages.error(request, problem)
    if request.POST.get("next") == "habit":
        return redirect("growth:habit", pk=found.pk)
    return redirect("growth:overview")


@require_safe
@login_required
def habit_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A month of one habit, day by day: done, part of it, skipped or missed. 2 queries."""
    found = get_habit_for_user(request, pk)
    today = request_user(request).today()
    first_month = found.started_on.replace(day=1)
    shown = month_from(request.GET.get("month", ""), today.replace(day=1))
    shown = min(max(shown, first_month), today.replace(day=1))
    last = (shown + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    marks, amounts = history_for([found], min(last, today), first=shown)
    weeks = rules.month_calendar(
        shown.year, shown.month, found.started_on, today, found.days, marks[pk], amounts[pk]
    )
    counts = Counter(day.state for week in weeks for day in week if day is not None)
    previous = (shown - timedelta(days=1)).replace(day=1)
    following = (shown + timedelta(days=31)).replace(day=1)
    return render(
        request,
        "growth/habit_history.html",
        {
            "habit": found,
            "month": shown,
            "weeks": weeks,
            "weekdays": [_(name) for name in rules.WEEKDAY_NAMES],
            "counts": {state.value: counts.get(state, 0) for state in rules.DayState},
            "previous": previous if previous >= first_month else None,
            "next": following if following <= today else None,
        },
    )
