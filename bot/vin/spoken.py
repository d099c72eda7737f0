"""VINs read aloud by callers, as a speech recognizer wrote them down.

A transcript is turned into a lattice: every reading of a word (or of a few words, such as
"thirty one" or "H as in Henry") is an edge with a cost, 0 for the usual reading and more
for the unusual ones. A beam search collects the cheapest strings; the check digit then
picks among them, because a wrong reading of any one word fails it 10 times in 11.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.vin.checkdigit import ALPHABET, VIN_LENGTH
from bot.vin.decode import decode
from bot.vin.normalize import normalize, validate

MAX_CANDIDATES = 10
_BEAM = 1500
_MAX_LEN = 22
_BACKSPACE = "\b"

# Letter names as callers say them and recognizers spell them. I, O and Q are mapped to
# the digits they stand for, since a VIN cannot contain those letters.
_LETTER_NAMES = {
    "a": "A", "ay": "A", "eh": "A",
    "b": "B", "be": "B", "bee": "B",
    "c": "C", "see": "C", "sea": "C", "cee": "C", "si": "C",
    "d": "D", "dee": "D",
    "e": "E", "ee": "E",
    "f": "F", "ef": "F", "eff": "F",
    "g": "G", "gee": "G",
    "h": "H", "aitch": "H", "haitch": "H", "eitch": "H",
    "i": "1", "eye": "1",
    "j": "J", "jay": "J",
    "k": "K", "kay": "K",
    "l": "L", "el": "L", "ell": "L", "elle": "L",
    "m": "M", "em": "M",
    "n": "N", "en": "N",
    "o": "0", "owe": "0",
    "p": "P", "pee": "P", "pea": "P",
    "q": "0", "cue": "0", "queue": "0",
    "r": "R", "ar": "R", "are": "R",
    "s": "S", "ess": "S", "es": "S",
    "t": "T", "tee": "T", "tea": "T",
    "u": "U", "you": "U", "yu": "U",
    "v": "V", "vee": "V",
    "w": "W", "dubya": "W",
    "x": "X", "ex": "X",
    "y": "Y", "why": "Y", "wye": "Y",
    "z": "Z", "zee": "Z", "zed": "Z",
}  # fmt: skip

_NATO = {
    "alpha": "A", "alfa": "A", "bravo": "B", "charlie": "C", "delta": "D", "echo": "E",
    "foxtrot": "F", "golf": "G", "hotel": "H", "india": "1", "juliet": "J", "juliett": "J",
    "kilo": "K", "lima": "L", "mike": "M", "november": "N", "oscar": "0", "papa": "P",
    "quebec": "0", "romeo": "R", "sierra": "S", "tango": "T", "uniform": "U",
    "victor": "V", "whiskey": "W", "whisky": "W", "xray": "X", "yankee": "Y", "zulu": "Z",
}  # fmt: skip

_DIGITS = {
    "zero": "0", "oh": "0", "nought": "0", "naught": "0",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "niner": "9",
}  # fmt: skip

# Words a recognizer writes for a digit it heard; they are also ordinary words, so each
# may be dropped at a cost.
_HOMOPHONES = {
    "won": "1", "to": "2", "too": "2", "tree": "3", "free": "3",
    "for": "4", "fore": "4", "fife": "5", "ate": "8",
}  # fmt: skip

_TEENS = {
    "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19",
}  # fmt: skip

_TENS = {
    "twenty": "2", "thirty": "3", "forty": "4", "fourty": "4", "fifty": "5",
    "sixty": "6", "seventy": "7", "eighty": "8", "ninety": "9",
}  # fmt: skip

_UNITS = {w: d for w, d in _DIGITS.items() if d != "0"}

# Words said around a VIN that never stand for a character.
_FILLERS = frozenset(
    """
    um umm uhm uh uhh er erm ah hmm mm my vin vins is its it the number numbers okay ok
    so well let me read reading thats that this alright right yes yeah yep here goes
    letter letters capital digit digits then next comma period dot dash hyphen space
    again starts start with ends end last first part hi hello hey thanks thank please
    just like as of on got have has ive im was should go ready actually all good
    point slash sure hold sec bear with gonna going give lexus car rx on
    """.split()
)

# Fillers that a recognizer also writes for a letter name ("en" heard as "in").
_FILLER_LETTERS = {"and": "N", "in": "N", "um": "M"}

# Ordinary words that are also read as a character; dropping them costs this much.
_SOFT = {
    "a": 1.0, "oh": 1.0, "o": 1.0, "you": 1.0, "are": 1.0, "see": 1.0, "be": 1.0,
    "why": 1.0, "eye": 1.0, "i": 0.5, "eh": 0.5, "ay": 0.5, "es": 1.0, "sea": 1.0,
}  # fmt: skip

# Words with which a caller takes back the character just said.
_CORRECTIONS = frozenset({"sorry", "no", "wait", "oops", "mean", "scratch"})

_VOWELS = set("aeiouy")


def _lexicon_unit(token: str) -> list[tuple[str, float]]:
    """Readings of one word as one VIN character."""
    readings = []
    for table in (_LETTER_NAMES, _NATO, _DIGITS, _HOMOPHONES):
        if token in table:
            readings.append((table[token], 0.0))
    if token.isdigit() and len(token) == 1:
        readings.append((token, 0.0))
    # Dedupe while keeping the first (cheapest) reading: "oh" is both a letter and a digit.
    seen: dict[str, float] = {}
    for char, cost in readings:
        seen.setdefault(char, cost)
    return list(seen.items())


def _is_known(token: str) -> bool:
    return (
        token in _LETTER_NAMES
        or token in _NATO
        or token in _DIGITS
        or token in _HOMOPHONES
        or token in _TEENS
        or token in _TENS
        or token in _FILLERS
        or token in _FILLER_LETTERS
        or token in _CORRECTIONS
        or token in {"double", "triple", "hundred", "thousand", "x", "ray"}
    )


def _letters_of(token: str) -> list[str]:
    return [c for c, _ in _lexicon_unit(token) if c.isalpha() or token in _LETTER_NAMES]


def _spelled_letter(words: list[str], k: int) -> tuple[int, str] | None:
    """The letter a spelling word stands for ("henry" -> H), and where it ends."""
    if k >= len(words):
        return None
    word = words[k]
    if word == "x" and k + 1 < len(words) and words[k + 1] == "ray":
        return k + 2, "X"
    if word in _NATO:
        return k + 1, _NATO[word]
    if not word.isalpha() or word in _FILLERS:
        return None
    return k + 1, normalize(word[0]).vin


def _edges(words: list[str], i: int) -> list[tuple[int, str, float]]:
    """Every reading that starts at word ``i``: (end, characters, cost)."""
    n = len(words)
    word = words[i]
    nxt = words[i + 1] if i + 1 < n else None
    edges: list[tuple[int, str, float]] = []

    if word == "x" and nxt == "ray":
        edges.append((i + 2, "X", 0.0))
    if word == "v" and nxt == "i" and i + 2 < n and words[i + 2] == "n":
        edges.append((i + 3, "", 0.0))

    # "double you" is the letter W, however tempting "UU" is.
    if word == "double" and nxt in ("you", "u", "yu"):
        edges.append((i + 2, "W", 0.0))
        edges.append((i + 2, "UU", 1.0))
    elif word in ("double", "triple") and nxt is not None:
        times = 2 if word == "double" else 3
        repeated = _lexicon_unit(nxt)
        end = i + 2
        if nxt == "x" and i + 2 < n and words[i + 2] == "ray":
            repeated, end = [("X", 0.0)], i + 3
        for char, cost in repeated:
            edges.append((end, char * times, cost))
    if word in ("double", "triple"):
        edges.append((i + 1, "", 1.5))

    if word in _TENS:
        if nxt in _UNITS:
            edges.append((i + 2, _TENS[word] + _UNITS[nxt], 0.0))
            edges.append((i + 1, _TENS[word] + "0", 1.0))
        else:
            edges.append((i + 1, _TENS[word] + "0", 0.0))
    if word in _TEENS:
        edges.append((i + 1, _TEENS[word], 0.0))

    if word in _UNITS and nxt == "hundred":
        head = _UNITS[word]
        k = i + 2
        if k < n and words[k] == "and":
            k += 1
        tail = words[k] if k < n else None
        following = words[k + 1] if k + 1 < n else None
        if tail in _TEENS:
            edges.append((k + 1, head + _TEENS[tail], 0.0))
        elif tail in _TENS:
            if following in _UNITS:
                edges.append((k + 2, head + _TENS[tail] + _UNITS[following], 0.0))
            edges.append((k + 1, head + _TENS[tail] + "0", 0.5))
        elif tail in _UNITS:
            edges.append((k + 1, head + "0" + _UNITS[tail], 0.0))
        has_tail = tail in _UNITS or tail in _TENS or tail in _TEENS
        edges.append((i + 2, head + "00", 0.5 if has_tail else 0.0))
    if word in _UNITS and nxt == "thousand":
        edges.append((i + 2, _UNITS[word] + "000", 0.0))
    if word in ("hundred", "thousand"):
        # Reached only when no digit came before it; it still stood for some zeros.
        edges.append((i + 1, "", 2.0))

    letters = _letters_of(word)
    if letters and nxt == "as" and i + 2 < n and words[i + 2] == "in":
        # The spelling word was said to settle the letter, so it wins over the letter name
        # (which is exactly what a recognizer gets wrong: "bee as in David").
        spelled = _spelled_letter(words, i + 3)
        if spelled:
            end, letter = spelled
            edges.append((end, letter, 0.0))
            for other in letters:
                if other != letter:
                    edges.append((end, other, 0.5))
    if letters and nxt in ("like", "for"):
        spelled = _spelled_letter(words, i + 2)
        if spelled:
            end, letter = spelled
            spelling_word = words[i + 2]
            # "B for boy" spells; "B for four" is two characters, so only accept a word
            # that is not itself a VIN character and starts with the letter.
            if (letter in letters and not _lexicon_unit(spelling_word)) or (spelling_word in _NATO):
                edges.append((end, letter, 0.0))

    if word in _CORRECTIONS:
        edges.append((i + 1, "", 0.0))
        edges.append((i + 1, _BACKSPACE, 1.0))
    if word in _FILLERS:
        edges.append((i + 1, "", 0.0))
    if word in _FILLER_LETTERS:
        edges.append((i + 1, "", 0.0))
        edges.append((i + 1, _FILLER_LETTERS[word], 1.5))

    for char, cost in _lexicon_unit(word):
        edges.append((i + 1, char, cost))
    if word in _HOMOPHONES:
        edges.append((i + 1, "", 1.0))
    if word in _SOFT:
        edges.append((i + 1, "", _SOFT[word]))

    if not _is_known(word) and word.isalnum() and len(word) > 1:
        literal = normalize(word).vin
        if any(c.isdigit() for c in word):
            edges.append((i + 1, literal, 0.0))
        elif len(word) <= 5 and not (_VOWELS & set(word)):
            # "jtj", "hk": letters run together by the recognizer.
            edges.append((i + 1, literal, 0.0))
            edges.append((i + 1, "", 2.0))
        else:
            # Probably an ordinary word, but "ha" in "jtj ha 31u" is VIN material.
            edges.append((i + 1, literal, 1.0))
            edges.append((i + 1, "", 0.5))

    if not edges:
        edges.append((i + 1, "", 0.0))
    return edges


def _words(transcript: str) -> list[str]:
    text = (transcript or "").lower().replace("\u2019", "'").replace("'", "")
    text = text.replace("x-ray", "xray").replace("double-u", "double u")
    return re.findall(r"[a-z0-9]+", text)


def _search(words: list[str]) -> dict[str, float]:
    states: list[dict[str, float]] = [{} for _ in range(len(words) + 1)]
    states[0][""] = 0.0
    for i in range(len(words)):
        if not states[i]:
            continue
        beam = sorted(states[i].items(), key=lambda item: (item[1], item[0]))[:_BEAM]
        for end, text, cost in _edges(words, i):
            target = states[end]
            for prefix, prefix_cost in beam:
                if text.startswith(_BACKSPACE):
                    if not prefix:
                        continue
                    new = prefix[:-1] + text[1:]
                else:
                    new = prefix + text
                if len(new) > _MAX_LEN:
                    continue
                total = prefix_cost + cost
                if total < target.get(new, float("inf")):
                    target[new] = total
    return states[-1]


def _fits_affected_layout(vin: str) -> bool:
    # Every caller of this assistant owns an affected RX, whose serial is all digits; among
    # equally likely readings the one that fits is the better guess.
    return decode(vin).known and vin[11:].isdigit()


def _rank(candidates: dict[str, float]) -> list[str]:
    def key(item: tuple[str, float]) -> tuple:
        text, cost = item
        if len(text) == VIN_LENGTH:
            tier = 0 if validate(text).valid else 1
            fits = _fits_affected_layout(text)
        else:
            tier, fits = 2, False
        return (tier, cost, not fits, abs(len(text) - VIN_LENGTH), text)

    return [text for text, _ in sorted(candidates.items(), key=key)]


def parse_spoken(transcript: str) -> list[str]:
    """Candidate VINs for what a caller said, best first (at most ``MAX_CANDIDATES``).

    17-character candidates that pass the check digit come first, then 17-character ones
    that fail it, then other lengths; within each group the likelier reading comes first.
    """
    found = _search(_words(transcript))
    # When hearing nothing at all is the likeliest reading, the caller did not say a VIN.
    if not found or found.get("", float("inf")) <= min(found.values()):
        return []
    found.pop("", None)

    # If the likeliest 17-character readings fail the check digit, a rhyming letter was
    # probably misheard; its single-letter repairs that pass are likelier than a reading
    # that drops or reinterprets words.
    failing = sorted(
        (cost, text) for text, cost in found.items() if len(text) == VIN_LENGTH and not validate(text).valid
    )[:2]
    for cost, text in failing:
        for repaired in confusion_candidates(text):
            found.setdefault(repaired, cost + 1.5)

    return _rank(found)[:MAX_CANDIDATES]


# --- recognizer confusions ---------------------------------------------------------------

# Characters whose spoken names rhyme (share the stressed vowel and little else), which is
# what speech recognizers confuse. Built from vin.md's B/D/E/G/P/T/V/Z, A/J/K and M/N, S/F
# groups, each widened by the other characters with the same rhyme:
#   "ee":  B C D E G P T V Z and 3 ("three")
#   "ay":  A H J K and 8 ("aitch", "eight")
#   "e-f": F S X ("ef", "ess", "ex")
#   "e-m": L M N ("el", "em", "en")
#   "oo":  U 2 ("you", "two")
#   "i-n": 5 9 ("five", "nine")
# I, O and Q are not VIN characters and R, W, Y and the other digits rhyme with nothing.
_CONFUSION_GROUPS = ("BCDEGPTVZ3", "AHJK8", "FSX", "LMN", "U2", "59")


def _confusable() -> dict[str, tuple[str, ...]]:
    table: dict[str, set[str]] = {}
    for group in _CONFUSION_GROUPS:
        for char in group:
            table.setdefault(char, set()).update(c for c in group if c != char)
    return {char: tuple(sorted(others)) for char, others in table.items()}


CONFUSABLE = _confusable()


def _single_changes(vin: str) -> Iterable[str]:
    for index, char in enumerate(vin):
        for other in CONFUSABLE.get(char, ()):
            yield vin[:index] + other + vin[index + 1 :]


def confusion_candidates(vin: str) -> list[str]:
    """VINs one recognizer confusion away from ``vin`` that pass the check digit, sorted.

    Meant for a 17-character VIN that fails the check digit. For one that passes, the
    result is its rare siblings that pass as well (such as A read as J, which has the same
    value). The caller should only accept a candidate that the recall database confirms.
    """
    vin = normalize(vin).vin
    if len(vin) != VIN_LENGTH or any(c not in ALPHABET for c in vin):
        return []
    return sorted({c for c in _single_changes(vin) if validate(c).valid})
