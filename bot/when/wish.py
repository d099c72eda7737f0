"""The `TimeWish` type: what an owner asked for, as days, a start-time window or one exact time,
and the `Refusal`s of slots they said do not work ("not monday", "no mornings").

Kept apart from the reading rules so that the booking code, which only matches slots against a
wish and shows it back (`describe`), depends on this small type and not on the regexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo

from .clock import minutes_of as _to_minutes


def _fmt_time(t: time) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def _fmt_day(d: date) -> str:
    return f"{d:%A}, {d:%B} {d.day}"


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _describe_window(not_before: time | None, not_after: time | None) -> str:
    if not_before is not None and not_after is not None:
        return f"between {_fmt_time(not_before)} and {_fmt_time(not_after)}"
    if not_before is not None:
        return f"after {_fmt_time(not_before)}"
    if not_after is not None:
        return f"before {_fmt_time(not_after)}"
    return ""


def _describe_dates(dates: tuple[date, ...]) -> str:
    days = sorted(dates)
    if len(days) == 1:
        return _fmt_day(days[0])
    consecutive = all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))
    if len(days) > 2 and consecutive:
        return f"{_fmt_day(days[0])} through {_fmt_day(days[-1])}"
    names = [_fmt_day(d) for d in days]
    return "; ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True)
class Refusal:
    """Slots the owner said do not work: on these days (any day when neither is set), at these
    start times (all day when neither is set). A slot is refused when it is on one of the days AND
    starts inside the window, so "not tuesday morning" still leaves Tuesday afternoon.

    dates     refused dates ("not today", "not this week", "not next monday")
    weekdays  refused every week, Monday 0 ("not monday", "no mondays": every Monday, because
              "Mondays don't work for me" is what it mostly means and offering one is the worse error)
    start     the refused window's first start time, inclusive; None: from the start of the day
    end       its end, EXCLUSIVE, like `TimeWish.not_after`; None: to the end of the day
    """

    dates: tuple[date, ...] = ()
    weekdays: tuple[int, ...] = ()
    start: time | None = None
    end: time | None = None

    @property
    def all_day(self) -> bool:
        return self.start is None and self.end is None

    @property
    def every_day(self) -> bool:
        return not self.dates and not self.weekdays

    def covers_day(self, day: date) -> bool:
        return self.every_day or day in self.dates or day.weekday() in self.weekdays

    def covers(self, local_start: datetime) -> bool:
        """Is a slot starting at `local_start` (dealer-local) refused?"""
        minutes = local_start.hour * 60 + local_start.minute
        return (
            self.covers_day(local_start.date())
            and (self.start is None or minutes >= _to_minutes(self.start))
            and (self.end is None or minutes < _to_minutes(self.end))
        )

    def describe(self) -> str:
        """E.g. "Mondays", "weekends", "Sunday, November 29", "Tuesdays before 12:00 PM"."""
        weekdays = set(self.weekdays)
        days = ["weekdays"] if weekdays >= {0, 1, 2, 3, 4} else ["weekends"] if weekdays >= {5, 6} else []
        weekdays -= {0, 1, 2, 3, 4} if days == ["weekdays"] else {5, 6} if days else set()
        days += [f"{_WEEKDAY_NAMES[wd]}s" for wd in sorted(weekdays)]
        if self.dates:
            days.append(_describe_dates(self.dates))
        listed = ", ".join(days[:-1]) + " or " + days[-1] if len(days) > 1 else "".join(days)
        one_slot = (
            self.start is not None and self.end is not None and _to_minutes(self.end) - _to_minutes(self.start) == 1
        )
        window = f"at {_fmt_time(self.start)}" if one_slot and self.start else _describe_window(self.start, self.end)
        return " ".join(p for p in (listed, window) if p)


@dataclass(frozen=True)
class TimeWish:
    """What the customer asked for. All times are dealer-local wall-clock times.

    days           specific dates wanted; None = any day
    weekdays_only  only Monday-Friday
    not_before     earliest start time, inclusive
    not_after      latest start time, EXCLUSIVE ("before 10" does not take a 10:00 slot)
    exact          one wanted start time ("at 2" -> 14:00); the window, if any, is kept alongside
    soonest        the customer wants the soonest slots ("asap", "first available")
    refused        slots the customer said do not work, where `days` and the window cannot say it
                   ("not monday" with no day wanted, "not lunch" inside the day)
    tz             the dealer's zone (taken from `now`); `matches` converts aware starts into it
    """

    days: tuple[date, ...] | None = None
    weekdays_only: bool = False
    not_before: time | None = None
    not_after: time | None = None
    exact: time | None = None
    soonest: bool = False
    refused: tuple[Refusal, ...] = ()
    tz: tzinfo | None = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """No constraint at all (True for a plain "asap": any slot will do, soonest first; False
        for "asap but not monday", which must be matched)."""
        return (
            self.days is None
            and not self.weekdays_only
            and self.not_before is None
            and self.not_after is None
            and self.exact is None
            and not self.refused
        )

    def matches(self, local_start: datetime) -> bool:
        """Does a slot starting at `local_start` satisfy the wish?

        `local_start` should be dealer-local; an aware datetime is first converted to the wish's
        zone when it knows one. With `exact` set only a start at exactly that hour:minute matches.
        When no slot matches an exact wish, the caller may relax it: `wish.relaxed()` replaces the
        exact time by a window around it (default +-60 minutes) and keeps everything else.
        """
        if self.tz is not None and local_start.tzinfo is not None:
            local_start = local_start.astimezone(self.tz)
        day = local_start.date()
        if self.days is not None and day not in self.days:
            return False
        if self.weekdays_only and day.weekday() >= 5:
            return False
        minutes = local_start.hour * 60 + local_start.minute
        if self.not_before is not None and minutes < _to_minutes(self.not_before):
            return False
        if self.not_after is not None and minutes >= _to_minutes(self.not_after):
            return False
        if self.exact is not None and minutes != _to_minutes(self.exact):
            return False
        return not any(refusal.covers(local_start) for refusal in self.refused)

    def relaxed(self, slack_minutes: int = 60) -> TimeWish:
        """The same wish with `exact` widened to [exact - slack, exact + slack] (clamped to the day).

        The window is the exact time's neighbourhood, intersected with any window already there.
        Without an exact time the wish is returned unchanged.
        """
        if self.exact is None:
            return self
        centre = _to_minutes(self.exact)
        low = max(0, centre - slack_minutes)
        high = centre + slack_minutes + 1  # not_after is exclusive; exact + slack itself matches
        if self.not_before is not None:
            low = max(low, _to_minutes(self.not_before))
        if self.not_after is not None:
            high = min(high, _to_minutes(self.not_after))
        not_after = None if high >= 24 * 60 else time(high // 60, high % 60)
        not_before = None if low == 0 else time(low // 60, low % 60)
        return replace(self, exact=None, not_before=not_before, not_after=not_after)

    def describe(self) -> str:
        """Short human text, e.g. "Tuesday, December 1 after 3:00 PM", "Any day except Mondays"."""
        parts: list[str] = []
        if self.days:
            parts.append(_describe_dates(self.days))
            if self.weekdays_only and any(d.weekday() >= 5 for d in self.days):
                parts.append("(weekdays only)")
        elif self.weekdays_only:
            parts.append("any weekday")
        if self.exact is not None:
            parts.append(f"at {_fmt_time(self.exact)}")
        elif window := _describe_window(self.not_before, self.not_after):
            parts.append(window)
        if self.refused:
            if not parts:
                parts.append("any time" if all(r.every_day for r in self.refused) else "any day")
            parts.append("except " + "; ".join(r.describe() for r in self.refused))
        text = " ".join(parts)
        if self.soonest:
            text = f"{text}, soonest available" if text else "soonest available"
        if not text:
            text = "any time"
        return text[0].upper() + text[1:]
