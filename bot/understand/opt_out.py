"""Does the owner want no more texts or calls? In any words, English or Spanish.

US rules (since April 2025) say consent can be revoked by any reasonable means, so "please stop
texting me", "take me off your list" or "no me manden más mensajes" count as STOP does. What only
looks like it does not: "can I stop by Saturday", "cancel my appointment", "I don't want to
unsubscribe", "don't call, text me instead", "take me off the waiting list".
"""

from __future__ import annotations

import re

from bot.understand import learned
from bot.understand.text import any_of, plain

THRESHOLD = 0.6  # of the learned model (bot.understand.learned), chosen on tests/dev

# Alone (up to three words), on every channel: STOP and its spellings, and the Spanish ones
# ("ALTO", "PARAR", "BASTA"); "enough" alone, as a first answer to a follow-up text.
ALWAYS_STOP = {
    "stop",
    "stopall",
    "unsubscribe",
    "stopstop",
    "stopstopstop",
    "alto",
    "parar",
    "basta",
    "yabasta",
    "enough",
    "enoughalready",
    "stahp",
}

_CONTACT = (
    r"(?:text\w*|txt\w*|texing|textin|tetx\w*|testing|messag\w*|msg\w*|sms\w*|sending|send|contact\w*|call\w*|remind\w*|"
    r"bother\w*|writ\w*|email\w*|e-mail\w*|spamm?\w*|harass\w*|reach\w* out|communicat\w*|notices?|"
    r"notifications?|letters?|mailings?|alerts?)"
)
_ME = r"(?:me|us|my (?:phone|number|cell|mom|dad|wife|husband|mother|father)|this (?:phone|number|cell|line)|him|her|them)"
_LIST = r"(?:list|lists|contacts?|database|data base|system|records?|mailing list|texts?|messages)"

