from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from recouple.assessment.models import (
    ANSWER_CHOICES,
    ENDED_BY_CHOICES,
    Assessment,
    BreakupReason,
    Change,
    Opinion,
    Quality,
)
from recouple.core.forms import tidy_choices

TEXT_LIMIT = 500
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def clean_text(value: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise forms.ValidationError(_("Please write a few words here."))
    if len(text) > limit:
        raise forms.ValidationError(
            _("Please keep it under %(limit)s characters."), params={"limit": limit}
        )
    return text


class YesNoField(forms.TypedChoiceField):
    """A required yes/no answer, shown as two radio buttons, stored as a boolean."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            choices=YES_NO,
            coerce=lambda v: v == "yes",
            widget=forms.RadioSelect,
            error_messages={"required": _("Please choose yes or no.")},
            **kwargs,
        )


class AnswerField(forms.ChoiceField):
    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            choices=ANSWER_CHOICES,
            widget=forms.RadioSelect,
            error_messages={"required": _("Please choose an answer.")},
            **kwargs,
        )


class SafetyForm(forms.Form):
    violence = YesNoField(_("Did they ever hurt you physically, or make you fear they would?"))
    threats = YesNoField(_("Did they threaten you, or someone or something you love?"))
    control = YesNoField(
        _(
            "Did they control you — your money, your phone, who you saw, where you went — "
            "or make you afraid to say no?"
        )
    )


class FitForm(forms.Form):
    same_goals = AnswerField(
        _("Are you hoping for the same kind of life: home, family, where you live, what matters?")
    )
    same_love = AnswerField(
        _("Does the way you each show and need love work for the other one too?")
    )
    both_willing = AnswerField(
        _("Would each of you put real effort into it this time, not just one of you?")
    )
    only_happy_with_them = YesNoField(
        _("Does it feel as if your happiness depends on having them back?")
    )


class EndedByForm(forms.Form):
    ended_by = forms.ChoiceField(
        label=_("Who ended it?"),
        choices=ENDED_BY_CHOICES,
        widget=forms.RadioSelect,
        help_text=_("There’s no right answer. It helps us choose our words for you."),
        error_messages={"required": _("Please choose the answer closest to how it was.")},
    )


class CanYouForm(forms.Form):
    new_relationship = AnswerField(_("Are they in a new relationship?"))
    trust_beyond_repair = AnswerField(_("Is the trust between you broken beyond repair?"))
    can_accept_no = AnswerField(
        _(
            "If they say no, could you accept it — without pleading, pushing or trying "
            "to change their mind?"
        )
    )


def initial_for(form_class: type[forms.Form], assessment: Assessment) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name in form_class.base_fields:
        value = getattr(assessment, name)
        if isinstance(value, bool):
            initial[name] = "yes" if value else "no"
        elif value not in (None, ""):
            initial[name] = value
    return initial


class ItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """One entry of a list: the same plain message for every empty required box.

    ``assessment`` is whose lists the entry belongs to (a change picks among its reasons).
    """

    def __init__(self, *args: Any, assessment: Assessment | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.error_messages["required"] = _("Please write a few words here.")
            elif field.error_messages.get("required") == default:
                field.error_messages["required"] = _("Please choose one.")
        tidy_choices(self)


class ReasonForm(ItemForm):
    class Meta:
        model = BreakupReason
        fields = ("text", "still_applies")
        labels = {"text": _("A reason it ended")}
        widgets = {"text": forms.TextInput(attrs={"autocomplete": "off"})}

    def clean_text(self) -> str:
        return clean_text(self.cleaned_data.get("text", ""))


class ReasonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.text)


class ChangeForm(ItemForm):
    answers = ReasonChoice(
        queryset=BreakupReason.objects.none(),
        required=False,
        label=_("Which reason does it answer?"),
        empty_label=_("None in particular"),
        help_text=_(
            "A reason that still applies is answered only by a change that speaks to it: a new "
            "job doesn’t answer the arguments."
        ),
        error_messages={"invalid_choice": _("Please choose one of your reasons.")},
    )

    class Meta:
        model = Change
        fields = ("text", "evidence", "answers")
        labels = {
            "text": _("Something that has changed"),
            "evidence": _("What you’ve seen that shows it"),
        }
        help_texts = {"evidence": _("A fact, not a hope: something that happened, more than once.")}
        widgets = {
            "text": forms.TextInput(attrs={"autocomplete": "off"}),
            "evidence": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.assessment
        if owner is None and self.instance.pk is not None:
            owner = self.instance.assessment
        field = self.fields["answers"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = owner.reasons.all() if owner is not None else BreakupReason.objects.none()

    def clean_text(self) -> str:
        return clean_text(self.cleaned_data.get("text", ""))

    def clean_evidence(self) -> str:
        return clean_text(self.cleaned_data.get("evidence", ""), required=False)


class QualityForm(ItemForm):
    loved = forms.TypedChoiceField(
        label=_("Did you love it or hate it?"),
        choices=[("yes", _("Loved it")), ("no", _("Hated it"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose loved or hated.")},
    )
    changeable = forms.TypedChoiceField(
        label=_("If you hated it: could it really change?"),
        choices=[
            ("", _("—")),
            ("yes", _("Yes, it could change")),
            ("no", _("No, it’s who they are (or who I am)")),
        ],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Quality
        fields = ("text", "loved", "changeable", "whose")
        labels = {"text": _("A quality of the relationship")}
        widgets = {"text": forms.TextInput(attrs={"autocomplete": "off"})}

    def clean_text(self) -> str:
        return clean_text(self.cleaned_data.get("text", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("loved") is False:
            if data.get("changeable") is None:
                self.add_error("changeable", _("Please say whether it could change."))
            if not data.get("whose"):
                self.add_error("whose", _("Please say whose quality it is."))
        else:
            data["changeable"] = None
            data["whose"] = ""
        return data


class OpinionForm(ItemForm):
    class Meta:
        model = Opinion
        fields = ("who", "relation", "stance", "said")
        labels = {"who": _("Who you asked"), "said": _("What they said (optional)")}
        help_texts = {"who": _("A first name or a nickname is enough.")}
        widgets = {
            "who": forms.TextInput(attrs={"autocomplete": "off"}),
            "said": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_who(self) -> str:
        return clean_text(self.cleaned_data.get("who", ""), limit=80)

    def clean_said(self) -> str:
        return clean_text(self.cleaned_data.get("said", ""), required=False)


ITEM_FORMS: dict[str, type[forms.ModelForm]] = {  # type: ignore[type-arg]
    "reasons": ReasonForm,
    "changes": ChangeForm,
    "qualities": QualityForm,
    "opinions": OpinionForm,
}
