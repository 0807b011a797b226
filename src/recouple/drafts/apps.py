from __future__ import annotations

from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "recouple.drafts"
    label = "drafts"
    verbose_name = "Before you send"
