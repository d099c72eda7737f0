"""Privacy: an owner's appointment and record are shown only to someone who shows it is theirs.

That is: the conversation comes from the phone number on file (SMS, voice), this conversation
booked the appointment, or the person gave the last name and ZIP code on the letter.
"""

from __future__ import annotations

import re

from actions import replies
from actions.turn import Turn
from bot.recall.records import VehicleRecord

ASK_IDENTITY = ("To protect the owner's privacy, please reply with the last name and the ZIP code "
                "on the recall letter.")
MAX_TRIES = 2


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


def ask(turn: Turn, then: str) -> None:
    turn.say(ASK_IDENTITY)
    turn.expect("identity", pending=then)


def check_answer(turn: Turn, record: VehicleRecord) -> bool:
    """Does the message hold the owner's last name and ZIP? Says why not when it doesn't."""
    words = set(re.findall(r"[a-z']+", turn.text.lower()))
    zips = set(re.findall(r"\b\d{5}\b", turn.text))
    last = (record.owner_name or "").lower().split()[-1:] or [""]
    if record.owner_zip and record.owner_zip in zips and last[0] and last[0] in words:
        vouch(turn, record.vin)
        turn.set("identity_failures", 0)
        return True
    tries = int(turn.get("identity_failures", 0)) + 1
    turn.set("identity_failures", tries)
    if tries >= MAX_TRIES:
        turn.say(f"Sorry, that doesn't match the letter's details. {replies.OFFER_PERSON}")
        turn.expect("handoff_offer", handoff_reason="identity_not_confirmed", pending=None)
    else:
        turn.say("Sorry, that doesn't match the details on the letter. " + ASK_IDENTITY)
    return False
