"""Dealers: listing, nearest to a ZIP code, one by code.

The dealer's opening rules (hours on a day, open at a moment, the next opening) are on its
record, DealerInfo (bot.recall.hours), so replies, the hand-off and scheduling share them.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownDealer
from bot.recall.models import Dealer
from bot.recall.records import DealerInfo


def row(s: Session, code: str) -> Dealer:
    """The dealer with this code, inside the caller's unit of work."""
    d = s.execute(select(Dealer).where(Dealer.code == code.upper())).scalar_one_or_none()
    if d is None:
        raise UnknownDealer(code)
    return d


def get(code: str) -> DealerInfo:
    with unit_of_work() as s:
        return DealerInfo.of(row(s, code))


def nearest(s: Session, origin: geo.Place) -> list[tuple[Dealer, float]]:
    """Every dealer with its distance in miles from `origin`, nearest first (then by code), inside
    the caller's unit of work. Raises geo.UnknownZip when a dealer's own ZIP code is unknown."""
    ranked = [
        (d, round(geo.miles_between(origin, geo.locate_zip(d.zip)), 1))
        for d in s.execute(select(Dealer).order_by(Dealer.code)).scalars()
    ]
    ranked.sort(key=lambda pair: (pair[1], pair[0].code))
    return ranked


def list_dealers(near_zip: str | None = None, limit: int | None = None) -> list[DealerInfo]:
    """All dealers by code; with near_zip, nearest first with distance_miles.

    Raises geo.UnknownZip when near_zip is not a US ZIP code we know.
    """
    origin = geo.locate_zip(near_zip) if near_zip else None
    with unit_of_work() as s:
        if origin is None:
            found = [DealerInfo.of(d) for d in s.execute(select(Dealer).order_by(Dealer.code)).scalars()]
        else:
            found = [DealerInfo.of(d, miles) for d, miles in nearest(s, origin)]
    return found[:limit] if limit else found
