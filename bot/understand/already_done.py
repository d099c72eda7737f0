"""Does the message say the recall repair was already done? "Had it fixed at the dealer last year",
"fixed already", "didn't I already do this?", "ya me la arreglaron". The record decides whether it
was (actions.handoff.disputed_record): this only notices that the owner says so."""

from __future__ import annotations

import re

from bot.understand.text import any_of, plain

_DONE = r"(?:done|fixed|taken care of|handled|replaced|repaired|completed|serviced|installed|put in|resolved)"
_IT = r"(?:it|this|that|the (?:recall|repair|fix|work|carpet(?: thing| cover)?|cover|clips?|remedy|problem|issue)|this recall|that recall)"

_SAYS_DONE = re.compile(
    any_of(
        rf"\balready (?:had|got|have had) (?:{_IT} )?(?:\w+ ){{0,2}}{_DONE}\b",
        r"\balready (?:did|done|fixed|took care of|replaced|repaired|had) (?:it|this|that|the)\b",
        r"\balready (?:went|took it|been) (?:in|to the dealer|there)\b",
        rf"\b(?:had|got|have had|did) {_IT} (?:\w+ ){{0,2}}{_DONE}\b",
        rf"\b{_IT}(?: was| were| has been|'s been| got| is) (?:already |all )?{_DONE}\b",
        rf"\b{_DONE} (?:it )?already\b",
        rf"\balready {_DONE} (?:at|by|in|on|last|years|back|when|through|with)\b",  # "Already fixed at the Bellevue dealer"
        rf"\b(?:was|were|has been|have been|got) already {_DONE}\b",
        rf"\bto have been {_DONE}\b",
        rf"\b{_DONE} (?:on|at|during) (?:a|my|the|our) (?:previous|prior|earlier|last) (?:visit|appointment|service)\b",
        r"\b(?:didn'?t|did not|haven'?t|have not) (?:i|we) (?:already )?(?:do|did|done|fix|get)\b",
        r"\b(?:the )?dealer (?:already )?(?:did|fixed|replaced|repaired|took care of) (?:it|this|that|the)\b",
        r"\b(?:was|been) (?:in|there) (?:for|about) (?:this|that|the recall|it) already\b",
        rf"\b(?:i|we) (?:\w+ )?{_DONE} (?:this|the|that) (?:recall|repair|work|fix)\b",
        rf"\b(?:it'?s|its|it has|has) been {_DONE}\b",
        rf"^\W*(?:already )?{_DONE}(?: already)?\W*(?:[.!,]|$)",
        r"\b(?:prior|previous|last|old) owner (?:\w+ ){0,2}(?:had|did|got)\b",
        rf"\b(?:got|had) (?:this|it|the recall) {_DONE} before\b|\b{_DONE} before (?:he|she|they|i) (?:gave|sold)\b",
        r"\b(?:carfax|autocheck)\b[^.!?]{0,30}\b(?:completed|done|says)\b",
        # Spanish
        r"\bya (?:me |nos |le )?(?:la|lo|las|los) (?:arreglaron|repararon|cambiaron|hicieron|revisaron)\b",
        r"\bya (?:me |nos |le )?(?:hicieron|arreglaron|repararon|cambiaron) (?:el|la|lo|los|las)\b",
        r"\bya (?:se |fue |esta |estaba )(?:hizo|arreglad[oa]|reparad[oa]|hech[oa])\b",
        r"\bya (?:la|lo) (?:lleve|llevamos) (?:al|a)\b",
        r"\bya (?:la|lo) (?:arregle|repare|hice|cambie|arreglamos|reparamos)\b",
    )
)


# "never had this done", "haven't got it fixed yet" (but "didn't I already do this?" asks)
_NOT_DONE = re.compile(
    rf"\b(?:never|haven'?t|hasn'?t|have not|has not|not yet)\b (?:\w+ ){{0,3}}(?:had|got|did|been|done|{_DONE})\b"
)


# A repair to come, not one done: "is it safe to drive until the repair is done?", "will the
# notices end once the work is done?", "before it's fixed"
_TO_COME = re.compile(
    rf"\b(?:until|till|til|before|once|after|when|whenever|by the time|if|as soon as|while)\b (?:\w+ ){{0,2}}?"
    rf"{_IT}(?:'s| is| gets| get| will be| has been| are) (?:\w+ )?{_DONE}\b"
)


def says_already_done(text: str) -> bool:
    words = _TO_COME.sub(" ", plain(text))
    return bool(_SAYS_DONE.search(words)) and not _NOT_DONE.search(words)
