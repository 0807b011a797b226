from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def recouple(request: HttpRequest) -> dict[str, Any]:
    return {"signups_open": settings.SIGNUPS_OPEN}
