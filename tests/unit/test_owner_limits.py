"""Issue 11 through the actions, as the owner reads it: appointments change only for the
conversation's vehicle, the identity answer is short and counted across conversations, and
strangers are limited in bookings, escalations and texts to the dealer."""

from __future__ import annotations

import asyncio

from actions import actions, handoff, replies
from actions.booking import CHANGED_MEANWHILE
from bot.messages import render
from bot.recall import dealers, escalations, scheduling, vehicles
from tests.helpers import vins_with_status
from tests.sms_client import twilio_env
from tests.unit.test_actions import run, tracker
from tests.unit.test_handoff import act, paused


def _booked(vin: str, day: int, conversation_id: str = "web:earlier"):
    start = scheduling.free_slots("TX501", limit=day + 1, one_per_day=True)[day].start
    return scheduling.book(vin, "TX501", start, channel="chat", conversation_id=conversation_id)


async def test_confirming_a_cancel_never_cancels_another_vehicles_appointment(demo):
    mine, theirs = vins_with_status("open")[:2]
    _booked(mine, 0)
    their_appt = _booked(theirs, 1)
    texts, slots = await run(
        actions.ActionYesNo,
        tracker(
            "yes",
            "affirm",
            {"vin": mine, "verified_vins": [mine], "awaiting": "confirm_cancel", "appointment_id": their_appt.id},
        ),
    )
    assert texts == [render(CHANGED_MEANWHILE)] and slots["awaiting"] is None
    assert scheduling.booked_for_vin(theirs) == their_appt
    assert scheduling.booked_for_vin(mine).status == "booked"


async def test_choosing_a_new_time_never_moves_another_vehicles_appointment(demo):
    mine, theirs = vins_with_status("open")[:2]
    _booked(mine, 0)
    their_appt = _booked(theirs, 1)
    later = scheduling.free_slots("TX501", limit=3, one_per_day=True)[2]
    texts, slots = await run(
        actions.ActionInContext,
        tracker(
            "1",
            "choose_option",
            {
                "vin": mine,
                "verified_vins": [mine],
                "dealer_code": "TX501",
                "awaiting": "slot",
                "booking_mode": "reschedule",
                "appointment_id": their_appt.id,
                "offered_slots": [later.start.isoformat()],
            },
        ),
    )
    assert texts == [render(CHANGED_MEANWHILE)] and slots["appointment_id"] is None
    assert scheduling.booked_for_vin(theirs).start == their_appt.start


def _identity_turn(vin: str, answer: str, sender: str):
    return tracker(answer, "provide_location", {"vin": vin, "awaiting": "identity", "pending": "status"}, sender=sender)


async def test_a_message_stuffed_with_names_and_zip_codes_shows_nothing(demo):
    vin = vins_with_status("open")[0]
    appt = _booked(vin, 0)
    record = vehicles.lookup(vin)
    stuffed = f"smith jones garcia lee {record.owner_name.split()[-1]} 75201 60601 94105 {record.owner_zip}"
    texts, slots = await run(actions.ActionInContext, _identity_turn(vin, stuffed, "web:stuffer"))
    assert texts == [render(replies.IDENTITY_MISMATCH)]
    assert "verified_vins" not in slots and f"confirmation number {appt.id}" not in " ".join(texts)


async def test_three_wrong_answers_anywhere_lock_the_vehicle_and_offer_a_person(demo):
    vin = vins_with_status("open")[0]
    appt = _booked(vin, 0)
    record = vehicles.lookup(vin)
    right = f"{record.owner_name.split()[-1]} {record.owner_zip}"
    for n in (1, 2):  # each guesser opens a fresh conversation, as a script would
        texts, _ = await run(actions.ActionInContext, _identity_turn(vin, "Smithers 99999", f"web:guess{n}"))
        assert texts == [render(replies.IDENTITY_MISMATCH)]
    texts, slots = await run(actions.ActionInContext, _identity_turn(vin, "Smithers 99999", "web:guess3"))
    assert texts == [render(replies.IDENTITY_LAST_MISMATCH)]
    assert (slots["awaiting"], slots["handoff_reason"]) == ("handoff_offer", "identity_not_confirmed")
    # Now even the right answer, from a conversation that never guessed, is refused.
    texts, slots = await run(actions.ActionInContext, _identity_turn(vin, right, "web:owner"))
    assert texts == [render(replies.IDENTITY_LOCKED)] and "verified_vins" not in slots
    assert slots["awaiting"] == "handoff_offer" and str(appt.id) not in " ".join(texts)
    # Asking again elsewhere is not asked for the name at all; "yes" reaches a person.
    texts, slots = await run(
        actions.ActionAppointmentStatus,
        tracker("when is my appointment", "appointment_status", {"vin": vin}, sender="web:owner2"),
    )
    assert texts == [render(replies.IDENTITY_LOCKED)]
    texts, _ = await run(actions.ActionYesNo, tracker("yes", "affirm", slots, sender="web:owner2"))
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == "web:owner2"]
    assert esc.reason == "identity_not_confirmed" and texts[0].startswith("OK. I've passed your conversation")


