"""An opt-out in plain words on a call or in web chat (actions.contact): recorded only for a
number the channel proves, confirmed, and whatever intent the classifier picked."""

from __future__ import annotations

import uuid

from actions import actions
from bot.recall import scheduling, sms
from tests.helpers import vins_with_status
from tests.unit.test_actions import run, tracker


def _tracker(text: str, sender: str, channel: str, verstat: str | None = None):
    """What the classifier made of it does not matter: "book", and the check comes first all the same."""
    return tracker(
        text, "book", sender=sender, channel=channel, metadata={"stir_verstat": verstat} if verstat else None
    )


async def test_an_attested_caller_who_says_stop_calling_me_is_opted_out(demo):
    phone = f"+1312555{uuid.uuid4().int % 10000:04d}"
    said, _ = await run(
        actions.ActionBook,  # what the classifier picked: the check comes first all the same
        _tracker("please stop calling and texting me", f"voice:{phone}", "twilio_voice", "TN-Validation-Passed-A"),
    )
    assert sms.is_opted_out(phone) and "no more texts" in said[0]


async def test_an_unattested_caller_or_a_web_chat_proves_no_number_and_nothing_is_recorded(demo):
    phone = f"+1312555{uuid.uuid4().int % 10000:04d}"
    said, _ = await run(
        actions.ActionBook,
        _tracker("take me off your list", f"voice:{phone}", "twilio_voice", "TN-Validation-Passed-B"),
    )
    assert not sms.is_opted_out(phone) and "reply STOP" in said[0]
    said, _ = await run(actions.ActionBook, _tracker("no more messages please", "web:x.y", "rest"))
    assert "reply STOP" in said[0]


async def test_an_emergency_beats_the_classifier_on_any_channel(demo):
    said, _ = await run(actions.ActionBook, _tracker("the car is speeding up by itself help", "web:x.y", "rest"))
    assert "call 911" in said[0]


async def test_cancel_my_appointment_and_stop_cancels_this_numbers_appointment_only(demo):
    base = uuid.uuid4().int % 9000
    phone, other, third = (f"+1312555{base + n:04d}" for n in range(3))
    mine, theirs = vins_with_status("open")[-2:]
    first, second = scheduling.free_slots("TX501")[:2]  # a seat each, whatever other tests booked
    scheduling.book(mine, "TX501", first.start, channel="sms", conversation_id=f"sms:{phone}")
    scheduling.book(theirs, "TX501", second.start, channel="sms", conversation_id=f"sms:{other}")
    text = "Cancel the appointment and stop calling me. I'll handle it myself."
    said, _ = await run(actions.ActionBook, _tracker(text, f"voice:{phone}", "twilio_voice", "TN-Validation-Passed-A"))
    assert sms.is_opted_out(phone) and "is cancelled" in " ".join(said)
    assert scheduling.booked_for_vin(mine) is None and scheduling.booked_for_vin(theirs) is not None
    said, _ = await run(actions.ActionBook, _tracker(text, f"voice:{third}", "twilio_voice", "TN-Validation-Passed-A"))
    assert "no appointment booked from this number" in " ".join(said)
