"""The checks that run on every message before the classifier (bot.understand)."""

from __future__ import annotations

import pytest

from bot.understand import learned
from bot.understand.emergency import is_emergency, reported_incident
from bot.understand.opt_out import wants_no_contact
from bot.understand.text import plain


@pytest.mark.parametrize(
    "text",
    [
        "HELP PEDAL STUCK",
        "my gas pedal is stuck and i'm on the freeway",
        "the car keeps accelerating on its own and I can't slow it down",
        "brakes arent stopping it!!",
        "I just rear-ended someone, the RX took off by itself",
        "there's smoke coming from under the dash",
        "it stuck last year and it's stuck AGAIN right now",
        "el acelerador se quedó pegado y no frena",
        "la camioneta se acelera sola, ayuda",
        "sale humo del motor",
        "acabo de chocar, se pegó el pedal",
        "took my foot off and it stays at 70, cruise is not on",
        "se me fue sola la camioneta en la autopista",
        "el pedal se quedó pegado hace un ratito en la autopista",
        "mi esposo me llamó, su carro se acelera solo en la autopista. es un rx 330 del 2005",
        "shifted to neutral like the internet said, engine is screaming, I'm coasting on the shoulder, now what",
        # in a safe place, but still happening, or a crash
        "The gas is stuck. I have stopped with the brake and the car is shaking. I am in my driveway. What do I do now.",
        "Just watched a white RX 400h rear end a car at the light. Driver says her pedal stuck. She's ok but shook up",
        "mi suegro me acaba de llamar, el carro se fue solo y se pegó con un poste, está bien pero en shock",
        "the pedal got stuck 10 minutes ago, I got it loose and I'm pulled over now, shaking",
        "it won't decelerate at all, im on the highway",
        "urgent!! el carro de mi tia esta acelerando solo y no para",
        "im in the passenger seat, my grandma cant get the pedal to let go and she is panicking what should she do",
        "my husband is on the phone with me he says the accelerator is stuck and he cant slow down what does he do",
    ],
)
def test_danger_now_is_an_emergency(text):
    assert is_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "it stuck once back in 2010",
        "what if the pedal sticks on the highway?",
        "can the pedal get stuck?",
        "I'm worried it could get stuck",
        "the pedal has never stuck",
        "I'm stuck at work, can I come at 5",
        "I can't stop laughing at this letter",
        "can I stop by Saturday",
        "my phone crashed so I lost the letter",
        "¿qué pasa si se pega el pedal?",
        "hace años se me pegó una vez",
        "is this the recall where the car speeds up by itself?",
        "not urgent, the brake squeaks, how much to look at it?",
        "saw a news story about a lexus that took off by itself, is mine at risk?",
        "so the carpet can jam the pedal?? how long have you known",
        "my pedal isn't sticking or anything, just want to know the risk",
        "our grill caught fire at the cookout lol, unrelated. soonest slot?",
        "en el 2014 tuve un choque por el pedal y nadie me hizo caso",
        "si algún día se queda abajo el pedal qué hago",
        "nunca se me ha trabado el pedal, igual tengo que ir?",
        "mi hijo se fue solo al dealer con la camioneta, lo atienden?",
        "last year i put it in neutral and the engine was screaming",
        "should i shift to neutral if the engine is racing?",
        "acabo de leer la carta del pedal trabado, en qué consiste el arreglo?",
        "que hago si el pedal se queda pegado cuando voy manejando",
        "a mi cuñado se le pegó el pedal en su carro, yo tengo el RX 2004, me lo pueden revisar?",
        "mi camioneta nunca ha tenido el pedal trabado, cuánto cuesta?",
        "el carro no para de pitar cuando abro la puerta, eso es del recall?",
        "me chocó que el dealer me dijera que no hay piezas",
        "cuando vivía en ponce se me pegó la carpeta al pedal, igual tengo que ir?",
        "what happens if the pedal gets stuck while I'm on the freeway?",
        "my coworker said her Lexus caught fire but it was a different model. is this about fires?",
        "someone on facebook said their RX sped up on its own. is this that?",
        "how do I stop the pedal from catching on the mat until I can get in there",
        "I'm on fire today, 3 errands done already, can I stop by at 4",
        "a little white smoke from the tailpipe on cold mornings, can they look at it",
        "mi vecina dijo que a ella se le prendió fuego su carro, esto tiene que ver con fuego?",
        # another make's car, the recall by its name, another sense, a habit, a conditional
        "my camry pedal sticks too, yall fix that",
        "el carro de mi hija, un nissan, no frena bien. lo pueden ver?",
        "got the pedal sticking letter, soonest slot pls",
        "can i get the stuck pedal repair done at the dealer on cobb pkwy",
        "To be clear, the car has not accelerated on its own and I am not in any danger.",
        "smells like burning oil after long drives. can they check that while its in",
        "cant brake away from work til 5 any evening slots",
        "my boss is on fire today, can i do the appointment after 6",
        "the gas pedal sticks in the sense its hard to push, not that it stays down. related?",
        "si el carro se acelera solo, lo apago o lo pongo en neutro?",
        "de verdad la alfombra puede hacer que el carro acelere solo? no le creo",
        "engine idles high when its cold like 1500 rpm then comes down, is that the pedal thing",
        "heard on the radio a man died from a stuck gas pedal, im terrified to drive it, can i come in this week",
        "my daughter's friend had a lexus that caught fire, same recall??",
        "saw smoke coming out of the truck in front of me this morning. anyway is my car on the list",
        "smells like burning rubber after long trips, it's parked and cool now. related?",
        "hace un ruido raro abajo, no es el pedal, lo pueden revisar?",
        "me da pánico que se me acelere solo en el puente, quiero la cita pronto",
        "salió en el noticiero una familia que murió por un pedal atascado, por eso me escriben?",
        "en las mañanas frías sale humo blanco del escape un ratito, es normal?",
        "choqué contra la pared con el dealer de aquí, no me quieren dar cita",
        "no puedo frenar las ganas de quejarme, tres veces fui y no tenían piezas",
        "what happens exactly si el clip se suelta?",
        "lo choqué en 2019 y el seguro lo declaró pérdida total",
        "huele a quemado cuando freno mucho bajando la montaña, es normal?",
        "qué vergüenza, un carro de lujo que se acelera solo",
        # found on tests/dev/dev_near_s11.yml
        "Back when I first bought it the gas stuck on the mat and I yanked the mat out. do I still need the recall?",
        "I keep picturing the car speeding up on its own with my kids in the back seat. How serious is this",
        "In case the pedal ever sticks, what's the emergency procedure? Asking before I drive it to the dealer",
        "My 16 yr old starts driving the RX next month and I'm terrified the pedal will stick on her",
        "Pedal stuck? Nope. But I want the fix anyway.",
        "the gas cap is stuck shut, can they fix that too",
        "Smells like burning rubber in the garage but I think it's my husband's leaf blower. How long does it take?",
        # found on tests/dev/dev_near_s12.yml
        "coworker's ES got stuck at full throttle, freaked me out. can you check mine",
        "Is this a scam? Got a text about my car speeding up by itself and it scared me half to death",
        "burning smell from the vents the first time I turn on the heat every fall. can the dealer look at it?",
        "A car in front of me on I-95 was smoking today and made me think of your letter. is my RX at risk of catching fire?",
        "The mat in my car is stuck to the floor with velcro, is that the problem?",
        "The Lakers are on fire this season 🔥🔥",
        "just crashed on the couch after a 12 hour shift, what time is my appointment tomorrow?",
        "el acelerador se pegaba en la camioneta de mi papá en los noventa, ¿era lo mismo?",
        "hace years se me pegó el pedal, ¿es lo mismo que este recall?",
        "what do I do si el pedal se pega en el freeway?",
        "Dangerous? Pedal stuck how? Explain simple please",
    ],
)
def test_talk_about_danger_is_not_an_emergency(text):
    assert not is_emergency(text)
    assert not reported_incident(text)


