"""No contact (step 1), boundaries (steps 5 and 7), urges and unsent letters.

Each event keeps the user's local calendar day it happened on, fixed when it is logged: a
later change of time zone never moves it to another day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.text import format_lazy
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from recouple.accounts.models import User, owned_or_404
from recouple.core import sql
from recouple.core.fields import EncryptedTextField
from recouple.program import harddays as hard_rules
from recouple.program import nocontact as rules

CHANNEL_CHOICES = [
    (rules.Channel.TEXT.value, _("Text or message")),
    (rules.Channel.CALL.value, _("Call")),
    (rules.Channel.EMAIL.value, _("Email")),
    (rules.Channel.IN_PERSON.value, _("In person")),
    (rules.Channel.SOCIAL_MEDIA.value, _("Looked at their social media")),
    (rules.Channel.OTHER.value, _("Something else")),
]
COUNTER_CHOICES = [(c.value, c.value) for c in rules.Counter]


class Boundary(models.TextChoices):
    NO_SEX = "no_sex", _("No sex, no “situationship”")
    NO_SOCIAL = "no_social", _("Stayed off their social media")


class PeriodQuerySet(models.QuerySet["Period"]):
    def active(self) -> PeriodQuerySet:
        return self.filter(ended_on__isnull=True)


class Period(models.Model):
    """A stretch of no contact with its target length and the user's own reasons."""

    user = models.ForeignKey(User, models.CASCADE, related_name="nocontact_periods")
    started_on = models.DateField()
    # The same bounds for the form, the API and an import: a model rule, checked by full_clean.
    target_days = models.PositiveSmallIntegerField(
        default=rules.DEFAULT_DAYS,
        validators=[
            MinValueValidator(
                rules.MINIMUM_DAYS,
                format_lazy(_("No contact lasts at least {days} days."), days=rules.MINIMUM_DAYS),
            ),
            MaxValueValidator(
                rules.MAXIMUM_DAYS,
                _("Please choose a year or less; you can start another after."),
            ),
        ],
    )
    reasons = EncryptedTextField(blank=True, default="")
    relationship_months = models.PositiveSmallIntegerField(null=True, blank=True)
    broke_before = models.BooleanField(default=False)
    blocked = models.BooleanField(default=False)
    told_them = models.BooleanField(default=False)
    limited_contact = models.BooleanField(default=False)
    ended_on = models.DateField(null=True, blank=True)
    created = models.DateTimeField(default=now)
    # Set on import: the first day that counts toward completing no contact here. A restored
    # period keeps its history, but the program's gate counts only days lived since it came
    # in, so an import never skips no contact.
    counts_from = models.DateField(null=True, blank=True, editable=False)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["user", "ended_on"], name="period_user_active")]

    def __str__(self) -> str:
        return f"no-contact period {self.pk}"

    @property
    def active(self) -> bool:
        return self.ended_on is None

    def last_day(self, today: date) -> date:
        return min(today, self.ended_on) if self.ended_on else today

    def slip_days(self) -> dict[str, list[date]]:
        """Each counter's slip days in one query."""
        days: dict[str, list[date]] = {c.value: [] for c in rules.Counter}
        found = sql.rows(
            f"SELECT counter, {sql.day_column('day')} FROM {sql.table(Contact)}"
            " WHERE period_id = %s AND is_slip",
            [self.pk],
        )
        for counter, day in found:
            days[counter].append(sql.day(day))
        return days

    def summary(self, today: date, slips: dict[str, list[date]] | None = None) -> dict[str, Any]:
        """The period's counts today; ``slips`` are its `slip_days`, when already read."""
        slips = self.slip_days() if slips is None else slips
        # The start day always counts, even if a move west puts "today" before it.
        end = max(self.started_on, self.last_day(today))
        contact = rules.runs(self.started_on, end, slips[rules.Counter.CONTACT])
        social = rules.runs(self.started_on, end, slips[rules.Counter.SOCIAL])
        counted = contact.current
        if self.counts_from is not None and self.counts_from > self.started_on:
            first = min(self.counts_from, end)
            counted = min(counted, rules.runs(first, end, slips[rules.Counter.CONTACT]).current)
        complete = rules.complete(counted, self.target_days)
        return {
            "contact": contact,
            "social": social,
            "complete": complete,
            # The day the run reached its target (complete periods only).
            "completed_on": (
                end - timedelta(days=counted - self.target_days) if complete else None
            ),
            "days_left": max(0, self.target_days - counted),
            "milestones": rules.milestones_reached(contact.current),
            "next_milestone": rules.next_milestone(contact.current),
            "progress_percent": min(100, round(100 * contact.current / self.target_days)),
        }


