"""Ranges: the parts of the day, bounds, clock ranges and exact times read, as one start-time window.

Owners say more than one thing ("morning after 3", "after 2 ... or after 4"); the combining rules
(alternatives of one kind unite, different kinds intersect, the more precise wins a contradiction)
live here, apart from the regexes that read the words.
"""

from __future__ import annotations

from datetime import time

from .clock import Clock, Hint, minutes_of, parse_clock, resolve
from .reader import Reader

_DAY_END = 24 * 60


def _fits(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value < high)


def _as_time(value: int | None) -> time | None:
    if value is None or value >= _DAY_END:
        return None
    return time(value // 60, value % 60)


def resolve_times(r: Reader) -> tuple[time | None, time | None, time | None]:
    """(not_before, not_after, exact) from everything the time rules read."""
    # Parts of the day: united; they also hint AM/PM for bare hours.
    periods = r.wanted.periods  # the refused ones are `refusals.refusals`' business
    p_low: int | None = None
    p_high: int | None = None
    if periods:
        period_lows = [lo for lo, _ in periods]
        period_highs = [hi for _, hi in periods]
        p_low = None if None in period_lows else min(x for x in period_lows if x is not None)
        p_high = None if None in period_highs else max(x for x in period_highs if x is not None)
    hint: Hint = (p_low or 0, p_high or _DAY_END) if periods else None

    def minutes(c: Clock) -> int:
        return minutes_of(resolve(c, hint))

    lows: list[int] = [minutes(c) for _, c in r.lower]
    highs: list[int] = [minutes(c) for _, c in r.upper]
    for _, a, b in r.spans:
        start, end = resolve_span(a, b, hint)
        if start is not None and end is not None:
            lows.append(start)
            highs.append(end)
    # Same-kind bounds are alternatives: the least restrictive one wins.
    c_low = min(lows) if lows else None
    c_high = max(highs) if highs else None
    if c_low is not None and c_high is not None and c_low >= c_high:
        c_low = c_high = None  # "after 5 before 3": contradictory, drop both

    exact_min = minutes(min(r.exacts, key=lambda e: e[0])[1]) if r.exacts else None

    if exact_min is not None and not _fits(exact_min, c_low, c_high):
        c_low = c_high = None
    low, high = c_low, c_high
    # Parts of the day give way to explicit clock times that contradict them.
    if periods:
        m_low = p_low if low is None else (low if p_low is None else max(low, p_low))
        m_high = p_high if high is None else (high if p_high is None else min(high, p_high))
        consistent = (m_low is None or m_high is None or m_low < m_high) and (
            exact_min is None or _fits(exact_min, m_low, m_high)
        )
        if consistent:
            low, high = m_low, m_high

    if low == 0:
        low = None
    return _as_time(low), _as_time(high), _as_time(exact_min)


def resolve_span(a: Clock, b: Clock, hint: Hint) -> tuple[int | None, int | None]:
    """A clock range in minutes, or (None, None) when it runs backwards whatever AM/PM is chosen."""
    m = minutes_of
    # A meridiem written on one end carries to the other when that keeps the order: "2-4pm".
    if a.bare and b.meridiem:
        candidate = parse_clock(f"{a.hour}:{a.minute:02d}{b.meridiem}m")
        if candidate is not None and m(resolve(candidate, None)) < m(resolve(b, None)):
            a = candidate
    if b.bare and a.meridiem:
        candidate = parse_clock(f"{b.hour}:{b.minute:02d}{a.meridiem}m")
        if candidate is not None and m(resolve(a, None)) < m(resolve(candidate, None)):
            b = candidate
    start, end = m(resolve(a, hint)), m(resolve(b, hint))
    if start >= end and b.bare and end < 12 * 60:
        end += 12 * 60  # "between 6 and 8" -> 6 PM to 8 PM
    if start >= end:
        return None, None
    return start, end
