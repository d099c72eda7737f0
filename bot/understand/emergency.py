"""Is the owner in danger now? A stuck or sticking pedal, a car accelerating by itself, a car that
cannot slow down or stop, a crash that just happened, smoke or fire, in English or Spanish.

Written for recall: an event with no time cue reads as happening now. What only talks about such
an event is not one: a past event ("it stuck once in 2010"), a hypothetical ("what if the pedal
sticks?"), a worry, a negation ("it has never stuck"), another make's car ("my camry's pedal
sticks too"), or the words in another sense ("stuck at work", "can't stop laughing", "my phone
crashed"). A cue that it is happening now ("right now", "help", "ahora mismo") outweighs the
guards: "it stuck in 2010 and it's stuck again right now". An event today or yesterday that is
over ("it stuck this morning, I'm home now") is a report to follow up (`reported_incident`), not an
emergency; a crash or a fire stays one.
"""

from __future__ import annotations

import re

from bot.understand import learned
from bot.understand.makes import OTHER_MAKES
from bot.understand.text import any_of, near, plain

# --- the events ---------------------------------------------------------------------------------
_PEDAL = any_of(
    # not "the gas cap is stuck shut", "gas tank", "gas smell"
    r"\b(?:gas(?! (?:cap|tank|door|lid|flap|station|light|gauge|mileage|prices?|bill|card|can|smell|leak)\b)|gass|accelerat[eo]r|accelerater|accelorator|excelerat[eo]r|axcelerat[eo]r|acelerat[eo]r)\b",
    r"\bpedd?al\b",
    r"\bthrottle\b",
    r"\b(?:floor ?)?mat\b",
    r"\bacelerador\b",
    r"\bgas pedal\b",
)
_STUCK = any_of(
    r"\bstu(?:c)?k+\b",
    r"\bstcuk\b",
    r"(?<=pedal )stock\b",
    r"\bstick(?:ing|s)?\b",
    r"\bjamm?(?:ed|ing|s)?\b",
    r"\bcaught\b",
    r"\bcatch(?:es|ing)?\b",
    r"\b(?:wrapped|bunched|folded|curled|rolled|slid|pushed|shoved) (?:up )?(?:around|under|over|on top of|onto|against)\b",
    r"\bpinn(?:ed|ing)\b",
    r"\btrapped\b",
    r"\bwedged\b",
    r"\bfloored\b",
    r"\bheld down\b",
    r"\bstay(?:s|ed|ing)? down\b",
    r"\b(?:won'?t|wont|will not|doesn'?t|does not|isn'?t|is not|not) (?:come|coming|go|going|pop|popping|spring|springing)"
    r"(?: back)? up\b",
    r"\b(?:won'?t|wont|will not|doesn'?t|does not) (?:release|return|come back|let go)\b",
    r"\b(?:not|isn'?t|is not|aint) (?:returning|coming back|releasing|letting go)\b",
    # Spanish
    r"\bpegad[oa]s?\b",
    r"\bse (?:me |nos |le |les )?(?:pego|pega|quedo pegad[oa]|atoro|atora|trabo|traba|atasco|atasca|engancho|quedo abajo|hundio)\b",
    r"\b(?:atorad|trabad|atascad|enganchad|hundid)[oa]s?\b",
    r"\bno (?:regresa|sube|vuelve|se suelta|suelta|se levanta)\b",
)
_ITSELF = any_of(
    r"\bby (?:it ?self|itsself|its self)\b",
    r"\bon (?:it'?s|its) own\b",
    r"\bitself\b",
    r"\bout of nowhere\b",
    r"\b(?:i'?m|im|i am) not (?:pressing|pushing|touching|on)\b",
    r"\bfoot (?:is )?off\b",
    r"\bwithout me\b",
    r"\balone\b",
    r"\b(?:sol[oa]|por si sol[oa]|por su cuenta|sin que (?:yo )?(?:lo )?(?:pise|acelere|toque))\b",
)
_SPEEDS = any_of(
    r"\b(?:accel\w*|excel\w*|axcel\w*|speed(?:s|ing)? up|sped up|surg\w*|rac(?:ing|es)|rev(?:v)?(?:ing|s)|"
    r"took off|taking off|takes off|lurch\w*|going faster|gaining speed|picking up speed|speeding)\b",
    r"\b(?:se )?(?:acelera|acelero|acelerando|aceler\w*|arranca|arranco|embala|embalo|va cada vez mas rapido)\b",
)
_KEEPS_SPEEDING = any_of(
    r"\b(?:keeps?|keeping|kept|won'?t stop|wont stop|doesn'?t stop|not stopping) (?:on )?"
    r"(?:accel\w*|speed\w*|revving|gaining speed|picking up speed|going faster)\b",
    r"\b(?:going and going|won'?t quit (?:going|accelerating)|won'?t stop going)\b",
    r"\b(?:ran|running|run|runs) away (?:with|on) (?:me|him|her|us|them)\b",
    r"\b(?:idling|idles|revving|racing) (?:high|way up|really high|like crazy)\b",
    r"\b(?:it|the car|she) (?:did|is doing|happened) (?:it|this|that) again\b",
    r"\bfoot (?:is )?off\b[^.!?]{0,30}\b(?:stays?|staying|keeps? going|still going|holds?|holding)\b",
    # "se me fue sola la camioneta", not "mi hijo se fue solo al dealer"
    r"\bse (?:me |le |nos )?(?:fue|va|iba) (?:\w+ ){0,3}?sol[oa]\b(?! (?:al|a la|a|con|para|de|en)\b)",
    r"\bse (?:me |le |nos )(?:fue|va|iba) (?:la |el |mi |su )?(?:camioneta|carro|coche|troca|auto|nave|maquina)\b",
    r"\bse (?:me |le |nos )?(?:desboco|desboca|embalo|embala)\b",
    r"\b(?:sigue|va|iba|esta) acelerando\b",
    # in neutral because the pedal is down: "shifted to neutral like the internet said, engine is screaming"
    r"\b(?:shifted|threw|popped|put) (?:it |her )?(?:in)?to neutral\b[^.!?]{0,40}\b(?:engine|motor)\b[^.!?]{0,12}"
    r"\b(?:screaming|roaring|racing|revving|redlin\w*|maxed)\b",
)
_CANT_STOP = any_of(
    r"\b(?:can'?t|cant|cnat|caint|cannot|can not|unable to|not able to|couldn'?t|could not|won'?t|wont|will not)"
    r" (?:slow(?: it| her| the car)? down|stop(?: it| her| the car| the vehicle)?|stpo|sotp|brake|decelerate|"
    r"get it to stop|get it to slow)"
    r"(?! (?:by|in|at(?! all)|away)\b| \w+ing\b)\b",
    r"\b(?:brakes?|breaks?|braking) (?:barely|hardly|isn'?t|aren'?t|not) (?:works?|working|stops?|stopping|doing)\b",
    r"\b(?:brakes?|breaks?) (?:are|is)?\s?(?:not|n'?t|arent|isnt|aren't|isn't) (?:working|stopping|doing anything|holding)\b",
    r"\b(?:brakes?|breaks?) (?:don'?t|dont|doesn'?t|won'?t) (?:work|stop|do anything|hold)\b",
    r"\bno (?:puedo|podemos|pude|consigo|logro) (?:frenar\w*|parar\w*|detener\w*|bajar la velocidad)\b"
    r"(?! (?:las ganas|de (?:reir|llorar|pensar|quejar\w*|preocupar\w*)))",
    # not "no para de pitar" (won't stop beeping), "no frena la mala racha"
    r"\b(?:casi )?no (?:lo |la )?(?:frena|frenan|para|paran|detiene|detienen|se detiene|se para|baja la velocidad)\b"
    r"(?! de (?!acelerar)\w| (?:la|su|mi) (?:mala )?racha)",
    r"\blos frenos no (?:funcionan|sirven|responden|frenan)\b",
    r"\bno agarra (?:el )?(?:freno|break|brake)s?\b",
    r"\bel (?:freno|break|brake) no agarra\b",
)
_CRASH = any_of(
    r"\b(?:just|i|we|she|he|they|my (?:wife|husband|son|daughter|mom|dad|mother|father)) "
    r"(?:just )?(?:crashed|wrecked|hit (?:a|the|another|someone|somebody|something|my)|rear[- ]?ended|slammed into|ran into)\b",
    r"\b(?:just )?(?:had|got in|been in|was in|were in) (?:an |a )?(?:accident|crash|wreck|collision)\b",
    r"\bcrashed (?:into|the car|my car|it)\b",
    r"\brear[- ]?end(?:ed|s)? (?:someone|somebody|a|the|another|my)\b",
    r"\b(?:went|drove|shot|flew|plowed|ran) (?:through|into) (?:a|the|my|our|their|the neighbou?rs?'?) ?(?:\w+ )?(?:fence|wall|garage|window|house|store|pole|tree|car|building|gate|hedge|bushes|curb)\b",
    r"\b(?:car|truck|suv|lexus|rx) (?:crashed|wrecked)\b",
    r"\b(?:acabo de|acabamos de|ahorita|acaba de) (?:chocar|tener un accidente|estrellar)\b",
    r"\b(?:choque|chocamos|choco|me estrelle|nos estrellamos|se estrello)\b",
    r"\btuv(?:e|imos|o) un (?:accidente|choque)\b",
    r"\bse (?:pego|pegaron|estrello|fue) (?:con|contra) (?:un|una|el|la|otro|otra|mi|su)\b",
)
_NOT_A_CRASH = re.compile(
    r"\b(?:phone|app|computer|website|site|system|laptop|screen|server|program|game)s? (?:just )?(?:crashed|crash)\b|"
    r"\bcrash course\b|\bcrash(?:ed|ing)? (?:on|at|in) (?:the |my |a )?(?:couch|sofa|bed|floor|friend'?s|home|hotel)\b|"
    r"\bcrashed (?:early|hard|out)\b|"
    r"\b(?:a|the|another|some) (?:other )?(?:car|truck|suv|vehicle|bus)s? (?:next to|in front of|beside|ahead of|behind) (?:me|us)\b"
    r"[^.!?]{0,30}\b(?:smok\w*|on fire|burning|in flames|crashed)\b|"
    r"\bon fire (?:this|este|esta) (?:season|year|ano|temporada|week|month|game|semana)\b|"
    r"\b(?:team|lakers|dodgers|yankees|cowboys|chiefs|warriors|celtics|knicks|eagles|packers|bulls|astros|braves|cubs|mets|"
    r"giants|patriots|raiders|steelers|49ers|niners|rangers|mavs|mavericks|spurs|rockets)\b[^.!?]{0,20}\bon fire\b|\bcrashed (?:his|her|my|a|their) (?:bike|bicycle|scooter|drone|skateboard)\b|"
    r"\bhit a (?:deer|pothole|curb)\b|"
    # another vehicle's: "saw smoke coming off the car next to me"
    r"\b(?:smoke|smoking|fire|flames)\b (?:\w+ ){0,3}(?:the|a|another|some) (?:other )?(?:car|truck|suv|vehicle|bus)s? "
    r"(?:next to|in front of|beside|ahead of|behind) (?:me|us)\b|"
    r"\b(?:i'?m|im|i am|you'?re|we'?re|we are|(?:my |the )?(?:boss|team|coworkers?|kids?|son|daughter)(?:'s| is| was| are)) on fire\b|"
    r"\bburn(?:ing|t) oil\b|\bonly thing (?:\w+ ){0,2}(?:on fire|burning|smoking)\b|"
    r"\b(?:tail ?pipe|exhaust|muffler)\b[^.!?]{0,20}\bsmoke\b|\bsmoke (?:\w+ ){0,2}(?:from|out of) the (?:tail ?pipe|exhaust|muffler)\b|"
    r"\bhumo\b[^.!?]{0,20}\b(?:escape|mofle)\b|\b(?:escape|mofle)\b[^.!?]{0,20}\bhumo\b|"
    r"\bchoque (?:contra la pared )?con (?:el|la) (?:dealer|agencia|concesionario|servicio)\b|"
    r"\b(?:grill|bbq|barbecue|stove|oven|toaster|kitchen|fireplace|campfire|fire ?pit)\b(?: \w+)? (?:caught fire|on fire)\b|"
    r"\bchoque (?:con (?:mi|el|la|los|las) (?:jefe|jefa|realidad|esposo|esposa|suegra|suegro|maestr[oa]|horarios?)|"
    r"de horarios)\b|\bchocamos (?:de|en) (?:horarios|ideas)\b|\bme choco que\b"
)
_FIRE = any_of(
    r"\b(?:on fire|caught fire|catching fire|in flames|flames|fire (?:in|under|from|coming))\b",
    r"\bsmok(?:e|ing)\b[^.!?]{0,30}\b(?:coming|from|under|out|hood|engine|dash|vents?|car|pedal|floor|inside)\b",
    r"\b(?:there'?s|theres|there is|i see|lots of|so much|white|black|gray|grey) smoke\b",
    r"\b(?:burning|burnt) (?:smell|rubber|plastic|odor)\b",
    r"\bsmells? (?:like )?(?:burning|burnt|smoke|fire)\b",
    r"\b(?:sale|salio|esta saliendo|hay|mucho|echando|echa|saca|sacando) humo\b|\bhumeando\b",
    r"\bhumo (?:del|de la|sale|saliendo)\b",
    r"\bse (?:esta )?quem(?:a|ando)\b",
    r"\b(?:fuego|incendi\w*|llamas)\b",
    r"\b(?:olor|huele) a quemado\b",
)
_EVENT = re.compile(
    any_of(
        near(_PEDAL, _STUCK),
        r"\b(?:it'?s|its|it is|it got|it keeps|it'?s getting) (?:stuck|sticking|jammed|getting stuck)\b",
        r"\b(?:can'?t|cant|cannot|can not|couldn'?t|could not) get (?:the |my |her |his |our )?(?:gas |accelerator )?"
        r"(?:pedal|gas|accelerator|throttle) to (?:let go|release|come (?:back )?up|pop (?:back )?up|return)\b",
        near(_SPEEDS, _ITSELF, 30),
        _KEEPS_SPEEDING,
        _CANT_STOP,
        _CRASH,
        _FIRE,
    )
)

