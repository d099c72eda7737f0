"""Reading short answers in context, the fallback, and small talk.

Rules send every intent to one action; this module decides what a bare "yes", "2", a ZIP code
or an unclear message means from what the bot asked last (actions.state), in one transition
table (`ANSWERS`, `CONTINUATIONS`).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from actions import booking, handoff, identity, remedy, replies, vehicle
from actions.state import Awaiting, Pending
from actions.turn import Turn, db
from bot.geo import ZIP
from bot.recall import campaigns, scheduling
from bot.recall.records import VehicleRecord
from bot.recall.vocab import SERVED, Channel, EscalationReason
from bot.understand import questions
from bot.understand.familiar import FAMILIAR, share_known
from bot.vin import find_in_text

MAX_MISSES = 2
KEYPAD = {"1": "affirm", "2": "deny"}  # callers are told "press 1 for yes, 2 for no"
Flow = Callable[[Turn], Awaitable[None]]


async def vin_given(turn: Turn, raw: str | None = None) -> None:
    if raw is None and turn.channel == Channel.VOICE:
        await vehicle.hear_vin(turn)  # spoken: read back and confirm before looking it up
        return
    record = await vehicle.check_vin(turn, raw)
    if record is None or await carry_on(turn, record):
        return
    if vehicle.is_open(record):
        if await db(scheduling.booked_for_vin, record.vin):
            turn.say("booking.already_booked_for_vehicle")
            turn.expect(None)
        elif booking.wanted(turn):
            await booking.start(turn)  # "{VIN} book me saturday morning": straight to the times
        else:
            turn.say("booking.offer_at_dealer")
            turn.expect(Awaiting.OFFER_BOOKING)


async def letter(turn: Turn) -> None:
    """ "I got a letter": check the VIN in the message, or ask for it."""
    raw = vehicle.vin_in_message(turn)
    if raw:
        await vin_given(turn, raw)
        return
    if await vehicle.offer_from_phone(turn, None):
        return
    turn.say("letter.thanks", ask_vin=replies.ASK_VIN)
    turn.expect(Awaiting.VIN)


# --- the transition table -------------------------------------------------------------------------
# What the owner's answer does, by what the bot asked (Awaiting) and what waits on it (Pending).


async def _book_declined(turn: Turn) -> None:
    turn.say("booking.declined")
    turn.expect(None)


async def _cancel_declined(turn: Turn) -> None:
    turn.say("booking.cancel_declined")
    turn.expect(None)


async def _heard_vin_confirmed(turn: Turn) -> None:
    candidate = turn.get("candidate_vin")
    turn.set("candidate_vin", None)
    await vin_given(turn, candidate)


async def _heard_vin_denied(turn: Turn) -> None:
    turn.say("vin.say_again")
    turn.expect(Awaiting.VIN)


async def _vehicle_confirmed(turn: Turn) -> None:
    candidate = turn.get("candidate_vin")
    turn.set("candidate_vin", None)
    if candidate:
        await vin_given(turn, candidate)
    else:
        await _vehicle_denied(turn)


async def _vehicle_denied(turn: Turn) -> None:
    turn.set("candidate_vin", None)
    turn.say("vin.wrong_vehicle", ask_vin=replies.ASK_VIN)
    turn.expect(Awaiting.VIN)


async def _person_accepted(turn: Turn) -> None:
    await handoff.handoff(turn, reason=turn.get("handoff_reason") or EscalationReason.REQUESTED_PERSON)


async def _person_declined(turn: Turn) -> None:
    turn.say("handoff.declined")
    turn.expect(None, misses=0)


async def _no_time_suits(turn: Turn) -> None:
    turn.say("slots.none_suit")


# A yes or a no to the bot's question: (on yes, on no). A yes/no to anything else is the fallback.
ANSWERS: dict[Awaiting, tuple[Flow, Flow]] = {
    Awaiting.OFFER_BOOKING: (booking.start, _book_declined),
    Awaiting.CONFIRM_CANCEL: (booking.confirm_cancel, _cancel_declined),
    Awaiting.CONFIRM_SPOKEN_VIN: (_heard_vin_confirmed, _heard_vin_denied),
    Awaiting.CONFIRM_VEHICLE: (_vehicle_confirmed, _vehicle_denied),
    Awaiting.HANDOFF_OFFER: (_person_accepted, _person_declined),
    Awaiting.SLOT: (lambda turn: fallback(turn), _no_time_suits),
}
# What the owner had asked for, once the vehicle (and the identity, where needed) is known.
CONTINUATIONS: dict[Pending, Flow] = {
    Pending.BOOK: booking.start,
    Pending.STATUS: booking.status,
    Pending.RESCHEDULE: booking.reschedule,
    Pending.CANCEL: booking.cancel,
    Pending.DISPUTE: handoff.disputed_record,
}


async def yes_no(turn: Turn) -> None:
    awaiting = turn.awaiting
    answers = ANSWERS.get(awaiting) if awaiting else None
    if answers is None:
        await fallback(turn)
        return
    on_yes, on_no = answers
    await (on_yes if turn.intent == "affirm" else on_no)(turn)


async def carry_on(turn: Turn, record: VehicleRecord) -> bool:
    """After a VIN or the identity check, carries on with what the owner had asked for. True if it did."""
    pending = turn.pending
    if pending is None:
        return False
    turn.set("pending", None)
    if pending == Pending.BOOK and not vehicle.is_open(record):
        return True  # the VIN's answer said there is nothing to book
    await CONTINUATIONS[pending](turn)
    return True


async def in_context(turn: Turn) -> None:
    """choose_option, give_time, provide_location and unclear messages, read against the last question."""
    awaiting = turn.awaiting
    if awaiting and awaiting.is_yes_no and turn.text.strip() in KEYPAD:
        turn.intent = KEYPAD[turn.text.strip()]
        await yes_no(turn)
        return
    if awaiting == Awaiting.IDENTITY:
        record = await vehicle.current(turn)
        if record and await identity.check_answer(turn, record):
            await carry_on(turn, record)
        return
    if turn.channel == Channel.VOICE and awaiting == Awaiting.VIN:
        await vehicle.hear_vin(turn)
        return
    if turn.entity("vin") or (awaiting in (None, Awaiting.VIN) and find_in_text(turn.text)):
        # A VIN sent on its own, whatever the classifier made of it; or in a first message the
        # classifier could not place ("fender bender in 2019, am i still on the list? -{VIN}-")
        await vin_given(turn)
        return
    if turn.intent == "provide_location" or awaiting == Awaiting.LOCATION or ZIP.fullmatch(turn.text.strip()):
        await booking.find_dealer(turn)
        return
    if awaiting == Awaiting.SLOT and booking.chosen_number(turn) is not None:
        await booking.choose(turn)
        return
    if (turn.intent == "give_time" or awaiting == Awaiting.SLOT) and await booking.time_wish(turn):
        return
    await fallback(turn)


async def fallback(turn: Turn) -> None:
    if turn.awaiting is None and len(turn.text.split()) <= 6 and (_THANKS.search(turn.text) or _BYE.search(turn.text)):
        turn.intent = "goodbye" if _BYE.search(turn.text) else "thank"
        await small_talk(turn)
        return
    asked = questions.asked(turn.text) if turn.awaiting is None else ()
    if turn.awaiting is None and booking.asks_to_book(turn):
        # "I unsubscribed from the newsletter ages ago but I still want this recall done. Book me":
        # the booking first; what only the dealer can say is said beside it (remedy.also_answer).
        await booking.start(turn)
        return
    mine = [q for q in asked if q in remedy.ANSWERABLE]
    if mine:
        # A recall question the rules see though the classifier could not place the message
        # ("Hello, is this Lexus?"): its answer, and the others asked (remedy.also_answer).
        turn.intent = mine[0]
        await remedy.answer(turn)
        return
    if "ask_other_service" in asked or "ask_loaner" in asked:
        # Another repair, a loaner, the dealer's hours: only the dealer's service team can answer.
        await handoff.other_question(turn)
        return
    if turn.awaiting is None and booking.wanted(turn):
        # "opt for the saturday slot pls", "not this week, next week after 3": a booking wish the
        # classifier could not place; booking asks for what it needs (the VIN, an area).
        await booking.start(turn)
        return
    if turn.awaiting is None and questions.about_the_recall(turn.text):
        # A question about the recall the classifier could not place ("can I take the carpet cover
        # off myself?"): what the recall is and what the dealer does, then the VIN to check the car.
        await remedy.explain(turn)
        return
    if turn.awaiting is None and await _best_guess(turn):
        return
    misses = int(turn.get("misses", 0)) + 1
    turn.set("misses", misses)
    if misses >= MAX_MISSES:
        await handoff.handoff(turn, reason=EscalationReason.NOT_UNDERSTOOD)
        return
    turn.say("fallback.first")


# Readings the classifier's best guess may stand for when it fell back: each answer only informs
# or asks for what it needs next (the VIN, an area), and changes nothing recorded. Not "sold it"
# (it notes the number), nor a cancellation or a hand-off.
GUESSABLE: dict[str, Callable[[Turn], Awaitable[None]]] = {
    **dict.fromkeys(remedy.ANSWERABLE | {"ask_remedy"}, remedy.answer),
    "got_letter": letter,
    "book_appointment": booking.start,
}
# How sure the guess must be: the fallback's own threshold is 0.35 (config.yml), and a guess as
# close as 0.1 to the next reading also falls back; chosen on tests/dev.
GUESS = 0.3


async def _best_guess(turn: Turn) -> bool:
    """A first message the classifier could not place, in words it mostly knows: its best reading
    answered when that answer is harmless (GUESSABLE) and the reading not far from sure ("my wife
    she think the car go alone", read 0.41 as is it safe), rather than "Sorry, I didn't catch
    that". False when not guessed."""
    intent, confidence = turn.best_guess
    flow = GUESSABLE.get(intent)
    if flow is None or confidence < GUESS or share_known(turn.text) < FAMILIAR:
        return False
    turn.intent = intent
    await flow(turn)
    return True


# Thanks and goodbye in any words the classifier could not place ("ok thanks bye", "no gracias").
_THANKS = re.compile(r"\b(?:thanks?|thx|ty|thank you|gracias|merci)\b", re.I)


def says_thanks(text: str) -> bool:
    """Thanks said besides a request ("no thanks" declines)."""
    return bool(_THANKS.search(text)) and not re.search(r"\bno,? (?:thanks|thank you|gracias)\b", text, re.I)


_BYE = re.compile(
    r"\b(?:bye|goodbye|good night|later|adios|hasta luego|no more questions|no (?:thanks|gracias)|"
    r"see (?:you|u|ya) (?:then|there|soon|tomorrow|saturday|monday|tuesday|wednesday|thursday|friday|sunday))\b",
    re.I,
)


async def small_talk(turn: Turn) -> None:
    """Greetings, thanks, goodbye, "are you a bot", out of scope: fixed answers."""
    if turn.intent == "greet" and turn.channel == Channel.VOICE:
        turn.say(replies.VOICE_GREETING)
    elif turn.intent in ("goodbye", "thank") and _THANKS.search(turn.text) and _BYE.search(turn.text):
        turn.say("small_talk.thanks_goodbye")
    elif turn.intent == "bot_challenge":  # often a question of trust: how to check it is Lexus, too
        facts = await db(campaigns.facts, SERVED)
        turn.say("small_talk.bot_challenge", customer_line=facts.customer_line)
    else:
        turn.say(replies.SMALL_TALK.get(turn.intent, replies.SMALL_TALK["out_of_scope"]))
