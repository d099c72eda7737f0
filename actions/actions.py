"""The custom actions Rasa calls: each one is a thin wrapper that runs one flow for this turn."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import booking, contact, dialogue, handoff, remedy, vehicle
from actions.state import Awaiting
from actions.turn import Turn
from bot import geo
from bot.messages import msg
from bot.recall.errors import DatabaseUnavailable
from bot.recall.vocab import Channel
from bot.understand import learned, questions
from bot.understand.already_done import says_already_done
from bot.understand.emergency import assess
from bot.understand.familiar import FAMILIAR, share_known, vocabulary
from bot.understand.not_owner import not_owner
from bot.understand.opt_out import wants_no_contact
from bot.vin import parse_spoken, validate

Flow = Callable[[Turn], Awaitable[None]]
SORRY = msg("handoff.sorry_for_the_trouble")  # before the answer to a frustrated owner
WELCOME = msg("small_talk.welcome")  # after the answer to a request that also thanks
# Requests that need the vehicle: a VIN in the same message is checked first.
VIN_FIRST: set[Flow] = {
    booking.start,
    booking.reschedule,
    booking.cancel,
    booking.status,
    booking.find_dealer,
    remedy.answer,
}
# Flows after which the message's other recall questions get their answers too (not a hand-off:
# staff answer from there; not the checks that end the turn). The record check of "already done"
# is one: its hand-off, when the record is open, comes after the answers.
ALSO_ANSWERED: set[Flow] = {
    handoff.disputed_record,
    booking.find_dealer,
    remedy.not_owner_said,
    dialogue.vin_given,
    dialogue.letter,
    dialogue.in_context,
    dialogue.small_talk,
    remedy.answer,
    booking.start,
    booking.reschedule,
    booking.cancel,
    booking.status,
}
# Flows that "already done" words do not redirect to the record check ("cancel it, I had it fixed
# elsewhere" cancels; the check of the record itself and a hand-off need no second route).
NOT_A_DISPUTE: set[Flow] = {booking.cancel, booking.reschedule, handoff.disputed_record, handoff.handoff}
# The questions of bot.understand.questions the campaign facts answer (remedy.ANSWERABLE), and those
# only the dealer can.
DEALERS_TO_SAY = {"ask_other_service", "ask_loaner"}
# The classifier's confidence above which its reading stands without a rule's support ("can they
# change oil too and rotate": the dealer's, though no rule names it).
SURE = 0.8
NEAREST = re.compile(
    r"\b(?:nearest|nearist|nerest|neerest|closest|clossest|near me|nearby|close to|near \d{5}|neer|cerca|mas cercano|más cercano|"
    r"(?:dealer|dealership|one) near)\b",
    re.I,
)
INSTEAD = re.compile(
    r"\b(?:instead|put me (?:in|on|down)|move (?:it|me) to|rebook|a new (?:one|time|day)|make a new one)\b", re.I
)
ALREADY_BOOKED = re.compile(r"\b(?:booked|scheduled|already|made (?:an|the|my) (?:appointment|appt))\b", re.I)
BY_TEXT = re.compile(r"\b(?:don'?t|do not|dont|no|can'?t|cannot) (?:\w+ )?call|\btext me\b|\bby text\b", re.I)
FOR_A_PERSON = re.compile(r"\b(?:person|human|someone|somebody|agent|representative|rep|advisor|manager)\b", re.I)
# Flows the classifier gives a message it could not place well: a question for a dealer wins over them.
WEAK_READINGS: set[Flow] = {dialogue.in_context, handoff.other_question, handoff.complaint, remedy.answer}
# Flows that say their own first words to an annoyed owner (or need none: danger, an opt-out).
OWN_APOLOGY: set[Flow] = {
    handoff.warning_sign,
    handoff.incident_reported,
    contact.opt_out,
    handoff.complaint,
    handoff.handoff,
}
# What a caller asked for the VIN may say instead of reading it out.
NOT_A_VIN = {
    "human_handoff",
    "report_warning_sign",
    "complain",
    "dispute_record",
    "ask_other_service",
    "goodbye",
    "deny",
}


class FlowAction(Action):
    """Runs `flow` on a Turn and returns the slots it changed and the events it added."""

    action_name: str = ""
    flow: Flow

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        flow = _route(turn, type(self).flow)
        misses = turn.get("misses", 0)
        try:
            if flow in VIN_FIRST and not await _vin_first(turn, flow):
                return turn.events()
            await flow(turn)
            if flow in ALSO_ANSWERED and dispatcher.messages:
                extra = await remedy.also_answer(turn)
                if extra is not None:  # "...and how long does it take?": in the same reply, after the first part
                    dispatcher.messages.insert(1, {"text": turn.words(extra)})
            annoyed = (
                handoff.is_frustrated(turn.text)
                or handoff.is_complaint(turn.text)
                or type(self).flow is handoff.complaint
            )
            first = dispatcher.messages[0] if dispatcher.messages else None
            if (
                annoyed
                and first is not None
                and flow not in OWN_APOLOGY
                and "sorry" not in str(first.get("text")).lower()
            ):
                first["text"] = f"{turn.words(SORRY)} {first.get('text') or ''}".strip()
            elif (
                first is not None
                and flow in ALSO_ANSWERED - {dialogue.small_talk}
                and turn.intent not in ("thank", "goodbye")  # small talk has said it
                and dialogue.says_thanks(turn.text)
            ):
                turn.say(WELCOME)  # "fixed. thanks tho", "thanks for the reminder! i'd like to book"
        except DatabaseUnavailable:
            # Nothing was changed; the owner can simply send the same message again.
            dispatcher.messages.clear()
            turn.say("errors.database_unavailable")
            return []
        if turn.get("misses", 0) == misses:
            turn.set("misses", 0)  # understood: only misses in a row lead to a person
        return turn.events()


def _route(turn: Turn, flow: Flow) -> Flow:
    """The flow for this message. The checks of bot.understand run on every message before the
    classifier's choice counts: danger now is an urgent hand-off and a wish to be left alone an
    opt-out, whatever intent won; then what the words plainly say (not the owner's car, already
    repaired, a complaint) wins over a weaker reading."""
    danger = assess(turn.text)
    if danger == "emergency":
        return handoff.warning_sign
    if danger == "incident":
        return handoff.incident_reported  # "it stuck this morning, I'm home now": a person at once, no 911
    if flow is handoff.warning_sign:
        # Read as a report, but the emergency check (written for recall, measured blind) finds no
        # danger now: "what if the pedal sticks?", "it stuck once in 2010", "how dangerous is
        # this?". The safety answer and the next step, no urgent hand-off.
        turn.intent, flow = "ask_safe_to_drive", remedy.answer
    if wants_no_contact(turn.text):
        return contact.opt_out
    if flow is booking.cancel and not_owner(turn.text) and not vehicle.vin_in_message(turn):
        turn.intent = "sold_car"  # "CANCEL APPT. SOLD THE CAR LAST WEEK": noted, and the appointment cancelled
        return not_owner_cancelling
    if not_owner(turn.text) and not booking.WANTS_BOOKING.search(turn.text) and not vehicle.vin_in_message(turn):
        # "sold it years ago", "wrong number": noted, whatever intent won ("sold my old RX, is this
        # one affected? JTJ...": the VIN is checked instead); what the classifier read ("who is
        # this?") is answered too (remedy.also_answer)
        turn.intent = "sold_car"
        return remedy.not_owner_said
    if says_already_done(turn.text) and flow not in NOT_A_DISPUTE and turn.intent != "had_clips_fixed":
        return handoff.disputed_record  # "had it fixed last year": the record says whether it was
    if handoff.is_complaint(turn.text):
        if handoff.is_legal(turn.text) or not _serviceable(turn):
            return handoff.complaint  # legal words, or anger with nothing else asked, go to a person
        flow = handoff.complaint  # anger beside a request: the request, after an apology (below)
    if (
        flow is remedy.answer
        and turn.intent == "ask_who_is_this"
        and booking.to_make(turn)
        and not ALREADY_BOOKED.search(turn.text)
    ):
        return who_then_booking  # "is this the real Lexus? I want to make an appointment but want to be sure first"
    if NEAREST.search(turn.text) and _names_a_place(turn.text):
        turn.intent = "provide_location"  # "is it safe to drive to the nearest dealer, in Lewistown MT?": both
        return booking.find_dealer  # "closest dealer to Naperville IL?": the dealer, then the VIN to book
    if flow is booking.cancel and INSTEAD.search(turn.text):
        return booking.reschedule  # "cancel the tuesday one and put me in thursday instead"
    if flow in (dialogue.small_talk, handoff.handoff) and _books_by_text(turn):
        return booking.start  # "I'll swing by 0800 tuesday. Book it.", "don't call, just text me some times"
    if flow is dialogue.small_talk and vehicle.vin_in_message(turn):
        # A VIN read as small talk ("{VIN} can she do tomorrow at lunch?"): the vehicle is what was
        # sent; the times too when a booking or a time is asked for.
        if booking.wanted(turn):
            turn.intent = "book_appointment"
            return booking.start
        turn.intent = "provide_vin"
        return dialogue.vin_given
    if flow in (remedy.answer, dialogue.vin_given) and vehicle.vin_in_message(turn) and booking.wishes_a_time(turn):
        # "Book Saturday 10am please. {VIN}. What documents should I bring?": the times, with the answer
        turn.intent = "book_appointment"
        return booking.start
    if (
        flow is handoff.handoff
        and questions.asks_for_a_dealer(turn.text)
        and _names_a_place(turn.text)
        and not FOR_A_PERSON.search(turn.text)
    ):
        turn.intent = "provide_location"  # "whats the dealer phone # in akron": that dealer, not a person
        return booking.find_dealer
    if questions.asks_for_a_dealer(turn.text) and flow in WEAK_READINGS:
        # "which dealership does these?", "closest one to DIA?": the area (or the dealer), then the
        # message's other questions (remedy.also_answer)
        turn.intent = "provide_location"
        return booking.find_dealer
    if flow in (handoff.complaint, handoff.other_question):
        # Annoyed, or read as a question for the dealer, but asking what the bot can answer ("third
        # time asking, how long does this take", "¿es gratis?", "{VIN} is my car on the list?"):
        # answered (after an apology), not handed to a person; what only the dealer can say (a
        # loaner, other work) is said to be the dealer's in the same reply (remedy.also_answer).
        asked = questions.asked(turn.text)
        mine = [q for q in asked if q in remedy.ANSWERABLE]
        if vehicle.vin_in_message(turn):
            turn.intent = "provide_vin"  # the vehicle's record, then what else was asked ("any other recalls on it?")
            return dialogue.vin_given
        if _asks_to_book_anew(turn):
            # "not interested in the warranty pitch, I only want the free recall. Book me.": the
            # booking, with the answers to what else was asked (remedy.also_answer)
            turn.intent = "book_appointment"
            return booking.start
        if mine:
            turn.intent = mine[0]
            return remedy.answer
        if booking.wanted(turn):
            turn.intent = "book_appointment"  # the booking, then what only the dealer can say (remedy.also_answer)
            return booking.start
        if flow is handoff.other_question and not DEALERS_TO_SAY.intersection(asked) and turn.confidence < SURE:
            return dialogue.in_context  # nothing the rules see is the dealer's, nor is the classifier sure: unclear
    if turn.channel == Channel.VOICE and turn.intent not in NOT_A_VIN:
        # A caller asked for the VIN is reading it out, whatever the classifier made of the words; and
        # one who reads out a VIN unasked ("2 B 2 G A 3 1 U ...") is heard as such.
        if turn.awaiting == Awaiting.VIN or any(len(c) >= 15 for c in parse_spoken(turn.text)):
            return vehicle.hear_vin
    if turn.channel != Channel.VOICE and not turn.text.startswith("/") and share_known(turn.text) < FAMILIAR:
        # Typed words only: a call's transcript is words the recognizer knows (a VIN spelled "tango
        # golf alpha..."), and "/greet" is an intent given, not words. Read in context, else not understood.
        return dialogue.in_context
    return flow


def _serviceable(turn: Turn) -> bool:
    """Does the message ask what the bot itself can do: a vehicle to check, a booking, a question the
    campaign facts answer ("3rd time i tried to book this. ridiculous. just put me in")?"""
    return bool(
        vehicle.vin_in_message(turn)
        or _asks_to_book_anew(turn)
        or remedy.ANSWERABLE.intersection(questions.asked(turn.text))
    )


def _asks_to_book_anew(turn: Turn) -> bool:
    """A booking asked for, not one reported made ("booked it already, thanks")."""
    return booking.asks_to_book(turn) and not ALREADY_BOOKED.search(turn.text)


def _names_a_place(text: str) -> bool:
    """A ZIP code or a city the bundled ZIP data knows."""
    return bool(geo.ZIP.search(text) or geo.find_city(text))


async def not_owner_cancelling(turn: Turn) -> None:
    """Not the owner's car any more, and an appointment to cancel: noted, then the cancellation as
    usual (confirmed, or the VIN asked for to find the appointment)."""
    await remedy.not_owner_said(turn)
    await booking.cancel(turn)


async def who_then_booking(turn: Turn) -> None:
    """Who is writing and how to check it is Lexus, then the booking (the VIN asked for, or the times)."""
    await remedy.answer(turn)
    await booking.start(turn)


def _books_by_text(turn: Turn) -> bool:
    """A booking wish read as small talk or a hand-off: "I'll swing by 0800 Tuesday, I'm off that day.
    Book it." (not "booked it already, thanks"), "please don't call, just text me some times for the
    fix" (a wish to be texted, not for a person: "can someone call me to book?" stays a hand-off)."""
    if not booking.WANTS_BOOKING.search(turn.text) or ALREADY_BOOKED.search(turn.text):
        return False
    if turn.intent == "human_handoff":
        return bool(BY_TEXT.search(turn.text)) and not FOR_A_PERSON.search(turn.text)
    return turn.intent in ("goodbye", "thank", "greet", "out_of_scope")


