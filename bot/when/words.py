"""Day words and the normalized text the rules read.

Owners text "tues", "wensday", "tmrw" and "Dec. 3rd"; the spellings live here, once, so that every
rule that names a weekday or a month reads the same ones.
"""

from __future__ import annotations

import re
import unicodedata

_WEEKDAY_WORDS: dict[int, str] = {
    0: r"mondays?|mon",
    1: r"tuesdays?|tues|tue|tusday|tuseday",
    2: r"wednesdays?|weds|wed|wensday|wendsday|wednsday|wedensday",
    3: r"thursdays?|thurs|thur|thu|thrusday|thurday",
    4: r"fridays?|fri",
    5: r"saturdays?|sat",
    6: r"sundays?|sun",
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

# What makes the phrase after it a refusal ("not monday", "any day but friday", "no mornings").
NEGATION_BEFORE = re.compile(
    r"(?:\bnot|\bexcept|\bbut|\bno|\bexcluding|\bcant\s+do|\bcannot\s+do|\bcant\s+make)"
    r"\s+(?:on\s+|in\s+the\s+|a\s+|the\s+)?$"
)

# Marker written over consumed day phrases (same length, so positions stay comparable).
DAY_MARK = "\x01"


def weekday_of(word: str) -> int | None:
    """The weekday number (Monday 0) a weekday word names, or None."""
    for pattern, weekday in _WEEKDAY_LOOKUP:
        if pattern.match(word):
            return weekday
    return None


def normalize(text: str) -> str:
    """Lower case, no apostrophes ("don't" -> "dont"), plain dashes, "@" as "at", single spaces.

    A `DAY_MARK` typed by the owner is removed, so only the rules ever write one.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "").replace("'", "").replace("`", "")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("@", " at ")
    text = text.replace(DAY_MARK, " ")
    return re.sub(r"\s+", " ", text).strip()