# --- when it is said to happen ------------------------------------------------------------------
# A call for help: a cue that it is happening now, and (with harm words, _ALARM) one that outweighs
# even "I pulled over and shut it off".
# Not the word as a topic: "what's the emergency procedure if it ever sticks?"
_HELP = (
    r"\b(?:help|hlep|hwlp|sos|emergency|urgent|ayuda|auxilio|socorro|urgente|emergencia)\b"
    r"(?! (?:procedures?|plans?|steps?|instructions?|kits?|brakes?|contacts?|info\w*|numbers?|flashers)\b)"
)
# A cue that it is happening now outweighs every guard; a weaker one ("today", "on the highway")
# outweighs the talk guards but not a clear past ("years ago").
_NOW = re.compile(
    any_of(
        _HELP,
        r"\bright now\b",
        r"\brn\b",
        r"\bcurrently\b",
        r"\bas we speak\b",
        r"\bas i (?:type|text|write)\b",
        r"\bjust now\b",
        r"\bjust (?:happened|started|did it|crashed|got stuck|stuck|took off|went|hit|ran|slammed|shot|flew|had|"
        r"called|phoned|facetimed|texted|told me)\b",
        r"\b(?:it'?s|is|its) happening\b",
        r"\b(?:a (?:few )?|few |couple |two |five |ten |\d+ ?)?(?:minutes?|mins?|seconds?|secs?) ago\b",
        r"\bhurry\b",
        r"\b(?:is|'s|are|'re) on the phone with (?:me|us)\b",
        r"\bahora mismo\b",
        r"\b(?:de inmediato|inmediatamente|immediately)\b",
        # not a fear of what may come: "I'm terrified the pedal will stick on her"
        r"\b(?:i'?m|im|i am|we'?re|we are|she'?s|she is|he'?s|he is|they'?re|they are) (?:so |really |very )?"
        r"(?:frightened|terrified|panicking|panicked|freaking out)\b"
        r"(?! (?:of|that|about|if|to|the|it|my|our|she|he|this|for|when|something|someone|i|we)\b)",
        r"\bahorita\b",
        r"\ben este momento\b",
        r"\b(?:acabo|acaba|acabamos) de\b",
        r"\bhace (?:un |unos )?(?:momento|momentito|poquito|segundos|minutos|\d+ ?min\w*)\b",
    )
)
_ALARM = re.compile(any_of(_HELP, r"\b(?:911|hurt|injured|bleeding|herid[oa]s?)\b"))
# It never was: "not speeding up by itself", "ya no se pega", a habit ("always floored",
# "sometimes"), someone else's car ("my other car, a camry"), a joke ("my pedal sticks... slurpee
# 😂", "on fire 🔥 recien lavado jaja"), the event as a topic ("texts about stuck gas pedals", "lo
# del pedal pegado"). Outweighs a time cue, not a call for help.
_NOT_SO = re.compile(
    any_of(
        r"\b(?:not|isn'?t|is not|wasn'?t|was not|aren'?t|no|nothing|nada) (?:\w+ )?(?:speeding up|accelerating|stuck|sticking|"
        r"jammed|on fire|smoking|racing|surging|accelerated|sped up)\b",
        r"\bnothing to (?:catch|stick|jam|snag)\b",
        r"\b(?:ya )?no (?:se )?(?:me |le )?(?:pega|traba|atora|atasca|acelera)\b",
        r"\b(?:always|sometimes|a veces|siempre|now and then|every so often|from time to time|de vez en cuando|a cada rato)\b",
        r"\bevery (?:fall|autumn|winter|summer|spring|year|morning|cold morning)\b|\b(?:the )?first time (?:i|we) (?:turn on|start|use|run)\b",
        r"\b(?:mat|carpet|cover)s?(?: \w+){0,3} (?:is |are )?(?:stuck|glued|velcroed|held|fastened|secured) (?:to the floor|down|in place|with)\b",
        r"\b(?:my|our|the) other (?:car|vehicle|truck)\b|\bmi otro (?:carro|coche)\b",
        r"\b(?:lol|lmao|lmfao|rofl|jk|jaja\w*|jeje\w*|haha\w*|kidding|bromeando|broma)\b|\U0001f602|\U0001f923",
        r"\b(?:about|regarding|concerning) (?:\w+ ){0,2}(?:stuck|sticking|jammed)\b",
        r"\b(?:lo|eso|esto) del? (?:pedal|acelerador|tapete|alfombra)\b",
        r"\bentonces si\b|\bsi (?:la|el|mi|los|las) \w+ (?:empuja|toca|atora|traba|pega|engancha)\b",
        # the recall by its name ("la carta del pedal trabado", "preguntar del pedal que se traba")
        r"\b(?:del?|de un|sobre (?:el|un)) (?:pedal|acelerador) (?:que se (?:traba|pega|atora)|trabado|pegado|atorado)\b",
        r"\b(?:que|qué) (?:hago|debo hacer|hacemos|se hace|tengo que hacer) si\b",
        # someone else's story ("a mi cuñado se le pegó", "el carro de mi comadre", "mi tío tuvo")
        r"\b(?:a )?(?:mi|su) (?:tio|tia|primo|prima|cunado|cunada|compadre|comadre|vecino|vecina|amigo|amiga)\b"
        r"(?: \w+){0,2} (?:tuvo|tenia|me conto|me dijo|dijo que|conto que|cuenta que|dice que|se le (?:pego|trabo|atoro|acelero))\b",
        r"\b(?:el|la) (?:carro|coche|auto|camioneta|troca|lexus) de mi (?:tio|tia|primo|prima|cunado|cunada|compadre|"
        r"comadre|vecino|vecina|amigo|amiga)\b",
        r"\b(?:nunca|no) (?:me |le |se me |se le )?ha(?:n)? (?:tenido|presentado|dado|fallado)\b",
        # something else: "hace un ruido raro, no es el pedal", "it's not the pedal, it's the brakes"
        r"\b(?:no es|not|isn'?t|it'?s not|its not) (?:el|la|the|my) (?:pedal|acelerador|accelerator|gas pedal)\b",
        # asked and answered: "Pedal stuck? Nope. But I want the fix anyway"
        r"\b(?:stuck|sticking|jammed|speeding up|accelerating|on fire|smoking)\W*\?\W*(?:nope|no|nah|never|not)\b",
        # a smell or smoke from something else: "...but I think it's my husband's leaf blower"
        r"\b(?:it'?s|its|it was|it is) (?:just |probably |prob )?(?:my|the|his|her|our|their|a) (?:\w+'?s? )?"
        r"(?:leaf blower|lawn ?mower|mower|grill|bbq|barbecue|fireplace|stove|oven|dryer|candles?|toast|neighbou?rs?|"
        r"garbage|trash|wood ?stove)\b",
    )
)
# It is over: the car is parked or off, the driver is home or safe, "it's fine now", "el freno está
# bien". A report of an event that is over (reported_incident) is not danger now, but still a safety
# escalation: a person follows it up at once (actions/handoff.incident_reported). Not a crash or a
# fire (danger though all are fine now), nor where harm or a call for help is named.
_SAFE_NOW = re.compile(
    any_of(
        r"\b(?:parked|estacionad[oa]|parquead[oa]|shut it off|turned it off|(?:it'?s|its|car is|engine is|car'?s) off|"
        r"apague|apagado|apagada)\b",
        r"\b(?:i'?m|im|i am|we'?re|we are|she'?s|he'?s|she is|he is) (?:\w+ )?(?:home|safe|fine|ok|okay|alright)\b",
        r"\b(?:made it|got it|drove it|limped it|got) (?:home|to (?:the|my|work|a|our))\b",
        r"\b(?:in|into) (?:the|my|our) (?:garage|driveway)\b",
        r"\b(?:ya )?(?:estoy|estamos|esta|esta en|llegue|llegamos) (?:en )?(?:la |mi )?casa\b",
    )
)
# Said to be over, which outweighs even being on the road or a minute ago ("pulled over, it let go,
# fine now"); not a call for help, nor what is still happening (_STILL).
_ENDED = re.compile(
    any_of(
        r"\b(?:it'?s|its|it is|everything'?s|all|car is|pedal is) (?:fine|ok|okay|good|normal) (?:now|again)\b|\bfine now\b",
        r"\b(?:then |and )?(?:let go|released|came back up|popped back up|went back to normal|unstuck itself)\b",
        r"\b(?:got it loose|got it unstuck|freed (?:it|itself)|ya lo solte|se solto|ya se solto|ya regreso)\b",
        r"\b(?:ya )?(?:esta|estan) bien\b",
    )
)
# A use ("when I turn on the heat", "when it's cold"; not "every time I let off", which is the
# pedal sticking): a habit, talk.
_WITH_USE = re.compile(
    r"\b(?:when|cuando) (?:i |yo )?(?:turn on|start|use|run|prendo|enciendo|pongo|uso|arranco|manejo|freno|acelero|bajo|subo)\b|"
    r"\bwhen (?:it'?s|its|it is) (?:cold|hot|warm)\b|"
    r"\b(?:after|on) (?:long|short|every|each|highway|hot) (?:drives?|trips?|rides?|days?)\b"
)
# Still happening, wherever the car is ("the gas is stuck, I have stopped with the brake and the
# car is shaking. I am in my driveway"): not over.
_STILL = re.compile(
    r"\b(?:still|is|are|it'?s|keeps?|sigue|esta|todavia) (?:stuck|sticking|jammed|racing|revving|running high|"
    r"accelerating|speeding up|idling high|pegad[oa]|trabad[oa]|acelerando)\b|\bholding (?:the|it with the) brake\b|"
    r"\b(?:car|it|engine|truck|suv)(?: is|'s) (?:still )?shaking\b"
)
# Harm said not to have happened ("nobody was hurt"): not a call for help.
_NO_HARM = re.compile(
    r"\b(?:nobody|no one|noone|nobody'?s|nadie|not|wasn'?t|weren'?t|no) (?:was |got |is |were |salio |resulto )?"
    r"(?:hurt|injured|herid[oa]s?)\b"
)
_LASTING = re.compile(any_of(_CRASH, _FIRE))
# Today or now (a weak cue), which a car now parked or a driver now safe makes a report of
# something over ("hoy se me pegó, ahora está en la casa").
_TODAY = re.compile(
    r"\b(?:today|this morning|this afternoon|this evening|tonight|hoy|esta manana|esta tarde|esta noche)\b|"
    r"\bhace (?:un )?(?:rato|ratito)\b|\bahora\b"
)
# On the road: a weak cue of now that nothing over outweighs ("pulled over, engine still racing").
_ON_ROAD = re.compile(
    any_of(
        r"\b(?:i'?m|im|i am|we'?re|we are|she'?s|he'?s) (?:on|in) (?:the )?(?:highway|freeway|interstate|i-?\d+|\d+|turnpike|road|traffic)\b",
        r"!{2,}",
        r"\b(?:pulled|pull|pulling|managed to pull) (?:over|onto the shoulder|off the road|into)\b",
        r"\b(?:estoy|estamos|voy|vamos|ando|vengo|me encuentro|nos encontramos) (?:en|por) (?:la|el) (?:\d+|autopista|carretera|freeway|highway|calle)\b",
    )
)
# Supposing, which outweighs a weak cue of now ("what happens if it sticks while I'm on the
# freeway?", "what if I'm on the highway and it won't slow down?"), not a strong one (help, right now).
_SUPPOSING = re.compile(
    r"\bwhat (?:if|happens if|would happen if|happens when)\b|\bwhat happens\b[^.!?]{0,12}\b(?:if|si|when)\b|\bsuppos(?:e|ing)\b|\bque pasa(?:ria)? si\b|"
    r"\bshould (?:the|my|it|a|your) (?:\w+ ){0,2}ever\b|\b(?:at risk of|risk of|chance of|possibility of|prone to)\b"
)
_PAST = re.compile(
    any_of(
        r"\b(?:in|back in|since|around|en|en el|desde|desde el|in the year|el ano) (?:19|20)\d\d\b",
        r"\b(?:years?|yrs?|months?|weeks?|ages|a long time|a while) (?:ago|back)\b",
        r"\ba while back\b",
        r"\blast (?:year|month|week|summer|winter|spring|fall|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        r"\b(?:el|este) (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo) pasado\b",
        r"\bback (?:in|when)\b",
        r"\bwhen (?:i|we) first (?:bought|got|had|owned|drove)\b",
        r"\bused to\b",
        r"\bin the past\b",
        r"\bhace (?:\w+ ){0,3}(?:anos|ano|meses|mes|semanas|tiempo|years?|months?|weeks?)\b",
        r"\ben los (?:noventa|ochenta|setenta|dos mil)s?\b|\bin the (?:nineties|eighties|seventies|'?90s|'?80s|2000s)\b",
        r"\bse (?:me |le |nos |les )?(?:pegaba|trababa|atoraba|aceleraba|atascaba|enganchaba)\b",
        r"\b(?:el|la) (?:ano|mes|semana) pasad[oa]\b",
        r"\b(?:cuando vivia|hace mucho|alla por (?:19|20)\d\d|(?:el|la) (?:invierno|verano|otono|primavera) pasad[oa])\b",
        # the car is gone since: "lo choqué y el seguro lo declaró pérdida total, ya no tengo el lexus"
        r"\b(?:perdida total|total loss|ya no (?:lo|la) tengo|ya no tengo (?:el|la|ese|esa))\b",
    )
)
_BEFORE = re.compile(
    any_of(
        # before yesterday
        r"\blast time\b",
        r"\bonce\b(?! a (?:month|week|year|day)| in a while)",
        r"\bbefore (?:the|they|i|it was)\b",
        r"\bthan (?:before|it was)\b",  # "the dealer left the carpet bunched under the pedal, worse than before"
        r"\buna vez\b",
        r"\bin (?:january|february|march|april|june|july|august|september|october|november|december)\b",
        r"\ben (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b",
    )
)
# Yesterday: recent enough that a report of it is followed up (reported_incident), not danger now.
_YESTERDAY = re.compile(r"\b(?:yesterday|last night|ayer|anoche)\b")
# Another make's car ("my camry pedal sticks too", "el carro de mi hija, un nissan, no frena bien"):
# not this recall's vehicle; danger in it now is still danger (a cue of now outweighs it).
_OTHER_MAKE = re.compile(
    rf"\b(?:my|our|his|her|their|[a-z]+'s|mi|su|un|una|a|an)(?: (?:old|other|new|\d{{4}}|'\d\d|work))? "
    rf"(?:{OTHER_MAKES}|minivan|motorcycle|moto)\b"
)
# A hypothetical, a question about it, a worry, a dream, a negation: talk, and no event at all.
_HYPOTHETICAL = re.compile(
    any_of(
        r"\b(?:recall|letter|notice)\b (?:\w+ ){0,3}(?:where|about|that|says?|for|said)\b",
        r"\b(?:a|the|your|this|that) (?:text|message|email|e-mail|call|voicemail)s? (?:about|saying|that said|that says)\b",
        r"\bwhat if\b",
        r"\bwhat (?:happens|should i do|do i do|do we do) (?:if|when|si)\b",
        r"\bstuck how\b|\bhow (?:does|would|could|can) (?:it|the pedal|the mat|the carpet|a pedal) (?:get )?(?:stuck|stick)\b",
        r"\bhow (?:far|long|fast) (?:does|would|could|can) (?:a|the|your) (?:car|vehicle|driver)\b|\bphysics\b",
        r"\b(?:if|in case|incase|unless|whether)\b",
        r"\b(?:could|might|may|would|can) (?:it|the|my|this|that|a|that)\b",
        r"\b(?:can|could|will|would|does|do|is) (?:the|my|a|this) (?:\w+ ){0,2}(?:get|gets|become|start|stick)\b",
        r"^\W*(?:does|do|did|is it|are|will|would|how (?:often|likely|common)|has (?:this|it|anyone))\b",
        r"\bgoing to (?:\w+ ){0,2}(?:stick|get stuck|happen|take off|speed|accelerat\w*)\b",
        r"\b(?:one day|someday|some day)\b",
        r"\b(?:can|could|may|might|will|would) (?:get|become|be) (?:stuck|jammed|trapped|caught)\b",
        r"\bis it (?:possible|safe|dangerous)\b",
        r"\b(?:worried|worry|worries|concerned|risk|scared|afraid|nervous)\b (?:\w+ )?(?:about|that|if|of)\b",
        r"\bat risk\b",
        r"\b(?:is|are|will|would|could|can) (?:my|the|this|our|mine) (?:\w+ ){0,2}going to\b",
        r"\b(?:can|could|might|may|would|will) (?:jam|stick|catch|trap|get stuck|interfere|cause)\b",
        # someone else's, in the news
        r"\b(?:news|video|vid|youtube|tiktok|facebook|fb|reddit|forum|radio|instagram|article|story|heard about|read about|"
        r"talking about|noticias|articulo|vi en|lei)\b",
        # someone else's story: "my coworker said her Lexus caught fire", "they told me the pedal could..."
        r"\b(?:my|a|our)(?: \w+'s)? (?:co-?workers?|friends?|buddy|neighbou?rs?|cousins?|uncle|aunt|brother|sister|boss|"
        r"brother-in-law|sister-in-law|in-laws) (?:said|told me|says|had|has|was telling)\b",
        # (not "he is on the phone with me, he says the accelerator is stuck": what the driver says now)
        r"\b(?:they|he|she|the dealer|the letter|someone|somebody) (?:told|said) (?:me |us )?(?:that )?(?:the|my|it|a)\b",
        r"\b(?:they|the dealer|the letter|someone|somebody) (?:tell|says) (?:me |us )?(?:that )?(?:the|my|it|a)\b",
        r"\b(?:anything|something) to do with\b",
        r"\b(?:co-?workers?|friends?|neighbou?rs?|buddy|buddies|boss|cousins?|uncles?|aunts?|brother-in-law|sister-in-law)'?s\b",
        r"\bend up (?:stuck|trapped|jammed|caught|pinned|wedged|under)\b",
        r"\b(?:riesgo|peligro) de\b",
        r"\b(?:tengo miedo|me da miedo|miedo de que|temo que|(?:me da|tengo|siento) (?:panico|terror|pavor)|por miedo a)\b",
        r"\b(?:noticiero|noticia|en la tele|television|periodico)\b",
        # a kind of car, not this one: "un carro de lujo que se acelera solo", "a car that speeds up on its own"
        r"\b(?:a|an|un|una) (?:\w+ )?(?:car|vehicle|suv|carro|coche|auto|camioneta|vehiculo)(?: de lujo)? (?:that|which|que) "
        r"(?:se )?(?:\w+ )?(?:accelerat\w*|speeds?|acelera|pega|traba)",
        r"\bsi (?:algun dia|alguna vez|un dia|llega a|llegara)\b",
        r"\balgun dia\b",
        r"\b(?:nightmare|dream|dreamt|dreamed|picturing|imagin\w*|i keep thinking)\b",
        r"\b(?:prevent|avoid|so (?:it|that it) (?:doesn'?t|won'?t|can'?t|cannot|does not|will not)|keep it from)\b",
        r"\bfrom (?:sticking|getting stuck|accelerating|catching|jamming|getting caught|getting trapped)\b",
        r"\b(?:nothing to do with|nada que ver|unrelated)\b",
        # the recall by its name ("got the pedal sticking letter", "the stuck pedal repair")
        r"\b(?:stuck|sticking|sticky)(?: gas| accelerator)? pedal (?:repair|recall|fix|letter|notice|thing|issue|campaign)\b",
        r"\bpedal (?:sticking|stuck|getting stuck) (?:repair|recall|fix|letter|notice|thing|campaign)\b",
        # another sense: "sticks in the sense it's hard to push, not that it stays down"
        r"\b(?:hard|stiff|difficult|tough) to (?:push|press)\b|\bin the sense\b",
        r"\b(?:puede|pueden|podria) hacer que\b|\b(?:that|which) (?:makes|can make|could make|causes|can cause) the\b",
        r"^\W*si (?:el|la|mi|su) (?:\w+ ){0,2}se (?:acelera|pega|traba|atora|atasca|engancha)\b",
        r"\b(?:y si|que pasa si|si se|podria|puede que|en caso de|por si(?! sol[oa]\b| mism[oa]\b)|para que|para evitar|es verdad que)\b",
        r"\b(?:se puede|puede|pueden) (?:\w+ )?(?:acelerar|pegar|trabar|atorar)\w*",
        r"\b(?:me preocupa|preocupad[oa] (?:de|por|que))\b",
        # negated
        r"\b(?:never|hasn'?t|has not|haven'?t|have not|hadn'?t|didn'?t|did not)\b (?:\w+ ){0,2}"
        r"(?:stuck|stick|stuk|happen\w*|had|experienced|noticed|been|done)\b",
        r"\b(?:not|isn'?t|is not|wasn'?t|was not|aren'?t|never) (?:stuck|sticking|jammed|jamming|getting stuck)\b",
        r"\bno longer\b",
        r"\b(?:nunca|jamas) (?:\w+ ){0,3}(?:pegad\w*|pego|trabad\w*|trabo|atorad\w*|atoro|pasado|paso|acelerad\w*)\b",
        r"\bno (?:(?:se|me|le) )+ha (?:\w+ )?(?:pegado|pasado|acelerado|trabado|atorado)\b",
        r"\bya no (?:se|me) ha\b",
    )
)


