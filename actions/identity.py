"""Privacy: an owner's appointment and record are shown only to someone who shows it is theirs.

That is: the conversation comes from the phone number on file (SMS, voice), this conversation
booked the appointment, or the person gave the last name and ZIP code on the letter. Checking
and counting that answer is bot.recall.identity's (one unit of work); this module only says
what came of it.
"""

from __future__ import annotations

from actions import replies
from actions.state import Awaiting, Pending
from actions.turn import Turn, db
from bot.messages import Msg, msg
from bot.recall import identity as identity_checks
from bot.recall.records import VehicleRecord
from bot.recall.vocab import EscalationReason, IdentityOutcome

ASK_IDENTITY = msg("identity.ask")


def may_see(turn: Turn, record: VehicleRecord) -> bool:
    if record.vin in (turn.get("verified_vins") or []):
        return True
    phone = turn.caller_phone
    return bool(phone and record.owner_phone and phone == record.owner_phone)


def vouch(turn: Turn, vin: str) -> None:
    """This conversation has shown it may see the vehicle's details (it booked, or it verified)."""
    known = list(turn.get("verified_vins") or [])
    if vin not in known:
        turn.set("verified_vins", known + [vin])


def _offer_person(turn: Turn, text: Msg) -> None:
    turn.say(text)
    turn.expect(Awaiting.HANDOFF_OFFER, handoff_reason=EscalationReason.IDENTITY_NOT_CONFIRMED, pending=None)


async def ask(turn: Turn, record: VehicleRecord, then: Pending) -> None:
    """Asks for the last name and ZIP code, unless no answer would be taken now (then a person)."""
    if await db(identity_checks.refusal, record.vin, turn.conversation_id):
        _offer_person(turn, replies.IDENTITY_LOCKED)
        return
    turn.say(ASK_IDENTITY)
    turn.expect(Awaiting.IDENTITY, pending=then)


async def check_answer(turn: Turn, record: VehicleRecord) -> bool:
    """Is the message the owner's last name and ZIP? Says why not when it isn't."""
    result = await db(identity_checks.check, record.vin, turn.text, turn.conversation_id)
    if result.confirmed:
        vouch(turn, record.vin)
        return True
    if result.outcome == "no_details":
        _offer_person(turn, replies.IDENTITY_NO_DETAILS)
    elif result.outcome == IdentityOutcome.REFUSED:
        _offer_person(turn, replies.IDENTITY_LOCKED)  # whether the answer was right is never said
    elif result.locked:
        _offer_person(turn, replies.IDENTITY_LAST_MISMATCH)
    else:
        turn.say(replies.IDENTITY_MISMATCH)  # still waiting for the answer, for what was asked
    return False
