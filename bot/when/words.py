"""Day words and the normalized text the rules read.

Owners text "tues", "wensday", "tmrw" and "Dec. 3rd"; the spellings live here, once, so that every
rule that names a weekday or a month reads the same ones. Spanish-speaking owners write "viernes",
"próxima" or "proxima": the text is read without accents, so one spelling of a Spanish word does.
"""

from __future__ import annotations

import re
import unicodedata

_WEEKDAY_WORDS: dict[int, str] = {
    0: r"mondays?|mon|lunes",
    1: r"tuesdays?|tues|tue|tusday|tuseday|martes",
    2: r"wednesdays?|weds|wed|wensday|wendsday|wednsday|wedensday|miercoles",
    3: r"thursdays?|thurs|thur|thu|thrusday|thurday|jueves",
    4: r"fridays?|fri|viernes",
    5: r"saturdays?|sat|sabados?",
    6: r"sundays?|sun|domingos?",
}
WEEKDAY_RE = "|".join(f"(?:{words})" for words in _WEEKDAY_WORDS.values())
_WEEKDAY_LOOKUP = [(re.compile(rf"^(?:{words})$"), wd) for wd, words in _WEEKDAY_WORDS.items()]

MONTHS = (
    r"january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|"
    r"september|sept|sep|october|oct|november|nov|december|dec"
)
MONTHS_NOT_MAY = MONTHS.replace("may|", "")  # "at 10 may be fine" is not May 10

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

TOMORROW = r"(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmrow|tmr|tmw|2morrow|2moro|2mrw)"

# What makes the phrase after it a refusal ("not monday", "any day but friday", "no mornings",
# "menos el viernes"). Not "if not"/"si no", which name a fallback ("tuesday, if not wednesday").
ARTICLE = r"(?:on\s+|in\s+the\s+|a\s+|the\s+|el\s+|la\s+|los\s+|las\s+|en\s+la\s+|por\s+la\s+)?"
NEGATION_BEFORE = re.compile(
    r"(?P<word>\b(?<!if\s)not|\bexcept|\bbut|\b(?<!if\s)(?<!si\s)no|\bexcluding|\bcant\s+do|\bcannot\s+do"
    r"|\bcant\s+make|\bmenos|\bexcepto|\bsalvo)"
    rf"\s+(?:sea\s+)?{ARTICLE}$"
)
# "but" refuses only after a word for every day or time ("any day but friday", "anytime but
# mornings", "next week but monday"); "saturday works but in the morning" narrows, it refuses nothing.
UNIVERSAL_BEFORE_BUT = re.compile(r"\b(?:any\w*|whenever|every\w*|all|week\w*|days)\b[^,.;!?]*$")
# Between a refused phrase and the next one that is refused with it: "not monday or tuesday",
# "no mornings and evenings", "no el lunes ni el martes", "not mon/tue".
REFUSAL_GOES_ON = re.compile(rf"^\s*,?\s*(?:(?:or|and|nor|ni|o|y)\s+|[/&]\s*){ARTICLE}$")
# After a listed phrase, more of the list ("tuesdays" in "no mondays, tuesdays or fridays").
LIST_GOES_ON = re.compile(r"\s*(?:,|/|&|(?:or|and|nor|ni|o|y)\b)")
# A clock range that narrows the day ("any day but between 2 and 4"), which "but" before it does not refuse.
RANGE_WORD = re.compile(r"(?:between|from|entre|desde)\b")

# Markers written over consumed day phrases and refused phrases (same length, so positions stay
# comparable). A refused phrase is not blank: "not" before it must not refuse what follows it.
DAY_MARK = "\x01"
REFUSED_MARK = "\x02"


def weekday_of(word: str) -> int | None:
    """The weekday number (Monday 0) a weekday word names, or None."""
    for pattern, weekday in _WEEKDAY_LOOKUP:
        if pattern.match(word):
            return weekday
    return None


def normalize(text: str) -> str:
    """Lower case, no accents ("próxima" -> "proxima"), no apostrophes ("don't" -> "dont"), plain
    dashes, "@" as "at", single spaces.

    A `DAY_MARK` or `REFUSED_MARK` typed by the owner is removed, so only the rules ever write one.
    """
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    text = text.replace("\u2019", "").replace("'", "").replace("`", "")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("@", " at ")
    text = text.replace(DAY_MARK, " ").replace(REFUSED_MARK, " ")
    return re.sub(r"\s+", " ", text).strip()
