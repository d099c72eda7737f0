"""Handing a conversation to dealer staff: when, to which dealer, what the owner is told.

An escalation is recorded (reason, priority, the owner's words, the transcript), the dealer's
escalation contact gets a short text with a link to it in the console, and the conversation is
paused: Rasa answers nothing more until staff hand it back (a `resume` event through its HTTP API).
So that a script cannot flood the queue or the dealer's phone, escalations per conversation and
texts per conversation are limited (bot.recall.quotas). Which dealer gets the escalation is the
service's rule (escalations.open_for, bot.recall.routing); this module keeps what the owner is told.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from datetime import datetime, timezone

from rasa_sdk.events import ActionExecuted, ConversationPaused

from actions import remedy, replies
from actions.state import Pending
from actions.turn import Turn, db
from actions.vehicle import check_vin, current_or_ask, is_open, vin_in_message
from bot import config, geo
from bot.channels.twilio_rest import TwilioSender
from bot.messages import msg, render
from bot.messages.values import Characters, day
from bot.recall import campaigns, escalations, vehicles
from bot.recall.records import DealerInfo, EscalationInfo
from bot.recall.vocab import SERVED
from bot.understand import questions
from bot.understand.tone import is_complaint, is_frustrated, is_legal  # noqa: F401 - read by actions.actions
from bot.vin import validate

logger = logging.getLogger(__name__)


def _zip_given(turn: Turn) -> str | None:
    """The latest ZIP code the owner typed in this conversation (this message included)."""
    for event in reversed(turn.tracker.events):
        if event.get("event") == "user":
            found = geo.ZIP.search(event.get("text") or "")
            if found:
                return found.group(1)
    return None


async def handoff(turn: Turn, *, reason: str = "requested_person", priority: str = "normal") -> None:
    transcript = [
        {"event": e.get("event"), "text": e.get("text"), "timestamp": e.get("timestamp")}
        for e in turn.tracker.events
        if e.get("event") in ("user", "bot") and e.get("text")
    ][-30:]
    # Which vehicle and dealer, then the escalation: one unit of work (bot.recall.routing).
    opened = await db(
        escalations.open_for,
        turn.conversation_id,
        channel=turn.channel,
        reason=reason,
        priority=priority,
        vin=turn.get("vin"),
        phone=turn.caller_phone,
        chosen_dealer=turn.get("dealer_code"),
        zip_typed=_zip_given(turn),
        summary=turn.text[:500],
        transcript=transcript,
    )
    dealer = opened.dealer
    if opened.escalation is None:
        # Today's hand-offs were had (bot.recall.quotas): nothing new for staff, no text, no pause
        # (the earlier escalations are in the queue; a paused bot would leave the owner in silence).
        turn.say(replies.already_with_a_person(dealer))
        turn.expect(None, misses=0, handoff_reason=None, pending=None)
        return
    esc = opened.escalation
    if dealer and opened.alert_dealer:  # at most one text an hour about one conversation
        _alert_dealer(dealer, esc)
    intro = replies.HANDOFF_INTROS.get(reason, replies.HANDOFF_INTROS["requested_person"])
    now = datetime.now(timezone.utc)
    if turn.channel == "voice" and dealer and dealer.open_at(now):
        # On a call during opening hours: put the caller straight through (the channel <Dial>s).
        turn.say(intro, msg("handoff.connecting", dealer=dealer.name))
        turn.dispatcher.utter_message(json_message={"dial": dealer.escalation_phone})
    else:
        turn.say(intro, replies.staff_will_answer(dealer, turn.channel, now))
    turn.expect(None, misses=0, handoff_reason=None, pending=None)
    if turn.channel != "voice":
        # Staff answer in this thread now: Rasa stays silent until they hand back. action_listen
        # ends the turn as Rasa ends any other, so the rules read the next message after the
        # hand-back as usual. Calls are not paused: a caller on the line (or calling again
        # later) would be met with silence.
        turn.add_events(ConversationPaused(), ActionExecuted("action_listen"))


# What the safety instruction (and the record or explanation) of an emergency already says.
SAID_IN_AN_EMERGENCY = frozenset({"ask_what_wrong", "ask_safe_to_drive", "floor_mats"})


async def warning_sign(turn: Turn) -> None:
    """The pedal sticks, the car won't slow down, an accident, a fire: safety instruction first,
    then an urgent hand-off."""
    turn.say("safety.instruction")
    await _safety_escalation(turn, "warning_sign", explain="ask_what_wrong" in questions.asked(turn.text))


async def incident_reported(turn: Turn) -> None:
    """The pedal stuck today or yesterday and it is over ("I'm home now, what should I do?",
    bot.understand.emergency.assess): no call-911 instruction, but a pedal that sticks is a safety
    escalation (../shared/domain/blc-recall.md: not to drive it if the pedal does not return, and a
    person at once), so an urgent hand-off, not a booking; what happened is what the recall is about."""
    turn.say("safety.incident_over")
    await _safety_escalation(turn, "pedal_sticks", explain=True)


async def _safety_escalation(turn: Turn, reason: str, *, explain: bool) -> None:
    """After the safety words: the record of a VIN in the message (and the vehicle for the dealer
    who answers), else the recall explained if `explain`; the message's other questions ("...is it
    free? how soon can they fix it?"); then an urgent hand-off."""
    raw = vin_in_message(turn)
    if raw and validate(raw).valid:
        await check_vin(turn, raw)
    elif explain:
        what = remedy.answer_for("ask_what_wrong", await db(campaigns.facts, SERVED))
        if what is not None:
            turn.say(what)
    extra = await remedy.also_answer(turn, skip=SAID_IN_AN_EMERGENCY)
    if extra is not None:
        turn.say(extra)
    await handoff(turn, reason=reason, priority="urgent")


