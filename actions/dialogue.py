"""Reading short answers in context, the fallback, and small talk.

Rules send every intent to one action; this module decides what a bare "yes", "2", a ZIP code
or an unclear message means from what the bot asked last (the `awaiting` slot).
"""

from __future__ import annotations

from actions import booking, handoff, identity, replies, vehicle
from actions.turn import Turn, db
from bot.recall import scheduling
from bot.recall.vocab import Channel, EscalationReason
from bot.vin import find_in_text

MAX_MISSES = 2
YES_NO_QUESTIONS = {"offer_booking", "confirm_cancel", "handoff_offer", "confirm_vehicle", "confirm_spoken_vin"}
KEYPAD = {"1": "affirm", "2": "deny"}  # callers are told "press 1 for yes, 2 for no"


async def vin_given(turn: Turn, raw: str | None = None) -> None:
    if raw is None and turn.channel == Channel.VOICE:
        await vehicle.hear_vin(turn)  # spoken: read back and confirm before looking it up
        return
    record = await vehicle.check_vin(turn, raw)
    if record is not None and turn.get("pending") == "dispute":
        await handoff.disputed_record(turn)  # "it was already done", now that the vehicle is known
        return
    if record is None or not await booking.resume(turn, record):
        if record is not None and vehicle.is_open(record):
            if await db(scheduling.booked_for_vin, record.vin):
                turn.say("booking.already_booked_for_vehicle")
                turn.expect(None)
            else:
                turn.say("booking.offer_at_dealer")
                turn.expect("offer_booking")


async def letter(turn: Turn) -> None:
    """ "I got a letter": check the VIN in the message, or ask for it."""
    raw = vehicle.vin_in_message(turn)
    if raw:
        await vin_given(turn, raw)
        return
    if await vehicle.offer_from_phone(turn, None):
        return
    turn.say("letter.thanks", ask_vin=replies.ASK_VIN)
    turn.expect("vin")


async def yes_no(turn: Turn) -> None:
    yes = turn.intent == "affirm"
    awaiting = turn.get("awaiting")
    if awaiting == "offer_booking":
        if yes:
            await booking.start(turn)
        else:
            turn.say("booking.declined")
            turn.expect(None)
    elif awaiting == "confirm_cancel":
        if yes:
            await booking.confirm_cancel(turn)
        else:
            turn.say("booking.cancel_declined")
            turn.expect(None)
    elif awaiting == "confirm_spoken_vin":
        if yes:
            candidate = turn.get("candidate_vin")
            turn.set("candidate_vin", None)
            await vin_given(turn, candidate)
        else:
            turn.say("vin.say_again")
            turn.expect("vin")
    elif awaiting == "confirm_vehicle":
        candidate = turn.get("candidate_vin")
        turn.set("candidate_vin", None)
        if yes and candidate:
            await vin_given(turn, candidate)
        else:
            turn.say("vin.wrong_vehicle", ask_vin=replies.ASK_VIN)
            turn.expect("vin")
    elif awaiting == "handoff_offer":
        if yes:
            await handoff.handoff(turn, reason=turn.get("handoff_reason") or EscalationReason.REQUESTED_PERSON)
        else:
            turn.say("handoff.declined")
            turn.expect(None, misses=0)
    elif awaiting == "slot" and not yes:
        turn.say("slots.none_suit")
    else:
        await fallback(turn)


async def in_context(turn: Turn) -> None:
    """choose_option, give_time, provide_location and unclear messages, read against the last question."""
    awaiting = turn.get("awaiting")
    if awaiting in YES_NO_QUESTIONS and turn.text.strip() in KEYPAD:
        turn.intent = KEYPAD[turn.text.strip()]
        await yes_no(turn)
        return
    if awaiting == "identity":
        record = await vehicle.current(turn)
        if record and await identity.check_answer(turn, record):
            await booking.resume(turn, record)
        return
    if turn.channel == Channel.VOICE and awaiting == "vin":
        await vehicle.hear_vin(turn)
        return
    if turn.entity("vin") or (awaiting == "vin" and find_in_text(turn.text)):
        await vin_given(turn)  # a VIN sent on its own, whatever the classifier made of it
        return
    if turn.intent == "provide_location" or awaiting == "location" or booking.ZIP.fullmatch(turn.text.strip()):
        await booking.find_dealer(turn)
        return
    if awaiting == "slot" and booking.chosen_number(turn) is not None:
        await booking.choose(turn)
        return
    if (turn.intent == "give_time" or awaiting == "slot") and await booking.time_wish(turn):
        return
    await fallback(turn)


async def fallback(turn: Turn) -> None:
    misses = int(turn.get("misses", 0)) + 1
    turn.set("misses", misses)
    if misses >= MAX_MISSES:
        await handoff.handoff(turn, reason=EscalationReason.NOT_UNDERSTOOD)
        return
    turn.say("fallback.first")


async def small_talk(turn: Turn) -> None:
    """Greetings, thanks, goodbye, "are you a bot", out of scope: fixed answers."""
    if turn.intent == "greet" and turn.channel == Channel.VOICE:
        turn.say(replies.VOICE_GREETING)
    else:
        turn.say(replies.SMALL_TALK.get(turn.intent, replies.SMALL_TALK["out_of_scope"]))