@pytest.mark.parametrize(
    "text",
    [
        "this morning on the way to work the gas pedal stuck for like 10 sec, i got it loose and made it to the lot. car is parked now. what should i do",
        "It happened today. The pedal stayed down and I had to brake very hard. We are home now, the car is in the garage, and nobody was hurt.",
        "Pulled over and shut it off, its fine now. The pedal stuck for a second then let go. What do I do next?",
        "hoy en la mañana se me pegó el pedal pero ya lo solté y estoy en la casa, el carro está estacionado. qué hago?",
        "mi esposo dice que ayer se le pegó el acelerador, ahora está en la casa parqueada",
        "the pedal stuck on me yesterday and I'm scared to drive it",
    ],
)
def test_an_event_today_or_yesterday_that_is_over_is_a_reported_incident_not_an_emergency(text):
    assert reported_incident(text)
    assert not is_emergency(text)


@pytest.mark.parametrize(
    "text",
    [
        "the pedal is stuck right now, I'm parked but the engine is racing",
        "we crashed into a pole this morning, everyone is fine now",  # a crash is danger though all are fine
        "my RX caught fire in the driveway",
        "HELP the pedal stuck, I'm parked, my daughter is hurt",
    ],
)
def test_what_is_still_happening_or_lasting_is_an_emergency_not_a_report(text):
    assert is_emergency(text)
    assert not reported_incident(text)


