"""Cleaning, validating and spotting VINs typed by car owners."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.messages import Msg, msg
from bot.messages.values import Joined
from bot.vin.checkdigit import ALPHABET, CHECK_POSITION, VIN_LENGTH, check_digit

# Owners copy VINs with the grouping they see on documents; none of it is part of the VIN.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015._/]+")

# I, O and Q never occur in a VIN, so when typed they are almost always 1 and 0.
_LOOKALIKES = {"I": "1", "O": "0", "Q": "0"}

# What the owner is told (the words are in the message catalog, bot/locale).
_EMPTY = msg("vin.none_found")
_PLACEHOLDER = msg("vin.placeholder")
_CHECK_DIGIT = msg("vin.check_digit")


@dataclass(frozen=True)
class Normalized:
    vin: str
    notes: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class Validation:
    """Whether a VIN checks out; `errors` and `notes` are messages for the owner (bot.messages)."""

    vin: str
    valid: bool
    errors: tuple[Msg, ...] = ()
    notes: tuple[Msg, ...] = ()


def normalize(text: str) -> Normalized:
    """Upper-case, drop separators and turn the impossible letters I, O, Q into digits."""
    vin = _SEPARATORS.sub("", text or "").upper()
    notes = []
    for letter, digit in _LOOKALIKES.items():
        if letter in vin:
            vin = vin.replace(letter, digit)
            notes.append(msg("vin.lookalike", letter=letter, digit=digit))
    return Normalized(vin=vin, notes=tuple(notes))


def _quote_list(chars: list[str]) -> Msg:
    quoted = [msg("vin.quoted_character", character=c) for c in chars]
    if len(quoted) == 1:
        return quoted[0]
    return msg("list.and", first=Joined(tuple(quoted[:-1]), ", "), last=quoted[-1])


def _looks_like_placeholder(vin: str) -> bool:
    # Filler such as 11111111111111111 passes the arithmetic, and so does a counting run
    # now and then; neither is a VIN anyone was issued, so asking again is kinder than a
    # "not found" from the recall database.
    if len(set(vin)) == 1:
        return True
    digits = "0123456789" * 3
    return vin in digits or vin in digits[::-1]


def validate(text: str) -> Validation:
    """Check length, alphabet and check digit, with errors meant for a car owner."""
    normalized = normalize(text)
    vin = normalized.vin
    if not vin:
        return Validation(vin=vin, valid=False, errors=(_EMPTY,), notes=normalized.notes)

    errors = []
    if len(vin) != VIN_LENGTH:
        errors.append(msg("vin.wrong_length", length=VIN_LENGTH, sent=len(vin)))
    bad = list(dict.fromkeys(c for c in vin if c not in ALPHABET))
    if bad:
        if len(bad) == 1:
            errors.append(msg("vin.bad_character", characters=_quote_list(bad)))
        else:
            errors.append(msg("vin.bad_characters", characters=_quote_list(bad)))
    if not errors:
        if _looks_like_placeholder(vin):
            errors.append(_PLACEHOLDER)
        elif vin[CHECK_POSITION] != check_digit(vin):
            errors.append(_CHECK_DIGIT)
    return Validation(vin=vin, valid=not errors, errors=tuple(errors), notes=normalized.notes)


# --- picking a VIN out of a chat message -------------------------------------------------

# Sentence ends and brackets separate a VIN from whatever number comes next; a comma does
# not, because people type "jtj, hk31u, ..." when they group a VIN.
_BREAKS = re.compile(r"[.!?;:]+(?:\s+|$)|[\n()\[\]{}<>\"=#@*]")
_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[-\u2010-\u2015._/](?=[A-Za-z0-9]))*")

# Words that surround a VIN in chat. Anything here ends a run of VIN pieces, so no entry
# may be a plausible VIN group; the single letter "a" is left out for the same reason.
_CHAT_WORDS = frozenset(
    """
    hi hey hello yo dear sir madam my mine our vin vins nr num number numbers no is are was
    its it this that thats the here heres there and or but also plus with for from of to
    in on at by as be been am im ive got get have has had thanks thank thx ty cheers please
    pls plz ok okay yes yeah yep sure sorry just check checking look lookup car cars suv
    lexus rx toyota truck vehicle recall recalls letter mail mailed notice me we us you
    your ur can could would will should do does did need want help what which when where
    who how why if so then than typo again correct new old mean meant try let wait hmm
    um uh name serial code id reads read says said see below above last first other
    one two three four five six seven eight nine ten twice ahead regards best
    dealer dealers dealership near nearest zip appt asap sat wed thu thur thurs fri tue tues sun
    next week after free am pm st ave rd blvd hwy mile miles area plate tag
    """.split()
    # Spanish, as owners text it ("una vez en 2015 el carro..."): words with no I, O or Q, which
    # would otherwise join a year or a time into a VIN-like run.
    + """
    el la las un una unas de del en y e a al se me te le les nos es esta estan ya mas mes vez
    fue fueron van va ver hace hay cada para pa tarde temprano tambien pero aca alla ahy desde
    hasta entre sabe sabes gracias buenas favor mama papa sr sra
    """.split()
)

_SPLIT_CHARS = re.compile(r"[-\u2010-\u2015._/]")


def _clean_token(token: str) -> str:
    return _SPLIT_CHARS.sub("", token)


def _kind(token: str) -> str:
    """'stop' ends a run, 'strong' is certainly VIN material, 'weak' only possibly."""
    plain = _clean_token(token)
    lower = plain.lower()
    if lower in _CHAT_WORDS or lower == "i":
        return "stop"
    if any(c.isdigit() for c in plain):
        return "strong"
    if len(plain) == 1:
        return "weak" if plain == "a" else "strong"
    # A letters-only word with I, O or Q is English, never a VIN group.
    if any(c in "ioqIOQ" for c in plain):
        return "stop"
    if plain.isupper() and len(plain) <= 5:
        return "strong"
    if plain.islower() and len(plain) >= 6:
        return "stop"  # a word ("nerest", "dealership" misspelled), not a group of a VIN typed in pieces
    return "weak"


def _runs(text: str) -> list[list[tuple[str, str]]]:
    text = text.replace("'", "").replace("\u2019", "")
    runs: list[list[tuple[str, str]]] = []
    for segment in _BREAKS.split(text):
        current: list[tuple[str, str]] = []
        for token in _TOKEN.findall(segment):
            kind = _kind(token)
            if kind == "stop":
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((_clean_token(token), kind))
        if current:
            runs.append(current)
    return runs


def find_in_text(text: str) -> str | None:
    """The VIN-like run in a chat message, normalized, or None.

    A 17-character run is preferred; a 16- or 18-character run (or, failing that, any
    12-22 character run of letters and digits) is still returned so that the caller can
    tell the owner exactly what is wrong with it.
    """
    best: tuple | None = None
    best_vin: str | None = None
    order = 0
    for run in _runs(text or ""):
        for start in range(len(run)):
            joined = ""
            for end in range(start, len(run)):
                joined += run[end][0]
                if len(joined) > 22:
                    break
                if len(joined) < 12:
                    continue
                vin = normalize(joined).vin
                has_digit = any(c.isdigit() for c in vin)
                has_letter = any(c.isalpha() for c in vin)
                # Digits alone are a phone or order number, unless there are exactly 17
                # (which is also how filler such as 11111111111111111 gets reported).
                if not has_digit or not (has_letter or len(vin) == VIN_LENGTH):
                    continue
                # A window that leaves out an adjacent strong piece would silently drop
                # part of what the owner typed (for example the 18th character).
                maximal = not (
                    (start > 0 and run[start - 1][1] == "strong")
                    or (end + 1 < len(run) and run[end + 1][1] == "strong")
                )
                near = len(vin) in (16, 17, 18)
                if not near and not maximal:
                    continue
                weak = sum(1 for piece in run[start : end + 1] if piece[1] == "weak")
                # Far from 17 and made partly of words, it is words: "totaled in 2016, rear ended"
                # is no VIN of 13 characters to tell the owner about.
                if not near and weak:
                    continue
                key = (
                    not near,
                    not maximal,
                    len(vin) != VIN_LENGTH,
                    weak,
                    not validate(vin).valid,
                    abs(len(vin) - VIN_LENGTH),
                    order,
                )
                order += 1
                if best is None or key < best:
                    best, best_vin = key, vin
    return best_vin
