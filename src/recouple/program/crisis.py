"""Where to turn right now, by the country the user chose in their settings.

Lines are the national ones a person can reach free, day and night. Anywhere else the
international directory lists the local lines. Kept as plain data so every surface (a
page, a card beside a journal entry, the coach) shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str
    phone: str | None
    text: str | None
    url: str | None


INTERNATIONAL = CrisisLine(
    name="Find A Helpline",
    how="A free directory of crisis lines in more than 130 countries.",
    phone=None,
    text=None,
    url="https://findahelpline.com",
)

SAMARITANS = CrisisLine(
    name="Samaritans",
    how="Call free, any time, day or night.",
    phone="116 123",
    text=None,
    url="https://www.samaritans.org",
)

LINES: dict[str, CrisisLine] = {
    "US": CrisisLine(
        name="988 Suicide & Crisis Lifeline",
        how="Call or text 988, any time, day or night.",
        phone="988",
        text="988",
        url="https://988lifeline.org",
    ),
    "CA": CrisisLine(
        name="9-8-8 Suicide Crisis Helpline",
        how="Call or text 988, any time, day or night.",
        phone="988",
        text="988",
        url="https://988.ca",
    ),
    "GB": SAMARITANS,
    "IE": SAMARITANS,
    "AU": CrisisLine(
        name="Lifeline",
        how="Call 13 11 14, any time, day or night.",
        phone="13 11 14",
        text=None,
        url="https://www.lifeline.org.au",
    ),
    "NZ": CrisisLine(
        name="1737, Need to talk?",
        how="Call or text 1737, any time, day or night.",
        phone="1737",
        text="1737",
        url="https://1737.org.nz",
    ),
}

# The countries a user can choose, with the one choice for everyone else.
COUNTRIES: list[tuple[str, str]] = [
    ("", "Somewhere else, or I'd rather not say"),
    ("AU", "Australia"),
    ("CA", "Canada"),
    ("IE", "Ireland"),
    ("NZ", "New Zealand"),
    ("GB", "United Kingdom"),
    ("US", "United States"),
]


def lines_for(country: str) -> list[CrisisLine]:
    """The local line first when there is one, and always the international directory."""
    local = LINES.get(country.upper())
    return [local, INTERNATIONAL] if local else [INTERNATIONAL]
