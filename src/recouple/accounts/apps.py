from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "recouple.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Connects the sign-in receiver that starts a session's clock.
        from recouple.accounts import middleware  # noqa: F401
