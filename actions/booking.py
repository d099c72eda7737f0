"""Booking, rescheduling and cancelling the free remedy at a dealer, within capacity and parts."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from actions import identity, replies
from actions.state import Awaiting, Pending
from actions.turn import Turn, db
from actions.vehicle import current_or_ask, is_open
from bot import geo
from bot.geo import ZIP
from bot.messages import Msg, msg
from bot.messages.values import Characters, when
from bot.recall import campaigns, dealers, scheduling
from bot.recall.errors import (
    AlreadyBooked,
    BookingError,
    NoPartsKit,
    NotBookable,
    NotEligible,
    SlotFull,
    TooManyBookings,
    UnknownAppointment,
)
from bot.recall.records import AppointmentInfo, DealerInfo, VehicleRecord
from bot.recall.vocab import SERVED
from bot.when import parse_time_wish

# Ordinals before number words: "the second one" is 2, not 1.
CHOICE_WORDS = [
    ("first", 1),
    ("1st", 1),
    ("second", 2),
    ("2nd", 2),
    ("third", 3),
    ("3rd", 3),
    ("one", 1),
    ("two", 2),
    ("three", 3),
]
CHANGED_MEANWHILE = msg("booking.changed_meanwhile")
WANTS_BOOKING = re.compile(
    r"\b(?:book\w*|schedul\w*|appointment|appt|reserv\w*|set (?:me|it) up|come in|bring it in|drop it off|"
    r"get it (?:done|fixed|in|looked at)|fix it|slots?|openings?|soonest|earliest|first available|(?:stop|swing|come|drop) by|"
    r"take it in|get (?:me )?in|when can (?:you|u|they|i) (?:take|fit|see|get|bring)|cita|agend\w*|apart\w*|"
    # "when I can go?", "can I come this weekend?" (not "can I go to any dealer": a question about where)
    r"when (?:can )?(?:i|we) (?:can )?(?:go|come)|(?:can|could) (?:i|we) (?:come|go) (?:in|by|this|next|on|tomorrow|"
    r"tmrw|today|saturday|sunday|monday|tuesday|wednesday|thursday|friday|morning|afternoon|early|late)|"
    r"pasar (?:el|por|a)|llevarl[ao])\b",
    re.I,
)


async def _vehicle_for(turn: Turn, then: Pending) -> VehicleRecord | None:
    """The open vehicle to book for; asks for the VIN (remembering what to do next) when unknown."""
    record = await current_or_ask(turn, then)
    if record is None:
        return None
    if not is_open(record):
        turn.say("booking.nothing_open", code=SERVED)
        turn.expect(Awaiting.VIN, pending=then)
        return None
    return record


async def start(turn: Turn) -> None:
    """Book: at the dealer in context (chosen, or the one that last serviced the vehicle), else ask where."""
    record = await _vehicle_for(turn, Pending.BOOK)
    if record is None:
        return
    existing = await db(scheduling.booked_for_vin, record.vin)
    if existing:
        turn.say("booking.already_has_appointment")
        turn.expect(None, pending=None)
        return
    code = turn.get("dealer_code")
    refused = await db(scheduling.booking_refusal, record.vin, turn.conversation_id)
    if refused:  # said before any times are offered: nobody picks a time in vain
        turn.say(replies.booking_refused(refused, await db(dealers.get, code) if code else None))
        turn.expect(None, pending=None)
        return
    if not code:
        turn.say("booking.which_area")
        turn.expect(Awaiting.LOCATION, pending=Pending.BOOK)
        return
    await offer(turn, await db(dealers.get, code), mode=Pending.BOOK, wish_text=turn.text)  # "book me saturday"


# Words that ask for an appointment, not merely name one ("what do I bring to the appointment?")
_TO_BOOK = re.compile(r"\b(?:book(?!ed\b)\w*|rebook\w*|schedul\w*|reserv\w*|set (?:me|it) up|cita|agend\w*)\b", re.I)


def asks_to_book(turn: Turn) -> bool:
    """Does the message ask for an appointment: a booking word, or a time wish beside one."""
    return bool(_TO_BOOK.search(turn.text)) or (
        bool(WANTS_BOOKING.search(turn.text)) and parse_time_wish(turn.text, datetime.now(timezone.utc)) is not None
    )


# An appointment the owner has, named ("what do I bring to my appointment on Tuesday?")
_HAS_ONE = re.compile(r"\b(?:the|my|our|her|his|this) (?:appointment|appt|booking|cita)\b", re.I)


def wishes_a_time(turn: Turn) -> bool:
    """With a VIN, a booking word or a time wish alone asks for the times ("saturday? vin {VIN}",
    "Tuesday or wednesday I am free. {VIN}"), unless it names an appointment the owner has."""
    if asks_to_book(turn):
        return True
    return not _HAS_ONE.search(turn.text) and parse_time_wish(turn.text, datetime.now(timezone.utc)) is not None


def to_make(turn: Turn) -> bool:
    """A wish for a new appointment ("I want to make an appointment but want to be sure first"),
    not one about an appointment the owner has ("who is this? is my appointment real?")."""
    return wanted(turn) and not _HAS_ONE.search(turn.text)


def wanted(turn: Turn) -> bool:
    """Does the message also ask to book ("check it and book me soonest", "{VIN} saturday morning")?"""
    if WANTS_BOOKING.search(turn.text):
        return True
    return parse_time_wish(turn.text, datetime.now(timezone.utc)) is not None


async def offer(turn: Turn, dealer: DealerInfo, *, mode: Pending, wish_text: str | None = None) -> None:
    """Offers three concrete times on different days, numbered so an SMS reply "2" works."""
    wish = parse_time_wish(wish_text, datetime.now(ZoneInfo(dealer.timezone))) if wish_text else None
    accept = wish.matches if wish is not None and not wish.empty else None
    slots = await db(scheduling.free_slots, dealer.code, limit=3, one_per_day=accept is None, accept=accept)
    wish_met = bool(slots)
    if accept and not slots:
        slots = await db(scheduling.free_slots, dealer.code, limit=3, one_per_day=True)
    intro = replies.slot_intro(dealer, slots, wish.describe() if wish is not None and accept else None, wish_met)
    if not slots:
        turn.say("booking.none_free", dealer=dealer.name)
        turn.expect(Awaiting.LOCATION, pending=mode)
        return
    turn.say(replies.slot_menu(dealer, slots, intro))
    turn.expect(
        Awaiting.SLOT,
        dealer_code=dealer.code,
        booking_mode=mode.value,
        offered_slots=[s.start.isoformat() for s in slots],
        pending=None,
    )


async def time_wish(turn: Turn) -> bool:
    """ "Next Tuesday after 3": times at the dealer in context that match. False if no time wish was heard."""
    code = turn.get("dealer_code")
    if code is None or not turn.get("vin"):
        if turn.intent != "give_time":
            return False
        await start(turn)  # the wish is asked again once a dealer is known
        return True
    dealer = await db(dealers.get, code)
    if parse_time_wish(turn.text, datetime.now(ZoneInfo(dealer.timezone))) is None:
        return False
    await offer(turn, dealer, mode=_mode(turn), wish_text=turn.text)
    return True


def chosen_number(turn: Turn) -> int | None:
    """ "2", "#2", "option 2", "the second one": a choice among offered slots, else None.

    Only a short message counts, so "thursday at 2" stays a time wish.
    """
    text = turn.text.strip().lower()
    if len(text) > 24:
        return None
    m = re.fullmatch(r"\D*?(\d)\D*", text)
    if m and not re.search(r"\b(at|after|before|around|am|pm|o'?clock)\b|:", text):
        return int(m.group(1))
    return next((n for word, n in CHOICE_WORDS if re.search(rf"\b{word}\b", text)), None)


async def choose(turn: Turn) -> None:
    offered = turn.get("offered_slots") or []
    number = chosen_number(turn)
    if not offered or number is None or not 1 <= number <= len(offered):
        if offered:
            turn.say("slots.pick_a_number", last=len(offered))
        else:
            turn.say("slots.none_offered")
        return
    start_at = datetime.fromisoformat(offered[number - 1])
    dealer = await db(dealers.get, turn.get("dealer_code"))
    vin = turn.get("vin")
    try:
        if _mode(turn) == Pending.RESCHEDULE and turn.get("appointment_id"):
            # Only the conversation's vehicle's appointment moves (_vin_of).
            appt = await db(
                scheduling.reschedule,
                int(turn.get("appointment_id")),
                start_at,
                vin=_vin_of(turn),
                actor=f"owner:{turn.channel}",
            )
        else:
            appt = await db(
                scheduling.book,
                vin,
                dealer.code,
                start_at,
                channel=turn.channel,
                conversation_id=turn.conversation_id,
                actor=f"owner:{turn.channel}",
            )
    except SlotFull:
        await _offer_again(turn, dealer, msg("slots.just_taken"))
        return
    except NoPartsKit:  # another booking took the last repair kit that could be there by then
        await _offer_again(turn, dealer, msg("slots.parts_not_ready", dealer=dealer.name))
        return
    except AlreadyBooked:
        turn.say("booking.already_has_one")
        turn.expect(None)
        return
    except TooManyBookings as exc:
        turn.say(replies.booking_refused(exc.scope, dealer))
        turn.expect(None, booking_mode=None, offered_slots=None, pending=None)
        return
    except UnknownAppointment:
        turn.say(CHANGED_MEANWHILE)
        turn.expect(None, booking_mode=None, offered_slots=None, appointment_id=None)
        return
    except (NotEligible, NotBookable) as exc:
        turn.say("booking.refused", reason=str(exc))
        turn.expect(None)
        return
    facts = await db(campaigns.facts, SERVED)
    identity.vouch(turn, appt.vin)
    turn.say(replies.booked(appt, dealer, facts))
    turn.expect(None, appointment_id=appt.id, booking_mode=None, offered_slots=None, pending=None)


async def _offer_again(turn: Turn, dealer: DealerInfo, sorry: Msg) -> None:
    """The chosen time could not be booked: say why, above fresh offers."""
    await offer(turn, dealer, mode=_mode(turn))
    turn.dispatcher.messages.insert(-1, {"text": turn.words(sorry)})


async def find_dealer(turn: Turn) -> None:
    """A ZIP code or a city: the nearest dealer that can take the booking, then its free times."""
    typed = ZIP.search(turn.text)
    zip_code = turn.entity("zip") or (typed.group(1) if typed else None)
    place = None
    try:
        if zip_code:
            place = geo.locate_zip(zip_code)
        else:
            place = geo.find_city(turn.text)
    except geo.UnknownZip:
        place = None
    if place is None:
        # "Which dealer does these?": the area asked for; a place asked for and not found: said so.
        if turn.awaiting == Awaiting.LOCATION:
            turn.say("dealers.place_not_found")
        else:
            turn.say("booking.which_area")
        turn.expect(Awaiting.LOCATION, pending=turn.pending)
        return
    nearest = await db(dealers.list_dealers, near_zip=place.zip, limit=3)
    dealer = nearest[0]
    turn.set("dealer_code", dealer.code)
    distance = (
        msg("dealers.distance", miles=round(dealer.distance_miles), place=place.city) if dealer.distance_miles else ""
    )
    turn.say(
        "dealers.nearest",
        dealer=dealer.name,
        address=dealer.address,
        city=dealer.city,
        state=dealer.state,
        distance=distance,
    )
    pending = turn.pending or _mode(turn)
    if not turn.get("vin"):
        turn.say(replies.ASK_VIN)
        turn.expect(Awaiting.VIN, pending=pending)
        return
    if _mode(turn) == Pending.RESCHEDULE:
        turn.say("booking.reschedule_same_dealer", dealer=dealer.name)
        turn.expect(None)
        return
    record = await _vehicle_for(turn, Pending.BOOK)
    if record is not None:
        await offer(turn, dealer, mode=Pending.BOOK)


async def _appointment_for(turn: Turn, then: Pending) -> AppointmentInfo | None:
    """The booked appointment of the vehicle in context, once the person may see it."""
    record = await current_or_ask(turn, then)
    if record is None:
        return None
    if not identity.may_see(turn, record):
        await identity.ask(turn, record, then)
        return None
    appt = await db(scheduling.booked_for_vin, record.vin)
    if appt is None:
        tail = Characters(record.vin[-6:])
        if is_open(record):
            turn.say("booking.none_booked_offer", tail=tail)
        else:
            turn.say("booking.none_booked", tail=tail)
        turn.expect(Awaiting.OFFER_BOOKING if is_open(record) else None, pending=None)
        return None
    turn.set("appointment_id", appt.id)
    return appt


async def status(turn: Turn) -> None:
    appt = await _appointment_for(turn, Pending.STATUS)
    if appt:
        turn.say(replies.appointment(appt))
        turn.expect(None, pending=None)


async def reschedule(turn: Turn) -> None:
    appt = await _appointment_for(turn, Pending.RESCHEDULE)
    if appt:
        turn.say("booking.current", when=when(appt.local_start()), dealer=appt.dealer_name)
        await offer(turn, await db(dealers.get, appt.dealer_code), mode=Pending.RESCHEDULE)


async def cancel(turn: Turn) -> None:
    appt = await _appointment_for(turn, Pending.CANCEL)
    if appt:
        turn.say("booking.confirm_cancel", dealer=appt.dealer_name, when=when(appt.local_start()))
        turn.expect(Awaiting.CONFIRM_CANCEL, pending=None)


def _vin_of(turn: Turn) -> str:
    """The conversation's vehicle, which an appointment must belong to for the owner to change it.
    scheduling.cancel/reschedule refuse another vehicle's appointment (UnknownAppointment) whatever
    the appointment_id slot says; without a vehicle there is nothing this conversation may change."""
    vin = turn.get("vin")
    if not vin:
        raise UnknownAppointment("no vehicle in this conversation")
    return vin


async def confirm_cancel(turn: Turn) -> None:
    appt_id = turn.get("appointment_id")
    try:
        appt = await db(scheduling.cancel, int(appt_id), vin=_vin_of(turn), actor=f"owner:{turn.channel}")
    except (BookingError, UnknownAppointment, TypeError, ValueError):
        turn.say(CHANGED_MEANWHILE)
        turn.expect(None)
        return
    turn.say("booking.cancelled", when=when(appt.local_start()))
    turn.expect(None, appointment_id=None)


def _mode(turn: Turn) -> Pending:
    """Whether the offered times are for a new booking or for moving the booked one."""
    return Pending.RESCHEDULE if turn.get("booking_mode") == Pending.RESCHEDULE else Pending.BOOK
