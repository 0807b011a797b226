from __future__ import annotations

from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "recouple.summaries"
    label = "summaries"
    verbose_name = "Summaries"
