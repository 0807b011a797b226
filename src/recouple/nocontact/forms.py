from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text, tidy_choices
from recouple.nocontact.models import (
    HARD_DAY_LABEL_LIMIT,
    Boundary,
    Contact,
    Letter,
    Period,
    Urge,
)
from recouple.program import harddays as hard_rules
from recouple.program import nocontact as rules

NOTE_LIMIT = 2000
# What to say if the user tells them about no contact: short, kind, nothing to answer.
TELL_THEM = _("I need some time without contact so I can heal. I wish you well.")
LETTER_LIMIT = 20000


class StartForm(forms.ModelForm):  # type: ignore[type-arg]
    target_days = forms.IntegerField(
        label=_("How many days?"),
        min_value=rules.MINIMUM_DAYS,
        max_value=rules.MAXIMUM_DAYS,
        initial=rules.DEFAULT_DAYS,
        help_text=format_lazy(
            _("At least {days}. Longer is fine; you can always keep going after."),
            days=rules.MINIMUM_DAYS,
        ),
        error_messages={
            "min_value": format_lazy(
                _("No contact lasts at least {days} days."), days=rules.MINIMUM_DAYS
            ),
            "max_value": _("Please choose a year or less; you can start another after."),
            "required": _("Please choose how many days."),
            "invalid": _("Please enter a whole number of days."),
        },
    )

    class Meta:
        model = Period
        fields = (
            "target_days",
            "reasons",
            "relationship_months",
            "broke_before",
            "blocked",
            "told_them",
            "limited_contact",
        )
        labels = {
            "reasons": _("Your reasons, in your own words"),
            "relationship_months": _("How many months were you together? (optional)"),
            "broke_before": _("I’ve tried no contact before and broken it"),
            "blocked": _("I’ve blocked them"),
            "told_them": _("I’ve told them I need time without contact"),
            "limited_contact": _("We share children, a home or money, so some contact is needed"),
        }
        help_texts = {
            "reasons": _(
                "Why you’re doing this. You’ll see these words when you feel like reaching out."
            ),
            "relationship_months": _("Used only to suggest a length."),
            "limited_contact": _(
                "Logistics-only messages are then allowed. Log them; they aren’t slips."
            ),
        }
        widgets = {"reasons": forms.Textarea(attrs={"rows": 4})}

    def clean_reasons(self) -> str:
        return bounded_text(self.cleaned_data.get("reasons", ""), NOTE_LIMIT)

    def clean_relationship_months(self) -> int | None:
        months: int | None = self.cleaned_data.get("relationship_months")
        if months is not None and months > 12 * 80:
            raise forms.ValidationError(_("That seems too long. Please check the number."))
        return months


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    day = forms.DateField(
        label=_("Which day?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": _("Please enter a date."),
            "required": _("Please enter a date."),
        },
    )

    class Meta:
        model = Contact
        fields = ("channel", "they_started", "replied", "logistics", "day", "note")
        labels = {
            "channel": _("How?"),
            "they_started": _("They started it"),
            "replied": _("I answered or joined in"),
            "logistics": _("It was only about logistics (children, home, money)"),
            "note": _("A note for yourself (optional)"),
        }
        widgets = {"channel": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"channel": {"required": _("Please choose how.")}}

    def __init__(self, *args: Any, period: Period, today: date, **kwargs: Any) -> None:
        self.period = period
        self.today = today
        kwargs.setdefault("initial", {}).setdefault("day", today)
        super().__init__(*args, **kwargs)
        tidy_choices(self)
        if not period.limited_contact:
            del self.fields["logistics"]

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError(_("That day hasn’t happened yet."))
        if day < self.period.started_on:
            raise forms.ValidationError(_("That’s before this no-contact period started."))
        return day

    def clean_note(self) -> str:
        return bounded_text(self.cleaned_data.get("note", ""), NOTE_LIMIT)


