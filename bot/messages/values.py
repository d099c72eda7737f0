"""Values inside a message, formatted for the channel and the language they are said in.

A time, a phone number or the end of a VIN reads differently on a screen and on a call
("3:00 PM CST" / "3 PM Central Standard Time"; "(214) 555-0101" / "2 1 4, 5 5 5, 0 1 0 1"). The patterns
are catalog messages too (`format.*`, CLDR date patterns that Babel applies in the message's
language), so another language brings its own with its catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import format_datetime

from bot.messages.catalog import N_, lookup
from bot.recall.vocab import Channel


def _pattern(id: str, channel: str, language: str) -> str:
    return lookup(id, voice=channel == Channel.VOICE, language=language)


def _babel_locale(language: str) -> str:
    return {"en": "en_US", "es": "es_US"}.get(language, language)


@dataclass(frozen=True)
class _Moment:
    moment: datetime
    pattern_id: str
    on_the_hour_id: str  # on a call, a time on the hour: "3 PM", not "3:00 PM"

    def render_for(self, channel: str, language: str) -> str:
        on_the_hour = channel == Channel.VOICE and self.moment.minute == 0
        pattern = _pattern(self.on_the_hour_id if on_the_hour else self.pattern_id, channel, language)
        return format_datetime(self.moment, pattern, locale=_babel_locale(language))


def when(moment: datetime) -> _Moment:
    """'Tuesday, December 1 at 3:00 PM CST' (a call: '... at 3 PM Central Standard Time'), in the moment's zone."""
    return _Moment(moment, N_("format.when"), N_("format.when_on_the_hour"))


def short_when(moment: datetime) -> _Moment:
    """'Tue Dec 1, 3:00 PM' (a menu line; a call says 'Tuesday, December 1 at 3 PM')."""
    return _Moment(moment, N_("format.short_when"), N_("format.short_when_on_the_hour"))


def clock(moment: datetime) -> _Moment:
    """'6:00 PM CST' (a call: '6 PM Central Standard Time')."""
    return _Moment(moment, N_("format.clock"), N_("format.clock_on_the_hour"))


def day(moment: datetime) -> _Moment:
    """'December 1, 2026'."""
    return _Moment(moment, N_("format.day"), N_("format.day"))


def weekday(moment: datetime) -> _Moment:
    """'Monday'."""
    return _Moment(moment, N_("format.weekday"), N_("format.weekday"))


@dataclass(frozen=True)
class Joined:
    """Messages rendered one after another in the same channel and language: the start of a list
    ("'*', '#'", separator ", "), or several answers in one reply (separator " ")."""

    parts: tuple[Any, ...]
    separator: str = " "

    def render_for(self, channel: str, language: str) -> str:
        return self.separator.join(part.render(channel, language) for part in self.parts)


@dataclass(frozen=True)
class Phone:
    """A US number as people write it, '(214) 555-0101'; on a call each digit, grouped."""

    e164: str

    def render_for(self, channel: str, language: str) -> str:
        digits = self.e164[-10:]
        if len(digits) != 10 or not digits.isdigit():
            return self.e164
        groups = (digits[:3], digits[3:6], digits[6:])
        if channel == Channel.VOICE:
            return ", ".join(" ".join(group) for group in groups)
        return f"({groups[0]}) {groups[1]}-{groups[2]}"


@dataclass(frozen=True)
class Characters:
    """Characters said one by one on a call (the end of a VIN: 'ending 3 6 8 0 5 4')."""

    text: str

    def render_for(self, channel: str, language: str) -> str:
        return " ".join(self.text) if channel == Channel.VOICE else self.text
