"""Owners' questions about the recall, answered from the campaign facts in the database.

Where no source gives an answer (what to bring, part numbers, labor time) the answer is
"your dealer will confirm"; a repair time is only ever the dealer's own estimate.
"""

from __future__ import annotations

from actions import replies
from actions.state import Awaiting
from actions.turn import Turn, db
from actions.vehicle import current, is_open
from bot.messages import Msg, msg
from bot.messages.values import Joined
from bot.recall import campaigns, contacts, dealers
from bot.recall.records import CampaignFacts
from bot.recall.vocab import SERVED, NotOwnerReason
from bot.understand import questions
from bot.understand.not_owner import not_owner

# The questions of bot.understand.questions the campaign facts answer.
ANSWERABLE = frozenset(
    {"ask_cost", "ask_duration", "ask_what_to_bring", "ask_safe_to_drive", "ask_what_wrong", "ask_who_is_this"}
)


async def _duration(turn: Turn, facts: CampaignFacts) -> Msg:
    code = turn.get("dealer_code")
    dealer = await db(dealers.get, code) if code else None
    if dealer and dealer.repair_estimate_minutes:
        return msg(
            "remedy.duration_estimate", dealer=dealer.name, code=facts.code, minutes=dealer.repair_estimate_minutes
        )
    return msg("remedy.duration_unknown", code=facts.code, unknown=replies.DEALER_WILL_CONFIRM)


def answer_for(intent: str, facts: CampaignFacts) -> Msg | None:
    """The answer to a question about the recall: the words are the catalog's, the facts the database's."""
    answers = {
        "ask_what_wrong": msg(
            "remedy.what_wrong",
            code=facts.code,
            nhtsa=facts.nhtsa_campaign,
            defect=facts.defect_summary,
            consequence=facts.consequence,
        ),
        "ask_safe_to_drive": msg("remedy.safe_to_drive", warning_sign=facts.warning_sign),
        "ask_remedy": msg("facts.as_recorded", fact=facts.remedy),
        "ask_cost": msg("remedy.cost", remedy=facts.remedy),
        "ask_what_to_bring": msg("remedy.what_to_bring", unknown=replies.DEALER_WILL_CONFIRM),
        "had_clips_fixed": msg("remedy.had_clips_fixed", related=facts.related_recalls, remedy=facts.remedy),
        "wrong_details": msg("remedy.wrong_details", customer_line=facts.customer_line),
        "other_car": msg("remedy.other_car", code=facts.code, years=facts.model_years, models=facts.models),
        "ask_who_is_this": msg(
            "remedy.who_is_this", code=facts.code, nhtsa=facts.nhtsa_campaign, customer_line=facts.customer_line
        ),
    }
    return answers.get(intent)


async def not_the_owner(turn: Turn, facts: CampaignFacts) -> None:
    """ "I sold it years ago", "not my car", "wrong number": noted against the number the channel
    proves (bot.recall.contacts), so no follow-up about that vehicle goes to it; web chat proves no
    number, so the owner is told how the records are updated."""
    phone = turn.caller_phone
    if phone is None:
        turn.say("remedy.sold_car", customer_line=facts.customer_line)
    else:
        reason = not_owner(turn.text) or NotOwnerReason.NOT_MINE
        await db(contacts.report_not_owner, phone, reason, channel=turn.channel, vin=turn.get("vin"))
        turn.say("remedy.not_owner_noted", customer_line=facts.customer_line)
    turn.expect(None)


async def explain(turn: Turn) -> None:
    """What the recall is and what the dealer does (the same for every affected vehicle), then the
    VIN to check this one, or "book now?" for a vehicle already known to be open."""
    facts = await db(campaigns.facts, SERVED)
    turn.say("remedy.explained", what=answer_for("ask_what_wrong", facts), remedy=facts.remedy)
    await _next_step(turn)


async def not_owner_said(turn: Turn) -> None:
    """The flow for a message that says the vehicle is not the writer's, whatever intent won."""
    await not_the_owner(turn, await db(campaigns.facts, SERVED))


async def also_answer(turn: Turn, skip: frozenset[str] = frozenset()) -> Msg | None:
    """The answers to the other recall questions of the message (bot.understand.questions), in the
    order asked, as one message; None when it asks nothing else (or only what `skip` names, which
    the reply has said). A loaner or a ride is the dealer's to say."""
    wanted = [intent for intent in questions.asked(turn.text) if intent != turn.intent and intent not in skip]
    if not wanted:
        return None
    facts = await db(campaigns.facts, SERVED)
    parts: list[Msg] = []
    for intent in wanted:
        if intent == "ask_duration":
            parts.append(await _duration(turn, facts))
        elif intent == "ask_loaner":
            parts.append(msg("remedy.dealer_will_say"))
        elif intent == "ask_other_service":
            parts.append(msg("remedy.other_work"))
        elif intent == "out_of_scope":
            parts.append(msg("remedy.off_topic"))
        elif intent == "floor_mats":
            parts.append(msg("remedy.not_floor_mats", code=facts.code))
        elif intent == "ask_cost":
            parts.append(msg("remedy.cost_short"))
        else:
            found = answer_for(intent, facts)
            if found is not None:
                parts.append(found)
    said = {m.get("text") for m in turn.dispatcher.messages}
    parts = [
        part for part in parts if turn.words(part) not in said
    ]  # the flow may have said one ("a loaner: your dealer...")
    return msg("remedy.also", answers=Joined(tuple(parts))) if parts else None


async def answer(turn: Turn) -> None:
    facts = await db(campaigns.facts, SERVED)
    if turn.intent == "sold_car":
        await not_the_owner(turn, facts)
        return
    text = await _duration(turn, facts) if turn.intent == "ask_duration" else answer_for(turn.intent, facts)
    if text is None:
        return
    turn.say(text)
    if turn.intent == "other_car":
        turn.expect(Awaiting.VIN, vin=None, dealer_code=None, appointment_id=None, pending=None)
        return
    if turn.intent in ("wrong_details", "ask_who_is_this"):
        turn.expect(None)
        return
    await _next_step(turn)


async def _next_step(turn: Turn) -> None:
    """After an answer: the VIN to check the vehicle, or "book now?" for one known to be open."""
    record = await current(turn)
    if record is None:
        turn.say("remedy.check_vehicle")
        turn.expect(Awaiting.VIN)
    elif is_open(record) and turn.awaiting in (None, Awaiting.OFFER_BOOKING):
        turn.say("remedy.offer_booking")
        turn.expect(Awaiting.OFFER_BOOKING)
