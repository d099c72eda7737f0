"""Reading a customer's appointment time wish from SMS text (bot.when)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.when import TimeWish, _parse, parse_time_wish
from bot.when.reader import Reader
from bot.when.rules import RULES
from bot.when.wish import Refusal
from bot.when.words import normalize

CHICAGO = ZoneInfo("America/Chicago")
SUN = datetime(2026, 11, 29, 10, 0, tzinfo=CHICAGO)  # Sunday
MON = datetime(2026, 11, 30, 10, 0, tzinfo=CHICAGO)  # Monday
WED = datetime(2026, 12, 2, 10, 0, tzinfo=CHICAGO)  # Wednesday

D = date
T = time


def wish(text: str, now: datetime = SUN) -> TimeWish:
    result = parse_time_wish(text, now)
    assert result is not None, f"{text!r} should be a time wish"
    return result


def days(*dates: date) -> tuple[date, ...]:
    return tuple(dates)


def run(first: date, last: date) -> tuple[date, ...]:
    return tuple(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))


# text, now, expected days, not_before, not_after, exact
CASES = [
    # the phrases from the brief
    ("next tuesday after 3", SUN, days(D(2026, 12, 1)), T(15), None, None),
    ("tomorrow morning", SUN, days(D(2026, 11, 30)), None, T(12), None),
    ("saturday", SUN, days(D(2026, 12, 5)), None, None, None),
    ("any weekday afternoon", SUN, None, T(12), T(17), None),
    ("Dec 3 at 10am", SUN, days(D(2026, 12, 3)), None, None, T(10)),
    ("friday before noon", SUN, days(D(2026, 12, 4)), None, T(12), None),
    ("thursday at 2", SUN, days(D(2026, 12, 3)), None, None, T(14)),
    ("this week", SUN, run(D(2026, 11, 29), D(2026, 12, 5)), None, None, None),  # through Sat
    ("this week", WED, run(D(2026, 12, 2), D(2026, 12, 5)), None, None, None),
    ("monday or wednesday", SUN, days(D(2026, 11, 30), D(2026, 12, 2)), None, None, None),
    ("monday or wednesday", WED, days(D(2026, 12, 2), D(2026, 12, 7)), None, None, None),
    ("the 12th", SUN, days(D(2026, 12, 12)), None, None, None),
    ("in the evening", SUN, None, T(16), None, None),
    ("after 4pm", SUN, None, T(16), None, None),
    ("around 11", SUN, None, None, None, T(11)),
    # day words
    ("today", WED, days(D(2026, 12, 2)), None, None, None),
    ("tmrw", WED, days(D(2026, 12, 3)), None, None, None),
    ("tmr after 2", SUN, days(D(2026, 11, 30)), T(14), None, None),
    ("day after tomorrow", WED, days(D(2026, 12, 4)), None, None, None),
    ("tonight", WED, days(D(2026, 12, 2)), T(16), None, None),
    ("this afternoon", WED, days(D(2026, 12, 2)), T(12), T(17), None),
    ("tues", SUN, days(D(2026, 12, 1)), None, None, None),
    ("thur", WED, days(D(2026, 12, 3)), None, None, None),
    ("Sat or Sun", WED, days(D(2026, 12, 5), D(2026, 12, 6)), None, None, None),
    ("this sunday", SUN, days(D(2026, 11, 29)), None, None, None),  # today is Sunday: today
    ("wednesday", WED, days(D(2026, 12, 2)), None, None, None),  # plain weekday = "this"
    ("next week", SUN, run(D(2026, 11, 30), D(2026, 12, 6)), None, None, None),  # from tomorrow
    ("next week", WED, run(D(2026, 12, 7), D(2026, 12, 13)), None, None, None),  # Monday-Sunday
    ("tuesday next week", WED, days(D(2026, 12, 8)), None, None, None),
    (
        "early next week",
        WED,
        days(D(2026, 12, 7), D(2026, 12, 8), D(2026, 12, 9)),
        None,
        None,
        None,
    ),
    (
        "end of the week",
        SUN,
        days(D(2026, 12, 3), D(2026, 12, 4), D(2026, 12, 5)),
        None,
        None,
        None,
    ),
    ("weekend", WED, days(D(2026, 12, 5), D(2026, 12, 6)), None, None, None),
    ("in 3 days", SUN, days(D(2026, 12, 2)), None, None, None),
    ("tue-thu", SUN, days(D(2026, 12, 1), D(2026, 12, 2), D(2026, 12, 3)), None, None, None),
    # explicit dates through dateparser
    ("12/3", SUN, days(D(2026, 12, 3)), None, None, None),
    ("december 3rd", SUN, days(D(2026, 12, 3)), None, None, None),
    ("3rd of December", SUN, days(D(2026, 12, 3)), None, None, None),
    ("Dec. 3, 2026 at 2pm", SUN, days(D(2026, 12, 3)), None, None, T(14)),
    ("Nov 29", SUN, days(D(2026, 11, 29)), None, None, None),  # today counts
    ("11/28", SUN, days(D(2027, 11, 28)), None, None, None),  # yesterday -> next year
    ("Friday 12/4 @ 9:30am", WED, days(D(2026, 12, 4)), None, None, T(9, 30)),
    ("tuesday dec 1", SUN, days(D(2026, 12, 1)), None, None, None),  # redundant weekday
    ("dec 3 10", SUN, days(D(2026, 12, 3)), None, None, T(10)),  # not the year 2010
    ("on the 30th", SUN, days(D(2026, 11, 30)), None, None, None),
    ("the 2nd", WED, days(D(2026, 12, 2)), None, None, None),  # today counts
    ("the 31st", SUN, days(D(2026, 12, 31)), None, None, None),
    # times
    ("3pm", SUN, None, None, None, T(15)),
    ("3 pm", SUN, None, None, None, T(15)),
    ("3p", SUN, None, None, None, T(15)),
    ("3:00", SUN, None, None, None, T(15)),
    ("15:00", SUN, None, None, None, T(15)),
    ("2:30 pm", SUN, None, None, None, T(14, 30)),
    ("2:30 P.M.", SUN, None, None, None, T(14, 30)),
    ("3 o'clock", SUN, None, None, None, T(15)),
    ("11ish", SUN, None, None, None, T(11)),
    ("noon", SUN, None, None, None, T(12)),
    ("lunch", SUN, None, T(11, 30), T(13), None),
    ("after work", SUN, None, T(16), None, None),
    ("before 10", SUN, None, None, T(10), None),
    ("by 9", SUN, None, None, T(9), None),
    ("no later than 4", SUN, None, None, T(16), None),
    ("not before 10", SUN, None, T(10), None, None),
    ("10 or later", SUN, None, T(10), None, None),
    ("between 2 and 4", SUN, None, T(14), T(16), None),
    ("2-4pm", SUN, None, T(14), T(16), None),
    ("10am-2", SUN, None, T(10), T(14), None),
    ("tuesday 11-1", MON, days(D(2026, 12, 1)), T(11), T(13), None),
    ("thursday 2", SUN, days(D(2026, 12, 3)), None, None, T(14)),  # bare hour after a day
    ("monday, 10", SUN, days(D(2026, 11, 30)), None, None, T(10)),
    # parts of the day steer bare hours; contradicting parts give way to the clock
    ("morning at 6", SUN, None, None, T(12), T(6)),
    ("evening after 7", SUN, None, T(19), None, None),
    ("afternoon before 4", SUN, None, T(12), T(16), None),
    ("morning after 3", SUN, None, T(15), None, None),
    ("late afternoon", SUN, None, T(15), T(17), None),
    ("first thing monday", SUN, days(D(2026, 11, 30)), None, T(10), None),
    ("MONDAY AFTERNOON", SUN, days(D(2026, 11, 30)), T(12), T(17), None),
    ("after 2 or after 4", SUN, None, T(14), None, None),  # alternatives: least restrictive
    ("at 2 or 3", SUN, None, None, None, T(14)),  # the first exact time named is kept
]


@pytest.mark.parametrize(("text", "now", "want_days", "not_before", "not_after", "exact"), CASES)
def test_reading(text, now, want_days, not_before, not_after, exact):
    got = wish(text, now)
    assert (got.days, got.not_before, got.not_after, got.exact) == (
        want_days,
        not_before,
        not_after,
        exact,
    )


@pytest.mark.parametrize(
    ("now", "weekday", "expected"),
    [
        (SUN, "tuesday", D(2026, 12, 1)),  # 2 days ahead: the coming Tuesday
        (SUN, "monday", D(2026, 12, 7)),  # tomorrow is "tomorrow"; next monday is a week later
        (SUN, "sunday", D(2026, 12, 6)),
        (MON, "tuesday", D(2026, 12, 8)),  # said on Monday: not tomorrow, the week after
        (MON, "wednesday", D(2026, 12, 2)),
        (WED, "friday", D(2026, 12, 4)),
        (WED, "thursday", D(2026, 12, 10)),
        (WED, "wednesday", D(2026, 12, 9)),
    ],
)
def test_next_weekday_is_the_first_one_at_least_two_days_ahead(now, weekday, expected):
    assert wish(f"next {weekday}", now).days == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(f"after {h}", T(h + 12)) for h in range(1, 7)]
    + [(f"after {h}", T(h)) for h in range(7, 12)]
    + [("after 12", T(12)), ("after 13", T(13)), ("after noon", T(12))],
)
def test_bare_hours_one_to_six_are_pm_seven_to_eleven_am(text, expected):
    assert wish(text).not_before == expected


@pytest.mark.parametrize(
    "text",
    [
        "2",
        "yes",
        "",
        "   ",
        "my vin is JTJHA31U740012345",
        "12",
        "#2",
        "option 2",
        "the 2nd one",
        "2nd",
        "2 cars",
        "2 to 4",  # bare numbers without a day or "at": not clearly times
        "$30",
        "call me at 214-555-0134",
        "I sat in the sun",
        "not feb 30",  # a refusal of no day at all
        "next time",  # "next" is next week only once a week was named
        "el fin de semana que viene",  # the weekend, not "la semana que viene"
        "thanks!",
        "😀👍",
        "mañana a las tres",
        "ok 24:00",
    ],
)
def test_no_time_wish(text):
    assert parse_time_wish(text, SUN) is None


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02",
        "🚗" * 500,
        "after " * 300 + "3",
        "the 99th",
        "feb 30",
        "13/45",
        "99:99",
        "at 25",
        "Ünïcödé ｔｕｅｓｄａｙ",
        "周二下午三点",
        "between 5 and 3",
        "dec 3 2026 2027 2028",
        "1/1/1",
        "next next next",
    ],
)
def test_never_raises(text):
    result = parse_time_wish(text, SUN)
    assert result is None or isinstance(result, TimeWish)
    if result is not None:
        assert isinstance(result.describe(), str)


def test_non_string_input_is_not_a_wish():
    assert parse_time_wish(None, SUN) is None  # type: ignore[arg-type]
    assert parse_time_wish(2, SUN) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["asap", "ASAP!", "soonest", "earliest", "first available", "as soon as possible"])
def test_soonest_is_an_empty_wish_not_none(text):
    got = wish(text)
    assert got.soonest and got.empty
    assert got.describe() == "Soonest available"


def test_soonest_keeps_other_constraints():
    got = wish("first available saturday")
    assert got.soonest and not got.empty
    assert got.days == (D(2026, 12, 5),)
    assert got.describe() == "Saturday, December 5, soonest available"


def test_no_preference_means_soonest():
    got = wish("whenever works")
    assert got.soonest and got.empty


def test_weekdays_only():
    got = wish("any weekday afternoon")
    assert got.weekdays_only and got.days is None
    assert wish("mon-fri mornings").weekdays_only
    # Saturday of "next week" is dropped
    assert wish("weekdays next week").days == run(D(2026, 11, 30), D(2026, 12, 4))


def test_refused_days_and_parts_of_day_are_not_offered():
    assert wish("any day but friday").days is None
    assert wish("tuesday, no mornings").not_after is None
    got = wish("tuesday but not before 3")
    assert (got.days, got.not_before) == ((D(2026, 12, 1),), T(15))


def test_matches_window_is_half_open():
    got = wish("next tuesday after 3", SUN)
    assert got.matches(datetime(2026, 12, 1, 15, 0, tzinfo=CHICAGO))  # 3:00 counts as "after 3"
    assert got.matches(datetime(2026, 12, 1, 16, 30, tzinfo=CHICAGO))
    assert not got.matches(datetime(2026, 12, 1, 14, 45, tzinfo=CHICAGO))
    assert not got.matches(datetime(2026, 12, 2, 15, 0, tzinfo=CHICAGO))  # wrong day
    before = wish("before 10")
    assert before.matches(datetime(2026, 12, 1, 9, 45, tzinfo=CHICAGO))
    assert not before.matches(datetime(2026, 12, 1, 10, 0, tzinfo=CHICAGO))  # 10:00 is not before 10


def test_matches_exact_and_weekdays():
    got = wish("thursday at 2")
    assert got.matches(datetime(2026, 12, 3, 14, 0, tzinfo=CHICAGO))
    assert not got.matches(datetime(2026, 12, 3, 14, 30, tzinfo=CHICAGO))
    weekday = wish("any weekday afternoon")
    assert weekday.matches(datetime(2026, 12, 4, 13, 0, tzinfo=CHICAGO))  # Friday
    assert not weekday.matches(datetime(2026, 12, 5, 13, 0, tzinfo=CHICAGO))  # Saturday
    assert not weekday.matches(datetime(2026, 12, 4, 17, 0, tzinfo=CHICAGO))


def test_matches_converts_other_zones_to_the_dealers():
    got = wish("thursday at 2")
    # 20:00 UTC on December 3 is 14:00 in Chicago (CST, UTC-6)
    assert got.matches(datetime(2026, 12, 3, 20, 0, tzinfo=timezone.utc))
    assert not got.matches(datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc))


def test_relaxed_widens_an_exact_time():
    got = wish("thursday at 2")
    loose = got.relaxed()
    assert loose.exact is None and loose.days == got.days
    assert (loose.not_before, loose.not_after) == (T(13), T(15, 1))
    assert loose.matches(datetime(2026, 12, 3, 15, 0, tzinfo=CHICAGO))
    assert not loose.matches(datetime(2026, 12, 3, 15, 30, tzinfo=CHICAGO))
    morning = wish("morning around 11").relaxed(90)  # stays inside the morning
    assert (morning.not_before, morning.not_after) == (T(9, 30), T(12))
    plain = wish("saturday")
    assert plain.relaxed() is plain


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("next tuesday after 3", SUN, "Tuesday, December 1 after 3:00 PM"),
        ("tomorrow morning", SUN, "Monday, November 30 before 12:00 PM"),
        ("Dec 3 at 10am", SUN, "Thursday, December 3 at 10:00 AM"),
        ("any weekday afternoon", SUN, "Any weekday between 12:00 PM and 5:00 PM"),
        ("monday or wednesday", SUN, "Monday, November 30 or Wednesday, December 2"),
        ("this week", WED, "Wednesday, December 2 through Saturday, December 5"),
        ("around 11", SUN, "At 11:00 AM"),
        ("2:30 pm", SUN, "At 2:30 PM"),
    ],
)
def test_describe(text, now, expected):
    assert wish(text, now).describe() == expected


def test_empty_and_default_wish():
    blank = TimeWish()
    assert blank.empty and not blank.soonest
    assert blank.describe() == "Any time"
    assert blank.matches(datetime(2026, 12, 3, 3, 0, tzinfo=CHICAGO))
    assert not wish("saturday").empty


# -- the rule order (bot.when.rules.RULES): a phrase two rules could read belongs to the earlier one

SAT_DEC5 = datetime(2026, 12, 5, 10, 0, tzinfo=CHICAGO)

# phrase, now, the earlier rule, a later rule that could also read it, (days, not_before, not_after, exact)
ORDER_CASES = [
    ("the day after tomorrow", SUN, "day_after_tomorrow", "tomorrow", (days(D(2026, 12, 1)), None, None, None)),
    ("december the 3rd", SAT_DEC5, "month_day", "nth_of_month", (days(D(2027, 12, 3)), None, None, None)),
    ("tue-thu", SUN, "weekday_range", "weekday", (run(D(2026, 12, 1), D(2026, 12, 3)), None, None, None)),
    ("early morning", SUN, "early_morning", "morning", (None, None, T(10), None)),
    ("after lunch", SUN, "after_lunch", "lunch", (None, T(13), None, None)),
    ("from 2 to 4", SUN, "from_to", "lower_bound", (None, T(14), T(16), None)),
    ("not before 10", SUN, "not_before", "upper_bound", (None, T(10), None, None)),
    ("starting at 3", SUN, "lower_bound", "at_clock", (None, T(15), None, None)),
    ("tuesday 3 or later", SUN, "or_later", "clock_after_day", (days(D(2026, 12, 1)), T(15), None, None)),
    ("except after 5", SUN, "not_after", "lower_bound", (None, None, T(17), None)),
]


def _reading(text: str, now: datetime, rules) -> tuple:
    result = _parse(text, now, rules)
    return (None,) * 4 if result is None else (result.days, result.not_before, result.not_after, result.exact)


def test_the_rules_are_one_ordered_list_of_named_rules_that_say_why():
    assert isinstance(RULES, tuple)
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    assert all(len(rule.why.split()) >= 8 for rule in RULES), "each rule says what it reads and why it is there"


@pytest.mark.parametrize("text,now,earlier,later,expected", ORDER_CASES, ids=[c[0] for c in ORDER_CASES])
def test_a_phrase_two_rules_could_read_is_read_by_the_earlier_one(text, now, earlier, later, expected):
    names = [rule.name for rule in RULES]
    first, second = names.index(earlier), names.index(later)
    assert first < second, f"{earlier} comes before {later} in RULES"
    # Both rules could read the phrase as it stands when the earlier one runs.
    reader = Reader(normalize(text), now)
    reader.read(RULES[:first])
    assert re.search(RULES[first].pattern, reader.s) and re.search(RULES[second].pattern, reader.s)
    # The earlier one reads it, and it is the order that decides: swapped, the reading changes.
    read = wish(text, now)
    assert (read.days, read.not_before, read.not_after, read.exact) == expected
    swapped = list(RULES)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    assert _reading(text, now, swapped) != expected


# -- refusals: "not this week", "not monday", "anything except mornings" (bot.when.refusals)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHICAGO)


def window(got: TimeWish) -> tuple:
    return (got.days, got.weekdays_only, got.not_before, got.not_after, got.exact, got.refused)


@pytest.mark.parametrize(
    ("now", "next_week"),
    [
        (WED, run(D(2026, 12, 7), D(2026, 12, 13))),
        (MON, run(D(2026, 12, 7), D(2026, 12, 13))),  # today's week is "this week", however little of it is gone
        (SUN, run(D(2026, 11, 30), D(2026, 12, 6))),  # a Sunday ends its calendar week: next week is tomorrow's
    ],
)
def test_not_this_week_next_week_after_3_is_next_calendar_week_from_3(now, next_week):
    got = wish("not this week, next week after 3", now)
    assert window(got) == (next_week, False, T(15), None, None, ())  # this week's refusal is spent on the days
    assert got.describe().endswith(f"{next_week[-1]:%A}, {next_week[-1]:%B} {next_week[-1].day} after 3:00 PM")
    assert all(got.matches(at(d, 15)) for d in next_week)  # Monday through Sunday, from 3:00
    assert not got.matches(at(next_week[0], 14, 30))
    assert not got.matches(at(next_week[0] - timedelta(days=1), 15))  # the Sunday before
    assert not got.matches(at(next_week[-1] + timedelta(days=1), 15))  # the Monday after
    assert not got.matches(at(now.date(), 16))


def test_next_week_is_read_in_the_dealers_time_zone():
    instant = datetime(2026, 12, 7, 3, 0, tzinfo=timezone.utc)  # Monday in UTC, still Sunday evening in Chicago
    got = wish("not this week, next week after 3", instant.astimezone(CHICAGO))
    assert got.days == run(D(2026, 12, 7), D(2026, 12, 13))
    assert got.matches(datetime(2026, 12, 7, 21, 0, tzinfo=timezone.utc))  # 3:00 PM CST on Monday
    assert not got.matches(datetime(2026, 12, 7, 20, 30, tzinfo=timezone.utc))  # 2:30 PM CST


@pytest.mark.parametrize(
    ("text", "now", "refused"),
    [
        ("not this week", WED, Refusal(dates=run(D(2026, 12, 2), D(2026, 12, 6)))),  # its Sunday too
        ("not this week", SUN, Refusal(dates=(D(2026, 11, 29),))),  # on a Sunday next week is tomorrow's
        ("not today", WED, Refusal(dates=(D(2026, 12, 2),))),
        ("not tomorrow", WED, Refusal(dates=(D(2026, 12, 3),))),
        ("cant do tomorrow", WED, Refusal(dates=(D(2026, 12, 3),))),
        ("not monday", WED, Refusal(weekdays=(0,))),  # every Monday
        ("no mondays", WED, Refusal(weekdays=(0,))),
        ("except fridays", WED, Refusal(weekdays=(4,))),
        ("not this monday", WED, Refusal(dates=(D(2026, 12, 7),))),  # that date only
        ("not next friday", WED, Refusal(dates=(D(2026, 12, 4),))),
        ("not the 12th", WED, Refusal(dates=(D(2026, 12, 12),))),
        ("no weekends", WED, Refusal(weekdays=(5, 6))),
        ("not this weekend", WED, Refusal(dates=(D(2026, 12, 5), D(2026, 12, 6)))),
        ("no mondays or fridays", WED, Refusal(weekdays=(0, 4))),
        ("no mondays, tuesdays or fridays", WED, Refusal(weekdays=(0, 1, 4))),
        ("not today or tomorrow", SUN, Refusal(dates=(D(2026, 11, 29), D(2026, 11, 30)))),
        ("not tuesday morning", WED, Refusal(weekdays=(1,), end=T(12))),  # Tuesday afternoon is fine
        ("not this morning", WED, Refusal(dates=(D(2026, 12, 2),), end=T(12))),
        ("not tonight", WED, Refusal(dates=(D(2026, 12, 2),), start=T(16))),
        ("not at lunch", WED, Refusal(start=T(11, 30), end=T(13))),
        ("not at 3", WED, Refusal(start=T(15), end=T(15, 1))),  # the 3:00 slot
        ("not between 12 and 1", WED, Refusal(start=T(12), end=T(13))),
    ],
)
def test_a_refusal_no_wish_can_say_is_kept_for_matches(text, now, refused):
    got = wish(text, now)
    assert window(got) == (None, False, None, None, None, (refused,))
    assert not got.empty and not got.soonest  # the booking code matches slots against it


def test_matches_leaves_out_what_was_refused():
    monday = wish("not monday", WED)
    assert monday.describe() == "Any day except Mondays"
    assert not monday.matches(at(D(2026, 12, 7), 10)) and not monday.matches(at(D(2026, 12, 14), 10))
    assert monday.matches(at(D(2026, 12, 8), 10))
    assert not monday.matches(datetime(2026, 12, 8, 3, 0, tzinfo=timezone.utc))  # Monday 9 PM in Chicago
    this_week = wish("not this week", WED)
    assert not this_week.matches(at(D(2026, 12, 6), 10)) and this_week.matches(at(D(2026, 12, 7), 8))
    assert this_week.describe() == "Any day except Wednesday, December 2 through Sunday, December 6"
    tuesday_morning = wish("not tuesday morning", WED)
    assert tuesday_morning.describe() == "Any day except Tuesdays before 12:00 PM"
    assert not tuesday_morning.matches(at(D(2026, 12, 8), 9))
    assert tuesday_morning.matches(at(D(2026, 12, 8), 12)) and tuesday_morning.matches(at(D(2026, 12, 9), 9))
    lunch = wish("not at lunch")
    assert lunch.describe() == "Any time except between 11:30 AM and 1:00 PM"
    assert lunch.matches(at(D(2026, 12, 1), 11)) and not lunch.matches(at(D(2026, 12, 1), 12, 30))
    assert lunch.matches(at(D(2026, 12, 1), 13))
    assert wish("not at 3").describe() == "Any time except at 3:00 PM"
    assert wish("no weekends").describe() == "Any day except weekends"


# text, now, (days, weekdays_only, not_before, not_after, exact, refused)
SAID_BY_THE_WISH = [
    ("anything except mornings", SUN, (None, False, T(12), None, None, ())),
    ("I cant do mornings", SUN, (None, False, T(12), None, None, ())),
    ("no mornings or evenings", SUN, (None, False, T(12), T(16), None, ())),
    ("not before 10", SUN, (None, False, T(10), None, None, ())),
    ("not until 10", SUN, (None, False, T(10), None, None, ())),
    ("except after 5", SUN, (None, False, None, T(17), None, ())),
    ("evening, not before 7", SUN, (None, False, T(19), None, None, ())),  # the evening says which 7
    ("weekdays only", SUN, (None, True, None, None, None, ())),
    ("only weekdays, not before 10", SUN, (None, True, T(10), None, None, ())),
    ("weekdays but not monday", SUN, (None, True, None, None, None, (Refusal(weekdays=(0,)),))),
    ("tuesday, no mornings", SUN, (days(D(2026, 12, 1)), False, T(12), None, None, ())),
    ("morning but not early morning", SUN, (None, False, T(10), T(12), None, ())),
    ("next week but not monday", WED, (run(D(2026, 12, 8), D(2026, 12, 13)), False, None, None, None, ())),
    ("next week but monday", WED, (run(D(2026, 12, 8), D(2026, 12, 13)), False, None, None, None, ())),
    ("not today, tomorrow after 3", WED, (days(D(2026, 12, 3)), False, T(15), None, None, ())),
    ("cant do tomorrow, how about friday", WED, (days(D(2026, 12, 4)), False, None, None, None, ())),
    ("2pm not 4pm", SUN, (None, False, None, None, T(14), ())),  # the refusal changes nothing
    # a refusal contradicting the wish wins: offering a refused slot is the worse error
    ("at 9, no mornings", SUN, (None, False, T(12), None, None, ())),
    ("morning, not mornings", SUN, (None, False, T(12), None, None, ())),
    ("monday, not monday", WED, (None, False, None, None, None, (Refusal(weekdays=(0,)),))),
]


@pytest.mark.parametrize(("text", "now", "expected"), SAID_BY_THE_WISH, ids=[c[0] for c in SAID_BY_THE_WISH])
def test_a_refusal_the_wish_can_say_narrows_it(text, now, expected):
    assert window(wish(text, now)) == expected


# Not refusals: the words that look like one but narrow, contrast or name a fallback.
# text, now, (days, not_before, not_after)
NOT_REFUSALS = [
    ("not monday, tuesday", WED, (days(D(2026, 12, 8)), None, None)),  # Tuesday instead
    ("not monday but tuesday", WED, (days(D(2026, 12, 8)), None, None)),
    ("tuesday, if not wednesday", WED, (days(D(2026, 12, 2), D(2026, 12, 8)), None, None)),
    ("saturday but in the morning", WED, (days(D(2026, 12, 5)), None, T(12))),  # narrows Saturday
    ("any day but after 3", WED, (None, T(15), None)),
    ("any day but between 2 and 4", WED, (None, T(14), T(16))),
    ("no, tuesday works", WED, (days(D(2026, 12, 8)), None, None)),
]


@pytest.mark.parametrize(("text", "now", "expected"), NOT_REFUSALS, ids=[c[0] for c in NOT_REFUSALS])
def test_words_that_look_like_a_refusal_but_are_none(text, now, expected):
    got = wish(text, now)
    assert ((got.days, got.not_before, got.not_after), got.refused) == (expected, ())


def test_a_refusal_goes_on_to_a_listed_phrase_whatever_order_the_rules_read_them_in():
    names = [rule.name for rule in RULES]
    assert names.index("tomorrow") < names.index("today")  # "tomorrow" is read first, as wanted...
    got = wish("not today or tomorrow", WED)  # ...and read again, knowing it is listed after a refusal
    assert window(got) == (None, False, None, None, None, (Refusal(dates=(D(2026, 12, 2), D(2026, 12, 3))),))
    got = wish("not monday or this week", WED)  # `week` reads before `weekday`
    assert got.refused == (Refusal(dates=run(D(2026, 12, 2), D(2026, 12, 6)), weekdays=(0,)),)


def test_a_bare_hour_after_a_refused_day_is_no_time_on_it():
    got = wish("not monday 10")
    assert window(got) == (None, False, None, None, None, (Refusal(weekdays=(0,)),))


@pytest.mark.parametrize(
    "text",
    [
        "soonest but not monday",
        "asap, not monday",
        "ASAP but no mondays",
        "earliest but not monday",
        "first available except monday",
        "as soon as possible, cant do monday",
        "next available but not on monday",
        "any day but monday",  # no preference, less Mondays: the soonest too
    ],
)
def test_soonest_with_a_refusal_is_the_soonest_not_refused(text):
    got = wish(text, WED)
    assert got.soonest and not got.empty  # not empty: the booking code matches slots against it
    assert window(got) == (None, False, None, None, None, (Refusal(weekdays=(0,)),))
    assert got.describe() == "Any day except Mondays, soonest available"
    assert not got.matches(at(D(2026, 12, 7), 9)) and got.matches(at(D(2026, 12, 8), 9))


def test_soonest_with_other_refusals():
    got = wish("soonest but not this week", WED)
    assert got.soonest and got.refused == (Refusal(dates=run(D(2026, 12, 2), D(2026, 12, 6))),)
    assert not got.matches(at(D(2026, 12, 4), 9)) and got.matches(at(D(2026, 12, 7), 9))
    got = wish("first available, not today", WED)
    assert got.soonest and got.refused == (Refusal(dates=(D(2026, 12, 2),)),)
    got = wish("asap but not before 10")
    assert (got.soonest, got.not_before, got.refused) == (True, T(10), ())
    got = wish("first available saturday but not in the morning")
    assert (got.soonest, got.days, got.not_before) == (True, days(D(2026, 12, 5)), T(12))


# -- Spanish (read without accents)

SPANISH = [
    # the phrases from the brief
    (
        "no esta semana, la próxima después de las 3",
        WED,
        (run(D(2026, 12, 7), D(2026, 12, 13)), False, T(15), None, None, ()),
    ),
    (
        "no esta semana, la proxima despues de las 3",
        SUN,
        (run(D(2026, 11, 30), D(2026, 12, 6)), False, T(15), None, None, ()),
    ),
    ("cualquier día menos el viernes", WED, (None, False, None, None, None, (Refusal(weekdays=(4,)),))),
    ("lo más pronto posible", WED, (None, False, None, None, None, ())),
    # the words they are made of
    ("la próxima semana", WED, (run(D(2026, 12, 7), D(2026, 12, 13)), False, None, None, None, ())),
    ("la semana que viene", WED, (run(D(2026, 12, 7), D(2026, 12, 13)), False, None, None, None, ())),
    ("esta semana", WED, (run(D(2026, 12, 2), D(2026, 12, 5)), False, None, None, None, ())),
    (
        "no esta semana ni la próxima",
        WED,
        (None, False, None, None, None, (Refusal(dates=run(D(2026, 12, 2), D(2026, 12, 13))),)),
    ),
    ("el viernes", WED, (days(D(2026, 12, 4)), False, None, None, None, ())),
    ("el próximo jueves a las 10", WED, (days(D(2026, 12, 10)), False, None, None, T(10), ())),
    ("sábado o domingo antes de las 11", WED, (days(D(2026, 12, 5), D(2026, 12, 6)), False, None, T(11), None, ())),
    ("de lunes a viernes", WED, (None, True, None, None, None, ())),
    ("entre las 2 y las 4", WED, (None, False, T(14), T(16), None, ())),
    ("no antes de las 10", WED, (None, False, T(10), None, None, ())),
    ("no el lunes ni el martes", WED, (None, False, None, None, None, (Refusal(weekdays=(0, 1)),))),
    ("cualquier dia que no sea viernes", WED, (None, False, None, None, None, (Refusal(weekdays=(4,)),))),
]


@pytest.mark.parametrize(("text", "now", "expected"), SPANISH, ids=[c[0] for c in SPANISH])
def test_spanish(text, now, expected):
    assert window(wish(text, now)) == expected


@pytest.mark.parametrize(
    "text", ["lo más pronto posible", "lo antes posible", "cuanto antes", "la primera cita disponible"]
)
def test_spanish_soonest(text):
    got = wish(text)
    assert got.soonest and got.empty


def test_spanish_any_day_but_friday_is_the_soonest_not_on_a_friday():
    got = wish("cualquier día menos el viernes", WED)
    assert got.soonest and not got.empty
    assert got.describe() == "Any day except Fridays, soonest available"
    assert not got.matches(at(D(2026, 12, 4), 10)) and got.matches(at(D(2026, 12, 3), 10))
    assert wish("no esta semana, la próxima después de las 3", WED) == wish("not this week, next week after 3", WED)
