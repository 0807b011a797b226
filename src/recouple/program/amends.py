"""Step 2's rule for the inventory: an entry counts only when it is about the writer's own actions.

"She cheated on me" is real and it hurt, but it is their part, not yours; the inventory is where
you look at what *you* did. An entry counts when the writer is the one acting in it (I did, I
didn't, my temper), or when it leaves the I unsaid ("Yelled at them") and the coach reads it
as owning something or at least not as a charge against them. An entry where they act and
the writer doesn't ("She cheated on me") never counts, whatever else the coach reads. The
coach's reading comes in as two booleans, so this stays pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The writer acting: I, I'm, I've…, myself, or "my" something of theirs (not "my ex").
_PEOPLE = (
    r"ex|partner|girlfriend|boyfriend|gf|bf|wife|husband|fiance|fiancee|fiancé|fiancée|"
    r"spouse|date|other half"
)
_MINE = re.compile(
    r"\b(i|i'm|im|i've|ive|i'd|i'll|myself|mine)\b|\bmy\b(?!\s+(?:" + _PEOPLE + r")\b)",
    re.IGNORECASE,
)
# A first word that is a verb with the I left out: "Yelled at her", "Never listened",
# "Kept checking", "Didn't call", "Drinking too much".
_IMPLIED_I = re.compile(
    r"^\s*(?:(?:never|always|often|sometimes|constantly|kept|stopped|not|didn't|didnt|"
    r"wasn't|wasnt|was|wouldn't|couldn't|refused|let|made|took|gave|left|said|told|lied|"
    r"forgot|broke|put|went|ran|shut|hid|spent|got|chose|stayed|drank|read|kept|set)\b|"
    r"[a-z]+(?:ed|ing)\b)",
    re.IGNORECASE,
)
# Someone else first: she/he/they/you/my ex/a name does the acting in the sentence.
_THEM_FIRST = re.compile(
    r"^\s*(?:she|he|they|you|u|her|his|their|your|them|him|my\s+(?:" + _PEOPLE + r"))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EntryReading:
    counts: bool
    # Why an entry doesn't count, in a few kind words for the page ("" when it counts).
    why_not: str = ""


ONLY_ABOUT_THEM = (
    "This one describes what they did. That may be true, and it may still hurt. The "
    "inventory is for your own part, so it doesn’t open the next step. Try writing what you "
    "did, starting with “I”."
)


def _normal(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").strip()


def about_own_actions(what_i_did: str, *, blame: bool, accountability: bool) -> bool:
    """Whether ``what_i_did`` is about the writer's own actions (see the module's docstring)."""
    text = _normal(what_i_did)
    if not text:
        return False
    if _MINE.search(text):
        return True
    if _THEM_FIRST.match(text):
        return False  # they act first and the writer not at all, whatever the coach guessed
    if accountability:
        return True
    if blame:
        return False
    return bool(_IMPLIED_I.match(text))


def read_entry(what_i_did: str, *, blame: bool, accountability: bool) -> EntryReading:
    if about_own_actions(what_i_did, blame=blame, accountability=accountability):
        return EntryReading(True)
    return EntryReading(False, ONLY_ABOUT_THEM)


def inventory_counts(readings: list[EntryReading] | tuple[EntryReading, ...]) -> bool:
    """The inventory is written once one entry is about the writer's own part."""
    return any(r.counts for r in readings)
