"""The reading state and how one rule is applied to it.

Each rule finds its phrases in what earlier rules left of the text, records what they mean here,
and blanks them out, so no later rule reads the same words again: that is why the order of
`rules.RULES` matters, and why it is one explicit list.

What the day and part-of-day rules read goes to one `Said`: the owner's wish, or a refusal ("not
monday", "no mornings"). A refusal is kept, not dropped, so the wish can refuse those slots; the
phrases refused together ("not tuesday morning", "no mondays or fridays") go to the same one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .clock import Clock
from .words import (
    ARTICLE,
    DAY_MARK,
    LIST_GOES_ON,
    NEGATION_BEFORE,
    RANGE_WORD,
    REFUSAL_GOES_ON,
    REFUSED_MARK,
    UNIVERSAL_BEFORE_BUT,
)

# A rule's handler: records what the match means and says whether it was one (False: leave it).
Handler = Callable[["Reader", "re.Match[str]"], bool]


@dataclass(frozen=True)
class Rule:
    """One reading pass over the text, in its place in `rules.RULES`.

    name       how tests and the list refer to it
    pattern    what it reads (a regex over the normalized text)
    handle     what a match means, recorded on the `Reader`
    why        what it reads and why it comes where it does in the order
    day        a day phrase: written over with `DAY_MARK` (so "thursday 2" can see the day before
               the 2) and negatable by default
    negatable  a match right after "not"/"except"/"but"/"no" is read as a refusal (`Reader.refused`)
    """

    name: str
    pattern: str
    handle: Handler
    why: str
    day: bool = False
    negatable: bool | None = None

    @property
    def refusable(self) -> bool:
        return self.day if self.negatable is None else self.negatable


@dataclass
class Said:
    """The days and parts of the day of one side: what the owner wants, or one thing refused."""

    dates: set[date] = field(default_factory=set)  # explicit calendar dates and relative days
    weeks: list[list[date]] = field(default_factory=list)  # "this week", "weekend", ...
    weekdays: list[tuple[int, str]] = field(default_factory=list)  # (weekday, "this" | "next" | "plain")
    periods: list[tuple[int | None, int | None]] = field(default_factory=list)  # minutes, half-open
    weekdays_only: bool = False
    end: int = 0  # where its last phrase ends in the text (a refusal goes on right after it)


class Reader:
    """What the rules have read so far from one message, relative to `now` (dealer-local).

    `dates`, `weeks`, `weekdays`, `periods` and `weekdays_only` are those of the side being read:
    `wanted`, or while a refused phrase is read, its refusal (`refusing` says which).
    """

    def __init__(self, text: str, now: datetime, listed: frozenset[int] = frozenset()) -> None:
        self.text = text  # as normalized, never blanked (handlers that look at what was written)
        self.listed = listed  # where phrases start that a refusal before them goes on to (`read`)
        self.phrases: list[tuple[int, int, bool]] = []  # (start, end, refused) of each refusable phrase
        self.s = text
        self.now = now
        self.today = now.date()
        self.found = False
        self.soonest = False
        self.no_preference = False
        self.wanted = Said()
        self.refused: list[Said] = []
        self._side = self.wanted
        self.lower: list[tuple[int, Clock]] = []  # (position, clock) not_before
        self.upper: list[tuple[int, Clock]] = []  # not_after
        self.spans: list[tuple[int, Clock, Clock]] = []  # ranges
        self.exacts: list[tuple[int, Clock]] = []

    @property
    def refusing(self) -> bool:
        return self._side is not self.wanted

    @property
    def dates(self) -> set[date]:
        return self._side.dates

    @property
    def weeks(self) -> list[list[date]]:
        return self._side.weeks

    @property
    def weekdays(self) -> list[tuple[int, str]]:
        return self._side.weekdays

    @property
    def periods(self) -> list[tuple[int | None, int | None]]:
        return self._side.periods

    @property
    def weekdays_only(self) -> bool:
        return self._side.weekdays_only

    @weekdays_only.setter
    def weekdays_only(self, value: bool) -> None:
        self._side.weekdays_only = value

    def refusal_at(self, start: int, day: bool, phrase: str) -> Said | None:
        """The refusal a phrase starting at `start` belongs to, or None when it is wanted.

        It goes on the refusal just before it when joined by "or"/"and"/"ni"/"/" ("no mondays or
        fridays"), by a comma inside such a list ("no mondays, tuesdays or fridays"; but "not monday,
        tuesday works" wants Tuesday), or for a part of the day, right after it ("not tuesday
        morning"; a day right after one is another wish: "not this week next week"). Else it starts
        one after "not"/"no"/"except"/"menos"/..., or after "but" when that follows a word for every
        day or time ("any day but friday"; "not monday but tuesday" and "saturday but in the morning"
        refuse nothing, and neither does "but" before a clock range: "any day but between 2 and 4").
        """
        last = self.refused[-1] if self.refused else None
        if start in self.listed:
            return last if last is not None and last.end <= start else Said()
        if last is not None and last.end <= start:
            gap = self.s[last.end : start]
            if REFUSAL_GOES_ON.match(gap) or (not day and not gap.strip()):
                return last
            listed = LIST_GOES_ON.match(self.s[start + len(phrase) :])
            if listed and re.fullmatch(r"\s*,\s*" + ARTICLE, gap):
                return last
        window_start = max(0, start - 25)
        m = NEGATION_BEFORE.search(self.s[window_start:start])
        if m is None:
            return None
        if m["word"] == "but":
            if not day and RANGE_WORD.match(phrase):
                return None
            but_at = window_start + m.start("word")
            after_refusal = last is not None and not self.s[last.end : but_at].strip(" ,")
            if after_refusal or not UNIVERSAL_BEFORE_BUT.search(self.text[:but_at]):
                return None
        return Said()

    def read(self, rules: Iterable[Rule]) -> None:
        """Apply the rules in the order given."""
        for rule in rules:
            self.apply(rule)

    def listed_after_refusal(self) -> frozenset[int]:
        """Where wanted phrases start that a refused one before them goes on to ("not today or
        tomorrow": `tomorrow` reads its word before `today` does, so it did not see the refusal).
        The caller reads the text again with these (`listed`); the rules' order stays as it is."""
        refused_ends = [end for _, end, refused in self.phrases if refused]
        return frozenset(
            start
            for start, _, refused in self.phrases
            if not refused and any(end <= start and REFUSAL_GOES_ON.match(self.text[end:start]) for end in refused_ends)
        )

    def apply(self, rule: Rule) -> None:
        """Run the rule's handler on every match; a handled match is blanked out (same length).

        Day phrases are written over with `DAY_MARK` (refused phrases with `REFUSED_MARK`, so no bare
        hour is read as a time on a refused day), everything else with spaces. While the rule runs,
        `self.s` is still the text before this rule (handlers look back into it).
        """
        refusable = rule.refusable

        def callback(m: re.Match[str]) -> str:
            refusal = self.refusal_at(m.start(), rule.day, m.group(0)) if refusable else None
            self._side = self.wanted if refusal is None else refusal
            try:
                handled = rule.handle(self, m)
            finally:
                self._side = self.wanted
            if handled is False:
                return m.group(0)
            self.found = True
            if refusable:
                self.phrases.append((m.start(), m.end(), refusal is not None))
            if refusal is not None:
                refusal.end = m.end()
                if refusal is not (self.refused[-1] if self.refused else None):
                    self.refused.append(refusal)
                return REFUSED_MARK * len(m.group(0))
            return (DAY_MARK if rule.day else " ") * len(m.group(0))

        self.s = re.sub(rule.pattern, callback, self.s)
