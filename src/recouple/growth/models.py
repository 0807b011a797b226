"""Growing (step 4): goals in the areas of a life, and the small habits that serve them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.core import sql
from recouple.core.fields import EncryptedTextField
from recouple.program import growth as rules
from recouple.program.journal import only_happy_with_ex

AREA_CHOICES = [(area.value, _(label)) for area, label in rules.AREA_LABELS.items()]
MARK_CHOICES = [
    (rules.Mark.DONE.value, _("Done")),
    (rules.Mark.SKIPPED.value, _("Skipped")),
    (rules.Mark.PARTIAL.value, _("Part of it")),
]


class Goal(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="goals")
    area = models.CharField(max_length=20, choices=AREA_CHOICES)
    title = EncryptedTextField()
    why = EncryptedTextField(blank=True, default="")
    created = models.DateTimeField(default=now)
    reached_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["reached_on", "area", "created", "pk"]

    def __str__(self) -> str:
        return f"goal {self.pk} ({self.area})"

    @property
    def area_label(self) -> str:
        return str(dict(AREA_CHOICES)[self.area])

    def leans_on_ex(self) -> bool:
        return only_happy_with_ex(f"{self.title}\n{self.why}")


class Habit(models.Model):
    # The user comes first: the export finds a habit's owner through it, goal or not.
    user = models.ForeignKey(User, models.CASCADE, related_name="habits")
    goal = models.ForeignKey(Goal, models.SET_NULL, null=True, blank=True, related_name="habits")
    name = EncryptedTextField()
    weekdays = models.CharField(max_length=7, default="0123456")
    started_on = models.DateField()
    archived = models.BooleanField(default=False)
    created = models.DateTimeField(default=now)
    # A measurable habit ("walk 30 minutes") has a target for the day and its unit; a yes/no
    # habit has neither.
    target = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(rules.MAX_AMOUNT)],
    )
    unit = models.CharField(max_length=40, blank=True, default="")
    # A note at this local time on the days it is due and not yet done (`recouple remind`).
    reminder_time = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["archived", "created", "pk"]
        indexes = [models.Index(fields=["user", "archived"], name="habit_user_archived")]

    def __str__(self) -> str:
        return f"habit {self.pk}"

    @property
    def days(self) -> frozenset[int]:
        return rules.parse_weekdays(self.weekdays)

    @property
    def schedule(self) -> str:
        return rules.describe_weekdays(self.days)

    @property
    def key_name(self) -> str:
        """A stable name for reminders, the same after an export is imported elsewhere."""
        return f"{self.created.timestamp():.6f}"


class Check(models.Model):
    """A habit done (or deliberately skipped) on one of the user's days."""

    habit = models.ForeignKey(Habit, models.CASCADE, related_name="checks")
    day = models.DateField()
    mark = models.CharField(max_length=10, choices=MARK_CHOICES)
    at = models.DateTimeField(default=now)
    # How much, for a measurable habit (its mark follows from this and the target).
    amount = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(rules.MAX_AMOUNT)]
    )

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["habit", "day"], name="one_check_per_habit_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.mark} {self.day}"


Marks = dict[int, dict[date, rules.Mark]]
Amounts = dict[int, dict[date, int]]


def history_for(
    habits: list[Habit], until: date, first: date | None = None
) -> tuple[Marks, Amounts]:
    """Every habit's marks (and amounts, for measurable ones) from ``first`` (by default the
    window the score reads) to ``until``, in one query.

    Read as plain rows: a year of daily marks is hundreds of rows, and turning each into
    Python through the ORM cost more than the rest of the Today page's habits together."""
    if not habits:
        return _history([])
    ids = [h.pk for h in habits]
    first = first or until - timedelta(days=rules.HISTORY_DAYS)
    return sql.run(
        _history_query(
            f"habit_id IN ({sql.placeholders(ids)})",
            [*ids, sql.day_param(first), sql.day_param(until)],
        )
    )


def active_history_query(user: User, until: date) -> sql.Read[tuple[Marks, Amounts]]:
    """`history_for` the user's active habits (those of `active_habits_query`), read without
    knowing them first: the two can go in one round trip."""
    first = until - timedelta(days=rules.HISTORY_DAYS)
    return _history_query(
        f"habit_id IN (SELECT id FROM {sql.table(Habit)} WHERE user_id = %s AND NOT archived)",
        [user.pk, sql.day_param(first), sql.day_param(until)],
    )


def _history_query(habits: str, params: list[Any]) -> sql.Read[tuple[Marks, Amounts]]:
    """The marks of ``habits`` (a condition) from one day to another (the last two params)."""
    return sql.Read(
        f"SELECT habit_id, {sql.day_column('day')}, mark, amount FROM {sql.table(Check)}"
        f" WHERE {habits} AND day >= %s AND day <= %s",
        params,
        _history,
    )


def _history(rows: sql.Rows) -> tuple[Marks, Amounts]:
    found: Marks = defaultdict(dict)
    amounts: Amounts = defaultdict(dict)
    marks = {mark.value: mark for mark in rules.Mark}
    for habit_id, day, mark, amount in rows:
        when = sql.day(day)
        found[habit_id][when] = marks[mark]
        if amount is not None:
            amounts[habit_id][when] = amount
    return found, amounts


def summary_of(habit: Habit, today: date, marks: Marks, amounts: Amounts) -> rules.HabitSummary:
    return rules.summarize(
        habit.started_on,
        today,
        habit.days,
        marks[habit.pk],
        rules.shares(amounts[habit.pk], habit.target),
    )


def habit_rows(user: User, today: date, *, goals: bool = True) -> list[dict[str, Any]]:
    """Active habits with today's mark and their summary (2 queries). Without their
    ``goals`` (the Today page shows none), the habits are read in SQL (see core.sql)."""
    if goals:
        habits = list(Habit.objects.filter(user=user, archived=False).select_related("goal"))
    else:
        habits = sql.run(active_habits_query(user))
    return rows_of(habits, history_for(habits, today), today)


def active_habits_query(user: User) -> sql.Read[list[Habit]]:
    """The user's active habits, without their goals, in the model's order."""
    select, make = sql.columns(Habit)
    return sql.Read(
        f"SELECT {select} FROM {sql.table(Habit)} WHERE user_id = %s AND NOT archived"
        " ORDER BY created, id",
        [user.pk],
        make,
    )


def rows_of(
    habits: list[Habit], history: tuple[Marks, Amounts], today: date
) -> list[dict[str, Any]]:
    """Each habit with today's mark and its summary, from its ``history`` (`history_for`)."""
    marks, amounts = history
    return [
        {
            "habit": habit,
            "today": marks[habit.pk].get(today),
            "amount_today": amounts[habit.pk].get(today),
            "due_today": rules.is_due(habit.days, today),
            "summary": summary_of(habit, today, marks, amounts),
            "marks": marks[habit.pk],
        }
        for habit in habits
    ]


def get_goal_for_user(request: HttpRequest, pk: int) -> Goal:
    return owned_or_404(Goal, request, pk)


def get_habit_for_user(request: HttpRequest, pk: int) -> Habit:
    return owned_or_404(Habit, request, pk)