# "not urgent", "no es una emergencia": the owner says it is not happening now.
_NOT_URGENT = re.compile(
    r"\b(?:not|isn'?t|is not|nothing|no es|no|nada)\b (?:\w+ )?(?:urgent|urgente|an emergency|emergency|emergencia|una emergencia)\b|"
    r"\b(?:not|no|never) (?:in )?(?:any )?danger\b|\bno (?:estoy|estamos) en peligro\b"
)


THRESHOLD = 0.8  # of the learned model (bot.understand.learned), chosen on tests/dev (every emergency the rules miss scores >= 0.86 there)


def _reading(words: str) -> str:
    """When the message says such an event happens: "now", "over" (today or yesterday, and the car
    is parked or the driver safe: a report to follow up), or "talk" (past, hypothetical, negated,
    another make's car, a dream). Asked whether or not an event is named."""
    if _NOT_URGENT.search(words):
        return "talk"
    alarm = bool(_ALARM.search(_NO_HARM.sub(" ", words)))
    if _NOT_SO.search(words) and not alarm:
        return "talk"
    if _NOW.search(words):
        return "now"
    if _PAST.search(words) or _SUPPOSING.search(words) or _OTHER_MAKE.search(words):
        return "talk"
    if _ON_ROAD.search(words):
        return "over" if _ENDED.search(words) and _may_be_over(words, alarm) else "now"
    if _TODAY.search(words):
        return "over" if _may_be_over(words, alarm) else "now"
    if _WITH_USE.search(words) or _BEFORE.search(words) or _HYPOTHETICAL.search(words):
        return "talk"
    return "over" if _YESTERDAY.search(words) or _may_be_over(words, alarm) else "now"


