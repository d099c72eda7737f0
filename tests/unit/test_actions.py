"""Custom actions called directly with a tracker, against a real (SQLite) recall database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import actions
from bot.recall import campaigns, escalations, scheduling
from tests.helpers import vins_with_status


def tracker(
    text: str,
    intent: str,
    slots: dict | None = None,
    entities: list | None = None,
    sender: str = "test-owner",
    channel: str = "rest",
    earlier: list[str] = (),
    metadata: dict | None = None,
    confidence: float = 0.99,
    ranking: list[tuple[str, float]] = (),
) -> Tracker:
    """The tracker an action gets for this message; `earlier` are the owner's previous messages;
    `ranking` the classifier's other readings (after the one given)."""
    ranked = [{"name": intent, "confidence": confidence}, *({"name": n, "confidence": c} for n, c in ranking)]
    return Tracker(
        sender_id=sender,
        slots=slots or {},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranked,
            "entities": entities or [],
        },
        events=[
            {"event": "user", "text": t, "input_channel": channel, "metadata": metadata or {}} for t in (*earlier, text)
        ],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


async def run(action_cls, t: Tracker) -> tuple[list[str], dict]:
    dispatcher = CollectingDispatcher()
    events = await action_cls().run(dispatcher, t, {})
    return [m["text"] for m in dispatcher.messages], {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def test_an_open_vin_is_explained_and_remembered(demo):
    vin = vins_with_status("open", "TX501")[0]
    texts, slots = await run(actions.ActionCheckVin, tracker(vin.lower(), "provide_vin"))
    assert "has Safety Recall BLC open" in texts[0]
    assert campaigns.facts().defect_summary in texts[0]
    assert slots["vin"] == vin and slots["dealer_code"] == "TX501" and slots["awaiting"] == "offer_booking"


async def test_an_invalid_vin_says_what_is_wrong_and_counts(demo):
    texts, slots = await run(
        actions.ActionCheckVin,
        tracker("my vin is JTJHA31U74001234", "provide_vin", entities=[{"entity": "vin", "value": "JTJHA31U74001234"}]),
    )
    assert "A VIN has 17 characters; you sent 16." in texts[0]
    assert slots["vin_failures"] == 1 and slots["awaiting"] == "vin"
    texts, slots = await run(actions.ActionCheckVin, tracker("JTJHA31U74001234", "provide_vin", {"vin_failures": 2}))
    assert "person from the dealership" in texts[0] and slots["awaiting"] == "handoff_offer"


async def test_duration_is_the_dealers_estimate_or_unknown(demo):
    texts, _ = await run(actions.ActionAnswerQuestion, tracker("how long", "ask_duration", {"dealer_code": "FL201"}))
    assert "Gulf Breeze Lexus (demo) estimates" in texts[0] and "90 minutes" in texts[0]
    texts, _ = await run(actions.ActionAnswerQuestion, tracker("how long", "ask_duration", {"dealer_code": "GA202"}))
    assert "your dealer will confirm" in texts[0]


async def test_choosing_an_offered_slot_books_it(demo):
    vin = vins_with_status("open", "AZ601")[0]
    slot = scheduling.free_slots("AZ601", limit=3, one_per_day=True)[1]
    offered = [s.start.isoformat() for s in scheduling.free_slots("AZ601", limit=3, one_per_day=True)]
    texts, slots = await run(
        actions.ActionInContext,
        tracker(
            "2", "choose_option", {"vin": vin, "dealer_code": "AZ601", "awaiting": "slot", "offered_slots": offered}
        ),
    )
    [appt] = scheduling.list_appointments(vin=vin)
    assert appt.start == slot.start and appt.dealer_code == "AZ601"
    assert "You're booked" in texts[0] and "MST" in texts[0]  # Phoenix keeps standard time
    assert slots["appointment_id"] == appt.id and slots["verified_vins"] == [vin]


async def test_a_slot_taken_meanwhile_gets_fresh_offers(demo):
    vins = vins_with_status("open", "AZ601")
    slot = scheduling.free_slots("AZ601")[0]  # one seat per slot at this dealer
    scheduling.book(vins[1], "AZ601", slot.start, channel="sms")
    texts, slots = await run(
        actions.ActionInContext,
        tracker(
            "1",
            "choose_option",
            {"vin": vins[0], "dealer_code": "AZ601", "awaiting": "slot", "offered_slots": [slot.start.isoformat()]},
        ),
    )
    assert texts[0] == "Sorry, that time was just taken." and "1)" in texts[1]
    assert datetime.fromisoformat(slots["offered_slots"][0]) != slot.start
    assert scheduling.booked_for_vin(vins[0]) is None


async def test_a_dealer_waiting_for_parts_offers_times_after_they_arrive(demo):
    """CA402 has no repair kit: the owner hears why the first times are days away, no invented date."""
    vin = vins_with_status("open", "CA402")[0]
    texts, slots = await run(
        actions.ActionBook, tracker("book", "book_appointment", {"vin": vin, "dealer_code": "CA402"})
    )
    assert texts[0].startswith(
        "Bay Area Lexus (demo) in San Jose is waiting for repair parts, so these first "
        "open times are after the parts arrive:"
    )
    offered = [datetime.fromisoformat(s) for s in slots["offered_slots"]]
    assert len(offered) == 3 and min(offered) >= datetime.now(timezone.utc) + timedelta(days=5)
    texts, _ = await run(
        actions.ActionInContext,
        tracker(
            "tomorrow",
            "give_time",
            {"vin": vin, "dealer_code": "CA402", "awaiting": "slot", "offered_slots": slots["offered_slots"]},
        ),
    )
    assert texts[0].startswith("Bay Area Lexus (demo) has nothing open ")
    assert ". It is waiting for repair parts, so the next open times are after the parts arrive:" in texts[0]


async def test_a_time_the_parts_can_no_longer_reach_gets_fresh_offers(demo):
    """Offered while a kit was free; another owner took it before this owner chose."""
    vins = vins_with_status("open")
    soon = scheduling.free_slots("GA202", limit=3)  # GA202 has two kits
    for vin, slot in zip(vins[1:3], soon[1:3], strict=True):
        scheduling.book(vin, "GA202", slot.start, channel="sms")
    texts, slots = await run(
        actions.ActionInContext,
        tracker(
            "1",
            "choose_option",
            {"vin": vins[0], "dealer_code": "GA202", "awaiting": "slot", "offered_slots": [soon[0].start.isoformat()]},
        ),
    )
    assert texts[0] == "Sorry, Peachtree Lexus (demo) can no longer have the repair parts ready by that time."
    assert "after the parts arrive" in texts[1] and "1)" in texts[1]
    assert datetime.fromisoformat(slots["offered_slots"][0]) > soon[0].start
    assert scheduling.booked_for_vin(vins[0]) is None


async def test_asking_for_a_person_records_an_escalation(demo):
    texts, _ = await run(
        actions.ActionHandoff,
        tracker("can a person call me", "human_handoff", {"dealer_code": "IL301"}, sender="+13125550100"),
    )
    assert "Lakeshore Lexus (demo)" in texts[0]
    [esc] = escalations.list_escalations()
    assert (esc.conversation_id, esc.dealer_code, esc.reason, esc.priority) == (
        "+13125550100",
        "IL301",
        "requested_person",
        "normal",
    )


async def test_the_owners_phone_number_may_see_the_appointment(demo):
    vin = vins_with_status("open", "TX501")[0]
    slot = scheduling.free_slots("TX501")[0]
    scheduling.book(vin, "TX501", slot.start, channel="sms")
    from bot.recall import vehicles

    phone = vehicles.lookup(vin).owner_phone
    texts, _ = await run(
        actions.ActionAppointmentStatus,
        tracker("when is my appt", "appointment_status", {"vin": vin}, sender=f"sms:{phone}", channel="twilio"),
    )
    assert "Your appointment" in texts[0]
    texts, slots = await run(
        actions.ActionAppointmentStatus,
        tracker("when is my appt", "appointment_status", {"vin": vin}, sender="+19995550100"),
    )
    assert "last name" in texts[0] and slots["awaiting"] == "identity"


async def test_a_database_outage_gets_a_polite_answer(monkeypatch):
    monkeypatch.setenv("RECALLBOT_DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:1/none")
    texts, slots = await run(actions.ActionCheckVin, tracker("JTJHA31U740012345", "provide_vin"))
    assert texts == [
        "Sorry, I can't reach the recall records right now. Please try again in a minute; nothing you sent was lost."
    ]
    assert slots == {}
