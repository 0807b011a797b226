from __future__ import annotations

from django.apps import AppConfig


class ReconnectConfig(AppConfig):
    name = "recouple.reconnect"
    label = "reconnect"
    verbose_name = "Reach out, then live with the answer"
