"""Everything a person reads or hears from the bot, by message id, from gettext catalogs.

The words live in `bot/locale/<lang>/LC_MESSAGES/recallbot.po` (managed with Babel, compiled to
`.mo` by `make`), not in the code: code names a message (`msg("booking.none_free", dealer=...)`)
and the catalog holds its text. Ids are symbolic, so the English catalog is the source of the
English words and another language is one more catalog, not more code.

Each message has one rendering for text (SMS, web chat) and, where speech needs other words, a
voice rendering in the same catalog under the gettext context `voice` (menus said as options,
"press 1 for yes", no quotes): written as such, never made by rewriting the text rendering.
Values inside a message are formatted for the channel too (`bot.messages.values`: a time says
"3 PM Central time" on a call, a phone number is read digit by digit), and a value may itself
be a message, rendered in the same channel and language.

`make messages` re-extracts the template (`bot/locale/recallbot.pot`) from the code;
tests/unit/test_message_catalog.py proves every id in the code is in each catalog and every
catalog entry is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.messages.catalog import DEFAULT_LANGUAGE, VOICE_CONTEXT, lookup
from bot.recall.vocab import Channel

__all__ = ["Msg", "msg", "render", "DEFAULT_LANGUAGE", "VOICE_CONTEXT"]


@dataclass(frozen=True)
class Msg:
    """A message to send: its catalog id and the values its text takes. Rendered late, when the
    channel and the owner's language are known, so the flows never hold finished words."""

    id: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, channel: str = Channel.SMS, language: str = DEFAULT_LANGUAGE) -> str:
        return render(self, channel, language)


def msg(id: str, /, **params: Any) -> Msg:
    """The message `id` of the catalogs, with its values. Babel extracts the ids of `msg()` calls."""
    return Msg(id, params)


def render(message: Msg | Any, channel: str = Channel.SMS, language: str = DEFAULT_LANGUAGE) -> str:
    """The words of `message` on `channel` in `language` (the voice rendering on calls when the
    catalog has one, else the text rendering), with its values formatted for that channel. A
    value alone (`values.when(...)`) is rendered as it would be inside a message."""
    if not isinstance(message, Msg):
        return _value(message, channel, language)
    voice = channel == Channel.VOICE
    text = lookup(message.id, voice=voice, language=language)
    values = {name: _value(value, channel, language) for name, value in message.params.items()}
    return text.format(**values) if values or "{" in text else text


def _value(value: Any, channel: str, language: str) -> str:
    if isinstance(value, Msg):
        return render(value, channel, language)
    if hasattr(value, "render_for"):
        return str(value.render_for(channel, language))
    if isinstance(value, Sequence) and not isinstance(value, str):
        # A list of lines (the slot menu's options): one per line in a text, one after another on a call.
        parts = [_value(v, channel, language) for v in value]
        return (" " if channel == Channel.VOICE else "\n").join(parts)
    return "" if value is None else str(value)
