"""The recall questions a message asks besides its main request, so each gets its answer.

"Is it free and how long does it take and can I just drop it off?" is one message with three
questions; the intent classifier names one. These rules find the questions the bot answers from
the campaign facts (cost, how long, what to bring, is it safe, what is wrong) and those only the
dealer can answer (a loaner or a ride, any other work), in English and Spanish, in the order asked.
"""

from __future__ import annotations

import functools
import re

from bot.understand.makes import OTHER_MAKES
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
        r"cuanto tiempo|cuanto (?:se )?tarda\w*|tarda\w* mucho|wait for it|keep my car|can i wait|wait (?:there|at the dealer|in the waiting room)|"
        r"more than (?:an|a|one|\d+) (?:hour|hr)s?|"
        r"(?:a |an )?\d+ ?(?:min|mins|minute|minutes|hour|hr) (?:thing|job|fix|deal)|(?:quick|fast) (?:fix|job|thing)|"
        r"takes? (?:\d+|one|two|three|four|an?) (?:hours?|hrs?|minutes|mins)|"
        r"(?:be|it be|get it) (?:done|ready|finished|back) (?:before|by|in time)|same day|turnaround|duration|"
        r"fix time|repair time|"
        r"cuanto (?:se )?demora\w*|se demora\w*|me tardo|no mas de una hora|me quedo esperando|recoger\w* (?:en|por) la tarde)\b"
    ),
    "ask_what_to_bring": re.compile(
        r"\b(?:bring(?! (?:it|her|him|the car|my car|the rx|my rx|the lexus|mine|the vehicle) (?:in|by|over|down|back)\b)|need to have|documents?|paperwork|the title|my title|registration|need from me|(?:both|the|my|spare) keys|"
        r"clean (?:\w+ )?(?:stuff |things |junk )?out|empty (?:out )?(?:the|my) (?:car|trunk)|"
        r"llevar|traer|documentos|papeles|registracion|(?:quitar|sacar) (?:el|los|mis) tapetes?|"
        r"(?:take|get|clean) (?:the |my )?(?:floor mats|mats|everything|car seats?) out|(?:floor )?mats out)\b"
    ),
    "ask_safe_to_drive": re.compile(
        r"\b(?:safe to drive|is it safe|still safe|dangerous|ok(?:ay)? to drive|still drive|can i drive|"
        r"what (?:am i supposed to|should i|do i|do you|would i) do|what if (?:it|the pedal|the gas|the carpet)|"
        r"(?:stop|quit) driving|overreact\w*|is it possible for|how (?:many|much) (?:people|accidents|crashes|injur\w*)|"
        r"peligros\w*|seguro manejar\w*|puedo manejar\w*|(?:dejar|parar) de manejar\w*|y si se (?:le |me )?pega|"
        r"que (?:hago|debo hacer|tengo que hacer) si|(?:stop|keep) the (?:carpet|cover|mat) from|(?:till|until|til) i (?:can )?get (?:it )?in|"
        r"in the meantime|tape it down|is (?:it|this|that) urgent|how urgent|can it wait|"
        # found on the development sets: "a real danger or just lawyers", "going to run away with me??"
        r"(?:a )?real (?:danger|risk|hazard)|(?:going to|gonna|gona) run away with|"
        r"(?:is|how) (?:this|it|that) (?:really |even )?(?:serious|bad)|how serious|"
        r"(?:reports?|cases?) of (?:\w+ ){0,2}(?:people|anyone|injur\w*|accidents?|crashes|deaths?)|"
        r"(?:anyone|anybody|people) (?:\w+ ){0,2}(?:getting |gotten |been |got )?(?:hurt|injured|killed))\b"
    ),
    "ask_what_wrong": re.compile(
        r"\b(?:what(?:'?s| is| does)\b[^?.!]{0,25}\b(?:recall|wrong|problem|issue|defect)\b|"
        r"(?:is|was) (?:this|it|that) (?:the|about the|because of the|from the|part of the|related to the) (?:recall|carpet)|"
        r"(?:es|sera|fue) (?:por|lo de|parte de) (?:el|la|lo del?) ?(?:recall|alfombra|tapete)|"
        r"what(?:'?s| is) (?:it|this) about|what(?:'?s| is| does) blc|what (?:does|do) [^?.!]{1,30} mean|carpet thing|de que se trata|que tiene (?:mi|el) (?:carro|coche|camioneta)|"
        r"what (?:recall|problem|defect)|what (?:it|this|the recall) is (?:about|for)|what is it for|explain (?:this|it|the recall|what)|"
        r"like i'?m (?:5|five)|nature of (?:the )?(?:defect|problem|recall|hazard|danger|risk|issue)|"
        # found on tests/dev/dev_en_s11.yml: "got the letter, what is it and is it free?", "que es esto
        # del recall", "help me understand this letter", "what are the warning signs?"
        r"(?:letter|notice|recall)\b[^.!?]{0,20}\bwhat(?:'?s| is) (?:it|this|that)\b|what(?:'?s| is) (?:it|this) (?:and|about|for)\b|"
        r"que es (?:esto|eso|este|el|lo)\b[^.!?]{0,15}\brecall\b|understand (?:this|the|that|your) (?:letter|recall|notice)|"
        r"warning signs?|symptoms?|what (?:should|do) (?:i|we) (?:look|watch) (?:out )?for|"
        # found on tests/dev/dev_en_s12.yml: "not sure what it is I'm supposed to do", "what in the
        # world is wrong", "what they fix?", "Explain recall please"
        r"what (?:it is )?(?:i'?m|i am|we'?re|we are) supposed to do|"
        r"what (?:in the world|on earth|exactly|the heck|the hell) (?:is|'s) (?:wrong|the (?:problem|issue|deal))|"
        r"what (?:they|u|you|the dealer) (?:fix|replace|do|change)\b|explain (?:the )?(?:recall|letter|problem|defect)|"
        r"what (?:it is|is it) (?:that'?s|thats|that is) wrong|(?:which|what) part|written description|"
        r"what (?:exactly )?(?:are you|are they|do they|will they|would they) (?:\w+ )?(?:replac|fix|chang|do)\w*|"
        r"what (?:do |will |would )?(?:y'?all|you all|you guys|yous|u) (?:\w+ )?(?:do|replace|change) to (?:fix|repair)|"
        r"(?:is|was) (?:that|this|it) what (?:this|the recall|the letter) is about|same (?:thing )?as (?:this|the) recall|"
        r"(?:the )?same (?:problem|thing|trouble|issue)|something different|what (?:exactly )?comes loose|catch fire|"
        r"do i (?:really |still |actually |even )?(?:have|need) to (?:come|go|bring|take|get)|must i (?:go|come|bring|take)|"
        r"do (?:i|we) (?:really |still |actually |even )?need (?:to do (?:this|it|that)|this|it|the dealer|the repair|the fix|the recall)\b|"
        r"what (?:do|should|must) (?:i|we) (?:\w+ )?(?:need to|have to|got to|gotta) do\b|"
        r"(?:is|it'?s) (?:it|this|that) (?:really |even )?(?:necessary|required|mandatory))"
    ),
    "ask_who_is_this": re.compile(
        r"\b(?:who (?:is|are) (?:this|you)|who dis|hu is this|who this|(?:what|wtf) is this number|who set (?:it|this) up|"
        r"why (?:are|r) (?:you|u) guys (?:texting|messaging|contacting)|(?:r|are) (?:u|you) a (?:bot|robot)|is this (?:a )?(?:scam|spam|legit|real(?! (?:danger|risk|hazard|problem|issue|concern)))|how did (?:you|u|they|y'?all) (?:even |ever |possibly )?get "
        r"(?:my|this) (?:number|#|info)|how (?:you|u|they|y'?all) got (?:my|this) (?:number|#|info)|where did (?:you|u) get (?:my|this)|(?:is|this) (?:this |it )?(?:even )?(?:real|legit)\b|"
        r"sounds? like (?:a )?(?:scam|spam)|(?:isn'?t|is not|not) (?:a )?(?:scam|spam)|(?:a|this is a|is it a) (?:scam|spam)|why (?:are|r) (?:you|u) (?:texting|messaging|contacting)|"
        r"never signed up|who (?:sent|is sending) (?:this|these)|who (?:even )?gave (?:you|u|y'?all|lexus) (?:my|this) (?:number|#|info|cell)|quien (?:es|son|habla)|es (?:una )?estafa|es real|"
        r"(?:is this|are you|am i (?:texting|talking|chatting) (?:with|to)) (?:a )?(?:bot|robot|computer|machine|real person|human)|"
        r"real person or|verify (?:this|that|you|it|who)|legit\w*|prove (?:it|ur|your|you|this|that)|official (?:lexus )?(?:number|line|site|website)|"
        r"affiliated|really (?:from )?lexus|(?:genuinely|actually|truly|really) from (?:the )?lexus|(?:both )?really from|company name|mailing address|steal my|clone my|scammed|"
        r"(?:government|nhtsa) or|extended (?:car |auto |vehicle )?warranty|who (?:keeps|is) (?:sending|texting|writing|mailing)|is this (?:really )?lexus\b|from you people|identify (?:the sender|yourself|yourselves|who)|"
        r"(?:the )?(?:source|origin) of (?:my|this) (?:contact|number|info\w*|phone)|"
        r"phish\w*|smish\w*|quien (?:eres|eres tu|me escribe|me manda)|quienes son|"
        r"como (?:consiguieron|obtuvieron|sacaron) mi numero|no me (?:inscribi|registre))\b"
    ),
    # Not an intent: owners mix BLC up with the floor-mat recalls (bot/recall/data: not the same family).
    "floor_mats": re.compile(r"\b(?:floor ?mats?|all[- ]weather mats?|rubber mats?|tapetes?)\b"),
    # The dealer's to say: a loaner or a ride, and any other work than this remedy.
    "ask_loaner": re.compile(
        r"\b(?:loaners?|rentals?|courtesy (?:car|vehicle)s?|ride (?:home|back)|shuttle|car to use|tow(?:ed|ing)?|"
        r"pick (?:it|the car|my car|her|him) up|pick up (?:the|my|our) (?:car|rx|vehicle|lexus|suv)|come (?:get|pick)|carro de cortesia|auto de cortesia|carro prestado|"
        r"grua|(?:la|lo) (?:pueden|puede) (?:venir a )?recoger)\b"
    ),
    "ask_other_service": re.compile(
        r"\b(?:check engine|warning lights?|(?:engine|abs|tire|tpms|airbag|brake) lights?|(?:another|other|any other|more|open|more open) recalls?|(?:other|another|second|more|any) (?:open |outstanding |active )?(?:recalls?|campaigns?)|besides (?:the|this) (?:carpet|recall|one)|"
        r"is (?:that|this|there) (?:also )?(?:a|another|any) recall (?:on|for|too)|recall (?:for|on) (?:that|it) too|(?:a|the) recall too|"
        r"takata|airbags?|timing belt|key fob|(?:new|spare|extra) key|windshield|glass|headlights?|detailing|(?:interior|full|car) detail|wash (?:it|the car)|"
        r"(?:nav|navigation) (?:disc|system|update|maps?)|update the maps|state inspection|emissions|seat ?belts?|liftgate|hatch|dashboard|ball joints?|suspension|struts?|alignment|"
        r"maintenance|front brakes|rear brakes|brakes? (?:job|pads|service|rotors)|bumper|body (?:work|shop)|dents?|"
        r"speedometer|gauges?|dash(?:board)? lights?|windows? (?:is|are|won'?t|wont|stuck|motor|regulator|switch)|"
        r"(?:power|driver'?s?|passenger'?s?) window|throttle body|mirrors?|wipers?|sunroof|paint|rust|exhaust|"
        r"muffler|different problem|separate (?:issue|problem|thing)|unrelated (?:to|but)|same visit|while (?:i'?m|i am|it'?s|its) there|"
        r"can they (?:also )?(?:fix|look at|check) (?:the|my) (?!vin|car for|carpet|clips?|cover|pedal|recall)|a/?c|air ?condition\w*|noises?|"
        r"whin\w*|squeak\w*|squeal\w*|rattl\w*|brake (?:pads?|job|noise)|oil change|tires?|battery|radio|"
        r"warrant(?:y|ee)|insurance|reimburs\w*|refund|pay me back|upsell\w*|other recalls?|walk[- ]?ins?|"
        r"(?:your|their|the dealer'?s?|business|opening|service) hours|what time (?:do|does) (?:you|they|it|the dealer\w*) "
        r"(?:close|open)|brake override|garantia|reembols\w*|aceite|llantas|bateria|ruido|luz de|freno de mano|"
        r"aire acondicionado|a que hora (?:cierran|abren)|rechin\w*|chill\w*|tiembla\w*|vibra\w*|calefaccion|escape|"
        r"(?:la|una) puerta|huele a|(?:la|lo) (?:pueden|puede) (?:limpiar|revisar)|(?:me )?(?:la|lo) pueden revisar|revisen|"
        r"shak(?:es|ing)|vibrat\w*|brake pedal (?:feels|is|seems|goes|got)|(?:soft|spongy|mushy) (?:brake|pedal)|heater|the heat\b|door (?:handle|lock)s?|cold mornings?|revs? high|feels? weak|"
        r"(?:looked at|checked) too|transmission|\d+k (?:service|miles?)|full service|"
        # found on tests/dev/dev_en_s11.yml: symptoms of something else, asked about beside the recall
        r"won'?t start|wont start|doesn'?t start|no arranca|gas cap|running (?:a little |kind of |a bit )?hot|overheat\w*|"
        r"pulls? (?:to the )?(?:left|right)|car alarm|alarm goes off|mobile service|\d{1,3},?000 (?:mile|km)|"
        r"(?:mile|scheduled|routine) service|tune ?up|"
        r"oil changes|grind\w*|do (?:my|the) brakes|cabin (?:air )?filter|coolant|flush\w*|detail (?:the|my) (?:car|rx)|"
        r"ignition|key (?:got |gets |is )?stuck|(?:my|the|mi) other (?:car|vehicle)|mi otro (?:carro|coche|auto)|"
        rf"{OTHER_MAKES}|"
        r"luz del motor|velocimetro|se calienta|cinturon|ventanas?|tablero|balatas|clutch|otros recalls?|"
        r"(?:me |nos )?prestan (?:uno|un carro|un auto|un coche)|"
        r"(?:come|stop by|come by) (?:to )?my (?:house|home|work|office)|quote|who pays|pay for (?:the|my|that) "
        r"(?:damage|crash|accident|repairs?)|marketing|newsletter|e-?mail on file|pedal covers?)\b"
    ),
    # Beside a recall request, something plainly unrelated ("...also can u tell me a joke"): said so.
    "out_of_scope": re.compile(
        r"\b(?:(?:tell|know) (?:me )?(?:a |any )?(?:good )?jokes?|weath\w*|forecast|what'?s the score|game score|pizza|bagels?|"
        r"restaurants?|mortgage|recipes?|essay|homework|lottery|stock tips?|horoscope|chiste|clima|"
        r"(?:good|cheap|best) (?:\w+ )?(?:place|spot)s? (?:to eat|for|near)|(?:seahawks|chiefs|titans|cowboys|yankees|lakers)|"
        r"dmv|iphone|android|solar|satellite|cable (?:tv|bill|company)|el cable|time complexity)\b"
    ),
}