class UrgeForm(forms.ModelForm):  # type: ignore[type-arg]
    intensity = forms.IntegerField(
        label=_("How strong was it? (0 to 10)"),
        min_value=0,
        max_value=10,
        initial=5,
        widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": 10, "step": 1}),
        error_messages={
            "min_value": _("Choose a number from 0 to 10."),
            "max_value": _("Choose a number from 0 to 10."),
            "invalid": _("Choose a number from 0 to 10."),
        },
    )
    passed = forms.TypedChoiceField(
        label=_("Did it pass without contacting them?"),
        choices=[("", _("Not yet")), ("yes", _("Yes, it passed")), ("no", _("No, I reached out"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Urge
        fields = ("intensity", "trigger", "instead", "passed")
        labels = {
            "trigger": _("What set it off? (optional)"),
            "instead": _("What did you do instead? (optional)"),
        }
        widgets = {
            "trigger": forms.TextInput(attrs={"autocomplete": "off"}),
            "instead": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["passed"] = {True: "yes", False: "no"}.get(self.instance.passed, "")

    def clean_trigger(self) -> str:
        return bounded_text(self.cleaned_data.get("trigger", ""), NOTE_LIMIT)

    def clean_instead(self) -> str:
        return bounded_text(self.cleaned_data.get("instead", ""), NOTE_LIMIT)


class LetterForm(forms.ModelForm):  # type: ignore[type-arg]
    reopen_on = forms.DateField(
        label=_("Keep it sealed until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("You can read it again from this day on. Thirty days is a good start."),
        error_messages={
            "invalid": _("Please enter a date."),
            "required": _("Please enter a date."),
        },
    )

    class Meta:
        model = Letter
        fields = ("body", "reopen_on")
        labels = {"body": _("Your letter")}
        help_texts = {"body": _("Say everything. It will not be sent, ever.")}
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"body": {"required": _("Write a few words, or as many as you need.")}}

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        kwargs.setdefault("initial", {}).setdefault("reopen_on", Letter.default_reopen(today))
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        body = bounded_text(self.cleaned_data.get("body", ""), LETTER_LIMIT)
        if not body:
            raise forms.ValidationError(_("Write a few words, or as many as you need."))
        return body

    def clean_reopen_on(self) -> date:
        day: date = self.cleaned_data["reopen_on"]
        if day <= self.today:
            raise forms.ValidationError(_("Choose a day after today."))
        if day > self.today + timedelta(days=3 * 365):
            raise forms.ValidationError(_("Choose a day within the next three years."))
        return day


class CheckInForm(forms.Form):
    boundary = forms.ChoiceField(choices=Boundary.choices)
    kept = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes"
    )


HARD_DAY_KINDS = [
    (hard_rules.Kind.ANNIVERSARY.value, _("An anniversary")),
    (hard_rules.Kind.BIRTHDAY.value, _("A birthday")),
    (hard_rules.Kind.HOLIDAY.value, _("A holiday we spent together")),
    (hard_rules.Kind.OTHER.value, _("Another day")),
]
EARLIEST_HARD_DAY = date(1900, 1, 1)


class HardDayForm(forms.Form):
    label = forms.CharField(
        label=_("What is the day?"),
        help_text=_("In your own words. Only you see this; reminders don’t show it in quiet mode."),
        required=False,
    )
    kind = forms.ChoiceField(label=_("What kind of day"), choices=HARD_DAY_KINDS)
    day = forms.DateField(
        label=_("The date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "invalid": _("Please enter a date."),
            "required": _("Please enter a date."),
        },
    )
    yearly = forms.BooleanField(label=_("It comes back every year"), required=False, initial=True)

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        tidy_choices(self)

    def clean_label(self) -> str:
        return bounded_text(
            self.cleaned_data.get("label") or "",
            HARD_DAY_LABEL_LIMIT,
            required=True,
            empty=_("Please name the day in a few words."),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day: date | None = cleaned.get("day")
        if day is None:
            return cleaned
        if day < EARLIEST_HARD_DAY or day > self.today + timedelta(days=3 * 365):
            self.add_error("day", _("Please choose a date between 1900 and three years from now."))
        elif not cleaned.get("yearly") and day < self.today:
            self.add_error(
                "day",
                _("That day has passed. Tick “every year” to mark it for the years to come."),
            )
        return cleaned


class HardHourForm(forms.Form):
    """The reminder before the hard hour: its weekday and local hour, as Today offers them."""

    weekday = forms.IntegerField(min_value=0, max_value=6)
    hour = forms.IntegerField(min_value=0, max_value=23)
