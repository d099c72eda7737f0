"""Does the message say the vehicle is not the writer's? "Sold it years ago", "not my car",
"wrong number", "it was totaled", "my mother (its owner) passed away", in English or Spanish. Its
reason: sold (or gone) or not theirs."""

from __future__ import annotations

import re

from bot.recall.vocab import NotOwnerReason
from bot.understand.text import any_of, plain

_GONE = re.compile(
    any_of(
        r"\b(?:i|we|she|he|they|my \w+) (?:already )?(?:sold|traded|gave(?! up)|donated|junked|scrapped)\b",
        r"\b(?:sold|traded in|traded|junked|scrapped|donated) (?:it|that|the car|the rx|that car|the lexus|the vehicle|her|him)\b",
        r"\b(?:it|the car|the rx|the lexus|that car|(?:my|her|his|our|their) (?:car|rx|lexus|suv|vehicle)) (?:was|got|has been|is) "
        r"(?:sold|totaled|totalled|scrapped|junked|a total loss|written off|stolen|repossessed)\b",
        r"\b(?:was|were|got|been) sold\b(?! on)",
        r"\b(?:totaled|totalled|wrecked|scrapped) (?:it|that car|the car|my car|her car|his car|the rx|the lexus)\b",
        r"\bno longer (?:its|the|her|his|their) (?:owner|registered owner)\b|\bnot the owner\b",
        r"\bya no (?:tenemos|tiene|tengo) (?:el|la|ese|esa) (?:carro|coche|camioneta|auto|lexus|troca)\b",
        r"\btotal(?:ed|led)? loss\b",
        r"\bno longer (?:own|have)\b|\bno longer drive (?:it|that|the|a|an|her|him)\b",
        r"\bdon'?t (?:own|have) (?:it|that car|the car|that vehicle|a lexus|an rx) (?:any ?more|now)\b",
        r"\b(?:la|lo) vend[ií]\w*\b|\bvend[ií] (?:la|el|mi|esa|ese)\b",
        r"\bya no (?:la|lo) tengo\b|\bya no tengo (?:el|la|ese|esa) (?:carro|coche|camioneta|auto|lexus|troca)\b",
        r"\bya no es m[ií]\w*\b",
        r"\b(?:the rx|the car|the lexus|it) went to (?:my|her|his|a)\b",
        r"\b(?:la|lo) (?:chocaron|dieron por perdid[oa])\b|\bperdida total\b",
        r"\bsold (?:it |her |him )?(?:to (?:the |a )?(?:junkyard|dealer|carmax|carvana|buyer|neighbou?r|friend|cousin|someone)|private\w*|"
        r"at auction|for parts)\b",
        r"\b(?:went to|sent to|sold at|going to|goes to|headed to|off to) (?:auction|the junkyard|the scrapyard|the crusher|the scrapper)\b|"
        r"\bauctioned off\b|\brepossess\w*\b|\brepo(?:'?d|ed)\b",
        # not the number: "i only gave it to my pharmacy and my doctor"
        r"\bgave (?:it|her|him|the car|the rx|the lexus|my rx|my car) (?:\w+ )?to (?:my|her|his|a)\b"
        r"(?! (?:pharmacy|pharmacist|doctor|dentist|bank|insurance|employer|job|school|work|family)\b)",
        # "I sell the car to my nephew in 2018" (English as a second language)
        r"\b(?:i|we) (?:sell|selled) (?:it|the car|my car|the rx|the lexus|that car|him|her)\b(?=[^.!?]{0,40}\b(?:in|to|ago|last)\b)",
        r"\b(?:her|his|their) name(?: is)? on the title\b",
        r"\b(?:was|got|been|were) (?:\w+ ){0,5}?(?:totall?ed|junked|scrapped)\b",  # "a car that was in a wreck and totaled"
        r"\breturned (?:it|that lexus|the lexus|the car|the rx)\b",
        r"\bnot (?:mine|his|hers|theirs|ours) (?:anymore|any more|no more|now)\b",
        # "dont have it no more. sold", "cars I don't own anymore", "car was stolen in 2020"
        r"\b(?:don'?t|dont|do not) (?:have|own) (?:it|that|her|him|the car|that car|the rx|the lexus|cars?)?"
        r"(?: no| any)? ?more\b|\b(?:don'?t|dont|do not) own (?:\w+ )?anymore\b",
        r"(?:^|[.!?,] ?)sold\W*$",
        r"\b(?:car|rx|lexus|suv|vehicle) (?:was|got) (?:stolen|totaled|totalled|sold|scrapped|junked)\b",
        r"\b(?:now )?belongs to (?:my|her|his|their|a|someone|somebody)\b",
        r"\b(?:vendimos|vendio|vendieron)\b|\b(?:me |nos |le |les )?robaron (?:la|el|mi|su|nuestra|nuestro) "
        r"(?:camioneta|carro|coche|auto|troca|lexus)\b|\b(?:deshuesadero|yonke|chatarra)\b",
        r"\b(?:ese|el|la|esa) (?:carro|coche|camioneta|auto|troca|lexus) (?:ahora )?es de (?:mi|su)\b",
    )
)
_NOT_MINE = re.compile(
    any_of(
        r"\bwrong (?:number|numbr|numbe|numer|nmbr|nunber|nummber|#|person|guy|lady|jenny|girl|man|one)(?!\w)",
        r"\bnever owned a (?:lexus|rx)\b|\bno lexus here\b|\b(?:i|we) (?:don'?t|do not) have (?:a |an |any )?(?:rx|lexus)\b",
        r"\bthe (?:lexus|rx|car) is my \w+'?s\b",
        r"\bbusiness line\b",
        r"\b(?:isn'?t|is not|not) mine\b",
        r"\b(?:not|aint|ain'?t|isn'?t|is not) (?:even )?my (?:car|vehicle|lexus|rx|number)\b",
        r"\bnot (?:the person|who) you (?:want|are looking for)\b",
        r"\b(?:isn'?t|is not|not) (?:her|his|their|my) (?:number|phone|car)\b",
        # "this aint my number anymore", "this isn't my mom's number anymore, she changed it"
        r"\b(?:isn'?t|is not|aint|ain'?t|not) (?:my |her |his |their )?(?:\w+'?s )?(?:number|phone|cell)"
        r"(?: anymore| any more| no more| now)\b",
        r"\bno (?:vehicle|car|lexus) with (?:you|your)\b",
        r"\b(?:carro|coche|camioneta|auto) no es m[ií]\w*\b",
        r"\b(?:i|we) (?:don'?t|do not|never) (?:own|owned|have|had|drive|drove) (?:a|an|any) (?:lexus|rx)\b",
        r"\bnumero equivocado\b|\bse equivocaron de (?:numero|persona)\b|\bno es mi (?:carro|coche|camioneta|numero)\b",
        r"\b(?:no|ni) (?:siquiera )?tengo (?:ningun )?(?:lexus|carro lexus)\b",
        r"\b(?:it'?s|its|this is|that'?s|thats) (?:my|her|his) (?:ex|exs|ex'?s|ex-husband'?s|ex-wife'?s|ex husband'?s|ex wife'?s) "
        r"(?:car|vehicle|lexus|rx|suv)\b",
        # The owner has died: the car is not the writer's to be followed up about ("my mother passed
        # away last year, stop sending messages about her car")
        r"\b(?:mother|mom|mum|father|dad|husband|wife|spouse|grandma|grandmother|grandpa|grandfather|aunt|uncle|"
        r"brother|sister|son|daughter|owner|esposo|esposa|mama|papa|madre|padre|abuel[oa]|duen[oa])\b"
        r"[^.!?]{0,20}\b(?:passed away|passed on|has passed|died|is deceased|fallecio|murio|ya fallecio)\b",
        # "My wife's name is on the letter. She died in 2020."
        r"\b(?:name (?:is )?on (?:the|this|that) (?:letter|notice|title|mail)|(?:her|his) name)\b[^!?]{0,40}"
        r"\b(?:passed away|passed on|has passed|died|is deceased)\b",
    )
)


# Where a car was bought, not that this one is gone: "or does it have to be where it was sold"
_WHERE_SOLD = re.compile(r"\bwhere (?:it|i|we|they|the car|the rx) (?:was|were|got|bought)(?: it)?(?: sold| bought)?\b")


def not_owner(text: str) -> NotOwnerReason | None:
    """SOLD when the vehicle is gone (sold, traded, totaled), NOT_MINE when it never was theirs."""
    words = _WHERE_SOLD.sub(" ", plain(text))
    if _GONE.search(words):
        return NotOwnerReason.SOLD
    if _NOT_MINE.search(words):
        return NotOwnerReason.NOT_MINE
    return None
