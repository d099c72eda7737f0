"""The words the actions send. Facts about the recall are passed in from the database, never typed here.

Kept in Python rather than as domain responses: Rasa's validator (run with
--fail-on-warnings) flags every domain response that only custom actions use.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.recall.records import AppointmentInfo, CampaignFacts, DealerInfo, EscalationInfo, Slot
from bot.recall.vocab import Channel, EscalationReason, Priority

WHERE_IS_THE_VIN = (
    "You'll find it on your recall letter, at the lower left corner of the windshield, on the "
    "driver's door jamb sticker, or on your registration or insurance card."
)
ASK_VIN = "Please send your 17-character VIN. " + WHERE_IS_THE_VIN
OFFER_PERSON = "Would you like a person from the dealership to help you? (yes/no)"
DEALER_WILL_CONFIRM = "your dealer will confirm"


def when(moment: datetime) -> str:
    """'Tuesday, December 1 at 3:00 PM CST' in the time zone the datetime carries."""
    return moment.strftime("%A, %B %-d at %-I:%M %p %Z")


def short_when(moment: datetime) -> str:
    return moment.strftime("%a %b %-d, %-I:%M %p")


def vehicle(model: str | None, year: int | None, vin: str) -> str:
    words = " ".join(str(x) for x in (year, model) if x)
    return f"{words} (VIN ending {vin[-6:]})" if words else f"vehicle with VIN ending {vin[-6:]}"


def slot_menu(dealer: DealerInfo, slots: list[Slot], intro: str | None = None) -> str:
    lines = [intro or f"Here are the next open times at {dealer.name} in {dealer.city}:"]
    lines += [f"{n}) {short_when(s.local_start())}" for n, s in enumerate(slots, 1)]
    lines.append(
        f"Reply {', '.join(str(n) for n in range(1, len(slots)))} or {len(slots)}" if len(slots) > 1 else "Reply 1"
    )
    lines[-1] += (
        ', tell me a day or time that suits you (like "Saturday morning"), or send a ZIP code '
        "or city for another dealer."
    )
    return "\n".join(lines)


def slot_intro(dealer: DealerInfo, slots: list[Slot], wish: str | None = None, wish_met: bool = True) -> str | None:
    """The line above the offered times (None: slot_menu's usual one). When the dealer is waiting
    for repair kits the times start where a kit can be there; the owner is told "after the parts
    arrive" and no delivery date: the dates are the slots' own."""
    parts = bool(slots) and slots[0].waits_for_parts
    if wish and not wish_met:
        then = (
            " It is waiting for repair parts, so the next open times are after the parts arrive:"
            if parts
            else " The next open times are:"
        )
        return f"{dealer.name} has nothing open {wish}.{then}"
    if wish:
        return f"Open times at {dealer.name} {wish}{', after the repair parts arrive' if parts else ''}:"
    if parts:
        return (
            f"{dealer.name} in {dealer.city} is waiting for repair parts, so these first open times are "
            "after the parts arrive:"
        )
    return None


def booked(appt: AppointmentInfo, dealer: DealerInfo, facts: CampaignFacts) -> str:
    estimate = (
        f" {dealer.name} estimates it takes about {dealer.repair_estimate_minutes} minutes; that's their estimate."
        if dealer.repair_estimate_minutes
        else " How long it takes: your dealer will confirm."
    )
    return (
        f"You're booked for the free Safety Recall {facts.code} remedy at {dealer.name}, "
        f"{dealer.address}, {dealer.city}, {dealer.state}, on {when(appt.local_start())}. "
        f"Confirmation number {appt.id}.{estimate} The dealer's phone is {pretty_phone(dealer.phone)}. "
        'To change or cancel, just tell me (for example "change my appointment").'
    )


def appointment(appt: AppointmentInfo) -> str:
    return (
        f"Your appointment for the VIN ending {appt.vin[-6:]} is at {appt.dealer_name} on "
        f"{when(appt.local_start())} (confirmation number {appt.id})."
    )


def pretty_phone(e164: str) -> str:
    digits = e164[-10:]
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}" if len(digits) == 10 else e164


