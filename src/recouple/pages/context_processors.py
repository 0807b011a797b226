from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from recouple.core.situation import situation_of


def recouple(request: HttpRequest) -> dict[str, Any]:
    """What the layout shows on every page: sign-up, and Pause while no contact is going on."""
    user = getattr(request, "user", None)
    pause = bool(
        user is not None
        and user.is_authenticated
        and hasattr(request, "situation")
        and situation_of(request).no_contact_active
    )
    return {"signups_open": settings.SIGNUPS_OPEN, "pause_available": pause}
