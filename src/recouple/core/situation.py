"""The person's situation as the pages see it: what every app may ask of it, and how to get it.

The situation is read by `recouple.situation`, which sits above the feature apps (it reads their
records); a feature's own page asks for it through the request, where `SituationMiddleware` puts
it, as Django's auth puts ``request.user``. So a feature app depends on this base only, never on
the layer that reads it, and every page of a request shares one reading (a handful of queries,
made on first use and kept for the rest of the request).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, Protocol, get_args

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from recouple import coach
from recouple.core.sql import Read
from recouple.program.path import Path, Progress
from recouple.program.readiness import EndedBy

# What a situation reads, one query each. The first reading always takes the core ones.
Part = Literal[
    "report",
    "outreach",
    "facts",
    "periods",
    "hard_days",
    "urges",
    "habit_reminders",
    "reminder_letters",
]
CORE: tuple[Part, ...] = ("report", "outreach", "facts", "periods")
EVERY_PART: tuple[Part, ...] = get_args(Part)


class Situation(Protocol):
    """Where one user stands across the program, as the pure objects the rules take."""

    @property
    def today(self) -> date: ...

    @property
    def ended_by(self) -> EndedBy | None: ...

    def progress(self) -> Progress: ...

    def path(self) -> Path: ...

    def may_reply(self) -> bool:
        """There is a message of theirs to answer: a draft called a reply is read as one."""
        ...

    def coach_context(self, kind: str = "message") -> coach.Context: ...

    def fresh(self) -> Situation: ...

    @property
    def hard_day_today(self) -> str | None:
        """The label of one of their hard days falling today, if there is one."""
        ...

    def read_with(self, reads: Sequence[Read[Any]] = (), parts: Sequence[Part] = ()) -> list[Any]:
        """What ``reads`` make, read in the same round trip as the situation's parts not read
        yet (the core ones, and ``parts``): a page's own reads join the situation's."""
        ...


def situation_of(request: HttpRequest) -> Situation:
    """The request user's situation, read once per request (see the module's docstring)."""
    found: Situation | None = getattr(request, "situation", None)
    if found is None:
        raise ImproperlyConfigured(
            "recouple.situation.middleware.SituationMiddleware is not in MIDDLEWARE"
        )
    return found


def reread_situation(request: HttpRequest) -> Situation:
    """After a write in this request: the situation read afresh, for the rest of it."""
    fresh = situation_of(request).fresh()
    request.situation = fresh  # type: ignore[attr-defined]
    return fresh