async def complaint(turn: Turn) -> None:
    """Anger, profanity or legal words: a person, at high priority."""
    await handoff(turn, reason="complaint", priority="high")


async def other_question(turn: Turn) -> None:
    """Other repairs, warranty, costs other than this free remedy: only the dealer can answer. A
    loaner or a ride is said to be the dealer's first (the remedy itself is free, which is often
    what the owner needs to know)."""
    if "ask_loaner" in questions.asked(turn.text):
        turn.say("remedy.dealer_will_say")
    await handoff(turn, reason="question")


async def disputed_record(turn: Turn) -> None:
    """ "It was already done": the record is checked first; an open one goes to the dealer to sort out."""
    raw = vin_in_message(turn)
    checked = validate(raw) if raw else None
    if checked is not None and checked.valid and checked.vin != turn.get("vin"):
        # "fixed already, JTJ...": that vehicle's record (a VIN not on the list gets that answer)
        if not (found := await db(vehicles.lookup, checked.vin)) or found.status_in(SERVED) is None:
            await check_vin(turn, raw)
            return
        turn.set("vin", found.vin)
    record = await current_or_ask(turn, Pending.DISPUTE)
    if record is None:
        return  # asked which vehicle; dialogue.vin_given comes back here once it is known
    status = record.status_in(SERVED)
    if not is_open(record):
        done = msg("vin.remedied_on", date=day(status.remedied_at)) if status and status.remedied_at else ""
        turn.say("dispute.records_agree", code=SERVED, tail=Characters(record.vin[-6:]), on=done)
        turn.expect(None, pending=None)
        return
    facts = await db(campaigns.facts, SERVED)
    turn.say("dispute.still_open", code=facts.code, tail=Characters(record.vin[-6:]), related=facts.related_recalls)
    await handoff(turn, reason="disputed_record")


# --- the text to the dealer's escalation contact --------------------------------------------------
_sending: set[asyncio.Task] = set()  # referenced until done, so a pending text is never garbage-collected


@functools.cache
def _twilio() -> TwilioSender:
    return TwilioSender()  # one client (and HTTP connection pool) for the action server's lifetime


def _alert_dealer(dealer: DealerInfo, esc: EscalationInfo) -> None:
    """Texts the dealer's escalation contact in the background: the owner's reply never waits on Twilio."""
    sender = _twilio()
    if not sender.configured:
        logger.warning(
            "escalation #%s: Twilio is not configured, %s (%s) not texted", esc.id, dealer.code, dealer.escalation_name
        )
        return
    # The dealer's staff read English (the console's language), whatever the owner's.
    body = render(replies.dealer_alert(esc, f"{config.console_url()}/escalations/{esc.id}"))
    task = asyncio.get_running_loop().create_task(_send(sender, dealer.escalation_phone, body, esc.id))
    _sending.add(task)
    task.add_done_callback(_sending.discard)


async def _send(sender: TwilioSender, phone: str, body: str, escalation_id: int) -> None:
    try:
        if await sender.send(phone, body) is None:
            logger.error("escalation #%s: the alert to %s was not sent", escalation_id, phone)
    except Exception:  # a background task: nobody else would ever see the error
        logger.exception("escalation #%s: the alert to %s failed", escalation_id, phone)
