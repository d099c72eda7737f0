"""US ZIP codes to places and distances, from the bundled `zipcodes` data (works offline)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

EARTH_RADIUS_MILES = 3958.8
# A ZIP code (or ZIP+4) somewhere in what an owner typed; group 1 is the 5-digit ZIP.
ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")


class UnknownZip(ValueError):
    pass


@dataclass(frozen=True)
class Place:
    zip: str
    city: str
    state: str
    lat: float
    lon: float
    timezone: str | None


@lru_cache(maxsize=4096)
def locate_zip(zip_code: str) -> Place:
    """The place of a 5-digit US ZIP (ZIP+4 accepted); UnknownZip when it is not a real one."""
    m = re.fullmatch(r"\s*(\d{5})(?:-?\d{4})?\s*", zip_code or "")
    if not m:
        raise UnknownZip(f"{zip_code!r} is not a US ZIP code")
    try:
        rows = zipcodes.matching(m.group(1))
    except (TypeError, ValueError) as exc:
        raise UnknownZip(str(exc)) from exc
    if not rows:
        raise UnknownZip(f"{m.group(1)} is not a US ZIP code I know")
    row = rows[0]
    return Place(
        zip=row["zip_code"],
        city=row["city"].title(),
        state=row["state"],
        lat=float(row["lat"]),
        lon=float(row["long"]),
        timezone=row.get("timezone") or None,
    )


def miles_between(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance: plenty for "which dealer is nearest"."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


# Nicknames owners type for big cities.
# Names that are also common words: a place only when written the way a place is. Spanish "la" only
# in capitals (LA, Los Angeles); towns named like English words ("200 miles", "why", "normal") only
# with a capital.
_TOWNS_LIKE_WORDS = (
    "miles",
    "why",
    "normal",
    "early",
    "price",
    "mobile",
    "hope",
    "joy",
    "power",
    "speed",
    "ideal",
    "energy",
    "industry",
    "commerce",
    "paradise",
    "nothing",
    "post",
    "star",
    "bay",
    "center",
    "home",
    "friendship",
    "welcome",
    "happy",
    "plain",
    "story",
    "ordinary",
    "sale",
    "blue",
    "fairplay",
)
WRITTEN_AS: dict[str, Callable[[str], str]] = {"la": str.upper, **{w: str.title for w in _TOWNS_LIKE_WORDS}}
CITY_ALIASES = {
    "nyc": "new york",
    "la": "los angeles",
    "sf": "san francisco",
    "philly": "philadelphia",
    "vegas": "las vegas",
    "dc": "washington",
    "atl": "atlanta",
    "chi": "chicago",
}
_STATES = {
    "alabama": "AL",
    "alaska": "AK",
    "arizona": "AZ",
    "arkansas": "AR",
    "california": "CA",
    "colorado": "CO",
    "connecticut": "CT",
    "delaware": "DE",
    "florida": "FL",
    "georgia": "GA",
    "hawaii": "HI",
    "idaho": "ID",
    "illinois": "IL",
    "indiana": "IN",
    "iowa": "IA",
    "kansas": "KS",
    "kentucky": "KY",
    "louisiana": "LA",
    "maine": "ME",
    "maryland": "MD",
    "massachusetts": "MA",
    "michigan": "MI",
    "minnesota": "MN",
    "mississippi": "MS",
    "missouri": "MO",
    "montana": "MT",
    "nebraska": "NE",
    "nevada": "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    "ohio": "OH",
    "oklahoma": "OK",
    "oregon": "OR",
    "pennsylvania": "PA",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    "tennessee": "TN",
    "texas": "TX",
    "utah": "UT",
    "vermont": "VT",
    "virginia": "VA",
    "washington": "WA",
    "west virginia": "WV",
    "wisconsin": "WI",
    "wyoming": "WY",
}


@lru_cache(maxsize=1)
def _city_index() -> dict[str, dict[str, list[str]]]:
    """city name -> state -> its ZIP codes; built once (about a second) from the bundled data."""
    index: dict[str, dict[str, list[str]]] = {}
    for row in zipcodes.list_all():
        if row.get("zip_code_type") != "STANDARD":
            continue
        index.setdefault(row["city"].lower(), {}).setdefault(row["state"], []).append(row["zip_code"])
    return index


def warm_up() -> None:
    """Builds the city index ahead of the first owner who names a city."""
    _city_index()


def find_city(text: str) -> Place | None:
    """The place an owner names in free text ("I'm in Plano TX", "near austin", "nyc").

    The longest city name found wins; a state after it (abbreviation or name) picks among
    same-named cities, and without one the city with the most ZIP codes (the biggest) wins.
    """
    words = re.findall(r"[a-z]+(?:['.-][a-z]+)*", (text or "").lower())
    index = _city_index()
    best: tuple[int, str, int] | None = None  # (length, city, position after it)
    for i in range(len(words)):
        for n in (4, 3, 2, 1):
            name = " ".join(words[i : i + n])
            written = WRITTEN_AS.get(name) if n == 1 else None
            if written is not None and not re.search(rf"\b{written(name)}\b", text):
                continue  # "la tengo que llevar" is Spanish, "LA" is Los Angeles; "200 miles" is no town
            name = CITY_ALIASES.get(name, name) if n == 1 else name
            if len(words[i : i + n]) == n and name in index and (best is None or n > best[0]):
                best = (n, name, i + n)
                break
    if best is None:
        return None
    _, city, after = best
    states = index[city]
    tail = " ".join(words[after : after + 2])
    state = next((s for s in states if s.lower() in words[after : after + 1]), None) or next(
        (abbr for name, abbr in _STATES.items() if tail.startswith(name) and abbr in states), None
    )
    if state is None:
        state = max(states, key=lambda s: len(states[s]))
    return locate_zip(sorted(states[state])[0])
