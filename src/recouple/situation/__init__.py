"""One reading of where a user stands, across the apps, for everything that needs it.

`UserSituation` reads the user's records once, lazily, in a fixed handful of queries whatever
the length of their history (the latest report, their no-contact periods, the slips of one
period, the outreach, whether an inventory exists), and builds from them the pure objects the
rules take: the path's `Progress` (and so the `Path`), the coach's `Context`, the reminders'
`Situation`. Pages get it from the request (`recouple.core.situation.situation_of`), the
`remind` command and the calendar feed make one per user.

Layering: this package reads the feature apps' records and sits above them; the path, the
dashboard, the reminders and the public pages sit above it. A feature app never imports it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any, cast

from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.utils.timezone import now

from recouple import coach
from recouple.accounts.models import User
from recouple.amends.models import InventoryEntry
from recouple.assessment.models import Report
from recouple.core.situation import situation_of
from recouple.journal.models import Entry
from recouple.nocontact.models import CheckIn, Letter, Period
from recouple.program import nocontact as nocontact_rules
from recouple.program import reminders as reminder_rules
from recouple.program.path import Path, Progress, Reply, path
from recouple.program.readiness import Outcome
from recouple.reconnect.models import Outreach, TheirMessage

# Letters whose reopening day passed longer ago than this no longer make a reminder.
LETTER_LOOKBACK_DAYS = 60


class UserSituation:
    """Where ``user`` stands at ``moment`` (now by default), read on first use and kept.

    One object lives for one request (or one user's turn in `recouple remind`): what it read
    is not refreshed, so a write followed by a read in the same request makes a new one.
    """

    def __init__(self, user: User, moment: datetime | None = None) -> None:
        self.user = user
        self.moment = moment or now()

    def fresh(self) -> UserSituation:
        """The same user's situation read again from now (after a write)."""
        return UserSituation(self.user)

    # What is read, once each.

    @cached_property
    def local_now(self) -> datetime:
        return self.moment.astimezone(self.user.zone())

    @property
    def today(self) -> date:
        return self.local_now.date()

    @cached_property
    def report(self) -> Report | None:
        return Report.objects.filter(user=self.user).order_by("-created", "-pk").first()

    @cached_property
    def _periods(self) -> list[Period]:
        """The latest period and the one going on now (usually the same row), in one query."""
        latest = Period.objects.filter(user=self.user).values("pk")[:1]
        return list(
            Period.objects.filter(user=self.user).filter(
                Q(ended_on__isnull=True) | Q(pk=Subquery(latest))
            )
        )

    @property
    def period(self) -> Period | None:
        """The latest period, going on or ended."""
        return self._periods[0] if self._periods else None

    @property
    def active_period(self) -> Period | None:
        """The period going on now, if any."""
        return next((p for p in self._periods if p.ended_on is None), None)

    @property
    def no_contact_active(self) -> bool:
        return self.active_period is not None

    @cached_property
    def _summaries(self) -> dict[int, dict[str, Any]]:
        return {}

    def period_summary(self, period: Period) -> dict[str, Any]:
        """A period's day counts today, its slips read once per request."""
        if period.pk not in self._summaries:
            self._summaries[period.pk] = period.summary(self.today)
        return self._summaries[period.pk]

    @cached_property
    def outreach(self) -> Outreach | None:
        """The one outreach, knowing whether they have written since it was sent."""
        since = TheirMessage.objects.filter(user=OuterRef("user"), at__gte=OuterRef("sent_at"))
        return (
            Outreach.objects.filter(user=self.user)
            .defer("message")
            .annotate(they_wrote_since=Exists(since))
            .first()
        )

    @cached_property
    def inventory_written(self) -> bool:
        return InventoryEntry.objects.filter(user=self.user).exists()

    @cached_property
    def checked_in_today(self) -> bool:
        """A journal entry or a boundary check-in today: one query."""
        day = self.today
        entry = Entry.objects.filter(user=self.user, day=day)
        return CheckIn.objects.filter(user=self.user, day=day).exists() or entry.exists()

    # What the rules take.

    def progress(self) -> Progress:
        return self._progress

    @cached_property
    def _progress(self) -> Progress:
        report, period, outreach = self.report, self.period, self.outreach
        return Progress(
            outcome=Outcome(report.outcome) if report else None,
            safety_concern=bool(report and report.safety_concern),
            no_contact_started=period is not None,
            no_contact_complete=bool(period and self.period_summary(period)["complete"]),
            inventory_written=self.inventory_written,
            outreach_sent=bool(outreach and outreach.sent),
            reply=outreach.reply if outreach else None,
            days_since_outreach=(
                outreach.days_since_sent(self.today, self.user.zone()) if outreach else None
            ),
            wants_friendship_anyway=outreach.wants_friendship_anyway if outreach else None,
        )

    @cached_property
    def _path(self) -> Path:
        return path(self.progress())

    def path(self) -> Path:
        return self._path

    def coach_context(self, kind: str = "message") -> coach.Context:
        """What the coach should know about where the user stands.

        No contact holds messages until it is complete; after that only the one outreach is
        open, and after it only replies to them. A closed outreach holds everything.
        """
        period = self.active_period
        day = None
        holding = False
        if period is not None:
            summary = self.period_summary(period)
            day = summary["contact"].current
            holding = not summary["complete"]
        outreach = self.outreach
        # Once they've said they're open, or written back, talking is theirs to continue too.
        replying = bool(
            outreach
            and outreach.sent_at
            and not outreach.locked
            and (outreach.answer == Reply.OPEN or getattr(outreach, "they_wrote_since", False))
        )
        return coach.Context(
            kind="journal" if kind == "journal" else "message",
            no_contact_active=holding,
            no_contact_day=day,
            outreach_sent=bool(outreach and outreach.sent),
            outreach_locked=bool(outreach and outreach.locked),
            limited_contact=bool(period and period.limited_contact),
            replying=replying,
        )

    def letters(self, first: date, last: date | None = None) -> tuple[tuple[str, date, date], ...]:
        """Letters reopening from ``first`` (to ``last``), as the reminder rules see them."""
        found = Letter.objects.filter(user=self.user, reopen_on__gte=first)
        if last is not None:
            found = found.filter(reopen_on__lte=last)
        rows = found.values_list("written_at", "reopen_on")
        return tuple(letter_facts(self.user, written, reopen) for written, reopen in rows)

    def run_start(self) -> date | None:
        """The first day of the contact-free run going on now (tomorrow, after a slip today),
        if no contact is going on."""
        period = self.active_period
        if period is None:
            return None
        return nocontact_rules.run_start(self.today, self.period_summary(period)["contact"].current)

    def reminders(self) -> reminder_rules.Situation:
        """Everything the reminder rules need, at this situation's moment."""
        period = self.active_period
        current = self.period_summary(period)["contact"].current if period else 0
        return reminder_rules.Situation(
            now=self.local_now,
            reminder_time=self.user.reminder_time,
            checked_in_today=self.checked_in_today,
            period_started=period.started_on if period else None,
            run_start=self.run_start() if current else None,
            current_run=current,
            letters=self.letters(self.today - timedelta(days=LETTER_LOOKBACK_DAYS), self.today),
            # What is stored is always neutral: a note adds a name when it is shown.
            ex_name=None,
        )


def letter_facts(user: User, written: datetime, reopen: date) -> tuple[str, date, date]:
    """A letter as the reminder rules see it, named by the moment it was written."""
    return (f"{written.timestamp():.6f}", written.astimezone(user.zone()).date(), reopen)


def for_request(request: HttpRequest) -> UserSituation:
    """The request's situation (see `SituationMiddleware`), for the layers above this one."""
    return cast(UserSituation, situation_of(request))
