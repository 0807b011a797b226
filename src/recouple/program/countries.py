"""Countries, and which country a time zone belongs to, from the tz database on this machine.

The tz database ships a zone-to-country table (``zone.tab``) and the country names
(``iso3166.tab``) inside the ``tzdata`` package, so a browser's time zone can suggest where
someone lives without asking anyone else. Older zone names (``Asia/Calcutta``) are followed
through the database's links to the zone they stand for.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

# Where the tz database's short names would read oddly in a list of places to live.
NAME_OVERRIDES = {"GB": "United Kingdom", "KR": "South Korea", "KP": "North Korea"}


def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> English name, for every country the tz database knows."""
    names = {row[0]: row[1] for row in _table("iso3166.tab") if len(row) >= 2}
    names.update(NAME_OVERRIDES)
    return names


@cache
def zone_countries() -> dict[str, str]:
    """IANA time zone name (current or older alias) -> the country it is in."""
    found = {row[2]: row[0] for row in _table("zone.tab") if len(row) >= 3}
    source = resources.files("tzdata").joinpath("zoneinfo", "tzdata.zi")
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L" and parts[2] not in found:
            target = parts[1]
            if target in found:
                found[parts[2]] = found[target]
    return found


def country_for_zone(zone: str) -> str:
    """The country a time zone belongs to, or "" for zones that name none (UTC, Etc/…)."""
    return zone_countries().get(zone, "")
