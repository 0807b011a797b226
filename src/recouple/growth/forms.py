from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text, tidy_choices
from recouple.growth.models import Goal, Habit
from recouple.program import growth as rules

TITLE_LIMIT = 300
WHY_LIMIT = 5000
WEEKDAY_CHOICES = [
    ("0", _("Mon")),
    ("1", _("Tue")),
    ("2", _("Wed")),
    ("3", _("Thu")),
    ("4", _("Fri")),
    ("5", _("Sat")),
    ("6", _("Sun")),
]
NAME_IT = _("Please give it a short name.")
UNIT_LIMIT = 40
# How far back a forgotten check can still be filled in.
BACKFILL_DAYS = 6


class GoalForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Goal
        fields = ("area", "title", "why")
        labels = {
            "area": _("Which part of your life?"),
            "title": _("Your goal, in a few words"),
            "why": _("Why it matters to you (optional)"),
        }
        help_texts = {"title": _("For example: “Sleep before midnight” or “Call a friend weekly”.")}
        widgets = {"title": forms.TextInput(), "why": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": NAME_IT}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_choices(self)

    def clean_title(self) -> str:
        return bounded_text(
            self.cleaned_data.get("title") or "", TITLE_LIMIT, required=True, empty=NAME_IT
        )

    def clean_why(self) -> str:
        return bounded_text(self.cleaned_data.get("why") or "", WHY_LIMIT)


class HabitForm(forms.ModelForm):  # type: ignore[type-arg]
    days = forms.MultipleChoiceField(
        label=_("On which days?"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all empty for every day."),
        error_messages={"invalid_choice": _("Pick days of the week from the list.")},
    )

    class Meta:
        model = Habit
        fields = ("name", "goal", "target", "unit", "reminder_time")
        labels = {
            "name": _("The habit"),
            "goal": _("For which goal? (optional)"),
            "target": _("A number to reach each day (optional)"),
            "unit": _("Of what? (optional)"),
            "reminder_time": _("Remind me at (optional)"),
        }
        help_texts = {
            "name": _("Small and concrete: “A 20-minute walk”, “Journal before bed”."),
            "target": _(
                "For a habit you count, like 30 minutes or 8 glasses. Leave it empty for a "
                "habit you simply do."
            ),
            "unit": _("For example: minutes, pages, glasses."),
            "reminder_time": _(
                "A reminder on the days it’s due, if it isn’t done by then. It shows under "
                "Reminders, and comes by email if you turned that on."
            ),
        }
        widgets = {
            "name": forms.TextInput(),
            "target": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "unit": forms.TextInput(),
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "name": {"required": NAME_IT},
            "target": {
                "invalid": _("Type a whole number, like 30."),
                "min_value": _("Make it at least 1, or leave it empty."),
                "max_value": _("That’s more than a day can hold. Try a smaller number."),
            },
            "reminder_time": {"invalid": _("Type a time like 19:30.")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goal_field: Any = self.fields["goal"]
        # Open goals, and the one the habit already serves even if it has been reached.
        goal_field.queryset = Goal.objects.filter(user=user).filter(
            Q(reached_on__isnull=True) | Q(pk=self.instance.goal_id)
        )
        goal_field.empty_label = _("No particular goal")
        # The goal's own words, never its database name.
        goal_field.label_from_instance = lambda goal: goal.title
        goal_field.error_messages["invalid_choice"] = _("Pick one of your own goals.")
        if self.instance.pk and not self.is_bound:
            days = self.instance.days
            self.initial["days"] = [] if days == rules.EVERY_DAY else [str(d) for d in days]

    def clean_name(self) -> str:
        return bounded_text(
            self.cleaned_data.get("name") or "", TITLE_LIMIT, required=True, empty=NAME_IT
        )

    def clean_unit(self) -> str:
        return bounded_text(self.cleaned_data.get("unit") or "", UNIT_LIMIT)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("unit") and data.get("target") is None and "target" not in self.errors:
            self.add_error("target", _("Give the number to reach, or leave the unit empty."))
        return data


class MarkForm(forms.Form):
    """Done, skipped or cleared; for a measurable habit also "log" with how much."""

    mark = forms.ChoiceField(
        choices=[("done", "done"), ("skipped", "skipped"), ("clear", "clear"), ("log", "log")],
        error_messages={"invalid_choice": _("Choose done, skipped or clear.")},
    )
    day = forms.DateField(required=False)
    amount = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=rules.MAX_AMOUNT,
        error_messages={
            "invalid": _("Type a whole number, like 20."),
            "min_value": _("Type 0 or more."),
            "max_value": _("That’s more than a day can hold. Try a smaller number."),
        },
    )

    def __init__(
        self, *args: Any, today: date, started_on: date, target: int | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.today = today
        self.started_on = started_on
        self.target = target

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mark") == "log" and not self.errors:
            if self.target is None:
                self.add_error("mark", _("This habit is done or not: it has no number to log."))
            elif data.get("amount") is None:
                self.add_error("amount", _("Type how much you did (0 clears the day)."))
        return data

    def clean_day(self) -> date:
        day: date | None = self.cleaned_data.get("day")
        if day is None:
            return self.today
        if day > self.today:
            raise forms.ValidationError(_("That day hasn’t come yet."))
        if day < self.today - timedelta(days=BACKFILL_DAYS):
            raise forms.ValidationError(_("You can fill in the last seven days only."))
        if day < self.started_on:
            raise forms.ValidationError(_("That’s before you started this habit."))
        return day


def month_from(value: str, default: date) -> date:
    """ "2026-11" → 1 November 2026; anything else → ``default``."""
    try:
        year, month = (int(part) for part in value.strip().split("-"))
        return date(year, month, 1)
    except (ValueError, OverflowError):
        # OverflowError: a year with more digits than a C long holds.
        return default
