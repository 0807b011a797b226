from __future__ import annotations

from django.apps import AppConfig


class AmendsConfig(AppConfig):
    name = "recouple.amends"
    label = "amends"
    verbose_name = "Make it right"
