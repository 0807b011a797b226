"""Supporters: a private, read-only link the person gives a friend, showing only what they tick.

A link is a secret like the calendar feed: only its hash is stored, it is shown once, and an
expired or revoked one answers exactly as an address that never existed. What the page shows
is built here from the situation (a few numbers and yes/no), never from anything the person
wrote, so no private text can reach a supporter however the templates change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.timezone import now

from recouple.accounts.models import User, owned_or_404
from recouple.core.fields import EncryptedTextField
from recouple.core.tokens import HashedToken
from recouple.program import nocontact as nocontact_rules
from recouple.situation import UserSituation

DEFAULT_DAYS = 30
LONGEST_DAYS = 365
NAME_LIMIT = 60
# Links one person may have at once (expired ones count until removed).
LINK_LIMIT = 10
# "Pause" moments are the urges logged in this many days, counted, never their words.
PAUSE_WINDOW_DAYS = 7
# A "thinking of texting them" nudge shows for this long.
NUDGE_HOURS = 12
# The things a link may show, in the order the page shows them.
SHOWABLE = ("show_days", "show_milestones", "show_checkin", "show_pauses", "show_nudge")


class SupporterLink(HashedToken[User], models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="supporter_links")
    # The name the person gives the link ("Sam"), for their own list only.
    name = EncryptedTextField()
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)
    visits = models.PositiveIntegerField(default=0, editable=False)
    show_days = models.BooleanField(default=False)
    show_milestones = models.BooleanField(default=False)
    show_checkin = models.BooleanField(default=False)
    show_pauses = models.BooleanField(default=False)
    show_nudge = models.BooleanField(default=False)

    PREFIX = "sup_"

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"supporter link {self.pk}"

    @property
    def expired(self) -> bool:
        return self.expires_at <= now()

    def shows(self) -> list[str]:
        return [name for name in SHOWABLE if getattr(self, name)]

    @classmethod
    def find(cls, token: str, moment: datetime | None = None) -> SupporterLink | None:
        """The link a token opens, if it still works (not expired, its owner active)."""
        if not token.startswith(cls.PREFIX) or len(token) > 100:
            return None
        found = cls.objects.select_related("user").filter(digest=cls.hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        if found.expires_at <= (moment or now()):
            return None
        return found


class Nudge(models.Model):
    """ "I'm thinking of texting them": shown on the supporters' pages for a while. Pull only:
    the app sends nobody a message."""

    user = models.ForeignKey(User, models.CASCADE, related_name="nudges")
    at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"], name="nudge_user_at")]

    def __str__(self) -> str:
        return f"nudge {self.pk}"


@dataclass(frozen=True)
class Shared:
    """What a supporter sees: numbers and yes/no, each None when the link doesn't show it."""

    days: int | None
    milestones: tuple[int, ...] | None
    checked_in_today: bool | None
    pauses: int | None
    last_pause: date | None
    nudged_at: datetime | None
    no_contact: bool


def shared_for(link: SupporterLink, moment: datetime | None = None) -> Shared:
    """What ``link`` shows now, read from its owner's situation."""
    situation = UserSituation(link.user, moment)
    period = situation.active_period
    days = situation.period_summary(period)["contact"].current if period else 0
    pauses: list[date] = []
    if link.show_pauses:
        first = situation.today - timedelta(days=PAUSE_WINDOW_DAYS - 1)
        pauses = situation.urge_days(first)
    nudged = None
    if link.show_nudge:
        since = situation.moment - timedelta(hours=NUDGE_HOURS)
        nudged = (
            Nudge.objects.filter(user=link.user, at__gt=since, at__lte=situation.moment)
            .values_list("at", flat=True)
            .first()
        )
    return Shared(
        days=days if link.show_days else None,
        milestones=nocontact_rules.milestones_reached(days) if link.show_milestones else None,
        checked_in_today=situation.checked_in_today if link.show_checkin else None,
        pauses=len(pauses) if link.show_pauses else None,
        last_pause=max(pauses) if pauses else None,
        nudged_at=nudged.astimezone(link.user.zone()) if nudged else None,
        no_contact=period is not None,
    )


def links_of(user: User) -> list[SupporterLink]:
    return list(SupporterLink.objects.filter(user=user))


def get_link_for_user(request: HttpRequest, pk: int) -> SupporterLink:
    return owned_or_404(SupporterLink, request, pk)


def link_url(request: HttpRequest, token: str) -> str:
    """The full address a supporter opens."""
    return request.build_absolute_uri(reverse("supporters:public", kwargs={"token": token}))
