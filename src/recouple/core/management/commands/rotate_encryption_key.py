"""Re-encrypt every encrypted field under the newest key (the first one configured).

Rotation, step by step: put a new key first (``--print-new-key`` makes one) in
RECOUPLE_ENCRYPTION_KEYS or in the data directory's encryption_keys file, keeping the old
ones after it; run this command; then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from recouple.core.fields import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all stored private text under the newest encryption key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--print-new-key",
            action="store_true",
            help="Only print a freshly generated key to put first in the key list.",
        )

    def handle(self, *args: Any, print_new_key: bool = False, **options: Any) -> None:
        if print_new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        total = 0
        for model, names in encrypted_fields():
            last_pk: Any = None
            while True:
                rows = model._default_manager.order_by("pk")
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                batch = list(rows.values_list("pk", *names)[:BATCH])
                if not batch:
                    break
                with transaction.atomic():
                    for pk, *values in batch:
                        # Reading decrypts with any known key; writing encrypts with the first.
                        model._default_manager.filter(pk=pk).update(
                            **dict(zip(names, values, strict=True))
                        )
                total += len(batch)
                last_pk = batch[-1][0]
        self.stdout.write(f"Re-encrypted {total} rows under the newest key.")
