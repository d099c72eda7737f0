"""The form of a message the rules read: lower case, no accents, plain apostrophes, one space."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_STRETCHED = re.compile(r"(\w)\1{2,}")  # "stuckkkk", "pleeease": at most two of a letter


def plain(text: str) -> str:
    """'¡El pedal se quedó PEGADO!!' -> '!el pedal se quedo pegado!!' (accents dropped, so a rule
    for Spanish matches with or without them, as owners type them)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_APOSTROPHES))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = stripped.replace("¡", " ").replace("¿", " ")
    return re.sub(r"\s+", " ", _STRETCHED.sub(r"\1\1", stripped)).strip()


def any_of(*patterns: str) -> str:
    return "(?:" + "|".join(patterns) + ")"


def near(a: str, b: str, gap: int = 40) -> str:
    """`a` then `b` within `gap` characters, or `b` then `a` (word order varies: "stuck gas pedal")."""
    return any_of(rf"{a}[^.!?;]{{0,{gap}}}{b}", rf"{b}[^.!?;]{{0,{gap}}}{a}")
