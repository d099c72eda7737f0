"""What the one confirmation of a plain-words opt-out says before the confirmation itself.

Carriers allow a single text after an opt-out, so "already had it fixed, stop texting me", "who is
this? take me off" or "I've asked three times, stop" get their answers in that one text: an
apology (the warmer one to an annoyed owner), who is writing and how to check it is Lexus, and what the record says
of a vehicle the owner says was repaired (the VIN they typed, or the one vehicle on file with the
number the channel proves). The SMS channel sends it with its STOP confirmation; a call or a chat
says it before its own (actions.contact).
"""

from __future__ import annotations

from bot import conversations
from bot.messages import Msg, msg
from bot.messages.values import Characters, day, when
from bot.recall import campaigns, scheduling, vehicles
from bot.recall.records import VehicleRecord
from bot.recall.vocab import SERVED, CampaignStatus
from bot.understand import questions
from bot.understand.already_done import says_already_done
from bot.understand.tone import is_complaint, is_frustrated
from bot.vin import find_in_text, validate

SORRY = msg("handoff.sorry_for_the_trouble")  # to an annoyed owner
UNWANTED = msg("opt_out.sorry_for_the_texts")  # to anyone else who asked in their own words


def preface(text: str, phone: str | None) -> list[Msg]:
    """The answers to the rest of an opt-out message, in the order an owner would want them."""
    parts: list[Msg] = []
    # Someone who writes to be left alone was bothered ("your texts keep waking me up", "I'm done"):
    # an apology either way, the warmer one when the words are annoyed.
    parts.append(SORRY if is_frustrated(text) or is_complaint(text) else UNWANTED)
    if phone is not None and questions.asks_to_cancel(text):
        # No more texts can ask which one: the number's upcoming appointments are cancelled
        cancelled = scheduling.cancel_for_phone(phone, conversations.threads_of_phone(phone), actor="owner:opt_out")
        parts += [
            msg("opt_out.appointment_cancelled", dealer=a.dealer_name, when=when(a.local_start())) for a in cancelled
        ] or [msg("opt_out.no_appointment")]
    asks_who, done = "ask_who_is_this" in questions.asked(text), says_already_done(text)
    if not (asks_who or done):
        return parts  # most opt-outs: no campaign facts to read
    facts = campaigns.facts(SERVED)
    if asks_who:
        parts.append(msg("opt_out.who_is_this", code=facts.code, customer_line=facts.customer_line))
    if done:
        # No more texts can ask for the VIN: the record of what the VIN or number names, else where to check it.
        found = _vehicles(text, phone)
        parts += [_record(v, facts.customer_line) for v in found] or [
            msg("opt_out.record_unchecked", customer_line=facts.customer_line)
        ]
    return parts


def _vehicles(text: str, phone: str | None) -> list[VehicleRecord]:
    """The vehicle the owner named by VIN, else those on file with the proven number (at most three)."""
    raw = find_in_text(text)
    checked = validate(raw) if raw else None
    if checked is not None and checked.valid:
        record = vehicles.lookup(checked.vin)
        return [record] if record and record.status_in(SERVED) else []
    if phone is None:
        return []
    return [v for v in vehicles.for_phone(phone) if v.status_in(SERVED)][:3]


def _record(record: VehicleRecord, customer_line: str) -> Msg:
    status = record.status_in(SERVED)
    tail = Characters(record.vin[-4:])
    if status is not None and status.status == CampaignStatus.REMEDIED:
        on = msg("vin.remedied_on", date=day(status.remedied_at)) if status.remedied_at else ""
        return msg("dispute.records_agree", code=SERVED, tail=tail, on=on)
    return msg("opt_out.record_still_open", code=SERVED, tail=tail, customer_line=customer_line)
