from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import ClassVar, TypeVar

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.core.fields import EncryptedTextField
from recouple.core.tokens import HashedToken
from recouple.program.crisis import CrisisLine, known_country, lines_for


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone we know. Pick one from the list."),
            params={"value": value},
        )


def available_time_zones() -> frozenset[str]:
    return _ZONES


_ZONES = frozenset(zoneinfo.available_timezones())


def validate_country(value: str) -> None:
    if not known_country(value):
        raise ValidationError(
            _("“%(value)s” is not a country we know. Pick one from the list."),
            params={"value": value[:10]},
        )


class RecoupleUserManager(UserManager["User"]):
    def create_account(
        self, username: str, password: str, time_zone: str = "UTC", country: str = ""
    ) -> User:
        """A new user who has acknowledged the privacy notice just now."""
        with transaction.atomic():
            return self.create_user(
                username=username,
                password=password,
                time_zone=time_zone if time_zone in _ZONES else "UTC",
                country=country if known_country(country) else "",
                privacy_accepted_at=now(),
            )


THEMES = [
    ("system", _("Same as my phone")),
    ("light", _("Light")),
    ("dark", _("Dark, for the night")),
]


class User(AbstractUser):
    """Someone using Recouple. Everything they write belongs to exactly one of these."""

    email = models.EmailField(_("email"), blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    # An ISO 3166 code from the tz database's list (program/countries.py), or "" for
    # "somewhere else": the crisis lines follow it.
    country = models.CharField(
        _("country"), max_length=2, blank=True, default="", validators=[validate_country]
    )
    ex_name = EncryptedTextField(_("their name"), blank=True, default="")
    use_ex_name = models.BooleanField(_("use their name in the app"), default=False)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True)
    quiet_mode = models.BooleanField(_("quiet mode"), default=True)
    reminder_time = models.TimeField(
        _("daily check-in reminder"), null=True, blank=True, default=time(20, 0)
    )
    email_reminders = models.BooleanField(_("send reminders by email"), default=False)
    # "Leave quickly" also ends the session, so the Back button finds the sign-in page.
    leave_signs_out = models.BooleanField(_("leaving quickly also signs me out"), default=True)
    # Light, dark, or whatever the device asks for (prefers-color-scheme).
    theme = models.CharField(_("colours"), max_length=6, choices=THEMES, default="system")
    # The address its owner confirmed by opening a link sent to it. Reminders go only to
    # ``email`` while it equals this: never to an address someone merely typed or imported.
    email_confirmed = models.EmailField(blank=True, default="", editable=False)

    objects: ClassVar[RecoupleUserManager] = RecoupleUserManager()

    def delete_account(self) -> None:
        """Remove the user and every row that belongs to them, lockout records included."""
        with transaction.atomic():
            AccessAttempt.objects.filter(username=self.username).delete()
            self.delete()

    def reset_password(self, password: str) -> None:
        """A new password set without the old one (a recovery code, or the operator): every
        API token ends, as when it is changed in Settings, and any lockout is lifted."""
        with transaction.atomic():
            self.set_password(password)
            self.save(update_fields=["password"])
            ApiToken.objects.filter(user=self).delete()
            AccessAttempt.objects.filter(username=self.username).delete()

    @property
    def email_is_confirmed(self) -> bool:
        return bool(self.email) and self.email == self.email_confirmed

    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_now(self) -> datetime:
        return now().astimezone(self.zone())

    def today(self) -> date:
        """The user's own calendar day, wherever the server is."""
        return self.local_now().date()

    def ex_label(self) -> str:
        """How pages refer to the ex: their name only when the user asked for it."""
        if self.use_ex_name and self.ex_name:
            return str(self.ex_name)
        return str(_("your ex"))

    def name_in_notes(self) -> str | None:
        """The ex's name for reminders and the calendar: only with quiet mode off."""
        if self.quiet_mode or not self.use_ex_name or not self.ex_name:
            return None
        return str(self.ex_name)

    def crisis_lines(self) -> list[CrisisLine]:
        return lines_for(self.country)