@pytest.mark.parametrize(
    "text",
    [
        "please stop texting me",
        "take me off your list",
        "dont text me again",
        "I do not wish to receive any more messages",
        "unsubscribe me please",
        "wrong number. please stop",
        "sold the car, lose my number",
        "leave me alone",
        "STOP",
        "no me manden más mensajes",
        "quítenme de su lista",
        "ya no quiero recibir mensajes",
        "BAJA",
        "please discontinue these reminders, I'll handle it myself",
        "I would not like to be texted again",
        "please never do this again",
        "this number is for my bank only. please do not use it.",
        "no quiero que me sigan escribiendo",
        "STAHP",
        "take me off now",
        "remove me.",
        "You can take me off. Had it done at Lexus of Austin in 2012",
        "thanks for the reminder but I'd rather not get any more texts from you",
        "no me vuelvan a llamar nunca",
        "I'm done hearing from you people",
        "Do not text. Do not call. I will deal with the dealer myself.",
        "kiten mi numero",
        "quiero salirme de esta lista",
        "wrong number, please take it out of your system",
        "stop mandándome mensajes, ya no tengo el Lexus",
        "Mira, ya, no me textees más, que ese carro no es mío",
    ],
)
def test_a_wish_to_be_left_alone_is_an_opt_out(text):
    assert wants_no_contact(text)


@pytest.mark.parametrize(
    "text",
    [
        "can I stop by Saturday",
        "cancel my appointment",
        "I don't want to unsubscribe",
        "don't call me, text me instead",
        "take me off the waiting list and book me",
        "I quit my job so weekdays work",
        "please keep texting me reminders",
        "does the fix stop the pedal from sticking?",
        "cancelar mi cita",
        "no quiero cancelar",
        "no me llamen, mejor mándenme mensaje",
        "please do NOT stop sending me reminders, when is my appointment?",
        "don't send me the 24 hour reminder, just book me for the 3rd",
        "no dejen de mandarme recordatorios",
        "please dont remove me from the list, I still have the car",
        "ill quit calling the dealer if you tell me whether it's free",
        "cancel my friday, ill text back to pick a new day",
        "I no understand the letter",
        "moving away end of june, want this done before I leave",
        "I have two, the other one I'd have to go look for the VIN",
        "Please do not stop your messages; I simply wish to know the nearest dealer to 34236.",
        "unsubscribe?? no way lol I want this fixed",
        "I unsubscribed from Lexus marketing emails but I DO want this recall done",
        "my friend said I could stop the recall letters by just getting it done lol. saturday?",
        "no me borren de la lista, todavía tengo la troca",
        "para nada quiero que me dejen de escribir, al contrario, avísenme cuándo hay cita",
        "i still drive in the day so i want the mat fixed, what is the soonest you can take me",
        "unsubscribe? no, I want to stay on it until it's fixed",
        "can I opt out of the loaner, I have a ride",
        "do I need to stop the engine before I pull the mat out",
        "no more letters needed, just book me for friday",
        "please remove my old number and use this one from now on",
        "no me quiero salir de la lista, quiero la cita",
        "quit sending me to voicemail, I need a person",
        "dejen de mandarme al dealer de Doral, quiero uno en Kendall",
        "no me manden al dealer de siempre, ahí me trataron fatal",
        "eliminen mi número viejo y usen este, y apúntenme para la cita",
        "Is this really Lexus? My son is always warning me about these text messages. If it is, I ought to make an appointment.",
        "please stop sending letters to my old address and text this number instead. I moved to Reno.",
        "take me off the loaner list, my son will drive me. is the repair still free?",
        "I want to stop this from happening before it ever does. How do I book",
        "I am 84 years old and I find these text messages difficult. Could a person please telephone me?",
        "paren de mandarme al old dealer en Fresno, I live in Clovis now, which one is closer",
        "I dont have this car anymore it got totaled in a wreck in 2022 so you can take me off the list for that car",
        "no me mandes la cita por correo, mandamela por whatsapp o texto",
        "END",  # a carrier keyword on SMS only (bot.channels.sms_text); on a call it means nothing here
    ],
)
def test_what_only_looks_like_an_opt_out_is_not(text):
    assert not wants_no_contact(text)


def test_the_rules_read_text_without_accents_case_or_stretched_letters():
    assert plain("¡Se QUEDÓ pegadooooo!") == "se quedo pegadoo!"


def test_intent_examples_the_rules_read_as_an_opt_out_are_not_background_for_the_model():
    """ "this is the 4th letter you've sent me, STOP" is a complaint for the intent classifier and an
    opt-out for the check: the opt-out model must not learn it as a text that is not one."""
    texts, labels = learned.examples("opt_out")
    background = {text for text, label in zip(texts, labels, strict=True) if not label}
    assert plain("Sold. Please remove me from your list.") not in background
    assert plain("thanks") in background or plain("thank you") in background
