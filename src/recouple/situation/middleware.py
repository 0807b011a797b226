"""Puts the signed-in user's situation on each request, read only if a page asks for it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from recouple.accounts.models import request_user
from recouple.situation import UserSituation


class SituationMiddleware:
    """``request.situation``: one `UserSituation` per request, made on first use.

    It is lazy so that the API's token, which is checked after middleware runs, decides the
    user: by the time a route asks, ``request.auth`` (or the session's user) is known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.situation = SimpleLazyObject(  # type: ignore[attr-defined]
            lambda: UserSituation(request_user(request))
        )
        return self.get_response(request)