# Words that put a message about the recall, when the classifier could not say what it asks.
_RECALL_TOPIC = re.compile(
    r"\b(?:recall|pedal|carpet|cover|clips?|mats?|accelerat\w*|stuck|stick\w*|safe|safety|dangerous|danger|fix|"
    r"remedy|repair|letter|notice|tapete|alfombra|acelerador|peligros\w*|arregl\w*|reparaci\w*|seguro|carta|aviso|"
    # what the defect does, asked about ("is this that?", "se aceleró sola, es lo mismo?", "does it end?")
    r"aceler\w*|sped up|speeds? up|speeding up|lunge[sd]?|run away|runaway|atore|atorar|trabar?|pegar?|frenos?|brakes?|"
    r"deadline|fecha limite|lo mismo|is (?:this|that) (?:that|it|the same)|yeet\w*)\b"
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


# "Which dealer does these? I'm in Tulsa", "closest one to DIA?", "can I go to any Lexus dealer?"
_DEALER = r"(?:dealers?|dealrs?|dealerships?|lexus (?:place|store|shop|location|service)s?|concesionari\w*|agencias?|distribuidor\w*)"
DEALER_QUESTION = re.compile(
    r"\b(?:"
    rf"(?:which|what) (?:\w+ )?{_DEALER}(?! (?:will|would) (?:be|do)\b| (?:is|are) going to\b| (?:does|do|did) (?:to|with)\b)|"
    rf"where(?:'?s| is| are)? (?:the |a |my |your )?(?:nearest |closest )?(?:lexus )?{_DEALER}|"
    r"where (?:do|can|should|would) (?:i|we) (?:go|take (?:it|her|him|the car|my car|the rx))|where am i supposed to (?:go|take)|"
    rf"{_DEALER} (?:list|near|in|around|close|by|on)\b|"
    rf"(?:is there|are there|any|find|(?<!still )need|recommend|another) (?:a |an |another |any )?(?:\w+ )?(?:lexus )?{_DEALER}|"
    r"where to (?:take|bring|go)\b|"
    r"(?:closest|nearest|closer) (?:one|lexus|dealer\w*|place|location)|"
    r"does it have to be (?:a|the) (?:lexus )?(?:dealer\w*|one)|"
    r"(?:go|take it|bring it|switch) to a different (?:one|dealer\w*|location|lexus)|"
    r"(?:another|a different|other) lexus (?:near|in|around|by|close to|closer)|"
    rf"(?:take|bring) (?:it|her|him|the car) to (?:a|another|any) (?:lexus )?{_DEALER}|"
    r"(?:number|phone) (?:for|of) the (?:dealer\w*|one) (?:in|near|at|by)|"
    rf"{_DEALER}(?:'?s)? (?:phone|number|#|address)(?: (?:number|#|no\.?))? (?:in|near|at|by|for)\b|"
    rf"(?:donde|cual) (?:esta|queda|es|hay) (?:el |la |un |una )?{_DEALER}|{_DEALER} (?:mas )?cercan\w*|"
    rf"(?<!en )(?:a )?(?:que|cual) {_DEALER}|(?:at|to|in|en|a|con) (?:any|another|other|cualquier|otro|otra) lexus\b(?! (?:rx|car|vehicle|owner|recall|camioneta|carro))"
    r")"
)


# "Cancel the appointment and stop texting me", "cancelen mi cita": beside an opt-out, the
# appointment too (bot.channels.opt_out_reply). Not "I don't want to cancel".
_CANCELS = re.compile(
    r"(?<!not )(?<!n't )(?<!nt )\bcancel\w*\b[^.!?]{0,30}\b(?:appointments?|appts?|bookings?|visit|cita)\b|"
    r"\bcancel(?:ar|en|e|a)? (?:la|mi|su|esa) cita\b"
)


def asks_to_cancel(text: str) -> bool:
    return bool(_CANCELS.search(plain(text)))


def asks_for_a_dealer(text: str) -> bool:
    """Does the message ask which or where the dealer is (with or without a place)?"""
    return bool(DEALER_QUESTION.search(plain(text)))