_WANTS_NONE = re.compile(
    any_of(
        # stop / quit / cease ... contacting me
        rf"\b(?:stop|quit|cease|end|halt|discontinue|no more|cancel|refrain from|desist from|abstain from)\b"
        rf"[^.!?,;]{{0,20}}\b{_CONTACT}\b",
        # "wrong number. please stop", "stop!!", "🛑 stop": a sentence that is only "stop"
        r"(?:^|[.!?,] ?)\W*(?:please |pls |plz |just |so )?stop(?: it| now| please| pls| already| this)?\W*$",
        # don't / do not / never ... text me (again)
        rf"\b(?:don'?t|dont|do not|never|no longer|please don'?t|pls don'?t)\b (?:ever )?(?:\w+ )?{_CONTACT}\b[^.!?]{{0,12}}"
        rf"\b(?:{_ME}|again|anymore|any more|ever)\b",
        # "Do not text. Do not call.": a sentence that is only that
        rf"(?:^|[.!?,] ?)(?:please |pls |just )?(?:do not|don'?t|dont|never) {_CONTACT}(?: (?:me|us))?(?: again| anymore| ever)?"
        r"\W*(?:[.!?]|$)",
        # no more / no further texts
        rf"\b(?:no more|no further|not any more|none of these)\b (?:\w+ ){{0,2}}{_CONTACT}",
        rf"\bno (?:more |further |other )?{_CONTACT}",
        # "enough texts!" (but "enough letters already, I'm booking" is an annoyed booking)
        r"\benough\b (?:\w+ ){0,2}(?:text\w*|txt\w*|messag\w*|msgs?|calls?|calling|spam\w*)\b(?![^.!?]{0,40}\bbook)",
        # take me off / remove me from ... your list
        rf"\b(?:take|remove|delete|drop|erase|get|scratch|cross)\b (?:\w+ )?{_ME}\b[^.!?]{{0,25}}\b(?:off|from|out of)\b"
        rf"[^.!?]{{0,25}}\b{_LIST}\b",
        # "remove me.", "you can take me off", not "what is the soonest you can take me"
        r"\b(?:remove|take) (?:me|us|him|her|my number|this number) off(?: now| please| immediately| asap| today)?"
        r"\W*(?:[.!?,]|$)",
        r"\b(?:take|remove|delete|get) (?:it|this|that|my number|this number) (?:out of|off|from) (?:your|the) "
        r"(?:system|list|database|records?|contacts?)\b",
        r"\bstop (?:mand|envi|escrib|textear|llam)\w*",
        r"\b(?:remove|(?<!can )(?<!could )(?<!will )(?<!would )(?<!to )take) (?:me|us|him|her|my number|this number)"
        r"(?: now| please| immediately| asap| today)?"
        r"\W*(?:[.!?,]|$)",
        r"\b(?:tell|telling|told|asked|asking|want|wants|need|needs) (?:\w+ ){0,2}to stop\b"
        r"(?! by| in| at| (?:the|my) (?:engine|car|vehicle|motor|truck)\b| (?:this|it|that) from\b)",
        rf"\b(?:i'?d|i would|we'?d|we would) (?:much )?rather (?:not|never) (?:get|receive|be sent|have|be)\b[^.!?]{{0,20}}{_CONTACT}",
        r"\b(?:purge|purged|deleted?|removed?|erased?)\b[^.!?]{0,30}\b(?:records?|database|list|system)\b",
        r"\bdecline (?:participation|to participate)\b",
        r"\b(?:any|every|the|one) (?:further|more|next) (?:text|message|one)s? (?:will|goes|gets|and|i)\b",
        r"\b(?:any|every|one) other (?:text|message)s? (?:will|goes|gets|and|i)\b",
        r"\bnext (?:one|text|message) (?:goes|will|and)\b",
        r"\b(?:text|message|contact|call) (?:me|us) again (?:and|i'?ll|i will|i'?m)\b",
        r"\b(?:don'?t|do not) use (?:it|this(?: number| phone| cell)?|my (?:number|phone|cell))\b(?! (?:for|to|as|when)\b)",
        r"\b(?:not for business|not to be used)\b",
        r"\bno (?:lo |la )?usen\b",
        r"\b(?:good)?bye forever\b",
        r"\b(?:remove|delete|erase|lose|forget)\b (?:my|this|the|her|his|their|our|\w+'s) (?:phone )?(?:number|#|cell|contact)\b",
        r"\bunsubscrib\w*\b",
        r"\bun ?su\w{0,2}(?:sc|c|s)ri\w*",  # "unsubcribe", "unsusbcribe", "un subscribe"
        r"\bunsub\b",
        r"\b(?:un|dis|de)-?enroll\w*\b",
        r"\b(?:would|will|do|does) (?:not|n'?t) (?:like to |want to |wish to )?be (?:texted|contacted|called|messaged|bothered)\b",
        r"\bnever do (?:this|that) again\b",
        r"\bopt(?:ing|ed)?[ -]?(?:me |us )?out\b",
        r"\bleave (?:me|us) (?:alone|be)\b",
        r"\b(?:i'?m|im|i am|we'?re|we are) (?:so |really |just )?done (?:hearing from|with) (?:you|y'?all|u|these (?:texts|messages))\b",
        rf"\b(?:knock|cut) it (?:off|out)\b[^.!?]{{0,20}}\b{_CONTACT}",
        rf"\bno need to (?:keep |continue |go on )?{_CONTACT}",
        r"\bno (?:me |nos )?(?:volver|vuelvan?|vuelva) a (?:comunicar|contactar|escribir|llamar|mandar|enviar)\w*",
        r"\b(?:i|we) (?:don'?t|do not|dont) (?:want|wish|need|like) (?:to (?:get|receive|have) )?(?:any |these |your |this |more |the |those )*"
        rf"{_CONTACT}",
        rf"\b(?:not|never) interested\b[^.!?]{{0,30}}\b{_CONTACT}\b",
        # Spanish (accents dropped)
        r"\bno (?:me |nos )?(?:manden|mande|mandes|envien|envie|envies|escriban|escriba|escribas|contacten|contacte|contactes|"
        r"llamen|llame|llames|molesten|moleste|molestes|textee?n|textees?)\b",
        r"\b(?:dejen|deje|paren|pare|basta) de (?:mandar|enviar|escribir|contactar|molestar|llamar|textear)\w*\b",
        r"\bya no (?:quiero|deseo|necesito)\b[^.!?]{0,30}\b(?:mensajes?|textos?|llamadas?|sms|correos?)\b",
        r"\bno (?:quiero|deseo) (?:recibir )?(?:mas |ningun |estos |sus )*(?:mensajes?|textos?|llamadas?|sms|notificaciones)\b",
        r"\bno mas (?:mensajes?|textos?|llamadas?|sms|notificaciones)\b",
        r"\b(?:borr|elimin|quit|kit|saqu|sak)\w* (?:mi|este|el|nuestro|su) (?:numero|telefono|celular|contacto)\b",
        r"\b(?:borr|elimin)(?:en|e)(?:me|nos)\b",
        r"\bno (?:quiero|deseo|queremos) que (?:me|nos) (?:vuelvan a |sigan )?(?:contact|escrib|mand|envi|llam|molest|text)\w*",
        r"\bdej(?:en|e)(?:me|nos) en paz\b",
        r"\bcancel\w* (?:los|sus|estos|las|esos) (?:mensajes|textos|notificaciones|alertas)\b",
        r"\b(?:quit|saqu|borr|elimin|sac)\w*(?:me|nos)\b[^.!?]{0,15}\b(?:de|del)\b[^.!?]{0,15}\b(?:lista|listas|sistema|base de datos|contactos)\b",
        r"\b(?:den|dar|darme|denme|dame) de baja\b",
        r"\b(?:quiero|quisiera|deseo|queremos) (?:salirme|salir|que me saquen|que me quiten) de (?:esta|la|su|sus|esa) lista\b",
        r"^\W*baja\W*(?:por favor|porfa|pls)?\W*$",
    )
)
# Only looks like it: the request is for something else, or keeps the contact.
_NOT_THAT = re.compile(
    any_of(
        r"\b(?:don'?t|do not|dont|never|not|no|almost|nearly|won'?t|wont)\b (?:\w+ ){0,3}"
        r"(?:unsubscrib\w*|opt\w* out|stop (?:the )?(?:text|messag)\w*|dar(?:me)? de baja|de baja)",
        r"\bunsubscrib\w* from what\b",
        r"(?:^|[,;] ?)(?:just |please |pls |ok |okay )?(?:text|message|contact) me\b(?! again| anymore| ever)",
        r"\b(?:text|texts|texting|sms) only\b|\bonly (?:text|texts|sms)\b",
        r"\blista de espera\b",
        # "stop ignoring these letters", "stop the reminder for the 12th": something else, or one reminder
        r"\bstop (?!tex|txt|test|mes|msg|ms|send|contact|call|bother|writ|email|spam|harass|reach|communicat|mail)\w+ing\b",
        r"\b(?:reminder|text|message)s? (?:for|about|of) (?:the|my) (?:\d|\w+ (?:appointment|appt))",
        r"(?<!no need to )(?<!need to )(?<!don't )(?<!dont )"
        r"\b(?:keep|please continue|continue|still want|want more) (?:\w+ )?(?:text\w*|messag\w*|remind\w*|updat\w*)",
        r"\b(?:text|message|msg|txt) (?:me )?instead\b",
        r"\binstead\b[^.!?]{0,20}\b(?:text|message)\b",
        # "stop sending letters to my old address and text this number instead"
        r"\b(?:text|message|msg|txt|call|contact|use)\b[^.!?]{0,25}\binstead\b",
        # another list: "take me off the loaner list"
        r"\b(?:loaner|rental|shuttle|appointment|cancellation|standby|stand-by|call ?back)\s?list\b",
        r"\b(?:texts?|texting|messages?) (?:is|are|works?) (?:fine|ok|okay|better|good|easier)\b",
        r"\bwait(?:ing)? ?list\b",
        r"\blist for (?:that|this|the|my old) (?:car|vehicle|rx|lexus|one|suv)\b",  # "take me off the list for that car"
        r"\bend of (?:the |this |next )?(?:month|week|year|day|summer|season|january|february|march|april|may|june|july|"
        r"august|september|october|november|december)\b",
        r"\bnever stop\b",
        r"\b(?:after|before|past|at night|late)\b[^.!?]{0,15}(?:\d|\bpm\b|\bam\b|night|morning)",
        r"\b(?:despues|antes) de las\b",
        r"\b(?:then|please|pls|plz|just|can you|could you|have someone|someone|can someone) call me\b",
        # a call instead: "I find these text messages difficult. Could a person please telephone me?"
        r"\b(?:a person|a human|a real person|someone|somebody|an agent|a rep\w*) (?:\w+ ){0,2}(?:call|telephone|phone|ring)\w* (?:me|us)\b",
        r"\bno (?:more|mas) (?:questions|preguntas)\b",
        # "stop the reminder for the 12th" (but "discontinue these reminders" is an opt-out)
        r"\breminders? (?:for|about|of|on)\b|\brecordatorios? (?:de|para|del)\b|"
        r"\b(?:stop|cancel|skip|delete|remove|turn off|no need for|don'?t need) (?:the|my|that|this|one|a) (?:\w+ ){0,2}reminder\b(?!s)",
        r"\b(?:i|we) (?:do |really |actually |still |definitely )?want (?:the |more |these |your |to keep (?:getting )?)?"
        r"(?:updates?|texts?|messages?|reminders?|repair|fix|appointment)\b",
        r"\b(?:don'?t|dont|do not|please don'?t|pls don'?t|never) (?:remove|take|delete|drop)\b (?:\w+ )?(?:me|us|my number)\b",
        r"\b(?:i'?ll|ill|i will|i'?m gonna|i would|i'?d) (?:\w+ )?(?:quit|stop) (?:calling|texting|bothering|writing|emailing)\b",
        r"\b(?:unsubscrib\w*|opt out|stop)\W{1,3}why would (?:i|we)\b",
        # "please do not stop your messages", "dont stop the reminders pls"
        r"\b(?:do not|don'?t|dont|never|please don'?t) (?:ever )?stop (?:\w+ )?(?:sending|texting|messag\w*|reminding|"
        r"reminders?|contacting|texts|updates?|notices)\b",
        # "unsubscribe?? no way", "opt out? nah, I want it fixed"
        r"\b(?:unsubscrib\w*|opt out|stop)\W{1,4}(?:no way|nope|nah|hell no|heck no|never|lol no)\b",
        # reported, and of something else: "I unsubscribed from Lexus marketing emails but..."
        r"\b(?:i|we) (?:already |once |previously )?(?:unsubscribed|opted out) (?:from|of) (?:\w+ ){0,3}"
        r"(?:emails?|marketing|newsletters?|mailings?|promotions?|ads)\b",
        # "stop the recall letters by just getting it done": the way to stop them is the repair
        r"\bstop (?:\w+ ){1,3}by (?:just )?(?:getting|doing|booking|fixing|having)\b",
        # "no me borren de la lista", "para nada quiero que me dejen de escribir"
        r"\bno (?:me |nos )(?:borren|quiten|saquen|eliminen|den de baja)\b",
        r"\b(?:para nada|de ninguna manera|tampoco) (?:\w+ )?quiero que (?:me |nos )?(?:dejen|paren) de\b",
        r"\bno (?:dejen|deje|paren|pare) de\b",
        r"\bhow (?:do|can|would) i unsubscribe\b",
        r"\bno (?:quiero|deseo) (?:cancelar|darme de baja)\b",
        r"(?<!que me )(?<!que nos )\bsigan? (?:mandando|enviando|escribiendo)\b",
        r"\ben vez de\b",
        # "no me llames, textea nomás", "no me mandes la cita por correo, mándamela por whatsapp"
        r"\b(?:textea|texteame|textee|mandamela|mandamelo|escribeme)\b|\bpor (?:whats ?app|texto|mensaje de texto)\b",
        r"\bmejor (?:\w+ ){0,2}(?:por )?(?:textos?|texts?|mensajes?|whats?app)\b",
        # "quit sending me to the downtown one", "before I unsubscribe, is my car on this?", "not
        # asking you to stop, just curious", "don't want to end up on a spam list"
        r"\bsend\w* (?:me|us) (?:straight |right )?(?:to|over to) (?:the|that|this|a|another|voice ?mail)\b|\b(?:me|nos) mand\w* (?:a|al) (?:otro|otra|el|la|un|una)\b",
        r"\b(?:before|antes de) (?:i |we )?(?:unsubscrib|opt|stop|cancel|quit|dar|darme|darnos)\w*",
        r"\bnot (?:asking|telling|saying|requesting)\b (?:\w+ ){0,2}(?:to )?(?:stop|unsubscribe|opt out)\b",
        r"\bno (?:les |le )?(?:pido|estoy pidiendo|digo) que (?:dejen|paren|me (?:borren|quiten|saquen))\b",
        r"\bend up on\b",
        # "unsubscribe? no, I want to stay"; "no me quiero salir"; "opt out of the loaner"
        r"\b(?:unsubscrib\w*|opt(?:ing)? out)\s*\?+\s*no\b|\b(?:i|we) (?:want|wanna|would like|wish) to stay\b(?! (?:off|away))",
        r"\bno (?:me |nos )?(?:quiero|queremos) salir\w*\b",
        r"\bopt\w* out of (?:the|a|my) (?!text|messag|sms|list|program|contact|notif|alert|remind|call|mail|recall|letter)\w+",
        # the owner asks for the booking, or for a new number to be used: "no more letters needed,
        # just book me for Tuesday"; "remove my old number and use this one"
        r"\b(?:just |please |pls |go ahead and |can you |could you |and )book (?:me|us|it)\b",
        r"\bold (?:phone |cell )?(?:number|#|cell)\b|\buse (?:this one|(?:my|the) new (?:number|phone|cell|one))\b",
        rf"\b{_CONTACT} (?:me|us) before\b",  # "you've never texted me before"
        r"\bjust (?:tell|explain to|explain) me\b",
        r"\bno (?:quiero|puedo) esperar\b",
        # "no me manden al dealer de siempre", "dejen de mandarme al de Doral"; "eliminen mi número viejo y usen este"
        r"\b(?:mand|envi)\w* (?:al|a la|a otro|a otra|a ese|a esa) (?:\w+ )?(?:dealer|agencia|concesionari\w*|taller|servicio|otro|otra|de)\b",
        r"\bnumero (?:viejo|anterior|nuevo)\b|\b(?:usen|use|usa) este\b",
        # "no need to remind me again about thursday, I'll be there"; "you can stop the reminders
        # now, I'm sitting at the dealer"; "had my number removed from every list and you found me"
        r"\b(?:i'?ll|ill|i will|we'?ll|we will) be there\b",
        r"\b(?:i'?m|im|i am|we'?re) (?:sitting |already |here |now )?(?:at|in) the (?:dealer\w*|shop|service)\b",
        r"\b(?:had|got|have had) (?:my (?:number|name)|me|us) (?:removed|taken off|deleted)\b",
    )
)