def staff_reply_time(dealer: DealerInfo, now: datetime) -> str:
    """When the dealer's staff will answer: "shortly, today before 6:00 PM CST" while open, else
    "when they open Monday at 7:00 AM CST"; "" when no opening hours are on record (no invented times).
    Which of these applies is the dealer's rule (DealerInfo.answers_by, next_opening)."""
    now = dealer.local(now)
    closes = dealer.answers_by(now)
    if closes:
        return f"shortly, today before {closes:%-I:%M %p %Z}"
    opening = dealer.next_opening(now)
    if opening is None:
        return ""
    days = (opening.date() - now.date()).days
    day = {0: "today", 1: "tomorrow", 7: f"next {opening:%A}"}.get(days, f"{opening:%A}")
    return f"when they open {day} at {opening:%-I:%M %p %Z}"


# --- handing over to dealer staff -----------------------------------------------------------------
# What the owner is told first, by the reason for the hand-over.
HANDOFF_INTROS: dict[str, str] = {
    EscalationReason.REQUESTED_PERSON: "Of course. I've passed your conversation to a person.",
    EscalationReason.VIN_NOT_ACCEPTED: "OK. I've passed your conversation to a person.",
    EscalationReason.COMPLAINT: "I'm sorry about this. I've passed your message to a person who can help.",
    EscalationReason.NOT_UNDERSTOOD: "Sorry, I'm still not following, so I've asked a person to help you.",
    EscalationReason.QUESTION: "I can only answer questions about Safety Recall BLC, so I've passed your question "
    "to the dealer's service team.",
    EscalationReason.DISPUTED_RECORD: "I've asked the dealer to check their service records.",
    EscalationReason.WARNING_SIGN: "I've alerted the dealer's team: this is urgent.",
    EscalationReason.IDENTITY_NOT_CONFIRMED: "OK. I've passed your conversation to a person.",
}
# How the alert to the dealer's escalation contact names the reason and the channel: the words are
# the vocabulary's (EscalationReason.in_alert, Channel.in_alert), so every reason has them.
REASONS = {reason.value: reason.in_alert for reason in EscalationReason}
CHANNEL_NAMES = {channel.value: channel.in_alert for channel in Channel}
ALERT_LEVELS: dict[str, str] = {Priority.URGENT: "URGENT escalation", Priority.HIGH: "High-priority escalation"}


def staff_will_answer(dealer: DealerInfo | None, channel: str, now: datetime) -> str:
    """Who will contact the owner, and when (the dealer's opening hours); the paused bot says nothing more."""
    who = f"A service advisor at {dealer.name}" if dealer else "A member of the Lexus dealer team"
    when_ = staff_reply_time(dealer, now) if dealer else ""
    line = f"{who} will {'text you back' if channel == Channel.SMS else 'contact you'}{' ' + when_ if when_ else ''}"
    if channel == Channel.SMS:
        line += ", right here in this text thread"
    phone = f" The dealer's phone is {pretty_phone(dealer.phone)}." if dealer else ""
    return f"{line}.{phone}"


def dealer_alert(esc: EscalationInfo, link: str) -> str:
    """The short text to the dealer's escalation contact: no owner details, the console has them."""
    level = ALERT_LEVELS.get(esc.priority, "Escalation")
    return (
        f"Lexus recall BLC: {level} #{esc.id} from an owner ({CHANNEL_NAMES.get(esc.channel, esc.channel)}, "
        f"{REASONS.get(esc.reason, esc.reason)}). Open: {link}"
    )


def already_with_a_person(dealer: DealerInfo | None) -> str:
    """An owner who has had today's hand-offs (bot.recall.quotas): nothing new is recorded, and
    the owner can still reach the dealer directly."""
    who = f"the team at {dealer.name}" if dealer else "the Lexus dealer team"
    phone = f" To talk to them now, call {pretty_phone(dealer.phone)}." if dealer else ""
    return (
        f"You asked for a person earlier today, so your conversation is already with {who}, and they will "
        f"get back to you.{phone} If you are in danger, call 911."
    )


