"""A dealer's opening rules: the hours of a day, open at a moment, the next opening.

One home for the rules, because three places ask them: what the owner is told about when staff
answer (actions.replies), whether a caller is put through (actions.handoff) and which
appointment times a day offers (bot.recall.scheduling). They read any rows with `weekday`
(0 = Monday), `opens` and `closes`: the DealerInfo record's OpeningHours and, inside a unit of
work, the ORM's DealerHours, so scheduling need not copy a dealer into a record to ask.
Times are the dealer's own wall-clock times; a moment is read in the dealer's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol, TypeVar


class DayHours(Protocol):
    @property
    def weekday(self) -> int: ...

    @property
    def opens(self) -> time: ...

    @property
    def closes(self) -> time: ...


H = TypeVar("H", bound=DayHours)

# Nobody is promised "today before 6:00 PM" at 5:50 PM: that close to closing, the next opening counts.
REPLY_MARGIN = timedelta(minutes=30)


def on(hours: Iterable[H], day: date) -> H | None:
    """The hours of this weekday, or None when the dealer is closed that day."""
    return next((h for h in hours if h.weekday == day.weekday()), None)


def window(hours: Iterable[DayHours], day: date, zone: tzinfo) -> tuple[datetime, datetime] | None:
    """When the dealer opens and closes on `day` (aware, in `zone`); None on a closed day."""
    today = on(hours, day)
    if today is None:
        return None
    return datetime.combine(day, today.opens, tzinfo=zone), datetime.combine(day, today.closes, tzinfo=zone)


def open_until(hours: Iterable[DayHours], local: datetime) -> datetime | None:
    """When the dealer closes, if it is open at `local` (aware, in the dealer's time zone); else None."""
    today = on(hours, local.date())
    if today is None or not today.opens <= local.time() < today.closes:
        return None
    return datetime.combine(local.date(), today.closes, tzinfo=local.tzinfo)


def next_opening(hours: Iterable[DayHours], local: datetime) -> datetime | None:
    """When the dealer next opens after `local` (aware, in the dealer's time zone); None without hours."""
    hours = tuple(hours)
    for days_ahead in range(8):
        day = local.date() + timedelta(days=days_ahead)
        today = on(hours, day)
        if today:
            opens = datetime.combine(day, today.opens, tzinfo=local.tzinfo)
            if opens > local:
                return opens
    return None
