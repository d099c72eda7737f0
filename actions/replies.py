"""The messages the flows send that several flows share, or that need a little logic to choose.

The words are in the message catalog (bot/locale/en/LC_MESSAGES/recallbot.po, ids as in the
`msg()` calls); this module only picks the message and the values it takes. Facts about the
recall are passed in from the database, never typed here.
"""

from __future__ import annotations

from datetime import datetime

from bot.messages import Msg, msg
from bot.messages.values import Characters, Phone, clock, short_when, weekday, when
from bot.recall.records import AppointmentInfo, CampaignFacts, DealerInfo, EscalationInfo, Slot
from bot.recall.vocab import SERVED, Channel, EscalationReason, Priority

WHERE_IS_THE_VIN = msg("vin.where_to_find")
ASK_VIN = msg("vin.ask", where=WHERE_IS_THE_VIN)
OFFER_PERSON = msg("handoff.offer_person")
DEALER_WILL_CONFIRM = msg("facts.dealer_will_confirm")


def vehicle(model: str | None, year: int | None, vin: str) -> Msg:
    words = " ".join(str(x) for x in (year, model) if x)
    tail = Characters(vin[-6:])
    return msg("vehicle.described", vehicle=words, tail=tail) if words else msg("vehicle.unnamed", tail=tail)


def slot_menu(dealer: DealerInfo, slots: list[Slot], intro: Msg | None = None) -> Msg:
    options = [msg("slots.option", number=n, when=short_when(s.local_start())) for n, s in enumerate(slots, 1)]
    numbers = [str(n) for n in range(1, len(slots) + 1)]
    choices = msg("slots.choices", first=", ".join(numbers[:-1]), last=numbers[-1]) if len(numbers) > 1 else "1"
    return msg(
        "slots.menu",
        intro=intro or msg("slots.intro", dealer=dealer.name, city=dealer.city),
        options=options,
        choices=choices,
    )


def slot_intro(dealer: DealerInfo, slots: list[Slot], wish: str | None = None, wish_met: bool = True) -> Msg | None:
    """The line above the offered times (None: slot_menu's usual one). When the dealer is waiting
    for repair kits the times start where a kit can be there; the owner is told "after the parts
    arrive" and no delivery date: the dates are the slots' own."""
    parts = bool(slots) and slots[0].waits_for_parts
    if wish and not wish_met:
        if parts:
            return msg("slots.intro_wish_unmet_parts", dealer=dealer.name, wish=wish)
        return msg("slots.intro_wish_unmet", dealer=dealer.name, wish=wish)
    if wish:
        if parts:
            return msg("slots.intro_wish_parts", dealer=dealer.name, wish=wish)
        return msg("slots.intro_wish", dealer=dealer.name, wish=wish)
    if parts:
        return msg("slots.intro_parts", dealer=dealer.name, city=dealer.city)
    return None


def booked(appt: AppointmentInfo, dealer: DealerInfo, facts: CampaignFacts) -> Msg:
    estimate = (
        msg("booking.estimate", dealer=dealer.name, minutes=dealer.repair_estimate_minutes)
        if dealer.repair_estimate_minutes
        else msg("booking.estimate_unknown")
    )
    return msg(
        "booking.booked",
        code=facts.code,
        dealer=dealer.name,
        address=dealer.address,
        city=dealer.city,
        state=dealer.state,
        when=when(appt.local_start()),
        number=appt.id,
        estimate=estimate,
        phone=Phone(dealer.phone),
    )


def appointment(appt: AppointmentInfo) -> Msg:
    return msg(
        "booking.appointment",
        tail=Characters(appt.vin[-6:]),
        dealer=appt.dealer_name,
        when=when(appt.local_start()),
        number=appt.id,
    )


def staff_reply_time(dealer: DealerInfo, now: datetime) -> Msg | None:
    """When the dealer's staff will answer: "shortly, today before 6:00 PM CST" while open, else
    "when they open Monday at 7:00 AM CST"; None when no opening hours are on record (no invented
    times). Which of these applies is the dealer's rule (DealerInfo.answers_by, next_opening)."""
    now = dealer.local(now)
    closes = dealer.answers_by(now)
    if closes:
        return msg("handoff.answer_today_before", time=clock(closes))
    opening = dealer.next_opening(now)
    if opening is None:
        return None
    days = (opening.date() - now.date()).days
    day = {0: msg("days.today"), 1: msg("days.tomorrow"), 7: msg("days.next", day=weekday(opening))}.get(
        days, weekday(opening)
    )
    return msg("handoff.answer_when_open", day=day, time=clock(opening))


