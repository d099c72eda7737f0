"""US ZIP codes to places and distances, from the bundled `zipcodes` data (works offline)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

EARTH_RADIUS_MILES = 3958.8


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
