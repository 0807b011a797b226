"""One reading of where a user stands, across the apps, for everything that needs it.

`UserSituation` reads the user's records once, lazily, in a fixed handful of queries whatever
the length of their history (the latest report, their no-contact periods, the slips of one
period, the outreach, whether the inventory has an entry that counts), and builds from them the
pure objects the rules take: the path's `Progress` (and so the `Path`), the coach's `Context`,
the reminders' `Situation`. Pages get it from the request
(`recouple.core.situation.situation_of`), the `remind` command and the calendar feed make one
per user.

Layering: this package reads the feature apps' records and sits above them; the path, the
dashboard, the reminders and the public pages sit above it. A feature app never imports it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any, cast

from django.db import connection
from django.http import HttpRequest
from django.utils.timezone import now

from recouple import coach
from recouple.accounts.models import User
from recouple.amends.models import InventoryEntry
from recouple.assessment.models import Assessment, Report
from recouple.core import sql
from recouple.core.situation import CORE, Part, situation_of
from recouple.core.sql import moment as _when
from recouple.core.sql import table as _table
from recouple.growth import models as growth_models
from recouple.growth.models import Check, Habit
from recouple.journal.models import Entry
from recouple.nocontact.models import (
    CheckIn,
    Contact,
    HardHourReminder,
    Letter,
    Period,
    Urge,
    hard_days_query,
)
from recouple.program import growth as growth_rules
from recouple.program import harddays as hard_rules
from recouple.program import nocontact as nocontact_rules
from recouple.program import reminders as reminder_rules
from recouple.program.path import Path, Progress, Reply, Together, path, reads_as_reply
from recouple.program.readiness import EndedBy, Outcome
from recouple.reconnect.models import NewRelationship, Outreach, Reunion, TheirMessage

# The urges read with the situation: those the hard-hour cluster looks at.
URGE_DAYS = hard_rules.CLUSTER_WINDOW_DAYS
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

    # Each part is one query, read on first use. The first reading takes the core parts (the
    # facts, the periods and their slips) together, with whatever else the page asks for in
    # `read_with`: one round trip (see core.sql.run_all).

    @cached_property
    def _got(self) -> dict[Part, Any]:
        return {}

    def read_with(
        self, reads: Sequence[sql.Read[Any]] = (), parts: Sequence[Part] = ()
    ) -> list[Any]:
        """What ``reads`` make, read together with the parts of the situation not read yet
        (the core ones, and ``parts``)."""
        got = self._got
        wanted = [part for part in dict.fromkeys((*CORE, *parts)) if part not in got]
        found = sql.run_all([self._query(part) for part in wanted] + list(reads))
        got.update(zip(wanted, found, strict=False))
        return found[len(wanted) :]

    def _part(self, part: Part) -> Any:
        if part not in self._got:
            self.read_with(parts=(part,))
        return self._got[part]

    def _query(self, part: Part) -> sql.Read[Any]:
        user, today = self.user.pk, self.today
        if part == "facts":
            return facts_query(user, today)
        if part == "report":
            return report_query(user)
        if part == "outreach":
            return outreach_query(user)
        if part == "periods":
            return _periods_query(user)
        if part == "hard_days":
            days = hard_days_query(self.user)
            return sql.Read(
                days.sql,
                days.params,
                lambda found: [
                    (d.key_name, d.day, d.yearly, str(d.label)) for d in days.make(found)
                ],
            )
        if part == "urges":
            first = today - timedelta(days=URGE_DAYS - 1)
            # Only their local weekday and hour count: whole seconds say them exactly.
            at = sql.epoch_seconds(connection.ops.quote_name("at"))
            return sql.Read(
                f"SELECT {sql.day_column('day')}, {at}, passed FROM {_table(Urge)}"
                " WHERE user_id = %s AND day >= %s",
                [user, sql.day_param(first)],
                lambda found: [(sql.day(day), at, bool(passed)) for day, at, passed in found],
            )
        if part == "habit_reminders":
            return self._habit_reminders_query()
        assert part == "reminder_letters"
        return self._letters_query(today - timedelta(days=LETTER_LOOKBACK_DAYS), today)

    @cached_property
    def _facts(self) -> dict[str, Any]:
        """The latest report, the outreach, who ended it, whether an inventory entry counts
        and they have written since the outreach, …: three small queries, read together."""
        return {**self._part("report"), **self._part("outreach"), **self._part("facts")}

    @property
    def outcome(self) -> Outcome | None:
        """The latest readiness report's outcome, if there is one."""
        outcome = self._facts["outcome"]
        return Outcome(outcome) if outcome else None

    @property
    def _periods(self) -> list[Period]:
        """The latest period and the one going on now (usually the same row)."""
        periods: list[Period] = self._part("periods")[0]
        return periods

    @property
    def period(self) -> Period | None:
        """The latest period, going on or ended."""
        return self._periods[0] if self._periods else None

    @property
    def active_period(self) -> Period | None:
        """The period going on now, if any."""
        return next((p for p in self._periods if p.ended_on is None), None)

    @cached_property
    def _summaries(self) -> dict[int, dict[str, Any]]:
        return {}

    def slip_days(self, period: Period) -> dict[str, list[date]]:
        """A period's slip days by counter (the latest and the active period's are read with
        the situation; another's in one query of its own)."""
        if period.pk in {p.pk for p in self._periods}:
            slips: dict[int, dict[str, list[date]]] = self._part("periods")[1]
            return slips.get(period.pk) or _no_slips()
        return period.slip_days()

    def period_summary(self, period: Period) -> dict[str, Any]:
        """A period's day counts today."""
        if period.pk not in self._summaries:
            self._summaries[period.pk] = period.summary(self.today, self.slip_days(period))
        return self._summaries[period.pk]

    @cached_property
    def outreach(self) -> Outreach | None:
        """The one outreach as the rules see it, made from the facts (its message is not read
        here, and this copy is never saved)."""
        facts = self._facts
        if not facts["outreach_exists"]:
            return None
        return Outreach(
            user=self.user,
            sent_at=facts["sent_at"],
            answer=facts["answer"],
            locked=bool(facts["locked"]),
            wants_friendship_anyway=facts["wants_friendship_anyway"],
        )

    @property
    def they_wrote_since(self) -> bool:
        """They have written since the outreach was sent."""
        return bool(self._facts["they_wrote_since"])

    @property
    def inventory_written(self) -> bool:
        """An inventory entry about the user's own actions exists (one only about them
        doesn't count)."""
        return bool(self._facts["inventory_written"])

    @property
    def ended_by(self) -> EndedBy | None:
        """Who ended it, as the assessment has it now (None when not said)."""
        found = self._facts["ended_by"]
        return EndedBy(found) if found else None

    @property
    def they_reached_out(self) -> bool:
        """They wrote first at some point (logged as a message from them, or a contact they
        started that was not about logistics)."""
        return bool(self._facts["they_reached_out"])

    @property
    def they_wrote_since_lock(self) -> bool:
        """After a final answer, they have written since."""
        return bool(self._facts["they_wrote_since_lock"])

    @property
    def together(self) -> Together | None:
        found = self._facts["reunion"]
        return Together(found) if found else None

    @property
    def report_created(self) -> datetime | None:
        """When the latest readiness report was made."""
        return cast("datetime | None", self._facts["report_created"])

    @property
    def checked_in_today(self) -> bool:
        """A journal entry or a boundary check-in today."""
        return bool(self._facts["checked_in_today"])

    # What the rules take.

    def progress(self) -> Progress:
        return self._progress

    @cached_property
    def _progress(self) -> Progress:
        period, outreach = self.period, self.outreach
        summary = self.period_summary(period) if period else None
        complete = bool(summary and summary["complete"])
        report = self.report_created
        completed_on = summary["completed_on"] if summary else None
        return Progress(
            outcome=self.outcome,
            safety_concern=bool(self._facts["safety_concern"]),
            no_contact_started=period is not None,
            no_contact_complete=complete,
            no_contact_ended_early=bool(period and period.ended_on is not None and not complete),
            report_predates_no_contact=bool(
                report is not None
                and completed_on is not None
                and report.astimezone(self.user.zone()).date() < completed_on
            ),
            they_reached_out=self.they_reached_out,
            their_new_relationship=bool(self._facts["new_relationship"]),
            together=self.together,
            inventory_written=self.inventory_written,
            outreach_sent=bool(outreach and outreach.sent),
            reply=outreach.reply if outreach else None,
            days_since_outreach=(
                outreach.days_since_sent(self.today, self.user.zone()) if outreach else None
            ),
            wants_friendship_anyway=outreach.wants_friendship_anyway if outreach else None,
            accept_no_first=bool(self._facts["accept_no_first"]),
        )

    @cached_property
    def _path(self) -> Path:
        return path(self.progress())

    def path(self) -> Path:
        return self._path

    def may_reply(self) -> bool:
        """There is a message of theirs to answer (`program.path.reads_as_reply`)."""
        outreach = self.outreach
        return reads_as_reply(
            self.progress(),
            asked=True,
            they_wrote_since=(
                self.they_wrote_since_lock
                if outreach is not None and outreach.locked
                else self.they_wrote_since
            ),
        )

    def coach_context(self, kind: str = "message") -> coach.Context:
        """What the coach should know about where the user stands.

        No contact holds messages until it is complete; after that only the one outreach is
        open, and after it only replies to them. A closed outreach holds everything but an
        answer to a message they sent since. ``kind`` "reply" asks for a draft to be read as an
        answer to them (`program.path.reads_as_reply` says whether it may be).
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
            and (outreach.answer == Reply.OPEN or self.they_wrote_since)
        ) or (kind == "reply" and self.may_reply())
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
        return sql.run(self._letters_query(first, last))

    def _letters_query(
        self, first: date, last: date | None = None
    ) -> sql.Read[tuple[tuple[str, date, date], ...]]:
        query = f"SELECT written_at, reopen_on FROM {_table(Letter)} WHERE user_id = %s"
        query += " AND reopen_on >= %s" + ("" if last is None else " AND reopen_on <= %s")
        bounds = [first] if last is None else [first, last]
        user = self.user
        return sql.Read(
            query,
            [user.pk, *map(sql.day_param, bounds)],
            lambda found: tuple(
                letter_facts(user, cast(datetime, sql.moment(written)), sql.day(reopen))
                for written, reopen in found
            ),
        )

    def urge_days(self, first: date) -> list[date]:
        """The days of the urges logged from ``first`` to today, one per urge (no words)."""
        return list(
            Urge.objects.filter(user=self.user, day__gte=first, day__lte=self.today).values_list(
                "day", flat=True
            )
        )

    @property
    def _hard_days(self) -> list[tuple[str, date, bool, str]]:
        """(stable name, day, yearly, label) of each hard day: one query, the list is capped."""
        return cast(list[tuple[str, date, bool, str]], self._part("hard_days"))

    def hard_days_ahead(self) -> tuple[tuple[str, date, str | None], ...]:
        """Each hard day's next date, with its label only when quiet mode is off."""
        show = not self.user.quiet_mode
        found = []
        for name, day, yearly, label in self._hard_days:
            occurs = hard_rules.next_occurrence(day, yearly, self.today)
            if occurs is not None:
                found.append((name, occurs, label if show else None))
        return tuple(sorted(found, key=lambda row: row[1]))

    @property
    def hard_day_today(self) -> str | None:
        """The label of a hard day falling today, if there is one."""
        return next(
            (
                label
                for _n, day, yearly, label in self._hard_days
                if hard_rules.is_today(day, yearly, self.today)
            ),
            None,
        )

    @cached_property
    def urge_cluster(self) -> hard_rules.Cluster | None:
        """When the person's urges come most, from the recent urge log (one query, bounded by
        the window, however long the history)."""
        zone = self.user.zone()
        urges: list[tuple[date, int, bool]] = self._part("urges")
        return hard_rules.cluster(datetime.fromtimestamp(at, zone) for _day, at, _p in urges)

    def urges_by_day(self, first: date) -> dict[date, tuple[int, int]]:
        """Each day's urges from ``first`` (within the last `URGE_DAYS`) to today: how many,
        and how many passed."""
        if first < self.today - timedelta(days=URGE_DAYS - 1):
            raise ValueError(f"the situation reads the last {URGE_DAYS} days of urges")
        found: dict[date, tuple[int, int]] = {}
        today = self.today
        for day, _at, passed in self._part("urges"):
            if first <= day <= today:
                n, p = found.get(day, (0, 0))
                found[day] = (n + 1, p + passed)
        return found

    @property
    def hard_hour(self) -> tuple[int, int] | None:
        """(weekday, hour) of the reminder before the hard hour, if the person asked for it."""
        weekday, hour = self._facts["hard_hour_weekday"], self._facts["hard_hour"]
        return None if weekday is None or hour is None else (int(weekday), int(hour))

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
            letters=self._part("reminder_letters"),
            # What is stored is always neutral: a note adds a name when it is shown.
            ex_name=None,
            hard_days=self.hard_days_ahead(),
            hard_hour=self.hard_hour,
            habits=self.habit_reminders(),
        )

    def habit_reminders(self) -> tuple[tuple[str, str, time], ...]:
        """Habits with a reminder time, due today and not yet done or skipped today (one
        query): part of a measured habit still leaves the rest to remind of."""
        return cast(tuple[tuple[str, str, time], ...], self._part("habit_reminders"))

    def keep_habit_reminders(self, habits: list[Habit], marks: growth_models.Marks) -> None:
        """Work out `habit_reminders` from what a page read already: the active habits, in
        their order, and their marks (today's among them). The same as its query."""
        today, stop = self.today, (growth_rules.Mark.DONE, growth_rules.Mark.SKIPPED)
        self._got["habit_reminders"] = tuple(
            (habit.key_name, str(habit.name), habit.reminder_time)
            for habit in habits
            if habit.reminder_time is not None
            and not habit.archived
            and marks.get(habit.pk, {}).get(today) not in stop
            and growth_rules.is_due(habit.days, today)
        )

    def _habit_reminders_query(self) -> sql.Read[tuple[tuple[str, str, time], ...]]:
        today = self.today
        select, make = sql.columns(Habit, alias="h")

        def reminders(found: sql.Rows) -> tuple[tuple[str, str, time], ...]:
            return tuple(
                # Named by the moment it was made, like letters: the key survives an import.
                (habit.key_name, str(habit.name), habit.reminder_time)
                for habit in make(found)
                if habit.reminder_time is not None and growth_rules.is_due(habit.days, today)
            )

        return sql.Read(
            f"SELECT {select} FROM {_table(Habit)} h"
            " WHERE h.user_id = %s AND NOT h.archived AND h.reminder_time IS NOT NULL"
            f" AND NOT EXISTS (SELECT 1 FROM {_table(Check)} c WHERE c.habit_id = h.id"
            "  AND c.day = %s AND c.mark IN (%s, %s))"
            " ORDER BY h.created, h.id",
            [
                self.user.pk,
                sql.day_param(today),
                growth_rules.Mark.DONE.value,
                growth_rules.Mark.SKIPPED.value,
            ],
            reminders,
        )


