"""Logging that never carries what a user wrote.

An exception's message can quote private text (a value that failed to parse, a row's
contents), so a logged traceback keeps its frames and the exception's type, never its message.
Error reports (the debug page, emails to admins) mask every posted value.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

WITHHELD = "(message withheld: it may quote private text)"


def _scrubbed(error: traceback.TracebackException) -> list[str]:
    lines: list[str] = []
    if error.__cause__ is not None:
        lines += _scrubbed(error.__cause__)
        lines.append("\nThe above exception was the direct cause of the following exception:\n\n")
    elif error.__context__ is not None and not error.__suppress_context__:
        lines += _scrubbed(error.__context__)
        lines.append("\nDuring handling of the above exception, another exception occurred:\n\n")
    kind = error.exc_type
    name = f"{kind.__module__}.{kind.__qualname__}" if kind is not None else "Exception"
    lines.append("Traceback (most recent call last):\n")
    lines.extend(error.stack.format())
    lines.append(f"{name}: {WITHHELD}\n")
    return lines


class WithholdExceptionMessages(logging.Filter):
    """Replace a record's traceback with one that names each exception but quotes none."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = traceback.TracebackException(*record.exc_info, capture_locals=False)
            record.exc_text = "".join(_scrubbed(error)).rstrip("\n")
            record.exc_info = None
        # Django's own records can carry the request (and through it, the POST data).
        if hasattr(record, "request"):
            record.request = None
        return True


# Secrets that travel in a URL or a header: the calendar address, API tokens, email links.
SECRET = re.compile(r"\b(cal_|rc_)[A-Za-z0-9_-]{8,}|(/email/confirm/)[^/\s\"']+")


def mask_secrets(text: str) -> str:
    return SECRET.sub(lambda m: f"{m.group(1) or m.group(2)}…", text)


class MaskSecrets(logging.Filter):
    """A refused or failed request to the calendar feed logs its path: never the secret in it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


class MaskEveryPostedValue(SafeExceptionReporterFilter):
    """Every form value is private here, not only the ones that look like passwords."""

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)
