from __future__ import annotations

from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "recouple.supporters"
    label = "supporters"
    verbose_name = "Supporters"
