"""Free text encrypted at rest.

Journal entries, drafts, letters and notes about the ex are stored as Fernet tokens under
keys kept outside the database (``settings.ENCRYPTION_KEYS``, newest first). A copy of the
database alone reveals none of them. Old keys keep decrypting after a rotation; the
``rotate_encryption_key`` command re-encrypts every row under the newest key.
"""

from __future__ import annotations

import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


class DecryptionError(Exception):
    """Stored text could not be decrypted with any configured key."""


@functools.cache
def cipher() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in settings.ENCRYPTION_KEYS])


@receiver(setting_changed)
def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    if setting == "ENCRYPTION_KEYS":
        cipher.cache_clear()


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionError(
            "Stored text could not be decrypted with any configured encryption key. "
            "If the keys were changed, put the old key back in RECOUPLE_ENCRYPTION_KEYS "
            "(after the new one) or in the data directory's encryption_keys file."
        ) from exc


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text field whose value is encrypted before it reaches the database.

    Encrypted values cannot be searched or ordered by the database: use it for what only
    its owner reads.
    """

    def get_lookup(self, lookup_name: str) -> Any:
        # Each encryption is randomised, so equality or search against stored tokens would
        # silently never match: refuse every lookup but "is it empty (NULL)?".
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt(value)

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every concrete model with encrypted fields, and the names of those fields."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [
            f.attname for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if names:
            found.append((model, names))
    return found