def _may_be_over(words: str, alarm: bool) -> bool:
    """Said to be over or the car safe, and nothing says otherwise: no harm or call for help, nothing
    still happening, no crash or fire."""
    return (
        not alarm
        and bool(_ENDED.search(words) or _SAFE_NOW.search(words))
        and not _STILL.search(words)
        and not _LASTING.search(_NOT_A_CRASH.sub(" ", words))
    )


def _names_an_event(words: str) -> bool:
    return bool(_EVENT.search(_NOT_A_CRASH.sub(" ", words)))


def by_rules(text: str) -> bool:
    """Does a rule name danger happening now (no guard saying it is only talk)? The model aside."""
    words = plain(text)
    return _names_an_event(words) and _reading(words) == "now"


def assess(text: str) -> str | None:
    """ "emergency" (danger happening now, see the module's docstring: a rule names the event, or,
    where no guard says it is only talk about one, the learned model finds it), "incident" (such an
    event on the owner's car today or yesterday that is over: "the pedal stuck this morning, I'm
    home now"), or None. One reading of the message for both, as the conversation asks both."""
    words = plain(text)
    reading = _reading(words)
    if reading == "talk":
        return None
    if _names_an_event(words):
        return "emergency" if reading == "now" else "incident"
    # Two words or fewer ("yes", "2", "75205", "no frena") are read by the rules alone: the model's
    # n-grams need more to go on, and short answers are most of a conversation's messages.
    if reading == "now" and len(words.split()) > 2 and learned.probability("emergency", text) >= THRESHOLD:
        return "emergency"
    return None


def is_emergency(text: str) -> bool:
    """True when the message reports danger happening now (`assess`)."""
    return assess(text) == "emergency"


def reported_incident(text: str) -> bool:
    """True when the message reports an event that is over (`assess`): not an emergency, but a pedal
    that sticks is a safety escalation (actions/handoff.incident_reported)."""
    return assess(text) == "incident"
