"""Skip the patterns a text cannot match, before running them.

The coach runs a few hundred patterns over every draft. Most begin with a word from a short
list (``\\b(kill|hurt|cut) myself``): if no word of the text begins that way, the pattern
cannot match and is not run. The first words are read from each pattern's own parse, so the
gate is exact by construction: it only ever skips a pattern that has no way to match. A
pattern whose start can't be read (a class, a repeat) is always run.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# How much of each word the gate compares: longer is more selective, shorter keeps the index
# small. Prefixes longer than this are compared on their first ``STEM`` characters only,
# which can only let more patterns run, never fewer.
STEM = 5
WORD = re.compile(r"\w[\w']*")
_AT = _parser.AT
_LITERAL = _parser.LITERAL
_SUBPATTERN = _parser.SUBPATTERN
_BRANCH = _parser.BRANCH
_IN = _parser.IN


def _starts(items: Any, bounded: bool = False) -> set[str] | None:
    """The literal word beginnings every match of ``items`` starts with, or None.

    Only a literal right after ``\b`` begins a word; without one, a match could start in
    the middle of a word, and the gate would not know it.
    """
    found = {""}
    for op, av in items:
        if op is _AT and not any(found):
            bounded = bounded or av is _parser.AT_BOUNDARY
            continue
        if op is _LITERAL:
            if not bounded:
                return None
            char = chr(av)
            if not (char.isalnum() or (char == "'" and any(found))):
                break
            found = {s + char for s in found}
            continue
        if op in (_SUBPATTERN, _BRANCH) and not any(found):
            branches = [av[3]] if op is _SUBPATTERN else av[1]
            inner: set[str] = set()
            for branch in branches:
                starts = _starts(branch, bounded)
                if starts is None:
                    return None
                inner |= starts
            return inner
        break
    return found if all(found) else None


def starts_of(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """What any match of ``pattern`` begins with (as word beginnings), or None if unknown."""
    starts = _starts(_parser.parse(pattern.pattern))
    return frozenset(s[:STEM] for s in starts) if starts else None


def stems(norm: str) -> set[str]:
    """Every beginning (1 to STEM characters) of every word in the text."""
    found: set[str] = set()
    for word in WORD.findall(norm):
        found.update(word[:n] for n in range(1, min(len(word), STEM) + 1))
    return found


class Gated:
    """A pattern with the word beginnings it needs; ``may_match`` is false only when it can't."""

    __slots__ = ("pattern", "starts")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.starts = starts_of(pattern)

    def may_match(self, text_stems: set[str]) -> bool:
        return self.starts is None or not self.starts.isdisjoint(text_stems)
