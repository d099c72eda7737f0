"""Am I affected? The VIN is checked by bot.vin and answered from the recall database only."""

from __future__ import annotations

import re

from actions import replies
from actions.state import Awaiting, Pending
from actions.turn import Turn, db
from bot.messages import msg
from bot.messages.values import Characters, day
from bot.recall import campaigns, vehicles
from bot.recall.records import VehicleRecord
from bot.recall.vocab import SERVED, CampaignStatus, EscalationReason
from bot.vin import confusion_candidates, decode, find_in_text, parse_spoken, validate

MAX_VIN_TRIES = 3


def vin_in_message(turn: Turn) -> str | None:
    """The VIN the owner just sent: the NLU's entity if any, else whatever looks like one."""
    return turn.entity("vin") or find_in_text(turn.text)


async def check_vin(turn: Turn, raw: str | None = None) -> VehicleRecord | None:
    """Validates and looks up a VIN; says the answer; returns the record when the VIN is on the list."""
    raw = raw or vin_in_message(turn)
    if not raw:
        turn.say(replies.ASK_VIN)
        turn.expect(Awaiting.VIN)
        return None
    checked = validate(raw)
    if not checked.valid:
        tries = int(turn.get("vin_failures", 0)) + 1
        turn.set("vin_failures", tries)
        problem = [*checked.notes, *checked.errors]
        if tries >= MAX_VIN_TRIES:
            turn.say(*problem, msg("vin.still_wrong", offer=replies.OFFER_PERSON))
            turn.expect(Awaiting.HANDOFF_OFFER, handoff_reason=EscalationReason.VIN_NOT_ACCEPTED)
            return None
        turn.say(*problem, msg("vin.send_again", where=replies.WHERE_IS_THE_VIN))
        turn.expect(Awaiting.VIN)
        return None

    vin = checked.vin
    turn.set("vin_failures", 0)
    record = await db(vehicles.lookup, vin)
    facts = decode(vin)
    described = replies.vehicle(facts.model, facts.model_year, vin)
    notes = list(checked.notes)
    status = record.status_in(SERVED) if record else None
    if status is None:
        turn.set("vin", vin)
        campaign = await db(campaigns.facts, SERVED)
        turn.say(
            *notes,
            msg("vin.not_on_list", vehicle=described, code=campaign.code, customer_line=campaign.customer_line),
        )
        turn.expect(None, pending=None)
        return None
    turn.set("vin", vin)
    if status.last_servicing_dealer and not turn.get("dealer_code"):
        turn.set("dealer_code", status.last_servicing_dealer)
    if status.status == CampaignStatus.REMEDIED:
        done = msg("vin.remedied_on", date=day(status.remedied_at)) if status.remedied_at else ""
        where = msg("vin.remedied_at", dealer=status.remedied_by) if status.remedied_by else ""
        turn.say(*notes, msg("vin.remedied", code=SERVED, vehicle=described, on=done, at=where))
        turn.expect(None, pending=None)
        return record
    campaign = await db(campaigns.facts, SERVED)
    turn.say(
        *notes,
        msg(
            "vin.open",
            vehicle=described,
            code=campaign.code,
            defect=campaign.defect_summary,
            remedy=campaign.remedy,
        ),
    )
    return record


def is_open(record: VehicleRecord | None) -> bool:
    status = record.status_in(SERVED) if record else None
    return bool(status and status.status == CampaignStatus.OPEN)


async def current(turn: Turn) -> VehicleRecord | None:
    """The vehicle this conversation is about, if a VIN was accepted earlier."""
    vin = turn.get("vin")
    return await db(vehicles.lookup, vin) if vin else None


async def offer_from_phone(turn: Turn, then: Pending | None) -> bool:
    """On SMS or a call from a number on file: "Is this about the 2005 RX 330 ending in 0754?"

    Reveals only model, year and the VIN's last four before the owner confirms. True when it asked.
    """
    phone = turn.caller_phone
    if not phone or turn.get("vin"):
        return False
    on_list = [v for v in await db(vehicles.for_phone, phone) if v.status_in(SERVED)]
    if len(on_list) != 1:
        return False
    v = on_list[0]
    words = " ".join(str(x) for x in (v.model_year, v.model) if x)
    turn.say(msg("vehicle.confirm", vehicle=words or msg("vehicle.word"), tail=Characters(v.vin[-4:])))
    turn.expect(Awaiting.CONFIRM_VEHICLE, candidate_vin=v.vin, pending=then)
    return True


async def current_or_ask(turn: Turn, then: Pending) -> VehicleRecord | None:
    """The vehicle in context; else asks which one (by the number on file, or for the VIN) and
    remembers `then`, what to carry on with once it is known."""
    record = await current(turn)
    if record is None and not await offer_from_phone(turn, then):
        turn.say(replies.ASK_VIN)
        turn.expect(Awaiting.VIN, pending=then)
    return record


# --- on a call: hearing the VIN ---------------------------------------------------------------

PART = re.compile(r"\b(first|last)\s+(\w+)\s+(?:are|is|should be|were)\s+(.+)", re.I)
COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def read_back(vin: str) -> str:
    """The VIN in the groups a caller can check: maker, model code, check digit/year/plant, serial."""
    return ". ".join(" ".join(group) for group in (vin[:3], vin[3:8], vin[8:11], vin[11:]))


async def resolve_heard(candidates: list[str]) -> str | None:
    """The VIN a caller most likely said. A check-digit failure is corrected only when exactly one
    recognizer-confusion candidate passes the check digit AND is on the recall list."""
    full = [c for c in candidates if len(c) == 17]
    valid = [c for c in full if validate(c).valid]
    if valid:
        listed = await db(vehicles.existing_vins, valid)
        return next((c for c in valid if c in listed), valid[0])
    for heard in full:
        fixes = await db(vehicles.existing_vins, confusion_candidates(heard))
        if len(fixes) == 1:
            return fixes.pop()
    return full[0] if full else None


def _patched(turn: Turn) -> list[str]:
    """ "The last six are 1 2 3 4 5 6": the earlier candidate with just that part replaced."""
    base = turn.get("candidate_vin")
    m = PART.search(turn.text)
    if not base or not m:
        return []
    count = COUNTS.get(m[2].lower()) or (int(m[2]) if m[2].isdigit() else None)
    if not count:
        return []
    parts = [p for p in parse_spoken(m[3]) if len(p) == count] or [p[:count] for p in parse_spoken(m[3])]
    return [(p + base[count:]) if m[1].lower() == "first" else (base[:-count] + p) for p in parts if p]


async def hear_vin(turn: Turn) -> None:
    """Turns what the caller said into a VIN, reads it back in groups, and asks to confirm."""
    vin = await resolve_heard(_patched(turn) or parse_spoken(turn.text))
    if vin is None:
        turn.say("vin.not_heard")
        turn.expect(Awaiting.VIN)
        return
    turn.say("vin.heard", vin=read_back(vin))
    turn.expect(Awaiting.CONFIRM_SPOKEN_VIN, candidate_vin=vin)
