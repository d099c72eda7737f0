"""The reading state and how one rule is applied to it.

Each rule finds its phrases in what earlier rules left of the text, records what they mean here,
and blanks them out, so no later rule reads the same words again: that is why the order of
`rules.RULES` matters, and why it is one explicit list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .clock import Clock
from .words import DAY_MARK, NEGATION_BEFORE

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
    negatable  a match right after "not"/"except"/"but"/"no" is consumed and ignored
    """

    name: str
    pattern: str
    handle: Handler
    why: str
    day: bool = False
    negatable: bool | None = None

    @property
    def ignores_negated(self) -> bool:
        return self.day if self.negatable is None else self.negatable


class Reader:
    """What the rules have read so far from one message, relative to `now` (dealer-local)."""

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
        self.lower: list[tuple[int, Clock]] = []  # (position, clock) not_before
        self.upper: list[tuple[int, Clock]] = []  # not_after
        self.spans: list[tuple[int, Clock, Clock]] = []  # ranges
        self.exacts: list[tuple[int, Clock]] = []

    def read(self, rules: Iterable[Rule]) -> None:
        """Apply the rules in the order given."""
        for rule in rules:
            self.apply(rule)

    def apply(self, rule: Rule) -> None:
        """Run the rule's handler on every match; a handled match is blanked out (same length).

        Day phrases are written over with `DAY_MARK`, everything else with spaces. While the rule
        runs, `self.s` is still the text before this rule (handlers look back into it).
        """
        negatable = rule.ignores_negated

        def callback(m: re.Match[str]) -> str:
            if negatable and NEGATION_BEFORE.search(self.s[max(0, m.start() - 25) : m.start()]):
                return " " * len(m.group(0))
            if rule.handle(self, m) is False:
                return m.group(0)
            self.found = True
            return (DAY_MARK if rule.day else " ") * len(m.group(0))

        self.s = re.sub(rule.pattern, callback, self.s)
