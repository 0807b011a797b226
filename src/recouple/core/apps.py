from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "recouple.core"
    label = "core"
    verbose_name = "Recouple"

    def ready(self) -> None:
        from recouple.core import checks, fields  # noqa: F401  (registers checks and signals)
