from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text
from recouple.safety.models import (
    NAME_LIMIT,
    PHONE_LIMIT,
    PLAN_SECTIONS,
    SECTION_LIMIT,
    WHY_LIMIT,
    PauseReason,
    SafetyPlan,
    TrustedPerson,
    validate_phone,
)


def clean_phone(value: str) -> str:
    value = bounded_text(value, PHONE_LIMIT, required=True, empty=_("Please add their number."))
    validate_phone(value)
    return value


class SafetyPlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = SafetyPlan
        fields = tuple(name for name, _heading, _hint in PLAN_SECTIONS)
        labels = {name: heading for name, heading, _hint in PLAN_SECTIONS}
        help_texts = {name: hint for name, _heading, hint in PLAN_SECTIONS}
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.Meta.fields:
            if name in cleaned:
                try:
                    cleaned[name] = bounded_text(cleaned[name] or "", SECTION_LIMIT)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned


class TrustedPersonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TrustedPerson
        fields = ("name", "phone")
        labels = {"name": _("Their name"), "phone": _("Their phone number")}
        help_texts = {
            "name": _("Someone you’d be glad to hear from on a hard day."),
            "phone": _("Your phone will call or text it when you tap. Recouple never does."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": _("Please add their name.")},
            "phone": {"required": _("Please add their number.")},
        }

    def clean_name(self) -> str:
        return bounded_text(
            self.cleaned_data.get("name", ""),
            NAME_LIMIT,
            required=True,
            empty=_("Please add their name."),
        )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data.get("phone", ""))


class PauseReasonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PauseReason
        fields = ("text",)
        labels = {"text": _("One line: why I’m doing this")}
        help_texts = {"text": _("Only you will see it, here, when the urge comes.")}
        widgets = {"text": forms.TextInput(attrs={"autocomplete": "off"})}
        error_messages = {"text": {"required": _("Please write a few words here.")}}

    def clean_text(self) -> str:
        return bounded_text(self.cleaned_data.get("text", ""), WHY_LIMIT, required=True)
