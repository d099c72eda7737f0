"""Times of day: the clock token ("3", "3pm", "15:00", "noon") and which hour a bare number means.

Owners rarely write am/pm ("after 3"), so a bare hour is read the way a dealer's day runs (1-6 PM,
7-11 AM), unless a part of the day they named says otherwise ("morning at 6").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

# A clock token: "3", "3pm", "3 p.m.", "3p", "3:30", "15:00", "3 oclock", "noon".
# Not glued to other digits/words, not "3/4" (dates), and not "2 weeks", "3 cars" (quantities).
CLOCK = (
    r"(?:(?<![\w/:.$#])\d{1,2}(?::\d{2})?"
    r"(?:\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|[ap](?![a-z]))?"
    r"(?:\s*oclock)?(?!(?!ish\b)[\w/:])"  # "11ish" is fine, "11th"/"3/4" are not
    r"(?!\s*(?:weeks?|days?|months?|years?|hours?|hrs?|minutes?|mins?|miles?|cars?|vehicles?"
    r"|people|times|x\b|%))"
    r"|\bnoon\b|\bmidday\b)"
)
_CLOCK_PARTS = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<mer>[ap])?\.?m?\.?\s*(?:oclock)?$")

_PLAUSIBLE_HOURS = range(6, 22)  # business hours used to pick AM/PM for bare hours inside a period

# A window in minutes after midnight, inclusive, that hints AM/PM for bare hours.
Hint = tuple[int, int] | None


@dataclass
class Clock:
    """A clock token as written, before AM/PM is decided for a bare hour."""

    hour: int
    minute: int
    bare: bool  # no am/pm and no 24-hour form: "3", "3:30"
    meridiem: str | None = None  # "a" or "p" when written


def parse_clock(token: str) -> Clock | None:
    """The clock a token matched by `CLOCK` names, or None when it is no time ("25", "13pm")."""
    token = token.strip()
    if token in ("noon", "midday"):
        return Clock(12, 0, bare=False)
    m = _CLOCK_PARTS.match(token)
    if not m:
        return None
    hour, minute, mer = int(m["h"]), int(m["m"] or 0), m["mer"]
    if minute > 59:
        return None
    if mer:
        if not 1 <= hour <= 12:
            return None
        return Clock(hour % 12 + (12 if mer == "p" else 0), minute, bare=False, meridiem=mer)
    if hour > 23:
        return None
    if hour >= 13 or hour == 0 or m["h"].startswith("0"):
        return Clock(hour, minute, bare=False)  # 24-hour clock: "15:00", "09:30"
    return Clock(hour, minute, bare=True)


def _default_hour(hour: int) -> int:
    """Bare 1-6 -> PM, 7-11 -> AM, 12 -> noon (dealers are open in the day)."""
    return hour + 12 if 1 <= hour <= 6 else hour


def _within(minutes: int, window: Hint) -> bool:
    # Inclusive at both ends: a hint, not a bound ("afternoon before 5" -> 17:00).
    return window is not None and window[0] <= minutes <= window[1]


def resolve(clock: Clock, hint: Hint) -> time:
    """The wall-clock time meant: a bare hour inside the hinted part of the day when exactly one fits."""
    if not clock.bare:
        return time(clock.hour, clock.minute)
    if clock.hour != 12 and hint is not None:
        fits = [
            h for h in (clock.hour, clock.hour + 12) if h in _PLAUSIBLE_HOURS and _within(h * 60 + clock.minute, hint)
        ]
        if len(fits) == 1:
            return time(fits[0], clock.minute)
    return time(_default_hour(clock.hour), clock.minute)


def minutes_of(t: time) -> int:
    """Minutes after midnight, the unit every window is compared in."""
    return t.hour * 60 + t.minute
