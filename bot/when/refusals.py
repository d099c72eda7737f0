"""Refusals: what the owner said does not work ("not monday", "no mornings", "not this week"), as
`Refusal`s, and how they narrow the wish.

Kept apart from `days` and `ranges`, which settle what is wanted: a refusal is settled against that
wish once it is known. Where the wish can say it, it does ("next week but not monday" drops the
Monday, "anything except mornings" is after noon); what it cannot stays a `Refusal` that
`TimeWish.matches` checks ("not monday" with no day wanted, "not at lunch").

When a refusal contradicts the wish, the refusal wins and the contradicted part gives way: offering
a slot the owner refused is the worse error ("at 9, no mornings" is after noon; "monday, not
monday" is any day but Mondays).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from .clock import minutes_of
from .days import said_days
from .reader import Reader
from .wish import Refusal, TimeWish

_DAY_END = 24 * 60


def _as_time(value: int | None) -> time | None:
    return None if value is None or value >= _DAY_END else time(value // 60, value % 60)


def refusals(r: Reader) -> list[Refusal]:
    """One `Refusal` per refused part of the day, on the days refused with it; the days refused
    all day are one (a slot on any of them is refused, however many phrases named them)."""
    found: list[Refusal] = []
    all_day_dates: set[date] = set()
    all_day_weekdays: set[int] = set()
    for said in r.refused:
        dates, weekdays = said_days(said, r.today)  # a plain "monday" is every Monday here
        if said.weekdays_only:  # "no weekdays"
            weekdays |= {0, 1, 2, 3, 4}
        if not said.periods:
            all_day_dates |= dates  # nothing at all for "not feb 30": read, but no day
            all_day_weekdays |= weekdays
        for low, high in said.periods:
            found.append(Refusal(tuple(sorted(dates)), tuple(sorted(weekdays)), _as_time(low), _as_time(high)))
    if all_day_dates or all_day_weekdays:
        found.insert(0, Refusal(tuple(sorted(all_day_dates)), tuple(sorted(all_day_weekdays))))
    return found


def _span(refusal: Refusal) -> tuple[int, int]:
    start = 0 if refusal.start is None else minutes_of(refusal.start)
    return start, _DAY_END if refusal.end is None else minutes_of(refusal.end)


def _fold(low: int, high: int, windows: list[Refusal]) -> tuple[int, int, list[Refusal]]:
    """[low, high) less the refused windows at its edges; the ones inside it are kept."""
    kept: list[Refusal] = []
    for refusal in sorted(windows, key=_span):
        start, end = _span(refusal)
        if end <= low or start >= high:
            continue  # outside the window wanted: nothing left to refuse
        if start <= low:
            low = max(low, end)
        elif end >= high:
            high = min(high, start)
        else:
            kept.append(refusal)
    return low, high, [w for w in kept if _span(w)[0] < high and _span(w)[1] > low]


def narrow(wish: TimeWish, refused: list[Refusal]) -> TimeWish:
    """The wish less what was refused, said in its own terms where it can be."""
    if not refused:
        return wish
    whole_days = [x for x in refused if x.all_day]
    windows = [x for x in refused if x.every_day and not x.all_day]
    others = [x for x in refused if not x.every_day and not x.all_day]  # "not tuesday morning"

    days = wish.days
    if days is not None and whole_days:
        left = tuple(d for d in days if not any(x.covers_day(d) for x in whole_days))
        if left:
            days, whole_days = left, []  # the days named, less the refused ones: nothing else to refuse
        else:
            days = None  # every day named is refused: the days give way
    if days is not None:
        others = [x for x in others if any(x.covers_day(d) for d in days)]

    want_low = 0 if wish.not_before is None else minutes_of(wish.not_before)
    want_high = _DAY_END if wish.not_after is None else minutes_of(wish.not_after)
    low, high, inner = _fold(want_low, want_high, windows)
    if low >= high:  # the window wanted is all refused: it gives way
        low, high, inner = _fold(0, _DAY_END, windows)
    if low >= high:  # every hour refused: keep them all; nothing will match, the caller says so
        low, high, inner = want_low, want_high, windows
    others = [x for x in others if _span(x)[0] < high and _span(x)[1] > low]

    exact = wish.exact
    if exact is not None:
        at = minutes_of(exact)
        if not low <= at < high or any(_span(x)[0] <= at < _span(x)[1] for x in inner):
            exact = None
        else:  # "2pm not 4pm": with one start time wanted, only a refusal of it would matter
            inner = []
            others = [x for x in others if _span(x)[0] <= at < _span(x)[1]]
    return replace(
        wish,
        days=days,
        not_before=_as_time(low) if low else None,
        not_after=_as_time(high),
        exact=exact,
        refused=tuple(whole_days + inner + others),
    )