class Contact(models.Model):
    """Any contact with the ex, or a look at their social media; most of them are slips."""

    period = models.ForeignKey(Period, models.CASCADE, related_name="contacts")
    at = models.DateTimeField(default=now)
    day = models.DateField()
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES)
    they_started = models.BooleanField(default=False)
    replied = models.BooleanField(default=True)
    logistics = models.BooleanField(default=False)
    note = EncryptedTextField(blank=True, default="")
    counter = models.CharField(max_length=10, choices=COUNTER_CHOICES, editable=False)
    is_slip = models.BooleanField(default=True, editable=False)

    class Meta:
        ordering = ["-day", "-at", "-pk"]
        indexes = [models.Index(fields=["period", "is_slip", "day"], name="contact_period_slips")]

    def __str__(self) -> str:
        return f"contact {self.pk} ({self.channel})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        super().save(*args, **kwargs)

    def derive(self) -> None:
        """Work out the counter and whether it is a slip from the facts; never taken as given."""
        judged = rules.judge(
            rules.Channel(self.channel),
            they_started=self.they_started,
            replied=self.replied,
            logistics=self.logistics,
            limited_contact=self.period.limited_contact,
        )
        self.counter = judged.counter.value
        self.is_slip = judged.is_slip
        self.they_started, self.replied, self.logistics = (
            judged.they_started,
            judged.replied,
            judged.logistics,
        )


class Urge(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="urges")
    at = models.DateTimeField(default=now)
    day = models.DateField()
    intensity = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    trigger = EncryptedTextField(blank=True, default="")
    instead = EncryptedTextField(blank=True, default="")
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "day"], name="urge_user_day")]

    def __str__(self) -> str:
        return f"urge {self.pk} ({self.intensity}/10)"


class Letter(models.Model):
    """An unsent letter: written instead of a message, sealed until the day the user chose."""

    user = models.ForeignKey(User, models.CASCADE, related_name="letters")
    written_at = models.DateTimeField(default=now)
    body = EncryptedTextField()
    reopen_on = models.DateField()
    # The first moment of the reopen day where the user was when it was sealed. Fixed then:
    # a later change of time zone can't bring the day forward and open it early.
    opens_at = models.DateTimeField(null=True, editable=False)
    _sealed_for: date | None = None

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"letter {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive()
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Letter:
        letter = super().from_db(db, field_names, values)
        # The day opens_at was worked out for: a new reopen day gets a new moment.
        letter._sealed_for = letter.__dict__.get("reopen_on")
        return letter

    def derive(self) -> None:
        """The moment it opens, from the reopen day in the user's zone at sealing."""
        if self.opens_at is None or self._sealed_for not in (None, self.reopen_on):
            self.opens_at = datetime.combine(self.reopen_on, time(0), tzinfo=self.user.zone())
            self._sealed_for = self.reopen_on

    def sealed(self, today: date) -> bool:
        """Sealed until the reopen day has come both where the user is now and where they were
        when they sealed it, whichever is later."""
        return today < self.reopen_on or self.still_sealed

    @property
    def still_sealed(self) -> bool:
        return self.opens_at is not None and now() < self.opens_at

    @staticmethod
    def for_spreadsheet(row: dict[str, Any], today: date) -> dict[str, Any]:
        """A sealed letter's words stay sealed in the CSV export (made for reading); the JSON
        export keeps them, since restoring an account must bring the letter back whole."""
        reopen = date.fromisoformat(str(row["reopen_on"]))
        opens_at = datetime.fromisoformat(str(row["opens_at"])) if row.get("opens_at") else None
        if today < reopen or (opens_at is not None and now() < opens_at):
            return {**row, "body": str(_("(sealed until %(day)s)") % {"day": reopen.isoformat()})}
        return row

    @staticmethod
    def default_reopen(today: date) -> date:
        return today + timedelta(days=30)


class CheckIn(models.Model):
    """A daily yes/no on a boundary. A day without one is unknown, never a failure."""

    user = models.ForeignKey(User, models.CASCADE, related_name="checkins")
    day = models.DateField()
    boundary = models.CharField(max_length=10, choices=Boundary.choices)
    kept = models.BooleanField()
    at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-day", "boundary"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day", "boundary"], name="one_checkin_per_boundary_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"check-in {self.day} {self.boundary}"


def month_days(user: User, period: Period, first: date, today: date) -> list[rules.Day]:
    """Each day of the month that starts on ``first``, with its slips and urges (2 queries)."""
    last = rules.month_end(first)
    pairs = list(
        Contact.objects.filter(period=period, is_slip=True, day__range=(first, last)).values_list(
            "counter", "day"
        )
    )
    urges = Urge.objects.filter(user=user, day__range=(first, last)).values_list("day", flat=True)
    return rules.calendar_days(
        period.started_on,
        period.last_day(today),
        first,
        last,
        [d for c, d in pairs if c == rules.Counter.CONTACT],
        [d for c, d in pairs if c == rules.Counter.SOCIAL],
        urges,
    )


def local_day(user: User, moment: datetime) -> date:
    return moment.astimezone(user.zone()).date()