# A wish for the appointment ("If it is, I suppose I ought to make an appointment"): the learned
# model alone does not read it as a wish for no contact (a rule still may: "no more texts, I'll book
# it myself").
_WANTS_THE_VISIT = re.compile(
    r"(?<!not )(?<!n't )(?<!nt )(?<!no )(?<!never )"
    r"\b(?:make an? (?:appointment|appt)|book (?:me|it|an?|the)|schedul\w* (?:me|it|an?|the)|set up an? (?:appointment|appt)|"
    r"(?:ought|want|need|like|try) to (?:book|schedule|bring it in|come in)|hacer (?:una|la) cita|agend\w*)\b"
)


def _letters(text: str) -> str:
    """The letters only, each run of one letter as one: "stoppp", "S T O P" and "stop!" are "stop"."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", plain(text)))


_ALWAYS_STOP = {_letters(word) for word in ALWAYS_STOP}


def _ruled(text: str, words: str) -> bool | None:
    """What the rules say: True (an opt-out), False (not one), None (they do not say)."""
    if _letters(text) in _ALWAYS_STOP and len(text.split()) <= 3:
        return True
    if _NOT_THAT.search(words):
        return False
    return True if _WANTS_NONE.search(words) else None


def by_rules(text: str) -> bool:
    """Does a rule read a wish for no more contact (the model aside)?"""
    return _ruled(text, plain(text)) is True


def wants_no_contact(text: str) -> bool:
    """True when the message asks for no more texts or calls (see the module's docstring). "STOP",
    "STOPALL" or "UNSUBSCRIBE" alone count on every channel; the SMS channel also takes Twilio's
    other keywords (CANCEL, END, QUIT alone, bot.channels.sms_text), which on a call or in a chat
    mean something else."""
    words = plain(text)
    ruled = _ruled(text, words)
    if ruled is not None:
        return ruled
    # One word ("end", "no", "cancel") is an answer to something on a call or in a chat, not a
    # wish the model may guess at; SMS reads the carrier keywords itself (bot.channels.sms_text).
    if _WANTS_THE_VISIT.search(words):
        return False
    # Beside "sold it" or "wrong number" the model's reading stands as it is: a false opt-out there
    # costs a number that is not the owner's only texts it should not get, a missed one texts the
    # law says must stop.
    return len(words.split()) > 1 and learned.probability("opt_out", text) >= THRESHOLD