async def test_a_fourth_booking_in_a_day_is_refused_politely_and_the_first_stays(demo):
    vins = vins_with_status("open")
    kept = _booked(vins[0], 0, "web:busy")
    for n, vin in enumerate(vins[1:3], 1):
        scheduling.cancel(_booked(vin, n, "web:busy").id)
    texts, slots = await run(
        actions.ActionBook,
        tracker("book", "book_appointment", {"vin": vins[3], "dealer_code": "TX501"}, sender="web:busy"),
    )
    dealer = dealers.get("TX501")
    assert texts == [render(replies.booking_refused("conversation", dealer))]
    assert "can't make another booking" in texts[0] and "(214) 555-0101" in texts[0]
    assert "offered_slots" not in slots
    assert scheduling.booked_for_vin(vins[0]) == kept and scheduling.booked_for_vin(vins[3]) is None


async def test_times_offered_before_the_limit_was_reached_are_not_booked(demo):
    vins = vins_with_status("open")
    offered = [s.start.isoformat() for s in scheduling.free_slots("TX501", limit=3, one_per_day=True)]
    for n, vin in enumerate(vins[1:4], 3):  # another of this number's threads made three meanwhile
        scheduling.cancel(_booked(vin, n, "voice:+12145550177").id)
    texts, _ = await run(
        actions.ActionInContext,
        tracker(
            "2",
            "choose_option",
            {"vin": vins[0], "dealer_code": "TX501", "awaiting": "slot", "offered_slots": offered},
            sender="sms:+12145550177",
            channel="twilio",
        ),
    )
    assert texts == [render(replies.booking_refused("phone", dealers.get("TX501")))]
    assert scheduling.booked_for_vin(vins[0]) is None


async def test_after_three_hand_offs_a_day_the_owner_hears_a_person_has_it(demo):
    for _ in range(3):
        await run(
            actions.ActionHandoff,
            tracker("a person please", "human_handoff", {"dealer_code": "IL301"}, sender="web:loud"),
        )
    said, events = await act(
        actions.ActionHandoff, tracker("a person please", "human_handoff", {"dealer_code": "IL301"}, sender="web:loud")
    )
    assert said == render(replies.already_with_a_person(dealers.get("IL301")))
    assert "already with the team at Lakeshore Lexus (demo)" in said and "(312) 555-0102" in said and "911" in said
    assert not paused(events)  # nobody new would answer a paused conversation
    assert len([e for e in escalations.list_escalations() if e.conversation_id == "web:loud"]) == 3


async def test_the_dealer_is_texted_once_an_hour_per_conversation(demo, recorder, monkeypatch):
    for name, value in twilio_env(recorder).items():
        monkeypatch.setenv(name, value)
    handoff._twilio.cache_clear()
    for sender in ("web:again", "web:again", "web:someone-else"):
        await run(
            actions.ActionHandoff, tracker("a person please", "human_handoff", {"dealer_code": "IL301"}, sender=sender)
        )
    await asyncio.gather(*list(handoff._sending))
    first, second, other = sorted(escalations.list_escalations(), key=lambda e: e.id)
    assert (first.conversation_id, second.conversation_id) == ("web:again", "web:again")  # both in the queue
    texted = recorder.to(dealers.get("IL301").escalation_phone)  # this module's only texts
    assert [f"#{first.id} " in t for t in texted] == [True, False] and f"#{other.id} " in texted[1]
    handoff._twilio.cache_clear()
