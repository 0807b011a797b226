from __future__ import annotations

from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The public pages (welcome, help, privacy, the quick-exit page) and the layout's context:
    the top of the house, free to read any app below it."""

    name = "recouple.pages"
    label = "pages"
