from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.core.forms import bounded_text
from recouple.journal.models import WORD_KIND_CHOICES, Entry, LetGo, Word
from recouple.program import harddays
from recouple.program import journal as rules

TEXT_LIMIT = 50_000

EMPTY_ENTRY = _("Write a few words, pick a mood, a feeling or an activity, then save.")
MOOD_CHOICES = [(str(value), _(label)) for value, label in rules.MOODS]
EMOTION_CHOICES = [(word, _(word.capitalize())) for word in rules.EMOTIONS]
ACTIVITY_CHOICES = [(word, _(word.capitalize())) for word in rules.ACTIVITIES]


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
    activities = forms.MultipleChoiceField(
        label=_("What was in your day?"),
        choices=ACTIVITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "activity-choice"}),
        error_messages={"invalid_choice": _("“%(value)s” isn’t one of the activities.")},
    )
    words = forms.MultipleChoiceField(
        label=_("Your own words"),
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "own-word-choice"}),
        error_messages={"invalid_choice": _("“%(value)s” isn’t one of your own words.")},
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
        fields = ("mood", "emotions", "activities", "text", "prompt")

    def __init__(self, *args: Any, words: list[Word] | None = None, **kwargs: Any) -> None:
        """``words``: the user's own words (hidden ones too: an entry keeps those it has)."""
        super().__init__(*args, **kwargs)
        words = words or []
        chosen: set[int] = set()
        if self.instance.pk:
            chosen = {link.word_id for link in self.instance.word_links.all()}
        if self.instance.pk and not self.is_bound:
            self.initial["emotions"] = self.instance.emotion_list
            self.initial["activities"] = self.instance.activity_list
            self.initial["words"] = [str(pk) for pk in sorted(chosen)]
        # Hidden words are offered only where they are already on the entry.
        self.own_words = {w.pk: w for w in words if not w.archived or w.pk in chosen}
        words_field: Any = self.fields["words"]
        words_field.choices = [(str(w.pk), str(w.name)) for w in self.own_words.values()]

    def own_choices(self, kind: str) -> list[Any]:
        """The checkboxes for the user's own words of one kind, to show beside the built-in."""
        return [
            choice
            for choice in self["words"]
            if self.own_words[int(choice.data["value"])].kind == kind
        ]

    def own_feelings(self) -> list[Any]:
        return self.own_choices("feeling")

    def own_activities(self) -> list[Any]:
        return self.own_choices("activity")

    def clean_activities(self) -> str:
        return ",".join(rules.clean_activities(self.cleaned_data["activities"]))

    def clean_words(self) -> list[Word]:
        return [self.own_words[int(pk)] for pk in self.cleaned_data["words"]]

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
        empty = data.get("mood") is None and not any(
            data.get(name) for name in ("text", "emotions", "activities", "words")
        )
        if empty and not self.errors:
            raise forms.ValidationError(EMPTY_ENTRY)
        return data


class LetGoForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = LetGo
        fields = ("text",)
        labels = {"text": _("What I’ve let go of this week")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": {"required": _("Write a few words first, then save.")}}

    def clean_text(self) -> str:
        text = str(self.cleaned_data.get("text", "")).strip()
        if not text:
            raise forms.ValidationError(_("Write a few words first, then save."))
        if len(text) > rules.LET_GO_LIMIT:
            raise forms.ValidationError(
                _("Please keep it under %(limit)s characters."),
                params={"limit": rules.LET_GO_LIMIT},
            )
        return text


WORD_TAKEN = _("You already have “%(name)s”.")


class WordForm(forms.Form):
    """A feeling word or an activity of the user's own: a new one, or a new name for one."""

    kind = forms.ChoiceField(
        label=_("Is it a feeling or an activity?"),
        choices=WORD_KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether it’s a feeling or an activity."),
            "invalid_choice": _("Choose a feeling or an activity."),
        },
    )
    name = forms.CharField(
        label=_("The word"),
        required=False,
        help_text=_("A word or two, for example “Hopeful again” or “Yoga”."),
    )

    def __init__(self, *args: Any, words: list[Word], word: Word | None = None, **kw: Any) -> None:
        """``words``: the user's own words; ``word``: the one being renamed, if any."""
        super().__init__(*args, **kw)
        self.words = words
        self.word = word
        if word is not None:
            # A word keeps its kind: its history with the moods is about that kind.
            del self.fields["kind"]

    def clean_name(self) -> str:
        return bounded_text(
            self.cleaned_data.get("name") or "",
            rules.WORD_LIMIT,
            required=True,
            empty=_("Please type the word."),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("name")
        kind = self.word.kind if self.word else data.get("kind")
        if not name or not kind:
            return data
        builtin = rules.EMOTIONS if kind == "feeling" else rules.ACTIVITIES
        taken = {w.lower() for w in builtin} | {
            str(w.name).lower() for w in self.words if w.kind == kind and w != self.word
        }
        if name.lower() in taken:
            self.add_error("name", forms.ValidationError(WORD_TAKEN, params={"name": name}))
        elif self.word is None and len(self.words) >= rules.MAX_OWN_WORDS:
            self.add_error(
                "name",
                forms.ValidationError(
                    _(
                        "You have %(n)s words of your own, the most there can be. "
                        "Rename one you don’t use any more?"
                    ),
                    params={"n": rules.MAX_OWN_WORDS},
                ),
            )
        return data
