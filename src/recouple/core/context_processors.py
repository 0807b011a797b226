from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def recouple(request: HttpRequest) -> dict[str, Any]:
    from recouple.nocontact.models import Period

    user = getattr(request, "user", None)
    pause = bool(
        user is not None
        and user.is_authenticated
        and Period.objects.active().filter(user=user).exists()
    )
    return {"signups_open": settings.SIGNUPS_OPEN, "pause_available": pause}
