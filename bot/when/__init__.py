"""A customer's appointment time wish, read from free SMS text.

"next tuesday after 3", "tomorrow morning", "any weekday afternoon", "Dec 3 at 10am", "asap", "not
this week, next week after 3"... become a `TimeWish`: which days, which part of the day, or one
exact start time, and what was refused. Everything is in the DEALER's local time, relative to a
`now` the caller passes (aware, already dealer-local).

The package: `wish` (the TimeWish and Refusal types), `words` (day words, normalizing), `clock`
(times of day), `days` and `times` (what the rules record), `ranges` (bounds and parts of the day
as one window), `refusals` (what was refused, narrowing the wish), `reader` (the reading state, how
a rule is applied) and `rules` (RULES, the one ordered list of rules, each saying what it reads and
why it comes where it does).

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
- "this week": today through Saturday. "next week": Monday-Sunday of the next calendar week
  (Monday-based), so on a Sunday "next week" is the week starting tomorrow (the colloquial
  reading). A closed day has no slots, so a Sunday in the week costs nothing where the dealer is
  closed. "early ..." keeps Monday-Wednesday of that week, "late ..."/"end of ..." Thursday-
  Saturday. A plain weekday next to a week ("tuesday next week") picks that day inside the week.
  Once a week was named, a bare "next" is next week ("not this week, next after 3").
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

Refusals ("not monday", "any day but friday", "no mornings", "not this week", "not at 3")
- A day, part of the day, exact time or clock range right after "not", "no", "except",
  "excluding", "can't do" is refused; after "but" only when a word for every day or time comes
  before it ("any day but friday", "anytime but mornings", "next week but monday"), since
  "saturday but in the morning" and "not monday but tuesday" refuse nothing. "if not wednesday"
  is a fallback, not a refusal. A refused bound is the other bound, read by its own rule ("not
  before 10", "not until 10" -> from 10; "except after 5" -> before 5), and "any day but after
  3" narrows the day: after 3.
- Refused together: phrases joined by "or"/"and"/"/" or listed ("no mondays, tuesdays or
  fridays"), and a part of the day right after a refused day ("not tuesday morning": Tuesday
  afternoon is fine). "not monday, tuesday" wants Tuesday.
- A plain refused weekday is refused every week ("not monday", "no mondays"); "not this/next
  monday" is that date. "no weekends"/"no weekdays" refuse those days every week. "not this week"
  refuses every day before next week (on a Sunday, only today).
- Where the wish can say it, it does: refused days are dropped from the days wanted ("next week
  but not monday"), a refused window at an edge of the day becomes a bound ("anything except
  mornings" -> after 12:00 PM; "not before 10" -> after 10:00 AM). Otherwise it stays a
  `Refusal` that `TimeWish.matches` checks ("not monday" with no day wanted, "not at lunch").
- A refusal contradicting the wish wins ("at 9, no mornings" -> after 12:00 PM): offering a slot
  the owner refused is the worse error.

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

Spanish (read without accents): weekdays ("el viernes", "el próximo viernes", "de lunes a
viernes"), "esta semana", "la próxima semana"/"la semana que viene" (and "la próxima" once a week
was named), "después de las 3", "antes de las 10", "a las 2", "entre las 2 y las 4", "cualquier
día", "lo más pronto posible"/"cuanto antes", and the refusals "no", "menos", "excepto", "salvo",
"ni" ("cualquier día menos el viernes"). Not "mañana" (tomorrow, or "la mañana", the morning) nor
the parts of the day ("por la tarde").
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from .days import resolve_days
from .ranges import resolve_times
from .reader import Reader, Rule
from .refusals import narrow, refusals
from .rules import RULES
from .wish import TimeWish
from .words import normalize

log = logging.getLogger(__name__)

__all__ = ["TimeWish", "parse_time_wish"]


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


def _parse(text: str, now: datetime, rules: Sequence[Rule] = RULES) -> TimeWish | None:
    """The reading itself; `rules` is the order to apply them in (tests swap two to prove it matters)."""
    normalized = normalize(text)
    if not normalized:
        return None
    reader = Reader(normalized, now)
    reader.read(rules)
    for _ in range(2):  # a refusal going on to a phrase read before it: read again, knowing
        listed = reader.listed_after_refusal()
        if not listed:
            break
        reader = Reader(normalized, now, reader.listed | listed)
        reader.read(rules)
    if not reader.found:
        return None
    not_before, not_after, exact = resolve_times(reader)
    wish = TimeWish(
        days=resolve_days(reader),
        weekdays_only=reader.wanted.weekdays_only,
        not_before=not_before,
        not_after=not_after,
        exact=exact,
        soonest=reader.soonest,
        tz=now.tzinfo,
    )
    refused = refusals(reader)
    if wish.empty and not wish.soonest:
        if reader.no_preference:
            # "anytime", "whenever", "any day but friday": show the soonest slots (that are not refused)
            wish = replace(wish, soonest=True)
        elif not refused:
            return None  # read, but nothing to act on ("not feb 30")
    return narrow(wish, refused)
