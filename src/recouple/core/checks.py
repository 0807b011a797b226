"""Configuration problems found while reading the environment, as Django system checks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def environment_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(problem.msg, hint=problem.hint, id=problem.id)
        for problem in getattr(settings, "CONFIG_PROBLEMS", [])
    ]
