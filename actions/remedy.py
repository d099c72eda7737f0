"""Owners' questions about the recall, answered from the campaign facts in the database.

Where no source gives an answer (what to bring, part numbers, labor time) the answer is
"your dealer will confirm"; a repair time is only ever the dealer's own estimate.
"""

from __future__ import annotations

from actions import replies
from actions.turn import Turn, db
from actions.vehicle import current, is_open
from bot.recall import campaigns, dealers
from bot.recall.records import CampaignFacts
from bot.recall.vocab import SERVED


async def _duration(turn: Turn, facts: CampaignFacts) -> str:
    code = turn.get("dealer_code")
    dealer = await db(dealers.get, code) if code else None
    if dealer and dealer.repair_estimate_minutes:
        return (
            f"{dealer.name} estimates the {facts.code} remedy takes about "
            f"{dealer.repair_estimate_minutes} minutes. That's the dealer's estimate; they'll confirm "
            "when you arrive."
        )
    return (
        f"How long the {facts.code} remedy takes: {replies.DEALER_WILL_CONFIRM}. It depends on the "
        "dealer's schedule, and no official labor time has been published."
    )


def _answer(intent: str, facts: CampaignFacts) -> str | None:
    answers = {
        "ask_what_wrong": f"Safety Recall {facts.code} (NHTSA {facts.nhtsa_campaign}): {facts.defect_summary} "
        f"{facts.consequence}",
        "ask_safe_to_drive": f"Watch for the warning sign: {facts.warning_sign}. If you notice it, stop when "
        "it is safe and do not drive the vehicle if the pedal does not return; call your "
        "dealer. The best protection is to have the free remedy done soon.",
        "ask_remedy": facts.remedy,
        "ask_cost": f"It's free. {facts.remedy}",
        "ask_what_to_bring": f"What to bring: {replies.DEALER_WILL_CONFIRM}. Having your recall letter or "
        "VIN with you helps the service desk find your vehicle's record.",
        "had_clips_fixed": facts.related_recalls,
        "sold_car": "Thanks for telling us. If you no longer own the vehicle, this recall needs nothing from "
        f"you. Please call the Lexus customer line at {facts.customer_line} so the records can "
        "be updated.",
        "wrong_details": "I can't change the name or address on the letter here; the Lexus customer line at "
        f"{facts.customer_line} can. The recall follows the vehicle, so you can still book "
        "the free remedy with your VIN.",
        "other_car": f"Recall {facts.code} covers {facts.model_years} {facts.models} vehicles, and whether a "
        "particular one is included depends on its VIN. Send the other vehicle's VIN and I'll "
        "check it.",
    }
    return answers.get(intent)


async def answer(turn: Turn) -> None:
    facts = await db(campaigns.facts, SERVED)
    text = await _duration(turn, facts) if turn.intent == "ask_duration" else _answer(turn.intent, facts)
    if text is None:
        return
    turn.say(text)
    if turn.intent == "other_car":
        turn.expect("vin", vin=None, dealer_code=None, appointment_id=None, pending=None)
        return
    if turn.intent in ("sold_car", "wrong_details"):
        turn.expect(None)
        return
    record = await current(turn)
    if record is None:
        turn.say("Want me to check your vehicle? Send your 17-character VIN.")
        turn.expect("vin")
    elif is_open(record) and turn.get("awaiting") in (None, "offer_booking"):
        turn.say("Would you like to book the free remedy now? (yes/no)")
        turn.expect("offer_booking")