# --- handing over to dealer staff -----------------------------------------------------------------
# What the owner is told first, by the reason for the hand-over.
HANDOFF_INTROS: dict[str, Msg] = {
    EscalationReason.REQUESTED_PERSON: msg("handoff.intro_requested"),
    EscalationReason.VIN_NOT_ACCEPTED: msg("handoff.intro_passed"),
    EscalationReason.COMPLAINT: msg("handoff.intro_complaint"),
    EscalationReason.NOT_UNDERSTOOD: msg("handoff.intro_not_understood"),
    EscalationReason.QUESTION: msg("handoff.intro_question"),
    EscalationReason.DISPUTED_RECORD: msg("handoff.intro_disputed"),
    EscalationReason.WARNING_SIGN: msg("handoff.intro_warning_sign"),
    EscalationReason.PEDAL_STICKS: msg("handoff.intro_incident"),
    EscalationReason.IDENTITY_NOT_CONFIRMED: msg("handoff.intro_passed"),
}
# How the alert to the dealer's escalation contact names the reason and the channel: the words are
# the vocabulary's (EscalationReason.in_alert, Channel.in_alert), so every reason has them.
REASONS = {reason.value: reason.in_alert for reason in EscalationReason}
CHANNEL_NAMES = {channel.value: channel.in_alert for channel in Channel}
ALERT_LEVELS: dict[str, Msg] = {Priority.URGENT: msg("alert.urgent"), Priority.HIGH: msg("alert.high")}
NORMAL_ALERT = msg("alert.normal")


def staff_will_answer(dealer: DealerInfo | None, channel: str, now: datetime) -> Msg:
    """Who will contact the owner, and when (the dealer's opening hours); the paused bot says nothing more."""
    # On SMS the advisor texts back in the same thread; elsewhere (web chat, a call) they get in touch.
    sms = channel == Channel.SMS
    if dealer is None:
        return msg("handoff.team_will_text") if sms else msg("handoff.team_will_contact")
    phone = Phone(dealer.phone)
    reply_time = staff_reply_time(dealer, now)
    if reply_time is None:
        if sms:
            return msg("handoff.advisor_will_text", dealer=dealer.name, phone=phone)
        return msg("handoff.advisor_will_contact", dealer=dealer.name, phone=phone)
    if sms:
        return msg("handoff.advisor_will_text_when", dealer=dealer.name, when=reply_time, phone=phone)
    return msg("handoff.advisor_will_contact_when", dealer=dealer.name, when=reply_time, phone=phone)


def dealer_alert(esc: EscalationInfo, link: str) -> Msg:
    """The short text to the dealer's escalation contact: no owner details, the console has them."""
    return msg(
        "alert.text",
        code=SERVED,
        level=ALERT_LEVELS.get(esc.priority, NORMAL_ALERT),
        id=esc.id,
        channel=CHANNEL_NAMES.get(esc.channel, esc.channel),
        reason=REASONS.get(esc.reason, esc.reason),
        link=link,
    )


def already_with_a_person(dealer: DealerInfo | None) -> Msg:
    """An owner who has had today's hand-offs (bot.recall.quotas): nothing new is recorded, and
    the owner can still reach the dealer directly."""
    if dealer is None:
        return msg("handoff.already_with_team")
    return msg("handoff.already_with_dealer", dealer=dealer.name, phone=Phone(dealer.phone))


# --- limits on strangers (bot.recall.quotas) -------------------------------------------------------
IDENTITY_MISMATCH = msg("identity.mismatch")
IDENTITY_LAST_MISMATCH = msg("identity.last_mismatch", offer=OFFER_PERSON)
IDENTITY_LOCKED = msg("identity.locked", offer=OFFER_PERSON)
IDENTITY_NO_DETAILS = msg("identity.no_details", offer=OFFER_PERSON)
BOOKING_LIMITS = {
    "conversation": msg("limits.bookings_in_conversation"),
    "phone": msg("limits.bookings_from_phone"),
    "vehicle": msg("limits.bookings_of_vehicle"),
}


def booking_refused(scope: str, dealer: DealerInfo | None) -> Msg:
    """No new appointment now (bot.recall.quotas); whatever is booked stays, and the dealer can still book."""
    why = BOOKING_LIMITS.get(scope, BOOKING_LIMITS["vehicle"])
    if dealer is None:
        return msg("limits.booking_refused", why=why)
    return msg("limits.booking_refused_call", why=why, dealer=dealer.name, phone=Phone(dealer.phone))


# --- small talk ------------------------------------------------------------------------------------
# Sent by an action rather than as domain responses, so that the complaint check in the action
# wrapper sees these turns too ("thanks for nothing, I'm calling my lawyer").
SMALL_TALK = {
    "greet": msg("small_talk.greet"),
    "goodbye": msg("small_talk.goodbye"),
    "thank": msg("small_talk.thank"),
    "out_of_scope": msg("small_talk.out_of_scope"),
}
VOICE_GREETING = msg("voice.greeting")