def checkins_today(
    user: User, today: date, looked_today: bool | None = None
) -> list[tuple[str, str, bool | None]]:
    """Each boundary with today's answer: True, False, or None for not answered yet.

    ``looked_today`` is whether a look at their social media is logged for today, when the
    caller knows it already (the Today page has read the period's slips); None reads it."""
    contact, period = sql.table(Contact), sql.table(Period)
    found = sql.run(checkins_query(user, today))
    if looked_today is None:
        looked_today = bool(
            sql.rows(
                f"SELECT 1 FROM {contact} c JOIN {period} p ON p.id = c.period_id"
                " WHERE p.user_id = %s AND c.day = %s AND c.channel = %s LIMIT 1",
                [user.pk, sql.day_param(today), rules.Channel.SOCIAL_MEDIA.value],
            )
        )
    return checkins_of(found, looked_today)


def checkins_query(user: User, today: date) -> sql.Read[dict[str, bool]]:
    """Today's answers, by boundary."""
    return sql.Read(
        f"SELECT boundary, kept FROM {sql.table(CheckIn)} WHERE user_id = %s AND day = %s",
        [user.pk, sql.day_param(today)],
        lambda found: {boundary: bool(kept) for boundary, kept in found},
    )


def checkins_of(answers: dict[str, bool], looked_today: bool) -> list[tuple[str, str, bool | None]]:
    """Each boundary with today's answer (see `checkins_today`)."""
    # A look at their social media logged for today already answers that question: the page
    # must not ask it as if nothing happened.
    found = dict(answers)
    if looked_today:
        found[Boundary.NO_SOCIAL.value] = False
    return [(b.value, str(b.label), found.get(b.value)) for b in Boundary]


def recent_letters_query(user: User, limit: int = 10) -> sql.Read[list[Letter]]:
    """The newest letters, without their words: the journal lists when each opens."""
    select, make = sql.columns(Letter, exclude=("body",))
    return sql.Read(
        f"SELECT {select} FROM {sql.table(Letter)} WHERE user_id = %s"
        " ORDER BY written_at DESC, id DESC LIMIT %s",
        [user.pk, limit],
        make,
    )


def active_period(user: User) -> Period | None:
    return Period.objects.active().filter(user=user).first()


def get_contact_for_user(request: HttpRequest, pk: int) -> Contact:
    return owned_or_404(Contact, request, pk, owner="period__user")


def get_urge_for_user(request: HttpRequest, pk: int) -> Urge:
    return owned_or_404(Urge, request, pk)


def get_letter_for_user(request: HttpRequest, pk: int) -> Letter:
    return owned_or_404(Letter, request, pk)


HARD_DAY_KIND_CHOICES = [(k.value, k.value) for k in hard_rules.Kind]
HARD_DAY_LABEL_LIMIT = 80


class HardDay(models.Model):
    """A day the person knows will hurt, marked ahead of time (once, or every year)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="hard_days")
    # Their own words ("our anniversary", a name): private, shown only to them.
    label = EncryptedTextField()
    kind = models.CharField(max_length=20, choices=HARD_DAY_KIND_CHOICES)
    day = models.DateField()
    yearly = models.BooleanField(default=True)
    created = models.DateTimeField(default=now)

    class Meta:
        ordering = ["day", "pk"]

    def __str__(self) -> str:
        return f"hard day {self.pk} ({self.kind})"

    def next_on(self, today: date) -> date | None:
        return hard_rules.next_occurrence(self.day, self.yearly, today)

    @property
    def key_name(self) -> str:
        """A stable name for reminders, the same after an export is imported elsewhere."""
        return f"{self.created.timestamp():.6f}"


class HardHourReminder(models.Model):
    """The person asked to be reminded an hour before the time of week their urges come most."""

    user = models.OneToOneField(User, models.CASCADE, related_name="hard_hour_reminder")
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    hour = models.PositiveSmallIntegerField(validators=[MaxValueValidator(23)])
    created = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"hard hour reminder of user {self.user_id}"


def hard_days_query(user: User) -> sql.Read[list[HardDay]]:
    """The person's hard days, in the order they were set (in SQL, see core.sql: the
    journal, Today and Pause read them on every visit)."""
    select, make = sql.columns(HardDay)
    return sql.Read(
        f"SELECT {select} FROM {sql.table(HardDay)} WHERE user_id = %s ORDER BY day, id",
        [user.pk],
        make,
    )


def hard_days_of(user: User, today: date) -> list[tuple[HardDay, date | None]]:
    """The person's hard days with their next date, soonest first (passed one-offs last)."""
    rows = [(d, d.next_on(today)) for d in sql.run(hard_days_query(user))]
    return sorted(rows, key=lambda row: (row[1] is None, row[1] or row[0].day, row[0].pk))


def hard_day_today(user: User, today: date) -> HardDay | None:
    """One of the person's hard days falling today, if any (read in one query)."""
    return next((d for d, on in hard_days_of(user, today) if on == today), None)


def get_hard_day_for_user(request: HttpRequest, pk: int) -> HardDay:
    return owned_or_404(HardDay, request, pk)
