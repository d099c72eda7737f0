"""Dealers: listing, nearest to a ZIP code, one by code."""

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


def list_dealers(near_zip: str | None = None, limit: int | None = None) -> list[DealerInfo]:
    """All dealers by code; with near_zip, nearest first with distance_miles.

    Raises geo.UnknownZip when near_zip is not a US ZIP code we know.
    """
    origin = geo.locate_zip(near_zip) if near_zip else None
    with unit_of_work() as s:
        dealers = s.execute(select(Dealer).order_by(Dealer.code)).scalars().all()
        if origin is None:
            found = [DealerInfo.of(d) for d in dealers]
        else:
            found = []
            for d in dealers:
                place = geo.locate_zip(d.zip)
                found.append(DealerInfo.of(d, round(geo.miles_between(origin, place), 1)))
            found.sort(key=lambda d: (d.distance_miles, d.code))
    return found[:limit] if limit else found
