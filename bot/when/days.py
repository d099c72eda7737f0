"""Which days: what the day rules record, and how the days they read become dates.

The handlers here only record (a date, a week, a weekday and how it was qualified); the dates are
settled in `resolve_days` once everything is read, because "tuesday next week" needs both words.
A refused phrase is recorded the same way, on its refusal (`Reader.refusing`); a few read
differently there, each saying why ("not this week", "no weekends").
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta

import dateparser

from .reader import Handler, Reader, Said
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


def _monday_of_next_week(today: date) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1)


def _week(r: Reader, which: str, edge: str) -> None:
    """ "next week": Monday-Sunday of the next calendar week (Monday-based, in the dealer's zone;
    on a Sunday that is the week starting tomorrow). "this week": today through Saturday; refused,
    every day before next week ("not this week" = next week or later, so on a Wednesday its Sunday
    is refused too, and on a Sunday only today)."""
    if which == "next":
        monday = _monday_of_next_week(r.today)
        days = [monday + timedelta(days=i) for i in range(7)]
    else:
        last = _monday_of_next_week(r.today) - timedelta(days=1) if r.refusing else this_weekday(r.today, 5)
        days = [r.today + timedelta(days=i) for i in range((last - r.today).days + 1)]
    if edge:
        early = edge.startswith("early") or "beginning" in edge or "start" in edge
        keep = (0, 1, 2) if early else (3, 4, 5)
        days = [d for d in days if d.weekday() in keep] or days
    r.weeks.append(days)


def week(r: Reader, m: re.Match[str]) -> bool:
    _week(r, "next" if m["which"] == "next" else "this", m["edge"] or "")
    return True


def semana(r: Reader, m: re.Match[str]) -> bool:
    """ "esta semana" is this week; "la próxima semana", "la semana que viene" next week."""
    _week(r, "this" if m["which"] == "esta" else "next", "")
    return True


def next_week_said_before(r: Reader, m: re.Match[str]) -> bool:
    """ "next"/"la próxima" standing for next week ("not this week, next after 3", "no esta
    semana, la próxima"): only when a week was named before it; else it is no day at all."""
    if not re.search(r"\b(?:week|semana)\b", r.text[: m.start()]):
        return False
    _week(r, "next", "")
    return True


def weekend(r: Reader, m: re.Match[str]) -> bool:
    if r.refusing and not m["which"]:  # "no weekends": no Saturday or Sunday, not only the coming ones
        r.weekdays.extend([(5, "plain"), (6, "plain")])
        return True
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
    mod = re.sub(r"\s+", " ", m["mod"] or "").strip().removeprefix("el ")
    kind = "next" if mod in ("next", "following", "the following", "proximo") else ("this" if mod else "plain")
    r.weekdays.append((wd, kind))
    return True


def said_days(said: Said, today: date) -> tuple[set[date], set[int]]:
    """The dates one side named, and the weekdays it named plainly outside any week or date.

    A plain weekday next to a week picks that day inside it ("tuesday next week"); one naming the
    same day as an explicit date is redundant ("tuesday dec 1").
    """
    dates = set(said.dates)
    explicit_weekdays = {d.weekday() for d in dates}
    tokens = [(wd, kind) for wd, kind in said.weekdays if wd not in explicit_weekdays]
    if said.weeks:
        week_days = [d for w in said.weeks for d in w]
        plain = {wd for wd, kind in tokens if kind == "plain"}
        picked = [d for d in week_days if d.weekday() in plain]
        if picked:  # "tuesday next week": pick inside the week(s)
            dates.update(picked)
            tokens = [(wd, kind) for wd, kind in tokens if kind != "plain"]
        else:
            dates.update(week_days)
    loose = {wd for wd, kind in tokens if kind == "plain"}
    for wd, kind in tokens:
        if kind != "plain":
            dates.add(next_weekday(today, wd) if kind == "next" else this_weekday(today, wd))
    return dates, loose


def resolve_days(r: Reader) -> tuple[date, ...] | None:
    """The dates wanted, from everything the day rules read; None for any day."""
    dates, loose = said_days(r.wanted, r.today)
    dates.update(this_weekday(r.today, wd) for wd in loose)  # "saturday": the next one, today counts
    if r.wanted.weekdays_only:
        dates = {d for d in dates if d.weekday() < 5} or dates
    return tuple(sorted(dates)) or None
