"""API for supporter links: list them, make one (its address shown once), revoke one, nudge."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import Field

from recouple.accounts.models import request_user
from recouple.core.schemas import Text, bound_form
from recouple.supporters import actions
from recouple.supporters.forms import LinkForm
from recouple.supporters.models import (
    DEFAULT_DAYS,
    LINK_LIMIT,
    LONGEST_DAYS,
    NAME_LIMIT,
    SupporterLink,
    get_link_for_user,
    link_url,
    links_of,
)

router = Router(tags=["supporters"])


class LinkIn(Schema):
    name: Text = Field(max_length=NAME_LIMIT)
    days: int = Field(DEFAULT_DAYS, ge=1, le=LONGEST_DAYS)
    show_days: bool = True
    show_milestones: bool = False
    show_checkin: bool = False
    show_pauses: bool = False
    show_nudge: bool = False


class LinkOut(Schema):
    id: int
    name: str
    created: datetime
    expires_at: datetime
    expired: bool
    visits: int
    last_visit: datetime | None
    shows: list[str]


class LinkCreated(LinkOut):
    url: str


class NudgeOut(Schema):
    at: datetime


def _out(link: SupporterLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "name": str(link.name),
        "created": link.created,
        "expires_at": link.expires_at,
        "expired": link.expired,
        "visits": link.visits,
        "last_visit": link.last_used,
        "shows": link.shows(),
    }


@router.get("/supporters", response=list[LinkOut], url_name="supporter_links")
def list_links(request: HttpRequest) -> list[dict[str, Any]]:
    """Your supporter links with how often each was opened (their addresses are not kept)."""
    return [_out(link) for link in links_of(request_user(request))]


@router.post("/supporters", response={201: LinkCreated}, url_name="supporter_links")
def create(request: HttpRequest, payload: LinkIn) -> Status[dict[str, Any]]:
    """A new read-only link for a friend; `url` is shown only in this answer."""
    form = bound_form(LinkForm, payload.dict())
    try:
        link, token = actions.create_link(request_user(request), form.cleaned_data)
    except actions.TooManyLinks:
        raise HttpError(
            409, f"You have {LINK_LIMIT} links already, the most at once. Remove one first."
        ) from None
    return Status(201, {**_out(link), "url": link_url(request, token)})


@router.delete("/supporters/{link_id}", response={204: None}, url_name="supporter_link")
def revoke(request: HttpRequest, link_id: int) -> Status[None]:
    actions.revoke_link(get_link_for_user(request, link_id))
    return Status(204, None)


@router.post("/nudges", response={201: NudgeOut}, url_name="supporter_nudge")
def nudge(request: HttpRequest) -> Status[dict[str, Any]]:
    """ "I'm thinking of texting them", shown on the pages of links that show it."""
    return Status(201, {"at": actions.nudge(request_user(request)).at})
