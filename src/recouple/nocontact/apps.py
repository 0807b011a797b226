from __future__ import annotations

from django.apps import AppConfig


class NoContactConfig(AppConfig):
    name = "recouple.nocontact"
    label = "nocontact"
    verbose_name = "No contact and boundaries"
