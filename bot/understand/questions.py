"""The recall questions a message asks besides its main request, so each gets its answer.

"Is it free and how long does it take and can I just drop it off?" is one message with three
questions; the intent classifier names one. These rules find the questions the bot answers from
the campaign facts (cost, how long, what to bring, is it safe, what is wrong) and the one it
hands to the dealer (a loaner or a ride), in English and Spanish, in the order they are asked.
"""

from __future__ import annotations

import re

from bot.understand.text import plain

# Question -> the intent whose answer it gets (actions.remedy).
QUESTIONS: dict[str, re.Pattern[str]] = {
    "ask_cost": re.compile(
        r"\b(?:is (?:it|this|that|the (?:repair|fix|work)) (?:really |actually )?free|free of charge|"
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
        r"peligros\w*|seguro manejar\w*|puedo manejar\w*)\b"
    ),
    "ask_what_wrong": re.compile(
        r"\b(?:what(?:'?s| is| does)\b[^?.!]{0,25}\b(?:recall|wrong|problem|issue|defect)\b|"
        r"what(?:'?s| is) (?:it|this) about|carpet thing|de que se trata|que tiene (?:mi|el) (?:carro|coche|camioneta))"
    ),
    "ask_who_is_this": re.compile(
        r"\b(?:who (?:is|are) (?:this|you)|who dis|is this (?:a )?(?:scam|spam|legit|real)|how did (?:you|u|they) get "
        r"(?:my|this) (?:number|#|info)|quien (?:es|son|habla)|es (?:una )?estafa|como (?:consiguieron|obtuvieron) mi numero)\b"
    ),
    # Not an intent: owners mix BLC up with the floor-mat recalls (bot/recall/data: not the same family).
    "floor_mats": re.compile(r"\b(?:floor ?mats?|all[- ]weather mats?|rubber mats?|tapetes?)\b"),
    "ask_other_service": re.compile(
        r"\b(?:loaner|rental|courtesy (?:car|vehicle)|ride (?:home|back)|shuttle|car to use|"
        r"carro de cortesia|auto de cortesia|carro prestado)\b"
    ),
}


# Words that put a message about the recall, when the classifier could not say what it asks.
_RECALL_TOPIC = re.compile(
    r"\b(?:recall|pedal|carpet|cover|clips?|mats?|accelerat\w*|stuck|stick\w*|safe|safety|dangerous|danger|fix|"
    r"remedy|repair|letter|notice|tapete|alfombra|acelerador|peligros\w*|arregl\w*|reparaci\w*|seguro|carta|aviso)\b"
)


def about_the_recall(text: str) -> bool:
    return bool(_RECALL_TOPIC.search(plain(text)))


def asked(text: str) -> list[str]:
    """The intents of the recall questions in `text`, in the order they are asked."""
    words = plain(text)
    found = [(m.start(), intent) for intent, pattern in QUESTIONS.items() if (m := pattern.search(words))]
    return [intent for _, intent in sorted(found)]
