from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.coach import MAX_CHARS
from recouple.drafts.models import KIND_CHOICES, Draft


class DraftForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Draft
        fields = ("kind", "text")
        labels = {"kind": _("What is it?"), "text": _("Your draft")}
        help_texts = {
            "text": _("Recouple never sends anything. Copy it yourself if you decide to send it.")
        }
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_CHARS}),
        }
        error_messages = {"text": {"required": _("Write something first.")}}

    def __init__(self, *args: Any, allow_reply: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not allow_reply:
            # "A reply" is offered only when there is a message of theirs to answer.
            field = self.fields["kind"]
            field.choices = [c for c in KIND_CHOICES if c[0] != "reply"]  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text", "")
        if not text.strip():
            raise forms.ValidationError(_("Write something first."))
        if len(text) > MAX_CHARS:
            raise forms.ValidationError(
                _("Please keep it under %(limit)s characters."), params={"limit": MAX_CHARS}
            )
        return text
