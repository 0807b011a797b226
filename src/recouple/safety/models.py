"""The safety net: a personal safety plan, a trusted person, and the user's own reason for
pausing. All of it in the user's own words, encrypted, and never sent anywhere: the app
contacts nobody; the phone's own Call and Text do."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User
from recouple.core.fields import EncryptedTextField

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

# The Stanley–Brown safety plan, step by step: (field, heading, a hint in plain words).
PLAN_SECTIONS: tuple[tuple[str, _StrPromise, _StrPromise], ...] = (
    (
        "warning_signs",
        _("Signs that a hard moment is coming"),
        _("Thoughts, feelings, times or places that tell me it is starting."),
    ),
    (
        "coping_alone",
        _("Things I can do on my own"),
        _("Small things that take my mind off it for a while: a walk, a shower, music."),
    ),
    (
        "distractions",
        _("People and places that take my mind off it"),
        _("Someone to sit with, a café, a friend’s kitchen. I don’t have to talk about it."),
    ),
    (
        "helpers",
        _("People I can ask for help"),
        _("Names and numbers of people I could tell how I feel."),
    ),
    (
        "professionals",
        _("Professionals and lines I can call"),
        _("My doctor or therapist. The crisis lines for where I live are shown with the plan."),
    ),
    (
        "safer_surroundings",
        _("Making my surroundings safer"),
        _("What I could put away, hand to someone, or keep out of reach for now."),
    ),
    (
        "reasons",
        _("My reasons to keep going"),
        _("People, plans, small things. Anything that matters to me."),
    ),
)
SECTION_LIMIT = 2000
NAME_LIMIT = 80
PHONE_LIMIT = 30
WHY_LIMIT = 300
# What people type in a phone number: digits, spaces, brackets, dashes, dots, a leading +.
PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*$")


def validate_phone(value: str) -> None:
    """The same rule for the page, the API and an import: a number a phone can dial."""
    value = str(value).strip()
    if not PHONE.match(value):
        raise ValidationError(
            _("Please use only digits, spaces and + ( ) - . in the number."), code="phone"
        )
    if not 3 <= sum(c.isdigit() for c in value) <= 20:
        raise ValidationError(
            _("That doesn’t look like a whole phone number. Please check it."), code="phone"
        )


def _section() -> EncryptedTextField:
    return EncryptedTextField(
        blank=True, default="", validators=[MaxLengthValidator(SECTION_LIMIT)]
    )


class SafetyPlan(models.Model):
    """One per user, written in their own words; any part may stay empty."""

    user = models.OneToOneField(User, models.CASCADE, related_name="safety_plan")
    warning_signs = _section()
    coping_alone = _section()
    distractions = _section()
    helpers = _section()
    professionals = _section()
    safer_surroundings = _section()
    reasons = _section()
    # When a crisis view first offered to make one: it is offered gently once, then only
    # linked, never pressed again.
    offered_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"safety plan of user {self.user_id}"

    @classmethod
    def for_user(cls, user: User) -> SafetyPlan:
        found, _created = cls.objects.get_or_create(user=user)
        return found

    def sections(self) -> list[tuple[str, str, str, str]]:
        """(field, heading, hint, the user's words) for each part, in the plan's order."""
        return [
            (name, str(heading), str(hint), str(getattr(self, name)))
            for name, heading, hint in PLAN_SECTIONS
        ]

    def is_written(self) -> bool:
        return any(str(getattr(self, name)).strip() for name, _h, _t in PLAN_SECTIONS)


class TrustedPerson(models.Model):
    """Someone the user chose to call or text in a hard moment. The app never contacts them."""

    user = models.OneToOneField(User, models.CASCADE, related_name="trusted_person")
    name = EncryptedTextField(_("Their name"), validators=[MaxLengthValidator(NAME_LIMIT)])
    phone = EncryptedTextField(
        _("Their phone number"),
        validators=[MaxLengthValidator(PHONE_LIMIT), validate_phone],
    )
    updated = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"trusted person of user {self.user_id}"

    @property
    def dial(self) -> str:
        """The number for ``tel:`` and ``sms:`` links: digits, and a leading + if given."""
        phone = str(self.phone).strip()
        digits = "".join(c for c in phone if c.isdigit())
        return f"+{digits}" if phone.startswith("+") else digits


class PauseReason(models.Model):
    """One line of “why I’m doing this”, for the Pause page when no period holds reasons."""

    user = models.OneToOneField(User, models.CASCADE, related_name="pause_reason")
    text = EncryptedTextField(_("Why I’m doing this"), validators=[MaxLengthValidator(WHY_LIMIT)])
    updated = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"pause reason of user {self.user_id}"


def trusted_person_of(user: User) -> TrustedPerson | None:
    return TrustedPerson.objects.filter(user=user).first()
