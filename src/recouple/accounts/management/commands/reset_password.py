"""Set a new password for someone who has lost theirs and their recovery codes.

The operator runs ``recouple manage reset_password USERNAME`` and passes on the temporary
password it prints (the person then changes it in Settings), or pipes one in with
``--password-stdin``. Every API token of the account ends and any lockout is lifted; nothing
the person wrote is touched.
"""

from __future__ import annotations

import secrets
import sys
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from recouple.accounts.models import User


class Command(BaseCommand):
    help = "Set a new password for an account (prints a temporary one unless given on stdin)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The account's username.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the new password from the first line of standard input.",
        )

    def handle(
        self, *args: Any, username: str, password_stdin: bool = False, **options: Any
    ) -> None:
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"no account is named {username!r}")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            try:
                password_validation.validate_password(password, user)
            except ValidationError as problem:
                raise CommandError(" ".join(problem.messages)) from None
        else:
            # 120 random bits; only for the first sign-in, after which it is changed.
            password = secrets.token_urlsafe(15)
        user.reset_password(password)
        self.stdout.write(
            password if not password_stdin else f"New password set for {user.username}."
        )
