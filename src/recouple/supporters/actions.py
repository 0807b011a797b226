"""Supporters' writes, one function each, called by the pages and the API alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.supporters.models import (
    DEFAULT_DAYS,
    LINK_LIMIT,
    SHOWABLE,
    Nudge,
    SupporterLink,
)


class TooManyLinks(Exception):
    """The person already has as many links as one may have: nothing was made."""


class NothingToShow(Exception):
    """A link must show at least one thing: nothing was made."""


def create_link(user: User, values: Mapping[str, Any]) -> tuple[SupporterLink, str]:
    """A new link named ``values["name"]`` showing what is ticked; returns it and its secret
    (shown this once). Raises TooManyLinks or NothingToShow."""
    shows = {name: bool(values.get(name)) for name in SHOWABLE}
    if not any(shows.values()):
        raise NothingToShow
    token = SupporterLink.new_token()
    moment = now()
    with transaction.atomic():
        if SupporterLink.objects.select_for_update().filter(user=user).count() >= LINK_LIMIT:
            raise TooManyLinks
        link = SupporterLink.objects.create(
            user=user,
            name=values["name"],
            digest=SupporterLink.hash(token),
            created=moment,
            expires_at=moment + timedelta(days=values.get("days") or DEFAULT_DAYS),
            **shows,
        )
    return link, token


def revoke_link(link: SupporterLink) -> None:
    """A link the caller fetched with `owned_or_404` stops working at once, for good."""
    link.delete()


def record_visit(link: SupporterLink) -> None:
    """One more visit on the person's list (counted in the database, so two at once count two)."""
    SupporterLink.objects.filter(pk=link.pk).update(visits=F("visits") + 1, last_used=now())


def nudge(user: User) -> Nudge:
    """ "I'm thinking of texting them", for supporters whose link shows it."""
    return Nudge.objects.create(user=user)
