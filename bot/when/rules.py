"""The reading rules, in the one order they are applied (`RULES`).

A rule blanks out what it reads, so a phrase two rules could read belongs to the earlier one. The
broad order: the few "when" words with no day or time in them, then days (so that the digits of
"dec 3" or "12/3" are never read as times, and a day is marked for "thursday 2"), then times, the
longer phrase before the shorter one inside it. Each rule's `why` says what it reads and why it
stands where it does; tests/unit/test_when.py checks the order on phrases two rules could read.
Spanish forms share the rule of their English form where one regex can hold both ("lo más pronto
posible" is `soonest`, "después de las 3" `lower_bound`); the text is read without accents.
"""

from __future__ import annotations

from . import days, times
from .clock import CLOCK
from .reader import Rule
from .words import DAY_MARK, MONTHS, MONTHS_NOT_MAY, TOMORROW, WEEKDAY_RE

_ORDINAL = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# only a 4-digit year: "dec 3 10" is December 3 at 10, not 2010
_YEAR = r",?\s*(?P<y>(?:19|20)\d{2})(?![\d:])(?!\s*[ap]\.?m?\b)"
_C = rf"(?P<c>{CLOCK})"
_C2 = rf"(?P<c2>{CLOCK})"
_H = 60
# A bound refused is the other bound ("not before 10" is from 10); read by its own rule, so that a
# part of the day named still says which 7 is meant ("evening, not before 7": from 7 PM).
_REFUSING = r"(?:not|no|except|excluding|excepto|salvo|menos)"

