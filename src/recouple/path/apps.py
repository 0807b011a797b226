from __future__ import annotations

from django.apps import AppConfig


class PathConfig(AppConfig):
    name = "recouple.path"
    label = "path"
    verbose_name = "Your path"
