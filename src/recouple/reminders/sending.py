"""`recouple remind`: make the notes that are due and email those the user asked for.

Safe to run on a timer and twice at once: notes are unique per key and each email is claimed
before it is sent. It checks ``should_stop`` between users and between emails, so a SIGTERM
ends it after the current one, never half-way through.

One user's data can never stop everyone else's reminders: a user whose notes can't be made
(or whose email can't be built) is logged by id and error type only — never their text —
counted in ``Report.errors``, and the round goes on to the next user.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils.timezone import now

from recouple.accounts.models import User
from recouple.reminders.models import (
    EMAIL_WITHIN,
    Notification,
    claim_for_email,
    make_due_notes,
)

log = logging.getLogger("recouple.reminders")
FOOTER = (
    "\n\n—\nYou get this because you turned on email reminders in Recouple. "
    "You can turn them off on the Reminders page at any time."
)


@dataclass
class Report:
    users: int = 0
    made: int = 0
    emailed: int = 0
    failed: int = 0
    # Users whose reminders couldn't be made this round (their data is at fault, or a bug).
    errors: int = 0
    stopped: bool = False


def email_enabled() -> bool:
    return bool(settings.EMAIL_HOST)


def run_once(moment: datetime | None = None, should_stop: Callable[[], bool] = bool) -> Report:
    moment = moment or now()
    report = Report()
    for user in User.objects.filter(is_active=True).order_by("pk").iterator(chunk_size=500):
        if should_stop():
            report.stopped = True
            return report
        report.users += 1
        try:
            with transaction.atomic():
                report.made += make_due_notes(user, moment)
        except Exception as exc:
            # Only the id and the kind of error: the message could quote their private text.
            log.error("reminders for user %s not made: %s", user.pk, type(exc).__name__)
            report.errors += 1
    if email_enabled():
        _send_emails(moment, should_stop, report)
    return report


def _send_emails(moment: datetime, should_stop: Callable[[], bool], report: Report) -> None:
    queue = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            due_at__lte=moment,
            due_at__gt=moment - EMAIL_WITHIN,
            user__email_reminders=True,
            user__is_active=True,
            # Only an address its owner confirmed by the link sent to it.
            user__email_confirmed=F("user__email"),
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("due_at", "pk")
    )
    for note in queue.iterator(chunk_size=200):
        if should_stop():
            report.stopped = True
            return
        if not claim_for_email(note.pk, moment):
            continue
        try:
            send_mail(
                f"Recouple: {note.title}",
                f"{note.text}{FOOTER}",
                None,
                [note.user.email],
            )
        except OSError as exc:
            # Leave it claimed; after the stale time another run tries again.
            log.warning("reminder email %s not sent: %s", note.pk, type(exc).__name__)
            report.failed += 1
            continue
        except Exception as exc:
            # A note that can't become an email (a bad header, say) is this user's problem
            # alone: mark it handled so it is not tried again, and go on with the others.
            log.error("reminder email %s can't be built: %s", note.pk, type(exc).__name__)
            Notification.objects.filter(pk=note.pk).update(emailed_at=now())
            report.errors += 1
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=now())
        report.emailed += 1
