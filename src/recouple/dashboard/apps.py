from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "recouple.dashboard"
    label = "dashboard"
    verbose_name = "Dashboard"
