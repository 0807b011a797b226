from __future__ import annotations

import time
import zoneinfo
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SEEN = "_recouple_seen"
SIGNED_IN = "_recouple_login"
# Writing the session on every request would cost a write per page: a minute is close enough.
SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def remember_sign_in(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        moment = int(time.time())
        request.session[SIGNED_IN] = moment
        request.session[SEEN] = moment


class SessionTimeoutMiddleware:
    """End a sign-in left idle too long (a shared or lost phone) or older than its lifetime.

    The cookie's own expiry moves each time the session is saved, so the absolute limit is
    kept here, from the moment of signing in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            moment = int(time.time())
            signed_in = session.setdefault(SIGNED_IN, moment)
            seen = session.get(SEEN, moment)
            if (
                moment - seen > settings.SESSION_IDLE_SECONDS
                or moment - signed_in > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
            elif moment - seen >= SEEN_RESOLUTION or SEEN not in session:
                session[SEEN] = moment
        return self.get_response(request)


class UserTimezoneMiddleware:
    """Render every date and time in the signed-in user's own time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
