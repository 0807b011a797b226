from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text
from recouple.supporters.models import DEFAULT_DAYS, LONGEST_DAYS, NAME_LIMIT, SHOWABLE

NOTHING_TICKED = _("Tick at least one thing to share.")


class LinkForm(forms.Form):
    name = forms.CharField(
        label=_("Who is it for?"),
        help_text=_("Only you see this name."),
        required=False,
    )
    days = forms.IntegerField(
        label=_("Works for how many days?"),
        min_value=1,
        max_value=LONGEST_DAYS,
        initial=DEFAULT_DAYS,
    )
    show_days = forms.BooleanField(label=_("Days without contact"), required=False, initial=True)
    show_milestones = forms.BooleanField(label=_("Milestones reached"), required=False)
    show_checkin = forms.BooleanField(label=_("Whether I checked in today"), required=False)
    show_pauses = forms.BooleanField(label=_("How often I pressed Pause this week"), required=False)
    show_nudge = forms.BooleanField(
        label=_("When I say I’m thinking of texting them"), required=False
    )

    def clean_name(self) -> str:
        return bounded_text(
            self.cleaned_data.get("name") or "",
            NAME_LIMIT,
            required=True,
            empty=_("Please give the link a name, like the friend’s first name."),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(name) for name in SHOWABLE):
            raise forms.ValidationError(NOTHING_TICKED)
        return cleaned
