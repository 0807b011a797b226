"""Reminders: notes shown in the app (and sent by email when the user asks), and the private
calendar feed.

A note is made once per key (``checkin:2026-11-27``, ``letter:12``…): a unique constraint,
not a check-then-insert, keeps two `recouple remind` processes from making it twice, and an
email is claimed with a conditional update before it is sent, so only one of them sends it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, connection, models, transaction
from django.http import HttpRequest
from django.utils.timezone import now

from recouple.accounts.models import User, owned_or_404
from recouple.core import sql
from recouple.core.fields import EncryptedTextField
from recouple.core.tokens import HashedToken
from recouple.program import reminders as rules
from recouple.situation import UserSituation

KIND_CHOICES = [(k.value, k.value) for k in rules.Kind]
# A claim older than this belongs to a process that died mid-send: another may take it.
STALE_CLAIM = timedelta(minutes=10)
# Reminders are about today: one that couldn't be emailed within this long stays in the app.
EMAIL_WITHIN = timedelta(hours=12)
# The notes a page reads with the rest (`recent_keys_query`): nearly every note the rules plan
# is due within this (a letter's up to 60 days back); any other is looked up on its own.
RECENT_NOTES = timedelta(days=62)


class Notification(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    # With quiet mode off a body may hold the ex's name: encrypted like everything private.
    title = EncryptedTextField()
    body = EncryptedTextField()
    due_at = models.DateTimeField()
    created = models.DateTimeField(default=now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="one_note_per_key"),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="note_user_unread"),
            # The notes due lately, which Today reads on every visit (`recent_keys_query`).
            models.Index(fields=["user", "due_at"], name="note_user_due"),
            models.Index(fields=["emailed_at", "due_at"], name="note_email_queue"),
        ]

    def __str__(self) -> str:
        return f"note {self.pk} ({self.kind})"

    @property
    def text(self) -> str:
        """The body as it reads now. Stored bodies never name the ex; a milestone names them
        only while the user has quiet mode off, so turning it on takes the name out at once."""
        if self.kind == rules.Kind.MILESTONE.value:
            milestone = self.key.rsplit(":", 1)[-1]
            if milestone.isdigit():
                return rules.milestone_text(int(milestone), self.user.name_in_notes())[1]
        return str(self.body)


class CalendarFeed(HashedToken[User], models.Model):
    """A secret address for the user's own calendar app. Only its hash is stored."""

    user = models.OneToOneField(User, models.CASCADE, related_name="calendar_feed")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=now)
    last_used = models.DateTimeField(null=True, blank=True)

    PREFIX = "cal_"

    def __str__(self) -> str:
        return f"calendar feed of user {self.user_id}"

    @classmethod
    def issue(cls, user: User) -> str:
        """A new secret address; any earlier one stops working at once."""
        token = cls.new_token()
        with transaction.atomic():
            cls.objects.filter(user=user).delete()
            cls.objects.create(user=user, digest=cls.hash(token))
        return token


def make_due_notes(
    user: User,
    moment: datetime | None = None,
    situation: UserSituation | None = None,
    known: set[str] | None = None,
) -> int:
    """Create the notes that are due for ``user``; returns how many were new. Idempotent.

    A page passes the request's situation, so what it read is read once, and the keys of the
    notes it read already (``known``, from `recent_keys_query`): only a planned note not
    among them is looked up."""
    situation = situation or UserSituation(user, moment)
    moment = situation.moment
    planned = rules.plan(situation.reminders())
    existing = set(known or ())
    keys = [n.key for n in planned if n.key not in existing]
    if not keys:
        return 0
    key = connection.ops.quote_name("key")
    existing |= {
        key
        for (key,) in sql.rows(
            f"SELECT {key} FROM {sql.table(Notification)}"
            f" WHERE user_id = %s AND {key} IN ({sql.placeholders(keys)})",
            [user.pk, *keys],
        )
    }
    made = 0
    for note in planned:
        if note.key in existing:
            continue
        try:
            with transaction.atomic():
                Notification.objects.create(
                    user=user,
                    key=note.key,
                    kind=note.kind.value,
                    title=note.title,
                    body=note.body,
                    due_at=note.due,
                    created=moment,
                )
            made += 1
        except IntegrityError:
            # Another process made it a moment ago: that's the one.
            continue
    return made


def recent_keys_query(user: User, moment: datetime) -> sql.Read[set[str]]:
    """The keys of the user's notes due from `RECENT_NOTES` before ``moment``."""
    return sql.Read(
        f"SELECT {connection.ops.quote_name('key')} FROM {sql.table(Notification)}"
        " WHERE user_id = %s AND due_at >= %s",
        [user.pk, sql.moment_param(moment - RECENT_NOTES)],
        lambda found: {key for (key,) in found},
    )


def claim_for_email(note_id: int, moment: datetime) -> bool:
    """Take one note's email for this process; False if another process has it."""
    claimed = (
        Notification.objects.filter(pk=note_id, emailed_at__isnull=True)
        .filter(
            models.Q(email_claimed_at__isnull=True)
            | models.Q(email_claimed_at__lt=moment - STALE_CLAIM)
        )
        .update(email_claimed_at=moment)
    )
    return claimed == 1


def for_user(user: User, *, unread_only: bool = False, limit: int = 50) -> list[Notification]:
    """The user's notes that are due, newest first, each knowing its user (no extra query).

    In SQL (see core.sql): Today shows the unread ones on every visit."""
    return sql.run(for_user_query(user, unread_only=unread_only, limit=limit))


def for_user_query(
    user: User, *, unread_only: bool = False, limit: int = 50
) -> sql.Read[list[Notification]]:
    unread_only_sql = " AND read_at IS NULL" if unread_only else ""
    select, make = sql.columns(Notification)

    def notes(found: sql.Rows) -> list[Notification]:
        made = make(found)
        for note in made:
            note.user = user
        return made

    return sql.Read(
        f"SELECT {select} FROM {sql.table(Notification)}"
        f" WHERE user_id = %s AND due_at <= %s{unread_only_sql}"
        " ORDER BY due_at DESC, id DESC LIMIT %s",
        [user.pk, sql.moment_param(now()), limit],
        notes,
    )


def unread(user: User, limit: int = 5) -> list[Notification]:
    return for_user(user, unread_only=True, limit=limit)


def unread_query(user: User, limit: int = 5) -> sql.Read[list[Notification]]:
    return for_user_query(user, unread_only=True, limit=limit)


def get_note_for_user(request: HttpRequest, pk: int) -> Notification:
    return owned_or_404(Notification, request, pk)
