"""Plain-text rules of SMS: Twilio's 1,600-character limit, and the carrier keywords.

Keywords follow Twilio's default opt-out handling: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and
QUIT opt out; START, UNSTOP and YES opt back in; HELP and INFO ask who this is. A keyword counts
only when it is the whole message: "cancel my appointment" is an owner's request, while a bare
"CANCEL" is an opt-out (Twilio itself blocks texts to that number after it, so treating it as
anything else would promise replies that can never arrive). YES is an opt-in only from a
number that opted out; otherwise it is an ordinary "yes".
"""

from __future__ import annotations

import re

MAX_SMS = 1600
STOP_WORDS = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit"}
START_WORDS = {"start", "unstop"}
HELP_WORDS = {"help", "info"}


def keyword(text: str) -> str | None:
    """'stop', 'start', 'yes' or 'help' when the whole message is such a keyword, else None.

    'yes' is apart because it opts in only a number that opted out: from anyone else ("Yes.",
    "YES!") it answers the bot's last question."""
    word = re.sub(r"[^a-z]", "", (text or "").strip().lower())
    if not word or len((text or "").split()) > 1:
        return None
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    if word == "yes":
        return "yes"
    if word in HELP_WORDS:
        return "help"
    return None


def split(text: str, limit: int = MAX_SMS) -> list[str]:
    """Splits a reply into messages of at most `limit` characters, at sentence ends where possible."""
    text = (text or "").strip()
    if len(text) <= limit:
        return [text] if text else []
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    parts: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > limit:  # one sentence longer than a message: cut at a space
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                parts.append(current)
                current = ""
            parts.append(sentence[:cut].rstrip())
            sentence = sentence[cut:].lstrip()
        joined = f"{current} {sentence}".strip() if current else sentence
        if len(joined) <= limit:
            current = joined
        else:
            parts.append(current)
            current = sentence
    if current:
        parts.append(current)
    return [p for p in parts if p]