async def _vin_first(turn: Turn, flow: Flow) -> bool:
    """A VIN sent with a request ("book me, JTJ..."): the vehicle is checked first, as if sent on
    its own, then the request goes on for it. False when the VIN's answer ends the turn (not a
    valid VIN, or not on the recall list)."""
    raw = vehicle.vin_in_message(turn)
    if not raw or validate(raw).vin == turn.get("vin"):
        return True
    record = await vehicle.check_vin(turn, raw)
    if record is None:
        return False
    return vehicle.is_open(record) or flow is not booking.start


def _action(name: str, flow: Flow) -> type[FlowAction]:
    return type(f"Action_{name}", (FlowAction,), {"action_name": name, "flow": staticmethod(flow)})


ActionGotLetter = _action("action_got_letter", dialogue.letter)
ActionCheckVin = _action("action_check_vin", dialogue.vin_given)
ActionAnswerQuestion = _action("action_answer_question", remedy.answer)
ActionBook = _action("action_book", booking.start)
ActionReschedule = _action("action_reschedule", booking.reschedule)
ActionCancelAppointment = _action("action_cancel_appointment", booking.cancel)
ActionAppointmentStatus = _action("action_appointment_status", booking.status)
ActionYesNo = _action("action_yes_no", dialogue.yes_no)
ActionInContext = _action("action_in_context", dialogue.in_context)
ActionSmallTalk = _action("action_small_talk", dialogue.small_talk)
ActionHandoff = _action("action_handoff", handoff.handoff)
ActionWarningSign = _action("action_warning_sign", handoff.warning_sign)
ActionComplaint = _action("action_complaint", handoff.complaint)
ActionOtherQuestion = _action("action_other_question", handoff.other_question)
ActionDisputedRecord = _action("action_disputed_record", handoff.disputed_record)

# Build the city index and train the safety and opt-out models now, not while the first owner waits.
geo.warm_up()
learned.warm_up()
vocabulary()  # the words of the training texts (bot.understand.familiar)
