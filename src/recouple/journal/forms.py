from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.journal.models import Entry
from recouple.program import harddays
from recouple.program import journal as rules

TEXT_LIMIT = 50_000

EMPTY_ENTRY = _("Write a few words, pick a mood or a feeling, then save.")
MOOD_CHOICES = [(str(value), _(label)) for value, label in rules.MOODS]
EMOTION_CHOICES = [(word, _(word.capitalize())) for word in rules.EMOTIONS]


class EntryForm(forms.ModelForm):  # type: ignore[type-arg]
    mood = forms.TypedChoiceField(
        label=_("How are you, overall?"),
        choices=MOOD_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "mood-choice"}),
        error_messages={"invalid_choice": _("Pick a mood from 1 to 5, or leave it empty.")},
    )
    emotions = forms.MultipleChoiceField(
        label=_("Any of these feelings?"),
        choices=EMOTION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "emotion-choice"}),
        error_messages={"invalid_choice": _("“%(value)s” isn’t one of the feeling words.")},
    )
    text = forms.CharField(
        label=_("Write as much or as little as you like"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    prompt = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    class Meta:
        model = Entry
        fields = ("mood", "emotions", "text", "prompt")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["emotions"] = self.instance.emotion_list

    def clean_emotions(self) -> str:
        return ",".join(rules.clean_emotions(self.cleaned_data["emotions"]))

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if len(text) > TEXT_LIMIT:
            raise forms.ValidationError(
                _("That’s %(count)s characters; an entry holds up to %(limit)s. Split it in two?"),
                params={"count": len(text), "limit": TEXT_LIMIT},
            )
        return text.strip()

    def clean_prompt(self) -> str:
        prompt: str = self.cleaned_data["prompt"]
        # Only our own questions are kept with an entry; anything else is dropped.
        known = {p for phase in rules.PROMPTS for p in rules.prompts_for(phase)}
        known.add(harddays.HARD_DAY_PROMPT)
        return prompt if prompt in known else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        empty = data.get("mood") is None and not data.get("text") and not data.get("emotions")
        if empty and not self.errors:
            raise forms.ValidationError(EMPTY_ENTRY)
        return data