# --- limits on strangers (bot.recall.quotas) -------------------------------------------------------
IDENTITY_MISMATCH = (
    "Sorry, that doesn't match the details on the letter. Please reply with just the owner's "
    "last name and the ZIP code on the recall letter, and nothing else."
)
IDENTITY_LAST_MISMATCH = (
    "Sorry, that doesn't match the letter's details either, and I can't take more tries for "
    f"this vehicle for now. {OFFER_PERSON}"
)
IDENTITY_LOCKED = (
    "Sorry, I can't check the owner's details for this vehicle right now: there have been too many "
    f"tries. {OFFER_PERSON}"
)
IDENTITY_NO_DETAILS = f"Sorry, I can't check the owner's details for this vehicle here. {OFFER_PERSON}"
BOOKING_LIMITS = {
    "conversation": "several appointments were already made in this conversation today",
    "phone": "several appointments were already made from this phone number today",
    "vehicle": "this vehicle was already booked several times today",
}


def booking_refused(scope: str, dealer: DealerInfo | None) -> str:
    """No new appointment now (bot.recall.quotas); whatever is booked stays, and the dealer can still book."""
    call = f"call {dealer.name} at {pretty_phone(dealer.phone)}, or " if dealer else ""
    return (
        f"Sorry, I can't make another booking right now: {BOOKING_LIMITS.get(scope, BOOKING_LIMITS['vehicle'])}. "
        f"To book, please {call}try again tomorrow. Any appointment already booked stays as it is."
    )


# --- small talk ------------------------------------------------------------------------------------
# Sent by an action rather than as domain responses, so that the complaint check in the action
# wrapper sees these turns too ("thanks for nothing, I'm calling my lawyer").
SMALL_TALK = {
    "greet": "Hi! I'm the Lexus recall assistant. I can check whether your RX has Safety Recall BLC open and "
    "book the free remedy at a dealer. To start, send the 17-character VIN from your letter.",
    "goodbye": "Thanks for taking care of your recall. Goodbye!",
    "thank": "You're welcome! Anything else about your recall?",
    "bot_challenge": "I'm an automated assistant for Lexus Safety Recall BLC. Say \"person\" any time and I'll ask "
    "the dealership staff to contact you.",
    "out_of_scope": "Sorry, I can only help with Safety Recall BLC: checking your VIN, explaining the recall, and "
    "booking the free remedy. For anything else, please contact your Lexus dealer.",
}
VOICE_GREETING = (
    "Hello, this is the Lexus recall assistant. I can check your vehicle for safety recall B L C and book the free "
    "repair. Please say the 17 character VIN from your letter, a few characters at a time. Or say person to reach "
    "your dealer."
)


# --- on a call ----------------------------------------------------------------------------------
WEEKDAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
MONTHS = {
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "May": "May",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
ZONES = {
    "CST": "Central time",
    "CDT": "Central time",
    "EST": "Eastern time",
    "EDT": "Eastern time",
    "MST": "Mountain time",
    "MDT": "Mountain time",
    "PST": "Pacific time",
    "PDT": "Pacific time",
}


def spoken(text: str) -> str:
    """The same reply, said on a phone call: no menus drawn with ")", times and dates in words a
    speech engine reads naturally, digits of VINs and phone numbers one by one, keypad hints."""
    text = re.sub(r"\(yes/no\)", "Please say yes or no. You can also press 1 for yes, or 2 for no.", text)
    text = re.sub(
        r"^(\d)\) (\w{3}) (\w{3}) (\d+), ",
        lambda m: f"Option {m[1]}: {WEEKDAYS.get(m[2], m[2])}, {MONTHS.get(m[3], m[3])} {m[4]} at ",
        text,
        flags=re.M,
    )
    text = re.sub(r"Reply ([\d, or]+), tell me", r"Say or press \1, or tell me", text)
    text = re.sub(r"(\d{1,2}):00 ([AP]M)", r"\1 \2", text)
    text = re.sub(r"\b(?:C|E|M|P)[SD]T\b", lambda m: ZONES[m[0]], text)
    text = re.sub(r"\((\d{3})\) (\d{3})-(\d{4})", lambda m: ", ".join(" ".join(g) for g in m.groups()), text)
    text = re.sub(r"\bending (in )?(\w{4,6})\b", lambda m: f"ending {m[1] or ''}{' '.join(m[2])}", text)
    text = text.replace("17-character", "17 character").replace('"', "")
    text = re.sub(r"[\U0001F300-\U0001FAFF]", "", text)  # no emoji on a call
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".?!:" else line + "." for line in lines)
