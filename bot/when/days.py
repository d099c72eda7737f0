"""Which days: what the day rules record, and how the days they read become dates.

The handlers here only record (a date, a week, a weekday and how it was qualified); the dates are
settled in `resolve_days` once everything is read, because "tuesday next week" needs both words.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta

import dateparser

from .reader import Handler, Reader
from .words import NUMBER_WORDS, weekday_of

log = logging.getLogger(__name__)


def this_weekday(today: date, weekday: int) -> date:
    """The next such weekday, today included ("saturday", "this saturday")."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def next_weekday(today: date, weekday: int) -> date:
    """The first such weekday at least 2 days ahead ("next tuesday"; tomorrow would be "tomorrow")."""
    ahead = (weekday - today.weekday()) % 7
    if ahead < 2:
        ahead += 7
    return today + timedelta(days=ahead)


def _via_dateparser(today: date, text: str) -> date | None:
    settings = {
        "PREFER_DATES_FROM": "future",
        # dateparser pushes today's own date a year ahead; a base of yesterday keeps today.
        "RELATIVE_BASE": datetime.combine(today - timedelta(days=1), time(0)),
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


def _year(raw: str | None) -> str:
    if not raw:
        return ""
    digits = re.sub(r"\D", "", raw)
    return str(2000 + int(digits)) if len(digits) == 2 else digits


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


# -- calendar dates


def month_day(r: Reader, m: re.Match[str]) -> bool:
    found = _via_dateparser(r.today, f"{m['mon']} {int(m['d'])} {_year(m['y'])}")
    if found:
        r.dates.add(found)
    return True  # consumed even when invalid ("feb 30"), so "30" is not a time


def numeric_date(r: Reader, m: re.Match[str]) -> bool:
    month, day_ = int(m["mo"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day_ <= 31):
        return False
    found = _via_dateparser(r.today, f"{month}/{day_}/{_year(m['y'])}".rstrip("/"))
    if found:
        r.dates.add(found)
    return True


def iso_date(r: Reader, m: re.Match[str]) -> bool:
    try:
        r.dates.add(date(int(m[1]), int(m[2]), int(m[3])))
    except ValueError:
        return False
    return True


def nth_of_month(r: Reader, m: re.Match[str]) -> bool:
    wanted = int(m["d"])
    if not 1 <= wanted <= 31:
        return False
    year, month = r.today.year, r.today.month
    if r.today.day > wanted:
        year, month = _next_month(year, month)
    for _ in range(13):  # skip months without that day (the 31st)
        try:
            r.dates.add(date(year, month, wanted))
            return True
        except ValueError:
            year, month = _next_month(year, month)
    return False


# -- days relative to today


def days_ahead(offset: int) -> Handler:
    def handle(r: Reader, _m: re.Match[str]) -> bool:
        r.dates.add(r.today + timedelta(days=offset))
        return True

    return handle


def tonight(r: Reader, _m: re.Match[str]) -> bool:
    r.dates.add(r.today)
    r.periods.append((16 * 60, None))
    return True


def in_n(r: Reader, m: re.Match[str]) -> bool:
    n = NUMBER_WORDS[m["n"]] if m["n"] in NUMBER_WORDS else int(m["n"])
    if not 0 < n <= 60:
        return False
    if m["unit"].startswith("day"):
        r.dates.add(r.today + timedelta(days=n))
    else:
        target = r.today + timedelta(weeks=n)
        if target.weekday() == 6:
            target += timedelta(days=1)
        monday = target - timedelta(days=target.weekday())
        r.weeks.append([monday + timedelta(days=i) for i in range(6)])
    return True


# -- weeks and weekdays


def week(r: Reader, m: re.Match[str]) -> bool:
    if m["which"] == "next":
        monday = r.today - timedelta(days=r.today.weekday()) + timedelta(weeks=1)
        days = [monday + timedelta(days=i) for i in range(6)]
    else:
        saturday = this_weekday(r.today, 5)
        days = [r.today + timedelta(days=i) for i in range((saturday - r.today).days + 1)]
    edge = m["edge"] or ""
    if edge:
        early = edge.startswith("early") or "beginning" in edge or "start" in edge
        keep = (0, 1, 2) if early else (3, 4, 5)
        days = [d for d in days if d.weekday() in keep] or days
    r.weeks.append(days)
    return True


def weekend(r: Reader, m: re.Match[str]) -> bool:
    saturday = next_weekday(r.today, 5) if m["which"] == "next" else this_weekday(r.today, 5)
    r.weeks.append([saturday, saturday + timedelta(days=1)])
    return True


def weekdays_only(r: Reader, _m: re.Match[str]) -> bool:
    r.weekdays_only = True
    return True


def weekday_range(r: Reader, m: re.Match[str]) -> bool:
    """ "mon-fri" -> any weekday; "tue-thu" -> those dates from the next Tuesday."""
    first, last = weekday_of(m["a"]), weekday_of(m["b"])
    if first is None or last is None:
        return False
    if (first, last) == (0, 4):
        r.weekdays_only = True
        return True
    start = this_weekday(r.today, first)
    span = (last - first) % 7
    r.weeks.append([start + timedelta(days=i) for i in range(span + 1)])
    return True


def weekday(r: Reader, m: re.Match[str]) -> bool:
    wd = weekday_of(m["wd"])
    if wd is None:
        return False
    # "I sat in the sun" is no Saturday or Sunday.
    before = r.s[max(0, m.start() - 12) : m.start()]
    if m["wd"] in ("sat", "sun") and re.search(r"\b(?:i|we|he|she|they|you|the)\s+$", before):
        return False
    mod = (m["mod"] or "").strip()
    kind = "next" if mod in ("next", "following", "the following") else ("this" if mod else "plain")
    r.weekdays.append((wd, kind))
    return True


def resolve_days(r: Reader) -> tuple[date, ...] | None:
    """The dates wanted, from everything the day rules read; None for any day."""
    dates = set(r.dates)
    explicit_weekdays = {d.weekday() for d in dates}
    tokens = [(wd, kind) for wd, kind in r.weekdays if wd not in explicit_weekdays]
    if r.weeks:
        week_days = [d for w in r.weeks for d in w]
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
        dates.add(next_weekday(r.today, wd) if kind == "next" else this_weekday(r.today, wd))
    if r.weekdays_only:
        dates = {d for d in dates if d.weekday() < 5} or dates
    return tuple(sorted(dates)) or None
