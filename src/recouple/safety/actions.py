"""Writing the safety plan, the trusted person and the Pause page's line of why: one function
each for the page and the API alike. The forms have checked the words (lengths, the phone
number); the models check them again on save, as they do for an import."""

from __future__ import annotations

from typing import TypeVar

from django.forms import ModelForm
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.safety.models import PauseReason, SafetyPlan, TrustedPerson

Kept = TypeVar("Kept", SafetyPlan, TrustedPerson, PauseReason)


def _keep(user: User, form: ModelForm[Kept]) -> Kept:
    """The user's one row of this kind, as the valid ``form`` has it, dated now."""
    saved = form.save(commit=False)
    saved.user = user
    saved.updated = now()
    saved.save()
    return saved


def save_plan(user: User, form: ModelForm[SafetyPlan]) -> SafetyPlan:
    return _keep(user, form)


def save_trusted_person(user: User, form: ModelForm[TrustedPerson]) -> TrustedPerson:
    return _keep(user, form)


def save_pause_reason(user: User, form: ModelForm[PauseReason]) -> PauseReason:
    return _keep(user, form)
