from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "recouple.assessment"
    label = "assessment"
    verbose_name = "Reflect: should you, can you?"
