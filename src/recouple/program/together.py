"""After they were open to talking: back together, or it didn't work out.

The program warns that if nothing changed, it ends the same way: so a couple back together
checks in on the old patterns (the reasons it ended, the changeable things the user hated,
the patterns behind their own part) and the app keeps a gentle watch for their return.
Nothing here is stored; the check-ins are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

CHECK_IN_EVERY_DAYS = 7  # a check-in on the old patterns, once a week
RELAPSE_WINDOW = 4  # the latest check-ins read together
RELAPSE_AT = 2  # this many "it's back" among them is worth a gentle word


class PatternState(StrEnum):
    BETTER = "better"
    SAME = "same"
    BACK = "back"


def check_in_due(last: date | None, today: date) -> bool:
    """A week since the last check-in (or none yet)."""
    return last is None or (today - last).days >= CHECK_IN_EVERY_DAYS


def relapse_watch(recent: Sequence[PatternState]) -> bool:
    """Whether the old patterns are coming back: at least `RELAPSE_AT` of the latest
    `RELAPSE_WINDOW` check-ins (newest first) say so. A signal to talk, never a verdict."""
    return sum(state is PatternState.BACK for state in recent[:RELAPSE_WINDOW]) >= RELAPSE_AT
