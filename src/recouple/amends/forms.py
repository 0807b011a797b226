from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.amends.models import Amends, InventoryEntry
from recouple.core.forms import bounded_text

LIMIT = 3000
INVENTORY_FULL = _("That’s %(n)s entries, the most this list holds.")


def _text(value: str, *, required: bool) -> str:
    return bounded_text(value, LIMIT, required=required)


class EntryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = InventoryEntry
        fields = ("what_i_did", "impact", "pattern", "doing_about_it")
        help_texts = {
            "what_i_did": _("Something specific you did or didn’t do. Not what they did."),
            "impact": _("How it might have felt for them, in their shoes."),
            "pattern": _("What was going on in you: a fear, a habit, something from before."),
            "doing_about_it": _("Therapy, a habit you’re changing, a book, a boundary."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in fields}
        error_messages = {
            "what_i_did": {"required": _("Please write a few words here.")},
            "impact": {"required": _("Please write a few words here.")},
        }

    def clean_what_i_did(self) -> str:
        return _text(self.cleaned_data.get("what_i_did", ""), required=True)

    def clean_impact(self) -> str:
        return _text(self.cleaned_data.get("impact", ""), required=True)

    def clean_pattern(self) -> str:
        return _text(self.cleaned_data.get("pattern", ""), required=False)

    def clean_doing_about_it(self) -> str:
        return _text(self.cleaned_data.get("doing_about_it", ""), required=False)


class ApologyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Amends
        fields = ("apology",)
        labels = {"apology": _("Your apology")}
        help_texts = {
            "apology": _(
                "Own what you did and how it affected them. Ask for nothing back, "
                "not even forgiveness."
            )
        }
        widgets = {"apology": forms.Textarea(attrs={"rows": 8})}

    def clean_apology(self) -> str:
        return _text(self.cleaned_data.get("apology", ""), required=True)


class SelfForgivenessForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Amends
        fields = ("self_forgiveness",)
        labels = {"self_forgiveness": _("A note to yourself")}
        help_texts = {
            "self_forgiveness": _("For you alone. You did what you could with what you knew then.")
        }
        widgets = {"self_forgiveness": forms.Textarea(attrs={"rows": 5})}

    def clean_self_forgiveness(self) -> str:
        return _text(self.cleaned_data.get("self_forgiveness", ""), required=True)
