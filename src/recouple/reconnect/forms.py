from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text
from recouple.reconnect.models import (
    ANSWER_CHOICES,
    PATTERN_STATE_CHOICES,
    REUNION_CHOICES,
    Meeting,
    Reflection,
    Session,
    Therapist,
)

LIMIT = 3000


def _text(value: str, *, required: bool, limit: int = LIMIT) -> str:
    return bounded_text(value, limit, required=required)


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your one message"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Short and warm: that you care, that you’d be open, and that it’s their call."),
        error_messages={"required": _("Please write your message first.")},
    )

    def clean_message(self) -> str:
        return _text(self.cleaned_data.get("message", ""), required=True, limit=2000)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("What did they say?"),
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )
    confirm_final = forms.BooleanField(
        label=_("I understand a “no” closes reaching out for good."),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") in ("no", "no_contact") and not data.get("confirm_final"):
            self.add_error(
                "confirm_final", _("Tick this to confirm: their “no” can’t be undone here.")
            )
        return data


class TheyWroteForm(forms.Form):
    note = forms.CharField(
        label=_("What they said, in a few words (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_note(self) -> str:
        return _text(self.cleaned_data.get("note", ""), required=False)


class GateForm(forms.Form):
    wants_friendship_anyway = forms.TypedChoiceField(
        label=_("Would you want this friendship even if it never leads back to being together?"),
        choices=[("yes", _("Yes, honestly")), ("no", _("No, not really"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )


class DayField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            widget=forms.DateInput(attrs={"type": "date"}),
            error_messages={
                "invalid": _("Please enter a date."),
                "required": _("Please enter a date."),
            },
            **kwargs,
        )


class _Plain(forms.ModelForm):  # type: ignore[type-arg]
    """The app's own words for an empty box, instead of Django's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.error_messages["required"] = _("Please write a few words here.")


# Time together and therapy come after their answer: nothing to log from years before.
EARLIEST_DAYS = 730


class _Dated(_Plain):
    day = DayField(label=_("When"))

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        kwargs.setdefault("initial", {}).setdefault("day", today)
        super().__init__(*args, **kwargs)

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > self.today:
            raise forms.ValidationError(_("That day hasn’t happened yet."))
        if day < self.today - timedelta(days=EARLIEST_DAYS):
            raise forms.ValidationError(_("Please pick a day within the last two years."))
        return day


class MeetingForm(_Dated):
    class Meta:
        model = Meeting
        fields = ("day", "what", "felt", "no_sex", "no_pressure")
        widgets = {"what": forms.TextInput(), "felt": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ticked by the person, not by default: the point is to think about it.
        self.fields["no_sex"].initial = False
        self.fields["no_pressure"].initial = False

    def clean_what(self) -> str:
        return _text(self.cleaned_data.get("what", ""), required=True, limit=300)

    def clean_felt(self) -> str:
        return _text(self.cleaned_data.get("felt", ""), required=False)


class TherapistForm(_Plain):
    class Meta:
        model = Therapist
        fields = ("name", "contact", "notes")
        widgets = {
            "name": forms.TextInput(),
            "contact": forms.TextInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_name(self) -> str:
        return _text(self.cleaned_data.get("name", ""), required=True, limit=200)

    def clean_contact(self) -> str:
        return _text(self.cleaned_data.get("contact", ""), required=False, limit=300)

    def clean_notes(self) -> str:
        return _text(self.cleaned_data.get("notes", ""), required=False)


class SessionForm(_Dated):
    class Meta:
        model = Session
        fields = ("day", "notes")
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_notes(self) -> str:
        return _text(self.cleaned_data.get("notes", ""), required=True)


class ReflectionForm(_Plain):
    class Meta:
        model = Reflection
        fields = ("text",)
        labels = {"text": _("Your reflection")}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def clean_text(self) -> str:
        return _text(self.cleaned_data.get("text", ""), required=True)


class ReunionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Where are the two of you now?"),
        choices=REUNION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )


class PatternCheckForm(forms.Form):
    pattern = forms.CharField(
        label=_("The old pattern"),
        error_messages={"required": _("Please name the pattern you’re checking on.")},
    )
    state = forms.ChoiceField(
        label=_("How was it this week?"),
        choices=PATTERN_STATE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one.")},
    )
    note = forms.CharField(
        label=_("A note, if you like"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_pattern(self) -> str:
        return _text(self.cleaned_data.get("pattern", ""), required=True, limit=300)

    def clean_note(self) -> str:
        return _text(self.cleaned_data.get("note", ""), required=False)
