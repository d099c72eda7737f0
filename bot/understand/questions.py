"""The recall questions a message asks besides its main request, so each gets its answer.

"Is it free and how long does it take and can I just drop it off?" is one message with three
questions; the intent classifier names one. These rules find the questions the bot answers from
the campaign facts (cost, how long, what to bring, is it safe, what is wrong) and those only the
dealer can answer (a loaner or a ride, any other work), in English and Spanish, in the order asked.
"""

from __future__ import annotations

import functools
import re

from bot.understand.text import plain

# Question -> the intent whose answer it gets (actions.remedy).
QUESTIONS: dict[str, re.Pattern[str]] = {
    "ask_cost": re.compile(
        r"\b(?:is (?:it|this|that|the (?:repair|fix|work)) (?:really |actually )?free|free of charge|free\b(?! to)|"
        r"for free|cost\w*|charge\w*|pay(?:ing)? (?:for|anything|a)|price|how much|fee|gratis|cuesta|cuanto cobran|"
        r"costo|pagar|precio)\b"
    ),
    "ask_duration": re.compile(
        r"\b(?:how long|take long|takes long|how many hours|how much time|how many time|all day|"
        r"cuanto tiempo|cuanto (?:se )?tarda\w*|tarda\w* mucho|wait for it|keep my car)\b"
    ),
    "ask_what_to_bring": re.compile(
        r"\b(?:bring|need to have|documents?|paperwork|the title|my title|registration|need from me|"
        r"llevar|documentos|papeles)\b"
    ),
    "ask_safe_to_drive": re.compile(
        r"\b(?:safe to drive|is it safe|still safe|dangerous|ok(?:ay)? to drive|still drive|can i drive|"
        r"what (?:am i supposed to|should i|do i|do you|would i) do|what if (?:it|the pedal|the gas|the carpet)|"
        r"(?:stop|quit) driving|overreact\w*|is it possible for|how (?:many|much) (?:people|accidents|crashes|injur\w*)|"
        r"peligros\w*|seguro manejar\w*|puedo manejar\w*|(?:dejar|parar) de manejar\w*|y si se (?:le |me )?pega|"
        r"que (?:hago|debo hacer|tengo que hacer) si)\b"
    ),
    "ask_what_wrong": re.compile(
        r"\b(?:what(?:'?s| is| does)\b[^?.!]{0,25}\b(?:recall|wrong|problem|issue|defect)\b|"
        r"(?:is|was) (?:this|it|that) (?:the|about the|because of the|from the|part of the|related to the) (?:recall|carpet)|"
        r"(?:es|sera|fue) (?:por|lo de|parte de) (?:el|la|lo del?) ?(?:recall|alfombra|tapete)|"
        r"what(?:'?s| is) (?:it|this) about|what(?:'?s| is| does) blc|what (?:does|do) [^?.!]{1,30} mean|carpet thing|de que se trata|que tiene (?:mi|el) (?:carro|coche|camioneta))"
    ),
    "ask_who_is_this": re.compile(
        r"\b(?:who (?:is|are) (?:this|you)|who dis|is this (?:a )?(?:scam|spam|legit|real)|how did (?:you|u|they) get "
        r"(?:my|this) (?:number|#|info)|where did (?:you|u) get (?:my|this)|(?:is|this) (?:this |it )?(?:even )?(?:real|legit)\b|"
        r"sounds? like (?:a )?(?:scam|spam)|(?:isn'?t|is not|not) (?:a )?(?:scam|spam)|(?:a|this is a|is it a) (?:scam|spam)|why (?:are|r) (?:you|u) (?:texting|messaging|contacting)|"
        r"never signed up|who (?:sent|is sending) (?:this|these)|quien (?:es|son|habla)|es (?:una )?estafa|es real|"
        r"como (?:consiguieron|obtuvieron|sacaron) mi numero|no me (?:inscribi|registre))\b"
    ),
    # Not an intent: owners mix BLC up with the floor-mat recalls (bot/recall/data: not the same family).
    "floor_mats": re.compile(r"\b(?:floor ?mats?|all[- ]weather mats?|rubber mats?|tapetes?)\b"),
    # The dealer's to say: a loaner or a ride, and any other work than this remedy.
    "ask_loaner": re.compile(
        r"\b(?:loaners?|rentals?|courtesy (?:car|vehicle)s?|ride (?:home|back)|shuttle|car to use|tow(?:ed|ing)?|"
        r"pick (?:it|the car|my car|her|him) up|come (?:get|pick)|carro de cortesia|auto de cortesia|carro prestado|"
        r"grua|(?:la|lo) (?:pueden|puede) (?:venir a )?recoger)\b"
    ),
    "ask_other_service": re.compile(
        r"\b(?:check engine|warning light|(?:engine|abs|tire|tpms|airbag|brake) light|a/?c|air ?condition\w*|noises?|"
        r"whin\w*|squeak\w*|squeal\w*|rattl\w*|brake (?:pads?|job|noise)|oil change|tires?|battery|radio|"
        r"warrant(?:y|ee)|insurance|reimburs\w*|refund|pay me back|upsell\w*|other recalls?|walk[- ]?ins?|"
        r"(?:your|their|the dealer'?s?|business|opening|service) hours|what time (?:do|does) (?:you|they|it|the dealer\w*) "
        r"(?:close|open)|brake override|garantia|reembols\w*|aceite|llantas|bateria|ruido|luz de|freno de mano|"
        r"aire acondicionado|a que hora (?:cierran|abren)|transmission|\d+k (?:service|mile)|mobile service|"
        r"(?:come|stop by|come by) (?:to )?my (?:house|home|work|office)|quote|who pays|pay for (?:the|my|that) "
        r"(?:damage|crash|accident|repairs?)|marketing|newsletter|e-?mail on file|pedal covers?)\b"
    ),
}


# Words that put a message about the recall, when the classifier could not say what it asks.
_RECALL_TOPIC = re.compile(
    r"\b(?:recall|pedal|carpet|cover|clips?|mats?|accelerat\w*|stuck|stick\w*|safe|safety|dangerous|danger|fix|"
    r"remedy|repair|letter|notice|tapete|alfombra|acelerador|peligros\w*|arregl\w*|reparaci\w*|seguro|carta|aviso)\b"
)


def about_the_recall(text: str) -> bool:
    return bool(_RECALL_TOPIC.search(plain(text)))


@functools.lru_cache(maxsize=256)
def asked(text: str) -> tuple[str, ...]:
    """The intents of the recall questions in `text`, in the order they are asked.

    Cached: the router, the answers and the opt-out reply each ask it of the same message."""
    words = plain(text)
    found = [(m.start(), intent) for intent, pattern in QUESTIONS.items() if (m := pattern.search(words))]
    return tuple(intent for _, intent in sorted(found))