def letter_facts(user: User, written: datetime, reopen: date) -> tuple[str, date, date]:
    """A letter as the reminder rules see it, named by the moment it was written."""
    return (f"{written.timestamp():.6f}", written.astimezone(user.zone()).date(), reopen)


def for_request(request: HttpRequest) -> UserSituation:
    """The request's situation (see `SituationMiddleware`), for the layers above this one."""
    return cast(UserSituation, situation_of(request))


def read_facts(user_id: int, today: date) -> dict[str, Any]:
    """The scalar facts of one user's situation besides their latest report and their
    outreach (`report_query`, `outreach_query`), whatever the length of their history."""
    return sql.run(facts_query(user_id, today))


def report_query(user_id: int) -> sql.Read[dict[str, Any]]:
    """What the latest readiness report says, if there is one."""
    return sql.Read(
        f"SELECT outcome, safety_concern, accept_no_first, created FROM {_table(Report)}"
        " WHERE user_id = %s ORDER BY created DESC, id DESC LIMIT 1",
        [user_id],
        _report_of,
    )


def _report_of(found: sql.Rows) -> dict[str, Any]:
    outcome, safety_concern, accept_no_first, created = found[0] if found else (None,) * 4
    return {
        "outcome": outcome or None,
        "safety_concern": bool(safety_concern),
        "accept_no_first": bool(accept_no_first),
        "report_created": _when(created),
    }