RULES: tuple[Rule, ...] = (
    # -- "when" without a day or a time
    Rule(
        "soonest",
        r"\b(?:a\.?s\.?a\.?p\.?|as\s+soon\s+as\s+(?:possible|you\s+can|we\s+can|i\s+can)"
        r"|soonest|earliest|(?:first|next)\s+(?:available|open(?:ing)?|slot|appointment)"
        r"|(?:the\s+)?sooner\s+the\s+better|lo\s+(?:mas\s+pronto|antes)\s+(?:posible|que\s+se\s+pueda)"
        r"|cuanto\s+antes|(?:la\s+)?primera\s+(?:cita\s+|hora\s+)?disponible)\b",
        times.soonest,
        """"asap", "first available", "the sooner the better", "lo más pronto posible", "cuanto antes".
        First: it reads only its own words,
        and blanking them lets later rules read the words around them ("by asap 3 oclock": before 3).""",
    ),
    Rule(
        "no_preference",
        r"\b(?:any\s*time|whenever|any\s+day|doesnt\s+matter|dont\s+care|no\s+preference"
        r"|cualquier\s+(?:dia|hora|momento)|cuando\s+sea|(?:me\s+)?da\s+igual)\b",
        times.no_preference,
        """"anytime", "whenever", "any day", "cualquier día". Before the day and time rules: "any day after tomorrow"
        is no preference and tomorrow, and "anytime after 3" leaves "after 3" to the bounds.""",
    ),
    # -- calendar dates: before every other day rule and every time rule, so their digits are days
    Rule(
        "month_day",
        rf"\b(?P<mon>{MONTHS})\.?\s+(?:the\s+)?{_ORDINAL}\b(?!\s*(?::|[ap]\.?m\b|[ap]\b))(?:{_YEAR})?",
        days.month_day,
        """"december 3rd", "dec. 3, 2026", "december the 3rd". Before `nth_of_month`, which would
        read "the 3rd" of "december the 3rd" as the next 3rd (said on December 5, January 3).""",
        day=True,
    ),
    Rule(
        "day_month",
        rf"\b(?:the\s+)?{_ORDINAL}\s+(?:of\s+)?(?P<mon>{MONTHS_NOT_MAY})\b\.?(?:{_YEAR})?",
        days.month_day,
        """"3rd of december", "3 dec" (not "10 may be fine"). After `month_day`, so in "2 dec 3" the
        month takes the number after it (December 3 at 2); before `nth_of_month` ("the 3rd").""",
        day=True,
    ),
    Rule(
        "numeric_date",
        r"(?<![\d/])(?P<mo>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])",
        days.numeric_date,
        """"12/3", "12/3/2026" (month first). Among the dates; no other rule reads a slash.""",
        day=True,
    ),
    Rule(
        "iso_date",
        r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b",
        days.iso_date,
        """"2026-12-03". Before the clock ranges, which would read "12-03" as 12 to 3.""",
        day=True,
    ),
    Rule(
        "nth_of_month",
        r"\b(?:on\s+the|on|the)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b"
        r"(?!\s*(?:one|option|choice|slot|time|opening|appointment|available))",
        days.nth_of_month,
        """"the 12th", "on the 12th" (not "the 2nd one", a slot choice). After the dates that name
        a month, which read the same ordinal more precisely.""",
        day=True,
    ),
    # -- days relative to today
    Rule(
        "day_after_tomorrow",
        rf"\b(?:the\s+)?day\s+after\s+{TOMORROW}\b",
        days.days_ahead(2),
        """"the day after tomorrow". Before `tomorrow`, which would read its last word as tomorrow.""",
        day=True,
    ),
    Rule(
        "tomorrow",
        rf"\b{TOMORROW}\b",
        days.days_ahead(1),
        """"tomorrow", "tmrw", "2morrow" and common misspellings. After `day_after_tomorrow`.""",
        day=True,
    ),
    Rule(
        "tonight",
        r"\b(?:tonight|tonite)\b",
        days.tonight,
        """"tonight": today and the evening. Among the relative days; no other rule reads it.""",
        day=True,
    ),
    Rule(
        "today",
        r"\b(?:later\s+)?today\b",
        days.days_ahead(0),
        """"today", "later today". Among the relative days; no other rule reads it.""",
        day=True,
    ),
    Rule(
        "this_part_of_day",
        r"\bthis(?=\s+(?:morning|afternoon|evening)\b)",
        days.days_ahead(0),
        """The "this" of "this morning": today. Before the parts of the day, which consume "morning"
        that this rule only looks ahead at.""",
        day=True,
    ),
    Rule(
        "in_n_days_or_weeks",
        r"\bin\s+(?:about\s+)?(?P<n>a|an|one|two|three|four|five|six|\d{1,2})\s+(?P<unit>days?|weeks?)\b",
        days.in_n,
        """"in 3 days", "in a week", "in 2 weeks" (that week, Monday-Saturday). No other rule
        reads it (the clock token refuses "2 weeks").""",
        day=True,
    ),
    # -- weeks
    Rule(
        "week",
        r"\b(?:(?P<edge>early|late|later|(?:the\s+)?(?:end|beginning|start)\s+of)\s+)?"
        r"(?:the\s+)?(?P<which>this|next|rest\s+of\s+the)\s+week\b(?!\s?(?:days?|ends?)\b)",
        days.week,
        """"this week", "next week", "early next week", "end of this week"; never "next weekend" or
        "next weekday". No other rule reads it; `edge_of_week` is the form without "this"/"next".
        The match starts at its first word, so the "not" of "not this week" is right before it.""",
        day=True,
    ),
    Rule(
        "edge_of_week",
        r"\b(?P<edge>(?:the\s+)?(?:end|beginning|start)\s+of)\s+(?:the\s+)?(?P<which>)week\b"
        r"(?!\s?(?:days?|ends?)\b)",
        days.week,
        """"end of the week", "start of the week": this week's end or start. Next to `week`;
        the two never read the same words.""",
        day=True,
    ),
    Rule(
        "semana",
        r"\b(?:(?P<which>esta|(?:la\s+)?proxima|(?:la\s+)?siguiente)\s+semana"
        r"|(?:la\s+)?(?<!fin de )semana\s+(?:que\s+viene|proxima|siguiente|entrante))\b",
        days.semana,
        """"esta semana", "la próxima semana", "la semana que viene" (never "fin de semana que viene",
        the weekend). The Spanish `week`; no other rule reads "semana".""",
        day=True,
    ),
    Rule(
        "weekend",
        r"\b(?:(?P<which>this|next|coming)\s+)?week\s?ends?\b",
        days.weekend,
        """"weekend", "next weekend" (the "next <weekday>" rule for Saturday). No other rule
        reads it (the week rules refuse "weekend").""",
        day=True,
    ),
    Rule(
        "weekdays",
        r"\b(?:any\s+)?week\s?days?\b|\bduring\s+the\s+week\b",
        days.weekdays_only,
        """"weekdays", "any weekday", "during the week": Monday-Friday only. No other rule
        reads these (the week rules refuse "weekday" and need "this" or "next").""",
        day=True,
    ),
    Rule(
        "weekday_range",
        rf"\b(?P<a>{WEEKDAY_RE})\.?\s*(?:-|to|through|thru|till|until|(?<=\s)al?(?=\s))\s*"
        rf"(?P<b>{WEEKDAY_RE})\b",
        days.weekday_range,
        """"mon-fri", "de lunes a viernes" (any weekday), "tue-thu" (those days from the next Tuesday).
        Before `weekday`, which would read the two ends as two days and drop the days between.""",
        day=True,
    ),
    Rule(
        "weekday",
        r"\b(?:(?P<mod>this\s+coming|coming|this|next|the\s+following|following|este|(?:el\s+)?proximo)\s+)?"
        rf"(?P<wd>{WEEKDAY_RE})\b\.?",
        days.weekday,
        """"saturday", "this friday", "next tuesday", "el próximo viernes" (not "I sat in the sun").
        After every longer phrase with a weekday in it.""",
        day=True,
    ),
    Rule(
        "next_week_said_before",
        r"\b(?:(?:the\s+)?(?:next|following)(?:\s+one)?|(?:para\s+)?la\s+(?:proxima|siguiente|que\s+viene))\b"
        r"(?=\s*(?:$|[,.;!?]|(?:after|before|from|at|between|in|then|please|pls"
        r"|despues|antes|a|desde|entre|por|en)\b))",
        days.next_week_said_before,
        """"next" or "la próxima" for next week, once a week was named ("not this week, next after 3",
        "no esta semana, la próxima"). The last day rule: after `weekday` ("next tuesday"), `week` and
        `semana`; only the bare word, followed by nothing or a time, is left for it.""",
        day=True,
    ),
    # -- parts of the day: the longer phrase before the shorter one inside it
    Rule(
        "before_lunch",
        r"\bbefore\s+lunch(?:\s*time)?\b",
        times.period(None, 12 * _H),
        """"before lunch": until noon. Before `lunch`, which would leave a dangling "before".""",
        negatable=True,
    ),
    Rule(
        "after_lunch",
        r"\bafter\s+lunch(?:\s*time)?\b",
        times.period(13 * _H, None),
        """"after lunch": from 1 PM. Before `lunch`, like `before_lunch`.""",
        negatable=True,
    ),
    Rule(
        "after_work",
        r"\bafter\s+work\b",
        times.period(16 * _H, None),
        """"after work": from 4 PM. Among the parts of the day; no other rule reads it.""",
        negatable=True,
    ),
    Rule(
        "early_morning",
        r"\b(?:early\s+(?:in\s+the\s+)?mornings?|first\s+thing(?:\s+in\s+the\s+morning)?)\b",
        times.period(None, 10 * _H),
        """"early morning", "first thing": until 10 AM. Before `morning`.""",
        negatable=True,
    ),
    Rule(
        "late_morning",
        r"\blate\s+(?:in\s+the\s+)?mornings?\b",
        times.period(10 * _H, 12 * _H),
        """"late morning": 10 AM to noon. Before `morning`.""",
        negatable=True,
    ),
    Rule(
        "early_afternoon",
        r"\bearly\s+(?:in\s+the\s+)?afternoons?\b",
        times.period(12 * _H, 15 * _H),
        """"early afternoon": noon to 3 PM. Before `afternoon`.""",
        negatable=True,
    ),
    Rule(
        "late_afternoon",
        r"\blate\s+(?:in\s+the\s+)?afternoons?\b",
        times.period(15 * _H, 17 * _H),
        """"late afternoon": 3 to 5 PM. Before `afternoon`.""",
        negatable=True,
    ),
    Rule(
        "morning",
        r"\b(?:in\s+the\s+)?mornings?\b",
        times.period(None, 12 * _H),
        """"morning", "in the morning": until noon. After the early and late mornings. Like every
        part of the day, before the clock rules: blanked out, it leaves a bare hour after it next to
        the day ("sunday morning 10" is Sunday at 10, "sun lunch 2" Sunday at 2).""",
        negatable=True,
    ),
    Rule(
        "afternoon",
        r"\b(?:in\s+the\s+)?(?:afternoons?|aftn|arvo)\b",
        times.period(12 * _H, 17 * _H),
        """"afternoon": noon to 5 PM. After the early and late afternoons.""",
        negatable=True,
    ),
    Rule(
        "evening",
        r"\b(?:in\s+the\s+)?evenings?\b",
        times.period(16 * _H, None),
        """"evening": from 4 PM. Among the parts of the day; no other rule reads it.""",
        negatable=True,
    ),
    Rule(
        "lunch",
        r"\b(?:at\s+|around\s+|over\s+|during\s+)?lunch(?:\s*time|\s*hour|\s*break)?\b",
        times.period(11 * _H + 30, 13 * _H),
        """"lunch", "at lunchtime": 11:30 AM to 1 PM. After "before lunch" and "after lunch".""",
        negatable=True,
    ),
    # -- clock ranges: before the bounds and exact times that would read one end
    Rule(
        "between_clocks",
        rf"\b(?:between|entre(?:\s+las?)?)\s+{_C}\s*(?:and|-|to|y(?:\s+las?)?)\s*{_C2}",
        times.span(False),
        """"between 2 and 4", "between 2-4", "entre las 2 y las 4". Before the bounds and exact times,
        which would read one end ("4 or later" of "between 2 and 4 or later").""",
        negatable=True,
    ),
    Rule(
        "from_to",
        rf"\bfrom\s+{_C}\s*(?:to|till|til|until|-)\s*{_C2}",
        times.span(False),
        """"from 2 to 4". Before `lower_bound`, which would read "from 2" as "after 2".""",
        negatable=True,
    ),
    Rule(
        "clock_range",
        rf"(?:\b(?:at|around)\s+)?{_C}\s*(?:-|to|till|til|until)\s*{_C2}",
        times.span(True),
        """"2-4pm", "at 2-4", "tuesday 2-4" (a bare "2-4" alone is no time). Before `at_clock` and
        `clock_after_day`, which would read only its start.""",
        negatable=True,
    ),
    # -- bounds: the negated ones first, then before the exact times
    Rule(
        "not_before",
        rf"\b{_REFUSING}\s+(?:before|earlier\s+than|sooner\s+than|until|till|til|antes\s+de(?:\s+las?)?)\s+{_C}",
        times.lower_bound,
        """"not before 10", "not until 10", "no antes de las 10": from 10. Before `upper_bound`, which
        would read "before 10".""",
    ),
    Rule(
        "not_after",
        rf"\b{_REFUSING}\s+(?:after|later\s+than|despues\s+de(?:\s+las?)?)\s+{_C}",
        times.upper_bound,
        """"not after 4", "except after 4", "no later than 4": until 4. Before `lower_bound` and
        `upper_bound`.""",
    ),
    Rule(
        "upper_bound",
        rf"\b(?:before|by|until|till|til|up\s+to|earlier\s+than|no\s+later\s+than"
        rf"|antes\s+de(?:\s+las?)?|hasta\s+las?)\s+{_C}",
        times.upper_bound,
        """"before 10", "by 10", "until 10", "antes de las 10": starts before 10. After the negated bounds.""",
    ),
    Rule(
        "or_earlier",
        rf"{_C}\s+or\s+(?:earlier|before|sooner)\b",
        times.upper_bound,
        """"10 or earlier". Before the exact times, which would read the 10 alone.""",
    ),
    Rule(
        "lower_bound",
        rf"\b(?:after|from|since|later\s+than|starting(?:\s+at|\s+from)?|beginning\s+at"
        rf"|any\s*time\s+after|anytime\s+after|despues\s+de(?:\s+las?)?|a\s+partir\s+de(?:\s+las?)?|desde\s+las?)"
        rf"\s+{_C}",
        times.lower_bound,
        """"after 3", "from 3", "starting at 3", "después de las 3": 3 or later. After `from_to` and `not_after`;
        before `at_clock`, which would read "at 3" of "starting at 3" as exactly 3.""",
    ),
    Rule(
        "or_later",
        rf"{_C}\s*(?:\+|or\s+later|or\s+after|and\s+later|and\s+after|onwards?)",
        times.lower_bound,
        """"3 or later", "3+", "3 onwards". Before the exact times, which would read the 3 alone.""",
    ),
    # -- exact times: the explicit forms first, a bare hour after a day last
    Rule(
        "at_clock",
        rf"(?:\b(?:at|around|about|approx(?:imately)?|roughly|circa|a\s+las?|sobre\s+las?)\s+|~\s*){_C}"
        r"(?:\s*-?\s*ish\b)?",
        times.exact,
        """"at 2", "around 11", "~10", "about 11ish", "a las 2". After every range and bound, which would
        otherwise lose their start ("starting at 3" is after 3, "at 2-4" a range).""",
        negatable=True,
    ),
    Rule(
        "clock_ish",
        rf"{_C}\s*-?\s*ish\b",
        times.exact,
        """"11ish". After the bounds ("before 11ish" is before 11); `standalone_clock` refuses a bare 11.""",
        negatable=True,
    ),
    Rule(
        "standalone_clock",
        _C,
        times.standalone,
        """"2pm", "2:30", "3 oclock", "noon" (a lone "2" is a slot choice, not a time). After every
        phrase that gives a clock token a meaning ("after 2pm", "at 2pm").""",
        negatable=True,
    ),
    Rule(
        "clock_after_day",
        rf"(?<={DAY_MARK})\s*,?\s*(?:at\s+)?{_C}",
        times.after_day,
        """A bare hour right after a day: "thursday 2", "tuesday, 10". Last: after the day rules,
        which write the mark it looks behind for, and after every other clock rule ("tuesday 3 or
        later" is after 3, not at 3).""",
    ),
)
