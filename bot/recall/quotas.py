"""Limits on what one stranger can do through the bot, counted in the recall database.

Anyone can text, call or open a web chat, and booking needs no proof of who you are (the letter
says "contact your dealer", and a stranger booking someone's car costs that owner nothing they
cannot undo by phone). What a script can do is repeat: fill a dealer's week with bookings and
cancellations, guess at an owner's last name and ZIP code, or open escalation after escalation,
each one texting the dealer's escalation contact. So each of these is counted where its data
lives (appointments, identity_checks, escalations), per conversation and per phone number, and
per vehicle where the vehicle is what is at stake, and refused beyond these numbers.

Why these numbers: an owner books, perhaps changes their mind and books again, and may have two
cars: three appointments a day per conversation, per number and per vehicle cover every honest
case (a reschedule is not a new appointment) and cancelled ones count, so book-cancel churn
stops at three. Three wrong identity answers in an hour are typos; a fourth is guessing, and an
hour's pause makes guessing useless while a person can still help at once; five wrong answers a
day from one conversation or number, over any vehicles, is someone fishing. Three hand-offs a day
is already more than a person needs: after that the team has the conversation. One text to the
dealer an hour per conversation is enough for staff to look; more would only flood their phone.

Per phone number means the conversations whose id carries that number (its SMS thread and its
calls by caller ID, bot.conversations): a web chat has no number, so only its own count holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnElement

from bot import conversations
from bot.recall.models import Appointment, Escalation, IdentityCheck
from bot.recall.vocab import IdentityOutcome


@dataclass(frozen=True)
class Limit:
    """At most `most` in any `per`."""

    most: int
    per: timedelta

    def since(self, now: datetime) -> datetime:
        return now - self.per


DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)

# Appointments made (cancelled ones included), by conversation, by phone number, by vehicle.
BOOKINGS_PER_CONVERSATION = Limit(3, DAY)
BOOKINGS_PER_PHONE = Limit(3, DAY)
BOOKINGS_PER_VEHICLE = Limit(3, DAY)

# Wrong identity answers for one vehicle, from any conversations; reaching the limit locks the
# vehicle's details for IDENTITY_LOCK, against every answer, the right one included.
IDENTITY_MISMATCHES_PER_VEHICLE = Limit(3, HOUR)
IDENTITY_LOCK = HOUR
# Wrong identity answers from one conversation or phone number, over any vehicles.
IDENTITY_MISMATCHES_PER_CONVERSATION = Limit(5, DAY)
IDENTITY_MISMATCHES_PER_PHONE = Limit(5, DAY)

# Escalations opened, by conversation and by phone number; then the owner hears that a person
# already has the conversation.
ESCALATIONS_PER_CONVERSATION = Limit(3, DAY)
ESCALATIONS_PER_PHONE = Limit(3, DAY)
# Texts to dealers' escalation contacts about one conversation (or phone number), for one reason.
DEALER_ALERTS_PER_CONVERSATION = Limit(1, HOUR)


def phone_of(conversation_id: str | None) -> str | None:
    """The phone number an SMS or voice conversation id carries; None for web chat and withheld numbers."""
    return conversations.parse(conversation_id).phone if conversation_id else None


def _same_phone(column, phone: str) -> ColumnElement:
    return column.in_(conversations.threads_of_phone(phone))


def _count(s: Session, entity, *where) -> int:
    return s.execute(select(func.count()).select_from(entity).where(*where)).scalar_one()


def booking_refusal(s: Session, vehicle_id: int, conversation_id: str | None, now: datetime) -> str | None:
    """Which limit a new appointment would pass ("conversation", "phone", "vehicle"), or None."""
    made = Appointment.created_at
    checks = [("vehicle", BOOKINGS_PER_VEHICLE, Appointment.vehicle_id == vehicle_id)]
    if conversation_id:
        checks.insert(0, ("conversation", BOOKINGS_PER_CONVERSATION, Appointment.conversation_id == conversation_id))
        phone = phone_of(conversation_id)
        if phone:
            checks.insert(1, ("phone", BOOKINGS_PER_PHONE, _same_phone(Appointment.conversation_id, phone)))
    for scope, limit, where in checks:
        if _count(s, Appointment, where, made >= limit.since(now)) >= limit.most:
            return scope
    return None


def identity_refusal(s: Session, vehicle_id: int, conversation_id: str, now: datetime) -> str | None:
    """Why no identity answer is taken now ("vehicle": locked after wrong answers from anyone;
    "conversation", "phone": too many wrong answers from here), or None."""
    locked = _count(s, IdentityCheck, IdentityCheck.vehicle_id == vehicle_id, IdentityCheck.locks_until > now)
    if locked:
        return "vehicle"
    wrong = IdentityCheck.outcome == IdentityOutcome.MISMATCH
    if (
        _count(
            s,
            IdentityCheck,
            wrong,
            IdentityCheck.conversation_id == conversation_id,
            IdentityCheck.at >= IDENTITY_MISMATCHES_PER_CONVERSATION.since(now),
        )
        >= IDENTITY_MISMATCHES_PER_CONVERSATION.most
    ):
        return "conversation"
    phone = phone_of(conversation_id)
    if (
        phone
        and _count(
            s,
            IdentityCheck,
            wrong,
            IdentityCheck.phone == phone,
            IdentityCheck.at >= IDENTITY_MISMATCHES_PER_PHONE.since(now),
        )
        >= IDENTITY_MISMATCHES_PER_PHONE.most
    ):
        return "phone"
    return None


def vehicle_mismatches(s: Session, vehicle_id: int, now: datetime) -> int:
    """Wrong identity answers for the vehicle within IDENTITY_MISMATCHES_PER_VEHICLE's window."""
    return _count(
        s,
        IdentityCheck,
        IdentityCheck.vehicle_id == vehicle_id,
        IdentityCheck.outcome == IdentityOutcome.MISMATCH,
        IdentityCheck.at >= IDENTITY_MISMATCHES_PER_VEHICLE.since(now),
    )


def escalation_refusal(s: Session, conversation_id: str, now: datetime) -> str | None:
    """Which limit a new escalation would pass ("conversation", "phone"), or None."""
    made = Escalation.created_at
    if (
        _count(
            s,
            Escalation,
            Escalation.conversation_id == conversation_id,
            made >= ESCALATIONS_PER_CONVERSATION.since(now),
        )
        >= ESCALATIONS_PER_CONVERSATION.most
    ):
        return "conversation"
    phone = phone_of(conversation_id)
    if (
        phone
        and _count(
            s, Escalation, _same_phone(Escalation.conversation_id, phone), made >= ESCALATIONS_PER_PHONE.since(now)
        )
        >= ESCALATIONS_PER_PHONE.most
    ):
        return "phone"
    return None


def dealer_alert_due(s: Session, conversation_id: str, reason: str, now: datetime) -> bool:
    """May a dealer be texted about this conversation now: no text for the same reason went out
    about it (or its number) lately? Another reason (a sticking pedal after "a person, please")
    is news for the dealer, and is texted."""
    limit = DEALER_ALERTS_PER_CONVERSATION
    phone = phone_of(conversation_id)
    same = _same_phone(Escalation.conversation_id, phone) if phone else Escalation.conversation_id == conversation_id
    return (
        _count(s, Escalation, same, Escalation.reason == reason, Escalation.dealer_alerted_at >= limit.since(now))
        < limit.most
    )