class ApiToken(HashedToken[User], models.Model):
    """A bearer token for the API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=now)
    last_used = models.DateTimeField(null=True)

    PREFIX = "rc_"
    # Each sign-in through the API makes one; beyond this many the least recently used go,
    # so a new phone is never refused and forgotten ones don't pile up.
    MAX_PER_USER = 10

    def __str__(self) -> str:
        return f"API token {self.pk} of user {self.user_id}"

    @classmethod
    def idle_limit(cls) -> timedelta:
        return timedelta(days=settings.API_TOKEN_IDLE_DAYS)

    @classmethod
    def issue(cls, user: User) -> str:
        token = cls.new_token()
        with transaction.atomic():
            cls.objects.create(user=user, digest=cls.hash(token))
            keep = (
                cls.objects.filter(user=user)
                .order_by(Coalesce("last_used", "created").desc(), "-pk")
                .values_list("pk", flat=True)[: cls.MAX_PER_USER]
            )
            cls.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
        return token

    @classmethod
    def active_for(cls, user: User) -> list[ApiToken]:
        """The user's tokens that still work, newest first (expired ones are removed)."""
        cutoff = now() - cls.idle_limit()
        cls.objects.filter(user=user).filter(
            models.Q(last_used__lt=cutoff) | models.Q(last_used__isnull=True, created__lt=cutoff)
        ).delete()
        return list(cls.objects.filter(user=user).order_by("-created", "-pk"))


def request_user(request: HttpRequest) -> User:
    """The signed-in user of a request that ``login_required`` (or token auth) let through."""
    user = getattr(request, "auth", None) or request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


Owned = TypeVar("Owned", bound=models.Model)


def owned_or_404(
    model: type[Owned], request: HttpRequest, pk: int, *, owner: str = "user"
) -> Owned:
    """The request user's ``model`` row ``pk``; 404 when it is someone else's or doesn't exist.

    ``owner`` is the lookup from the row to its user (``"period__user"`` for a contact). The two
    cases answer alike, so nobody learns whether another user's id exists.
    """
    return get_object_or_404(model, pk=pk, **{owner: request_user(request)})


def get_token_for_user(request: HttpRequest, pk: int) -> ApiToken:
    return owned_or_404(ApiToken, request, pk)


# Crockford's base32: no I, L, O or U, so a code read off paper is hard to mistype.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_CODE_LENGTH = 16  # 80 random bits
RECOVERY_CODE_COUNT = 10


def normalize_recovery_code(typed: str) -> str:
    """A code as typed (any case, spaces, dashes, O for 0, I or L for 1) in its stored form."""
    code = "".join(typed.split()).replace("-", "").upper()
    return code.translate(str.maketrans("OIL", "011"))


def format_recovery_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class RecoveryCode(models.Model):
    """A one-time code that sets a new password when the old one is forgotten.

    Only a SHA-256 digest is kept. A code carries 80 random bits, so (as for API tokens) a
    fast hash is as safe as a slow one: nobody can try enough guesses against a stolen digest.
    """

    user = models.ForeignKey(User, models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"recovery code {self.pk}"

    @staticmethod
    def hash(code: str) -> str:
        return hashlib.sha256(normalize_recovery_code(code).encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> list[str]:
        """A fresh set of codes for `user`, replacing any earlier set; shown once, never kept."""
        codes = [
            "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
            for _ in range(RECOVERY_CODE_COUNT)
        ]
        with transaction.atomic():
            cls.objects.filter(user=user).delete()
            RecoveryCode.objects.bulk_create(
                RecoveryCode(user=user, digest=cls.hash(code)) for code in codes
            )
        return [format_recovery_code(code) for code in codes]

    @classmethod
    def left(cls, user: User) -> int:
        return cls.objects.filter(user=user, used_at__isnull=True).count()

    @classmethod
    def use(cls, username: str, code: str) -> User | None:
        """The active user whose unused code this is, with the code spent; else None.

        The code is claimed with one conditional UPDATE, so two tries at once spend it once.
        """
        if not 0 < len(code) <= 40:
            return None
        found = (
            cls.objects.select_related("user")
            .filter(digest=cls.hash(code), user__username__iexact=username, used_at__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        claimed = cls.objects.filter(pk=found.pk, used_at__isnull=True).update(used_at=now())
        return found.user if claimed else None

    @classmethod
    def reset_password(cls, username: str, code: str, password: str) -> User | None:
        """Spend a code and set the new password in one step; None if the code doesn't fit."""
        with transaction.atomic():
            user = cls.use(username, code)
            if user is None:
                return None
            user.reset_password(password)
        return user