def outreach_query(user_id: int) -> sql.Read[dict[str, Any]]:
    """The one outreach, as far as the path needs it (its message is not read)."""
    return sql.Read(
        f"SELECT sent_at, answer, locked, wants_friendship_anyway FROM {_table(Outreach)}"
        " WHERE user_id = %s",
        [user_id],
        _outreach_of,
    )


def _outreach_of(found: sql.Rows) -> dict[str, Any]:
    sent_at, answer, locked, wants = found[0] if found else (None,) * 4
    return {
        "outreach_exists": bool(found),
        "sent_at": _when(sent_at),
        "answer": answer or "",
        "locked": bool(locked),
        "wants_friendship_anyway": None if wants is None else bool(wants),
    }


def facts_query(user_id: int, today: date) -> sql.Read[dict[str, Any]]:
    """The query of `read_facts`: one row of scalar subqueries.

    Written as SQL because the ORM took 6 ms to put these subqueries together for a query the
    database answers in 0.1 ms, on every page that shows the path. The report and the
    outreach are rows of their own (`report_query`, `outreach_query`): as a dozen subqueries
    of the same two rows, they cost PostgreSQL more to plan than everything else here."""
    outreach, inventory, their = _table(Outreach), _table(InventoryEntry), _table(TheirMessage)
    entry, checkin, hard_hour = _table(Entry), _table(CheckIn), _table(HardHourReminder)
    period, assessment = _table(Period), _table(Assessment)
    contact, new, reunion = _table(Contact), _table(NewRelationship), _table(Reunion)
    one_outreach = f"FROM {outreach} o WHERE o.user_id = %(user)s"
    query = (
        f"SELECT EXISTS (SELECT 1 FROM {inventory} i WHERE i.user_id = %(user)s AND i.counts),"
        f" EXISTS (SELECT 1 FROM {their} t WHERE t.user_id = %(user)s"
        f"  AND t.at >= (SELECT o.sent_at {one_outreach})),"
        f" EXISTS (SELECT 1 FROM {entry} e WHERE e.user_id = %(user)s AND e.day = %(day)s)"
        f"  OR EXISTS (SELECT 1 FROM {checkin} c WHERE c.user_id = %(user)s AND c.day = %(day)s),"
        f" (SELECT h.weekday FROM {hard_hour} h WHERE h.user_id = %(user)s),"
        f" (SELECT h.hour FROM {hard_hour} h WHERE h.user_id = %(user)s),"
        f" (SELECT a.ended_by FROM {assessment} a WHERE a.user_id = %(user)s),"
        f" EXISTS (SELECT 1 FROM {their} t WHERE t.user_id = %(user)s)"
        f"  OR EXISTS (SELECT 1 FROM {contact} k JOIN {period} p ON p.id = k.period_id"
        f"  WHERE p.user_id = %(user)s AND k.they_started AND NOT k.logistics),"
        f" EXISTS (SELECT 1 FROM {their} t WHERE t.user_id = %(user)s"
        f"  AND t.at >= (SELECT o.answered_at {one_outreach} AND o.locked)),"
        f" EXISTS (SELECT 1 FROM {new} n WHERE n.user_id = %(user)s AND n.over_on IS NULL),"
        f" (SELECT u.outcome FROM {reunion} u WHERE u.user_id = %(user)s)"
    )
    params = {"user": user_id, "day": sql.day_param(today)}
    return sql.Read(query, params, _facts_of)


