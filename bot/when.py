"""A customer's appointment time wish, read from free SMS text.

"next tuesday after 3", "tomorrow morning", "any weekday afternoon", "Dec 3 at 10am", "asap"...
become a `TimeWish`: which days, which part of the day, or one exact start time. Everything is in
the DEALER's local time, relative to a `now` the caller passes (aware, already dealer-local).

Reading rules and the judgment calls behind them (each one is tested in tests/unit/test_when.py):

Days
- "today", "tonight" (today + evening), "tomorrow"/"tmrw"/"tmr"/"tmw" (+ a few common misspellings),
  "day after tomorrow", "in 3 days".
- A plain weekday ("saturday", "sat") and "this <weekday>" / "coming <weekday>" mean the next
  occurrence, and today when today is that weekday. Whether that slot is still in the future is
  the caller's business (it only offers future slots anyway).
- "next <weekday>" is the first such weekday at least 2 days ahead. Said on a Sunday, "next
  tuesday" is the coming Tuesday (2 days later); said on a Monday it is the Tuesday of the
  following week (8 days), because someone meaning tomorrow would say "tomorrow". Said on a
  Wednesday, "next friday" is therefore the Friday 2 days later. `describe()` spells out the date,
  so the customer sees which one we understood and can correct it.
- "this week": today through Saturday. "next week": Monday-Saturday of the next Monday-based
  week, so on a Sunday "next week" is the week starting tomorrow (the colloquial reading).
  "early ..." keeps Monday-Wednesday of that week, "late ..."/"end of ..." Thursday-Saturday.
  A plain weekday next to a week ("tuesday next week") picks that day inside the week.
- "weekend": the coming Saturday (today if Saturday) and the Sunday after it; "next weekend" uses
  the "next <weekday>" rule for Saturday. "in 2 weeks": Monday-Saturday of that week.
- "weekday(s)", "during the week" -> `weekdays_only` (Monday-Friday).
- Several days ("monday or wednesday", "mon/wed") -> all of them.
- Explicit calendar dates ("Dec 3", "december 3rd", "3rd of december", "12/3", "12/3/2026",
  "2026-12-03") go through dateparser (month-day order, future preferred, today counts). A date
  with an explicit year is kept even if past (no slot will match; the caller says so).
  "the 12th"/"on the 12th" -> the next 12th of a month (today counts; months without a 31st are
  skipped). A bare ordinal without "the"/"on" ("2nd") and "the 2nd one/option" are slot choices,
  not dates.
- A weekday naming the same day as an explicit date ("tuesday dec 1") is redundant and dropped;
  a contradicting one is kept, so both days are offered.
- Negated days/parts of day ("not monday", "any day but friday", "no mornings") are ignored:
  the structure cannot express an exclusion, and ignoring beats offering the refused day.

Times (start times, dealer-local)
- Windows are half-open: a slot matches when not_before <= start < not_after. So "before 10"
  excludes a 10:00 start and "after 3" includes a 3:00 start ("I can do 3 or later").
- "morning" [-, 12:00), "afternoon" [12:00, 17:00), "evening"/"after work" [16:00, -),
  "lunch" [11:30, 13:00), "early morning"/"first thing" [-, 10:00), "late morning" [10:00, 12:00),
  "early afternoon" [12:00, 15:00), "late afternoon" [15:00, 17:00), "before lunch" [-, 12:00),
  "after lunch" [13:00, -). Several parts of the day are united ("morning or afternoon").
- "after 3"/"from 3"/"3 or later" -> not_before; "before 10"/"by 10"/"until 10"/"no later than
  10" -> not_after; "between 2 and 4", "from 2 to 4", "2-4pm" -> both.
- "at 2", "2pm", "2:30 pm", "3p", "15:00", "3:00", "3 o'clock", "around 11", "11ish", "noon" ->
  exact. A bare hour after a day ("thursday 2", "tuesday, 10") is also an exact time.
- Bare hours (no am/pm): 1-6 are PM, 7-11 AM, 12 is noon, 13-23 are 24-hour clock. When a part
  of the day was named, the reading inside it wins if it is a plausible business hour (6-21):
  "morning at 6" is 6:00, "evening after 7" is 19:00.
- A lone number ("2") is a slot choice, never a time; a number needs "at"/"after"/am/pm/":"/...
- Combining: same-kind bounds are alternatives, so the least restrictive wins ("after 2 ... after
  4" -> after 2:00 PM); different kinds intersect. The first exact time named is kept (the
  structure holds one). An exact time beats clock bounds, which beat parts of the day: a lower
  level that contradicts a higher one is dropped ("morning after 3" -> after 3:00 PM).

Other
- "asap", "soonest", "earliest", "first/next available", "as soon as possible" -> `soonest=True`
  (other constraints still apply: "first available saturday"). "anytime", "whenever", "any day"
  with nothing else -> soonest=True too (no preference means show the soonest).
- `parse_time_wish` returns None when the text holds no time wish; it never raises.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo

import dateparser

log = logging.getLogger(__name__)

__all__ = ["TimeWish", "parse_time_wish"]


def _fmt_time(t: time) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def _fmt_day(d: date) -> str:
    return f"{d:%A}, {d:%B} {d.day}"


def _to_minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class TimeWish:
    """What the customer asked for. All times are dealer-local wall-clock times.

    days           specific dates wanted; None = any day
    weekdays_only  only Monday-Friday
    not_before     earliest start time, inclusive
    not_after      latest start time, EXCLUSIVE ("before 10" does not take a 10:00 slot)
    exact          one wanted start time ("at 2" -> 14:00); the window, if any, is kept alongside
    soonest        the customer wants the soonest slots ("asap", "first available")
    tz             the dealer's zone (taken from `now`); `matches` converts aware starts into it
    """

    days: tuple[date, ...] | None = None
    weekdays_only: bool = False
    not_before: time | None = None
    not_after: time | None = None
    exact: time | None = None
    soonest: bool = False
    tz: tzinfo | None = field(default=None, compare=False, repr=False)

    @property
    def empty(self) -> bool:
        """No constraint at all (True for a plain "asap": any slot will do, soonest first)."""
        return (
            self.days is None
            and not self.weekdays_only
            and self.not_before is None
            and self.not_after is None
            and self.exact is None
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
        return True

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
        """Short human text, e.g. "Tuesday, December 1 after 3:00 PM"."""
        parts: list[str] = []
        if self.days:
            parts.append(self._describe_days())
            if self.weekdays_only and any(d.weekday() >= 5 for d in self.days):
                parts.append("(weekdays only)")
        elif self.weekdays_only:
            parts.append("any weekday")
        if self.exact is not None:
            parts.append(f"at {_fmt_time(self.exact)}")
        elif self.not_before is not None and self.not_after is not None:
            parts.append(f"between {_fmt_time(self.not_before)} and {_fmt_time(self.not_after)}")
        elif self.not_before is not None:
            parts.append(f"after {_fmt_time(self.not_before)}")
        elif self.not_after is not None:
            parts.append(f"before {_fmt_time(self.not_after)}")
        text = " ".join(parts)
        if self.soonest:
            text = f"{text}, soonest available" if text else "soonest available"
        if not text:
            text = "any time"
        return text[0].upper() + text[1:]

    def _describe_days(self) -> str:
        days = sorted(self.days or ())
        if len(days) == 1:
            return _fmt_day(days[0])
        consecutive = all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))
        if len(days) > 2 and consecutive:
            return f"{_fmt_day(days[0])} through {_fmt_day(days[-1])}"
        names = [_fmt_day(d) for d in days]
        return "; ".join(names[:-1]) + " or " + names[-1]


# --------------------------------------------------------------------------------------------
# Vocabulary

_WEEKDAY_WORDS: dict[int, str] = {
    0: r"mondays?|mon",
    1: r"tuesdays?|tues|tue|tusday|tuseday",
    2: r"wednesdays?|weds|wed|wensday|wendsday|wednsday|wedensday",
    3: r"thursdays?|thurs|thur|thu|thrusday|thurday",
    4: r"fridays?|fri",
    5: r"saturdays?|sat",
    6: r"sundays?|sun",
}
_WEEKDAY_RE = "|".join(f"(?:{words})" for words in _WEEKDAY_WORDS.values())
_WEEKDAY_LOOKUP = [(re.compile(rf"^(?:{words})$"), wd) for wd, words in _WEEKDAY_WORDS.items()]

_MONTHS = (
    r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|"
    r"september|sept|sep|october|oct|november|nov|december|dec"
)
_MONTHS_NOT_MAY = _MONTHS.replace("may|", "")  # "at 10 may be fine" is not May 10

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

# A clock token: "3", "3pm", "3 p.m.", "3p", "3:30", "15:00", "3 oclock", "noon".
# Not glued to other digits/words, not "3/4" (dates), and not "2 weeks", "3 cars" (quantities).
_CLOCK = (
    r"(?:(?<![\w/:.$#])\d{1,2}(?::\d{2})?"
    r"(?:\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|[ap](?![a-z]))?"
    r"(?:\s*oclock)?(?!(?!ish\b)[\w/:])"  # "11ish" is fine, "11th"/"3/4" are not
    r"(?!\s*(?:weeks?|days?|months?|years?|hours?|hrs?|minutes?|mins?|miles?|cars?|vehicles?"
    r"|people|times|x\b|%))"
    r"|\bnoon\b|\bmidday\b)"
)
_CLOCK_PARTS = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<mer>[ap])?\.?m?\.?\s*(?:oclock)?$")

_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|\bexcept|\bbut|\bno|\bexcluding|\bcant\s+do|\bcannot\s+do|\bcant\s+make)"
    r"\s+(?:on\s+|in\s+the\s+|a\s+|the\s+)?$"
)

# Marker written over consumed day phrases (same length, so positions stay comparable).
_DAY_MARK = "\x01"

_PLAUSIBLE_HOURS = range(6, 22)  # business hours used to pick AM/PM for bare hours inside a period


@dataclass
class _Clock:
    hour: int
    minute: int
    bare: bool  # no am/pm and no 24-hour form: "3", "3:30"
    meridiem: str | None = None  # "a" or "p" when written


def _parse_clock(token: str) -> _Clock | None:
    token = token.strip()
    if token in ("noon", "midday"):
        return _Clock(12, 0, bare=False)
    m = _CLOCK_PARTS.match(token)
    if not m:
        return None
    hour, minute, mer = int(m["h"]), int(m["m"] or 0), m["mer"]
    if minute > 59:
        return None
    if mer:
        if not 1 <= hour <= 12:
            return None
        return _Clock(hour % 12 + (12 if mer == "p" else 0), minute, bare=False, meridiem=mer)
    if hour > 23:
        return None
    if hour >= 13 or hour == 0 or m["h"].startswith("0"):
        return _Clock(hour, minute, bare=False)  # 24-hour clock: "15:00", "09:30"
    return _Clock(hour, minute, bare=True)


def _default_hour(hour: int) -> int:
    """Bare 1-6 -> PM, 7-11 -> AM, 12 -> noon (dealers are open in the day)."""
    return hour + 12 if 1 <= hour <= 6 else hour


def _within(minutes: int, window: tuple[int, int] | None) -> bool:
    # Inclusive at both ends: a hint, not a bound ("afternoon before 5" -> 17:00).
    return window is not None and window[0] <= minutes <= window[1]


def _resolve(clock: _Clock, hint: tuple[int, int] | None) -> time:
    if not clock.bare:
        return time(clock.hour, clock.minute)
    if clock.hour != 12 and hint is not None:
        fits = [
            h for h in (clock.hour, clock.hour + 12) if h in _PLAUSIBLE_HOURS and _within(h * 60 + clock.minute, hint)
        ]
        if len(fits) == 1:
            return time(fits[0], clock.minute)
    return time(_default_hour(clock.hour), clock.minute)


def _this_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _next_weekday(today: date, weekday: int) -> date:
    ahead = (weekday - today.weekday()) % 7
    if ahead < 2:
        ahead += 7
    return today + timedelta(days=ahead)


def _weekday_of(word: str) -> int | None:
    for pattern, weekday in _WEEKDAY_LOOKUP:
        if pattern.match(word):
            return weekday
    return None


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "").replace("'", "").replace("`", "")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("@", " at ")
    text = text.replace(_DAY_MARK, " ")
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------------------------
# The reader


class _Reader:
    def __init__(self, text: str, now: datetime) -> None:
        self.s = text
        self.now = now
        self.today = now.date()
        self.found = False
        self.soonest = False
        self.no_preference = False
        self.weekdays_only = False
        self.dates: set[date] = set()  # explicit calendar dates and relative days
        self.weeks: list[list[date]] = []  # "this week", "weekend", ...
        self.weekdays: list[tuple[int, str]] = []  # (weekday, "this" | "next" | "plain")
        self.periods: list[tuple[int | None, int | None]] = []  # minutes, half-open
        self.lower: list[tuple[int, _Clock]] = []  # (position, clock) not_before
        self.upper: list[tuple[int, _Clock]] = []  # not_after
        self.spans: list[tuple[int, _Clock, _Clock]] = []  # ranges
        self.exacts: list[tuple[int, _Clock]] = []

    # -- helpers

    def _sub(self, pattern: str, handle, day: bool = False, negatable: bool | None = None) -> None:
        """Run `handle(match)` on every match; a handled match is blanked out (same length).

        Day phrases are written over with `_DAY_MARK` (so "thursday 2" can see the day before
        the 2), everything else with spaces. `negatable` phrases right after "not"/"except"/"but"
        /"no" are consumed and ignored.
        """

        if negatable is None:
            negatable = day

        def callback(m: re.Match) -> str:
            if negatable and _NEGATION_BEFORE.search(self.s[max(0, m.start() - 25) : m.start()]):
                return " " * len(m.group(0))
            if handle(m) is False:
                return m.group(0)
            self.found = True
            return (_DAY_MARK if day else " ") * len(m.group(0))

        self.s = re.sub(pattern, callback, self.s)

    def _date_via_dateparser(self, text: str) -> date | None:
        settings = {
            "PREFER_DATES_FROM": "future",
            # dateparser pushes today's own date a year ahead; a base of yesterday keeps today.
            "RELATIVE_BASE": datetime.combine(self.today - timedelta(days=1), time(0)),
            "DATE_ORDER": "MDY",
            "REQUIRE_PARTS": ["day", "month"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        try:
            parsed = dateparser.parse(text, languages=["en"], settings=settings)
        except Exception:  # dateparser must never break the conversation
            log.debug("dateparser failed on %r", text, exc_info=True)
            return None
        return parsed.date() if parsed else None

    @staticmethod
    def _year(raw: str | None) -> str:
        if not raw:
            return ""
        digits = re.sub(r"\D", "", raw)
        return str(2000 + int(digits)) if len(digits) == 2 else digits

    # -- days

    def read_days(self) -> None:
        ordinal = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
        # only a 4-digit year: "dec 3 10" is December 3 at 10, not 2010
        year = r",?\s*(?P<y>(?:19|20)\d{2})(?![\d:])(?!\s*[ap]\.?m?\b)"

        def month_day(m: re.Match) -> bool:
            found = self._date_via_dateparser(f"{m['mon']} {int(m['d'])} {self._year(m['y'])}")
            if found:
                self.dates.add(found)
            return True  # consumed even when invalid ("feb 30"), so "30" is not a time

        # "december 3rd", "dec. 3, 2026", "december the 3rd"
        self._sub(
            rf"\b(?P<mon>{_MONTHS})\.?\s+(?:the\s+)?{ordinal}\b(?!\s*(?::|[ap]\.?m\b|[ap]\b))"
            rf"(?:{year})?",
            month_day,
            day=True,
        )
        # "3rd of december", "3 dec"
        self._sub(
            rf"\b(?:the\s+)?{ordinal}\s+(?:of\s+)?(?P<mon>{_MONTHS_NOT_MAY})\b\.?(?:{year})?",
            month_day,
            day=True,
        )

        def numeric(m: re.Match) -> bool:
            month, day_ = int(m["mo"]), int(m["d"])
            if not (1 <= month <= 12 and 1 <= day_ <= 31):
                return False
            found = self._date_via_dateparser(f"{month}/{day_}/{self._year(m['y'])}".rstrip("/"))
            if found:
                self.dates.add(found)
            return True

        self._sub(
            r"(?<![\d/])(?P<mo>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])",
            numeric,
            day=True,
        )

        def iso(m: re.Match) -> bool:
            try:
                self.dates.add(date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                return False
            return True

        self._sub(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", iso, day=True)

        def nth(m: re.Match) -> bool:
            wanted = int(m["d"])
            if not 1 <= wanted <= 31:
                return False
            year_, month = self.today.year, self.today.month
            if self.today.day > wanted:
                year_, month = (year_ + 1, 1) if month == 12 else (year_, month + 1)
            for _ in range(13):  # skip months without that day (the 31st)
                try:
                    self.dates.add(date(year_, month, wanted))
                    return True
                except ValueError:
                    year_, month = (year_ + 1, 1) if month == 12 else (year_, month + 1)
            return False

        # "the 12th", "on the 12th", "on 12th" -- not "the 2nd one" (a slot choice)
        self._sub(
            r"\b(?:on\s+the|on|the)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
            r"(?!\s*(?:one|option|choice|slot|time|opening|appointment|available))",
            nth,
            day=True,
        )

        # Relative days
        def add(offset: int):
            def handle(_m: re.Match) -> bool:
                self.dates.add(self.today + timedelta(days=offset))
                return True

            return handle

        tomorrow = r"(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmrow|tmr|tmw|2morrow|2moro|2mrw)"
        self._sub(rf"\b(?:the\s+)?day\s+after\s+{tomorrow}\b", add(2), day=True)
        self._sub(rf"\b{tomorrow}\b", add(1), day=True)

        def tonight(_m: re.Match) -> bool:
            self.dates.add(self.today)
            self.periods.append((16 * 60, None))
            return True

        self._sub(r"\b(?:tonight|tonite)\b", tonight, day=True)
        self._sub(r"\b(?:later\s+)?today\b", add(0), day=True)
        self._sub(r"\bthis(?=\s+(?:morning|afternoon|evening)\b)", add(0), day=True)

        def in_n(m: re.Match) -> bool:
            n = _NUMBER_WORDS[m["n"]] if m["n"] in _NUMBER_WORDS else int(m["n"])
            if not 0 < n <= 60:
                return False
            if m["unit"].startswith("day"):
                self.dates.add(self.today + timedelta(days=n))
            else:
                target = self.today + timedelta(weeks=n)
                if target.weekday() == 6:
                    target += timedelta(days=1)
                monday = target - timedelta(days=target.weekday())
                self.weeks.append([monday + timedelta(days=i) for i in range(6)])
            return True

        self._sub(
            r"\bin\s+(?:about\s+)?(?P<n>a|an|one|two|three|four|five|six|\d{1,2})\s+"
            r"(?P<unit>days?|weeks?)\b",
            in_n,
            day=True,
        )

        # Weeks
        def week(m: re.Match) -> bool:
            if m["which"] == "next":
                monday = self.today - timedelta(days=self.today.weekday()) + timedelta(weeks=1)
                days = [monday + timedelta(days=i) for i in range(6)]
            else:
                saturday = _this_weekday(self.today, 5)
                days = [self.today + timedelta(days=i) for i in range((saturday - self.today).days + 1)]
            edge = m["edge"] or ""
            if edge:
                early = edge.startswith("early") or "beginning" in edge or "start" in edge
                keep = (0, 1, 2) if early else (3, 4, 5)
                days = [d for d in days if d.weekday() in keep] or days
            self.weeks.append(days)
            return True

        self._sub(
            r"\b(?P<edge>early|late|later|(?:the\s+)?(?:end|beginning|start)\s+of)?\s*"
            r"(?:the\s+)?(?P<which>this|next|rest\s+of\s+the)\s+week\b(?!\s?(?:days?|ends?)\b)",
            week,
            day=True,
        )
        self._sub(
            r"\b(?P<edge>(?:the\s+)?(?:end|beginning|start)\s+of)\s+(?:the\s+)?(?P<which>)week\b"
            r"(?!\s?(?:days?|ends?)\b)",
            week,
            day=True,
        )

        def weekend(m: re.Match) -> bool:
            saturday = _next_weekday(self.today, 5) if m["which"] == "next" else _this_weekday(self.today, 5)
            self.weeks.append([saturday, saturday + timedelta(days=1)])
            return True

        self._sub(r"\b(?:(?P<which>this|next|coming)\s+)?week\s?ends?\b", weekend, day=True)

        def weekdays(_m: re.Match) -> bool:
            self.weekdays_only = True
            return True

        self._sub(r"\b(?:any\s+)?week\s?days?\b|\bduring\s+the\s+week\b", weekdays, day=True)

        # Weekday ranges: "mon-fri" -> any weekday; "tue-thu" -> those dates from the next Tuesday.
        def weekday_range(m: re.Match) -> bool:
            first, last = _weekday_of(m["a"]), _weekday_of(m["b"])
            if first is None or last is None:
                return False
            if (first, last) == (0, 4):
                self.weekdays_only = True
                return True
            start = _this_weekday(self.today, first)
            span = (last - first) % 7
            self.weeks.append([start + timedelta(days=i) for i in range(span + 1)])
            return True

        self._sub(
            rf"\b(?P<a>{_WEEKDAY_RE})\.?\s*(?:-|to|through|thru|till|until)\s*(?P<b>{_WEEKDAY_RE})\b",
            weekday_range,
            day=True,
        )

        def weekday(m: re.Match) -> bool:
            wd = _weekday_of(m["wd"])
            if wd is None:
                return False
            # "I sat in the sun" is no Saturday or Sunday.
            before = self.s[max(0, m.start() - 12) : m.start()]
            if m["wd"] in ("sat", "sun") and re.search(r"\b(?:i|we|he|she|they|you|the)\s+$", before):
                return False
            mod = (m["mod"] or "").strip()
            kind = "next" if mod in ("next", "following", "the following") else ("this" if mod else "plain")
            self.weekdays.append((wd, kind))
            return True

        self._sub(
            r"\b(?:(?P<mod>this\s+coming|coming|this|next|the\s+following|following)\s+)?"
            rf"(?P<wd>{_WEEKDAY_RE})\b\.?",
            weekday,
            day=True,
        )

    def resolve_days(self) -> tuple[date, ...] | None:
        dates = set(self.dates)
        explicit_weekdays = {d.weekday() for d in dates}
        tokens = [(wd, kind) for wd, kind in self.weekdays if wd not in explicit_weekdays]
        if self.weeks:
            week_days = [d for w in self.weeks for d in w]
            plain = {wd for wd, kind in tokens if kind == "plain"}
            if plain:  # "tuesday next week": pick inside the week(s)
                picked = [d for d in week_days if d.weekday() in plain]
                if picked:
                    dates.update(picked)
                    tokens = [(wd, kind) for wd, kind in tokens if kind != "plain"]
                else:
                    dates.update(week_days)
            else:
                dates.update(week_days)
        for wd, kind in tokens:
            dates.add(_next_weekday(self.today, wd) if kind == "next" else _this_weekday(self.today, wd))
        if self.weekdays_only:
            dates = {d for d in dates if d.weekday() < 5} or dates
        return tuple(sorted(dates)) or None

    # -- times

    def read_times(self) -> None:
        h = 60

        def period(low: int | None, high: int | None):
            def handle(_m: re.Match) -> bool:
                self.periods.append((low, high))
                return True

            return handle

        def periods(pattern: str, handle) -> None:
            self._sub(pattern, handle, negatable=True)

        periods(r"\bbefore\s+lunch(?:\s*time)?\b", period(None, 12 * h))
        periods(r"\bafter\s+lunch(?:\s*time)?\b", period(13 * h, None))
        periods(r"\bafter\s+work\b", period(16 * h, None))
        periods(
            r"\b(?:early\s+(?:in\s+the\s+)?mornings?|first\s+thing(?:\s+in\s+the\s+morning)?)\b",
            period(None, 10 * h),
        )
        periods(r"\blate\s+(?:in\s+the\s+)?mornings?\b", period(10 * h, 12 * h))
        periods(r"\bearly\s+(?:in\s+the\s+)?afternoons?\b", period(12 * h, 15 * h))
        periods(r"\blate\s+(?:in\s+the\s+)?afternoons?\b", period(15 * h, 17 * h))
        periods(r"\b(?:in\s+the\s+)?mornings?\b", period(None, 12 * h))
        periods(r"\b(?:in\s+the\s+)?(?:afternoons?|aftn|arvo)\b", period(12 * h, 17 * h))
        periods(r"\b(?:in\s+the\s+)?evenings?\b", period(16 * h, None))
        periods(
            r"\b(?:at\s+|around\s+|over\s+|during\s+)?lunch(?:\s*time|\s*hour|\s*break)?\b",
            period(11 * h + 30, 13 * h),
        )

        clock = rf"(?P<c>{_CLOCK})"
        clock2 = rf"(?P<c2>{_CLOCK})"

        def span(require_context: bool):
            def handle(m: re.Match) -> bool:
                a, b = _parse_clock(m["c"]), _parse_clock(m["c2"])
                if a is None or b is None:
                    return False
                if require_context and a.bare and b.bare and ":" not in m["c"] + m["c2"]:
                    # "2-4" alone is not clearly a time; "at 2-4" or "tuesday 2-4" is.
                    after_day = self.s[: m.start()].rstrip(" ,").endswith(_DAY_MARK)
                    if not (after_day or m.group(0).startswith(("at", "around"))):
                        return False
                self.spans.append((m.start(), a, b))
                return True

            return handle

        self._sub(rf"\bbetween\s+{clock}\s*(?:and|-|to)\s*{clock2}", span(False))
        self._sub(rf"\bfrom\s+{clock}\s*(?:to|till|til|until|-)\s*{clock2}", span(False))
        self._sub(rf"(?:\b(?:at|around)\s+)?{clock}\s*(?:-|to|till|til|until)\s*{clock2}", span(True))

        def bound(kind: str):
            def handle(m: re.Match) -> bool:
                c = _parse_clock(m["c"])
                if c is None:
                    return False
                (self.lower if kind == "lower" else self.upper).append((m.start(), c))
                return True

            return handle

        self._sub(rf"\b(?:not|no)\s+(?:before|earlier\s+than|sooner\s+than)\s+{clock}", bound("lower"))
        self._sub(rf"\b(?:not|no)\s+(?:after|later\s+than)\s+{clock}", bound("upper"))
        self._sub(
            rf"\b(?:before|by|until|till|til|up\s+to|earlier\s+than|no\s+later\s+than)\s+{clock}",
            bound("upper"),
        )
        self._sub(rf"{clock}\s+or\s+(?:earlier|before|sooner)\b", bound("upper"))
        self._sub(
            rf"\b(?:after|from|since|later\s+than|starting(?:\s+at|\s+from)?|beginning\s+at"
            rf"|any\s*time\s+after|anytime\s+after)\s+{clock}",
            bound("lower"),
        )
        self._sub(
            rf"{clock}\s*(?:\+|or\s+later|or\s+after|and\s+later|and\s+after|onwards?)",
            bound("lower"),
        )

        def exact(m: re.Match) -> bool:
            c = _parse_clock(m["c"])
            if c is None:
                return False
            self.exacts.append((m.start(), c))
            return True

        self._sub(
            rf"(?:\b(?:at|around|about|approx(?:imately)?|roughly|circa)\s+|~\s*){clock}"
            r"(?:\s*-?\s*ish\b)?",
            exact,
        )
        self._sub(rf"{clock}\s*-?\s*ish\b", exact)

        def standalone(m: re.Match) -> bool:
            token = m["c"]
            c = _parse_clock(token)
            if c is None:
                return False
            # A lone number is a slot choice; only am/pm, "h:mm", "oclock" or noon make a time.
            if c.bare and ":" not in token and "oclock" not in token:
                return False
            self.exacts.append((m.start(), c))
            return True

        self._sub(clock, standalone)

        def after_day(m: re.Match) -> bool:
            c = _parse_clock(m["c"])
            if c is None:
                return False
            self.exacts.append((m.start("c"), c))
            return True

        self._sub(rf"(?<={_DAY_MARK})\s*,?\s*(?:at\s+)?{clock}", after_day)

    def read_other(self) -> None:
        def soonest(_m: re.Match) -> bool:
            self.soonest = True
            return True

        def anything(_m: re.Match) -> bool:
            self.no_preference = True
            return True

        self._sub(
            r"\b(?:a\.?s\.?a\.?p\.?|as\s+soon\s+as\s+(?:possible|you\s+can|we\s+can|i\s+can)"
            r"|soonest|earliest|(?:first|next)\s+(?:available|open(?:ing)?|slot|appointment)"
            r"|(?:the\s+)?sooner\s+the\s+better)\b",
            soonest,
        )
        self._sub(
            r"\b(?:any\s*time|whenever|any\s+day|doesnt\s+matter|dont\s+care|no\s+preference)\b",
            anything,
        )

    def resolve_times(self) -> tuple[time | None, time | None, time | None]:
        # Parts of the day: united; they also hint AM/PM for bare hours.
        p_low: int | None = None
        p_high: int | None = None
        if self.periods:
            lows = [lo for lo, _ in self.periods]
            highs = [hi for _, hi in self.periods]
            p_low = None if None in lows else min(x for x in lows if x is not None)
            p_high = None if None in highs else max(x for x in highs if x is not None)
        hint = (p_low or 0, p_high or 24 * 60) if self.periods else None

        def minutes(c: _Clock) -> int:
            t = _resolve(c, hint)
            return t.hour * 60 + t.minute

        lows: list[int] = [minutes(c) for _, c in self.lower]
        highs: list[int] = [minutes(c) for _, c in self.upper]
        for _, a, b in self.spans:
            start, end = self._resolve_span(a, b, hint)
            if start is not None and end is not None:
                lows.append(start)
                highs.append(end)
        # Same-kind bounds are alternatives: the least restrictive one wins.
        c_low = min(lows) if lows else None
        c_high = max(highs) if highs else None
        if c_low is not None and c_high is not None and c_low >= c_high:
            c_low = c_high = None  # "after 5 before 3": contradictory, drop both

        exact_min = minutes(min(self.exacts, key=lambda e: e[0])[1]) if self.exacts else None

        def fits(value: int, low: int | None, high: int | None) -> bool:
            return (low is None or value >= low) and (high is None or value < high)

        if exact_min is not None and not fits(exact_min, c_low, c_high):
            c_low = c_high = None
        low, high = c_low, c_high
        # Parts of the day give way to explicit clock times that contradict them.
        if self.periods:
            m_low = p_low if low is None else (low if p_low is None else max(low, p_low))
            m_high = p_high if high is None else (high if p_high is None else min(high, p_high))
            consistent = (m_low is None or m_high is None or m_low < m_high) and (
                exact_min is None or fits(exact_min, m_low, m_high)
            )
            if consistent:
                low, high = m_low, m_high

        def as_time(value: int | None) -> time | None:
            if value is None or value >= 24 * 60:
                return None
            return time(value // 60, value % 60)

        if low == 0:
            low = None
        exact_t = as_time(exact_min)
        return as_time(low), as_time(high), exact_t

    @staticmethod
    def _resolve_span(a: _Clock, b: _Clock, hint) -> tuple[int | None, int | None]:
        def m(t: time) -> int:
            return t.hour * 60 + t.minute

        # A meridiem written on one end carries to the other when that keeps the order: "2-4pm".
        if a.bare and b.meridiem:
            candidate = _parse_clock(f"{a.hour}:{a.minute:02d}{b.meridiem}m")
            if candidate is not None and m(_resolve(candidate, None)) < m(_resolve(b, None)):
                a = candidate
        if b.bare and a.meridiem:
            candidate = _parse_clock(f"{b.hour}:{b.minute:02d}{a.meridiem}m")
            if candidate is not None and m(_resolve(a, None)) < m(_resolve(candidate, None)):
                b = candidate
        start, end = m(_resolve(a, hint)), m(_resolve(b, hint))
        if start >= end and b.bare and end < 12 * 60:
            end += 12 * 60  # "between 6 and 8" -> 6 PM to 8 PM
        if start >= end:
            return None, None
        return start, end


def parse_time_wish(text: str, now: datetime) -> TimeWish | None:
    """Read a time wish from `text`, relative to `now` (aware, dealer-local).

    Returns None when the text holds no time wish at all ("2", "yes", a VIN). Never raises.
    """
    if not isinstance(text, str) or not isinstance(now, datetime):
        return None
    try:
        return _parse(text, now)
    except Exception:  # the SMS conversation must go on whatever the customer typed
        log.exception("could not read a time wish from %r", text)
        return None


def _parse(text: str, now: datetime) -> TimeWish | None:
    normalized = _normalize(text)
    if not normalized:
        return None
    reader = _Reader(normalized, now)
    reader.read_other()
    reader.read_days()
    reader.read_times()
    if not reader.found:
        return None
    not_before, not_after, exact = reader.resolve_times()
    wish = TimeWish(
        days=reader.resolve_days(),
        weekdays_only=reader.weekdays_only,
        not_before=not_before,
        not_after=not_after,
        exact=exact,
        soonest=reader.soonest,
        tz=now.tzinfo,
    )
    if wish.empty and not wish.soonest:
        if not reader.no_preference:
            return None  # only negated things ("not monday"): nothing we can act on
        wish = replace(wish, soonest=True)  # "anytime", "whenever": show the soonest slots
    return wish
