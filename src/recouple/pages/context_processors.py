from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def recouple(request: HttpRequest) -> dict[str, Any]:
    """What the layout shows on every page: sign-up, and Pause for everyone signed in."""
    user = getattr(request, "user", None)
    # Pause is for everyone signed in, from day one: the first urge often comes before any
    # no-contact period has started.
    pause = bool(user is not None and user.is_authenticated)
    return {"signups_open": settings.SIGNUPS_OPEN, "pause_available": pause}
