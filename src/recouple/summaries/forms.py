from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.summaries.build import LONGEST_DAYS, SECTION_NAMES, SECTIONS

DEFAULT_DAYS = 30
DATE_ERRORS = {"invalid": _("Please enter a date."), "required": _("Please enter a date.")}


class SummaryForm(forms.Form):
    """What goes into a summary; read from the address (GET), since making one saves nothing."""

    first = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    last = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )
    sections = forms.MultipleChoiceField(
        label=_("What to include"),
        choices=SECTIONS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    name_on = forms.BooleanField(
        label=_("Show my ex’s name where I wrote it"),
        help_text=_("Off: their name is replaced by [name] everywhere."),
        required=False,
    )
    entries = forms.TypedMultipleChoiceField(
        label=_("Journal entries to share"),
        help_text=_("None unless you tick them."),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, today: date, entry_choices: Any = (), **kwargs: Any) -> None:
        self.today = today
        kwargs.setdefault(
            "initial",
            {
                "first": today - timedelta(days=DEFAULT_DAYS - 1),
                "last": today,
                "sections": list(SECTION_NAMES),
            },
        )
        super().__init__(*args, **kwargs)
        entries: Any = self.fields["entries"]
        entries.choices = list(entry_choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first"), cleaned.get("last")
        if first is None or last is None:
            return cleaned
        if first > last:
            self.add_error("last", _("The end comes before the start. Please swap them."))
        elif last > self.today:
            self.add_error("last", _("Please choose today or a day before it."))
        elif (last - first).days >= LONGEST_DAYS:
            self.add_error("first", _("Please choose two years or less."))
        if not cleaned.get("sections") and not cleaned.get("entries"):
            raise forms.ValidationError(_("Tick at least one part to include."))
        return cleaned