def _facts_of(found: sql.Rows) -> dict[str, Any]:
    row = found[0]
    return {
        "inventory_written": bool(row[0]),
        "they_wrote_since": bool(row[1]),
        "checked_in_today": bool(row[2]),
        "hard_hour_weekday": row[3],
        "hard_hour": row[4],
        "ended_by": row[5] or None,
        "they_reached_out": bool(row[6]),
        "they_wrote_since_lock": bool(row[7]),
        "new_relationship": bool(row[8]),
        "reunion": row[9] or None,
    }


def _no_slips() -> dict[str, list[date]]:
    return {counter.value: [] for counter in nocontact_rules.Counter}


def _periods_query(
    user_id: int,
) -> sql.Read[tuple[list[Period], dict[int, dict[str, list[date]]]]]:
    """The latest period and the one going on now, each with its slip days by counter: a row
    per slip (a period without any, one row). Their reasons (encrypted) are not read here:
    the no-contact pages read their own."""
    exclude = ("reasons",)
    select, make = sql.columns(Period, exclude=exclude, alias="p")
    width = sum(1 for f in Period._meta.concrete_fields if f.name not in exclude)

    def periods_and_slips(
        found: sql.Rows,
    ) -> tuple[list[Period], dict[int, dict[str, list[date]]]]:
        rows: dict[int, tuple[Any, ...]] = {}
        slips: dict[int, dict[str, list[date]]] = {}
        for row in found:
            period, counter, day = row[0], row[width], row[width + 1]
            rows.setdefault(period, row[:width])
            if counter is not None:
                slips.setdefault(period, _no_slips())[counter].append(sql.day(day))
        return make(list(rows.values())), slips

    return sql.Read(
        f"SELECT {select}, c.counter, {sql.day_column('c.day')} FROM {_table(Period)} p"
        f" LEFT JOIN {_table(Contact)} c ON c.period_id = p.id AND c.is_slip"
        f" WHERE p.id IN ({_latest_and_active()}) ORDER BY p.started_on DESC, p.id DESC",
        [user_id, user_id],
        periods_and_slips,
    )


def _latest_and_active() -> str:
    """The ids of one user's (%s, twice) latest period and the one going on now, as an IN
    list of two subqueries."""
    period = _table(Period)
    latest = f"SELECT p.id FROM {period} p WHERE p.user_id = %s"
    order = " ORDER BY p.started_on DESC, p.id DESC LIMIT 1"
    return f"({latest}{order}), ({latest} AND p.ended_on IS NULL{order})"
