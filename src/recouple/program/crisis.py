"""Where to turn right now, by the country the user lives in.

The lines are kept as data in ``crisis_lines.json`` beside this module: national lines a
person can reach free, each with the page it was taken from and the day it was checked.
Anywhere else (or when the country is unknown) the international directory lists the local
lines, so a crisis card is never empty. Every surface (the Help page, the card beside a
journal entry or a draft, the API) shows the same numbers from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from recouple.program.countries import country_names

DATA_FILE = "crisis_lines.json"
ELSEWHERE = "Somewhere else, or I’d rather not say"


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str
    phone: str | None
    text: str | None
    url: str | None
    # The word to send by text, when the line asks for one ("SHOUT" to 85258).
    text_word: str | None = None
    hours: str | None = None
    languages: tuple[str, ...] = ()
    source: str = ""
    checked: date | None = None

    @property
    def dial(self) -> str:
        """The number as a ``tel:`` link wants it: digits (and a leading +) only."""
        return _digits(self.phone)

    @property
    def sms(self) -> str:
        """The number as an ``sms:`` link wants it."""
        return _digits(self.text)


def _digits(number: str | None) -> str:
    if not number:
        return ""
    return "".join(c for c in number if c.isdigit() or (c == "+" and number.startswith("+")))


def _line(entry: dict[str, Any]) -> CrisisLine:
    return CrisisLine(
        name=entry["name"],
        how=entry["how"],
        phone=entry["phone"],
        text=entry["text"],
        url=entry["url"],
        text_word=entry["text_word"],
        hours=entry["hours"],
        languages=tuple(entry["languages"] or ()),
        source=entry["source"],
        checked=date.fromisoformat(entry["checked"]),
    )


def raw_data() -> dict[str, Any]:
    text = resources.files("recouple.program").joinpath(DATA_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _load() -> tuple[CrisisLine, dict[str, tuple[CrisisLine, ...]]]:
    data = raw_data()
    lines = {
        code: tuple(_line(entry) for entry in entries)
        for code, entries in data["countries"].items()
    }
    return _line(data["international"]), lines


def international() -> CrisisLine:
    return _load()[0]


def countries_with_lines() -> frozenset[str]:
    return frozenset(_load()[1])


@cache
def countries() -> list[tuple[str, str]]:
    """The places a user can choose, by name, after the one choice for everyone else."""
    by_name = sorted(country_names().items(), key=lambda item: item[1])
    return [("", ELSEWHERE), *by_name]


def known_country(code: str) -> bool:
    return code == "" or code in country_names()


def lines_for(country: str) -> list[CrisisLine]:
    """The local lines first when there are any, and always the international directory."""
    directory, lines = _load()
    return [*lines.get((country or "").upper(), ()), directory]
