"""What the time rules record: parts of the day, clock ranges, bounds, exact times, "asap".

Each records where in the text it was found, because when several exact times are named the
first one written is kept; the window is settled in `ranges.resolve_times`. A refused exact time or
range ("not at 3", "except between 12 and 1") is recorded as a refused part of the day instead, its
bare hours read the usual way (1-6 PM); a refused bound has rules of its own ("not before 10").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .clock import Clock, minutes_of, parse_clock, resolve
from .ranges import resolve_span
from .reader import Handler, Reader
from .words import DAY_MARK

# The refused start times a refused clock at `minutes` stands for.
Window = Callable[[int], tuple[int | None, int | None]]


def period(low: int | None, high: int | None) -> Handler:
    """A part of the day, [low, high) in minutes; None is open-ended."""

    def handle(r: Reader, _m: re.Match[str]) -> bool:
        r.periods.append((low, high))
        return True

    return handle


def span(require_context: bool) -> Handler:
    """A clock range "c to c2"; with `require_context` two bare hours need "at" or a day before them."""

    def handle(r: Reader, m: re.Match[str]) -> bool:
        a, b = parse_clock(m["c"]), parse_clock(m["c2"])
        if a is None or b is None:
            return False
        if require_context and a.bare and b.bare and ":" not in m["c"] + m["c2"]:
            # "2-4" alone is not clearly a time; "at 2-4" or "tuesday 2-4" is.
            after_day = r.s[: m.start()].rstrip(" ,").endswith(DAY_MARK)
            if not (after_day or m.group(0).startswith(("at", "around"))):
                return False
        if r.refusing:
            start, end = resolve_span(a, b, None)
            if start is None:
                return False
            r.periods.append((start, end))
            return True
        r.spans.append((m.start(), a, b))
        return True

    return handle


def _refuse(r: Reader, m: re.Match[str], window: Window) -> bool:
    c = parse_clock(m["c"])
    if c is None:
        return False
    r.periods.append(window(minutes_of(resolve(c, None))))
    return True


def _record(into: list[tuple[int, Clock]], m: re.Match[str], at: int | None = None) -> bool:
    """Record the match's clock token with where it stands (the match's start unless `at`)."""
    c = parse_clock(m["c"])
    if c is None:
        return False
    into.append((m.start() if at is None else at, c))
    return True


def lower_bound(r: Reader, m: re.Match[str]) -> bool:
    return _record(r.lower, m)


def upper_bound(r: Reader, m: re.Match[str]) -> bool:
    return _record(r.upper, m)


def exact(r: Reader, m: re.Match[str]) -> bool:
    if r.refusing:  # "not at 3": not the 3:00 slot
        return _refuse(r, m, lambda t: (t, t + 1))
    return _record(r.exacts, m)


def standalone(r: Reader, m: re.Match[str]) -> bool:
    token = m["c"]
    c = parse_clock(token)
    # A lone number is a slot choice; only am/pm, "h:mm", "oclock" or noon make a time.
    if c is None or (c.bare and ":" not in token and "oclock" not in token):
        return False
    return exact(r, m)


def after_day(r: Reader, m: re.Match[str]) -> bool:
    return _record(r.exacts, m, at=m.start("c"))


def soonest(r: Reader, _m: re.Match[str]) -> bool:
    r.soonest = True
    return True


def no_preference(r: Reader, _m: re.Match[str]) -> bool:
    r.no_preference = True
    return True
