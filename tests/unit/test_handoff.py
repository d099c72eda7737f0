"""Handing a conversation to dealer staff: the triggers, the dealer chosen, what the owner is told."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import actions, replies
from actions.handoff import is_complaint
from bot.messages import render
from bot.recall import campaigns, escalations, scheduling, vehicles
from bot.recall.records import DealerInfo, OpeningHours
from tests.helpers import vins_with_status
from tests.unit.test_actions import tracker

CHICAGO = ZoneInfo("America/Chicago")
WEEKDAYS_7_TO_6 = tuple(OpeningHours(d, time(7), time(18)) for d in range(5))
DEALER = DealerInfo(
    code="TX501",
    name="Preston Lexus (demo)",
    address="5000 Belt Line Rd",
    city="Dallas",
    state="TX",
    zip="75254",
    timezone="America/Chicago",
    phone="+12145550101",
    escalation_name="Dana Ruiz",
    escalation_phone="+12145550111",
    repair_estimate_minutes=60,
    hours=(*WEEKDAYS_7_TO_6, OpeningHours(5, time(8), time(14))),
)


@pytest.mark.parametrize(
    "text",
    [
        "this is bs, I'll call my lawyer",
        "my attorney will be in touch",
        "I'm going to sue Lexus",
        "we are suing",
        "I want to file a complaint",
        "wtf",
        "This is UNACCEPTABLE",
        "i’ll sue",
        "reporting you to the BBB",
        "absolute bullshit",
    ],
)
def test_legal_words_anger_and_profanity_are_complaints(text):
    assert is_complaint(text)


@pytest.mark.parametrize(
    "text",
    [
        "I live in Sussex",
        "my wife Sue drives it",
        "dropping it at Sue's place",
        "the abs light is on",
        "can I scrap the old clips",
        "hell no",
        "what is the recall about",
        "classes start at 9",
        "assess it",
    ],
)
def test_ordinary_words_are_not_complaints(text):
    assert not is_complaint(text)


@pytest.mark.parametrize(
    "local, expected",
    [
        (datetime(2025, 12, 2, 10, 0), "shortly, today before 6:00 PM CST"),  # Tuesday, open
        (datetime(2025, 12, 2, 5, 30), "when they open today at 7:00 AM CST"),  # before opening
        (datetime(2025, 12, 2, 17, 45), "when they open tomorrow at 7:00 AM CST"),  # too close to closing
        (datetime(2025, 12, 2, 19, 0), "when they open tomorrow at 7:00 AM CST"),  # after closing
        (datetime(2025, 12, 5, 18, 0), "when they open tomorrow at 8:00 AM CST"),  # Friday evening: Saturday
        (datetime(2025, 12, 6, 15, 0), "when they open Monday at 7:00 AM CST"),  # Saturday afternoon
        (datetime(2025, 12, 7, 11, 0), "when they open tomorrow at 7:00 AM CST"),  # Sunday
        (datetime(2025, 7, 1, 10, 0), "shortly, today before 6:00 PM CDT"),  # summer time
    ],
)
def test_staff_reply_time_honors_the_dealers_hours(local, expected):
    assert render(replies.staff_reply_time(DEALER, local.replace(tzinfo=CHICAGO))) == expected


def test_staff_reply_time_is_read_in_the_dealers_time_zone():
    utc_now = datetime(2025, 12, 2, 3, 0, tzinfo=ZoneInfo("UTC"))  # Monday 9 PM in Dallas
    assert render(replies.staff_reply_time(DEALER, utc_now)) == "when they open tomorrow at 7:00 AM CST"
    assert DEALER.next_opening(utc_now.astimezone(CHICAGO)) == datetime(2025, 12, 2, 7, tzinfo=CHICAGO)


def test_no_opening_hours_means_no_promised_time():
    closed = replace(DEALER, hours=())
    now = datetime(2025, 12, 2, 10, tzinfo=CHICAGO)
    assert closed.next_opening(now) is None and replies.staff_reply_time(closed, now) is None
    assert render(replies.staff_will_answer(closed, "chat", now)) == (
        "A service advisor at Preston Lexus (demo) will contact you. The dealer's phone is (214) 555-0101."
    )


def test_who_and_when_the_owner_is_told():
    now = datetime(2025, 12, 6, 15, tzinfo=CHICAGO)
    assert render(replies.staff_will_answer(DEALER, "sms", now)) == (
        "A service advisor at Preston Lexus (demo) will text you back when they open Monday at 7:00 AM CST, "
        "right here in this text thread. The dealer's phone is (214) 555-0101."
    )
    assert render(replies.staff_will_answer(None, "sms", now)) == (
        "A member of the Lexus dealer team will text you back, right here in this text thread."
    )
    assert render(replies.staff_will_answer(None, "chat", now)) == "A member of the Lexus dealer team will contact you."


def test_the_dealer_alert_is_short_and_carries_no_owner_details(demo):
    vin = vins_with_status("open", "TX501")[0]
    esc = escalations.create(
        "+12145550100",
        channel="sms",
        reason="warning_sign",
        priority="urgent",
        dealer_code="TX501",
        vin=vin,
        summary="pedal stuck",
    )
    text = render(replies.dealer_alert(esc, f"https://console.example/escalations/{esc.id}"))
    assert text == (
        f"Lexus recall BLC: URGENT escalation #{esc.id} from an owner (SMS, pedal/warning sign). "
        f"Open: https://console.example/escalations/{esc.id}"
    )
    assert len(text) <= 160 and "+1214" not in text and vin[-6:] not in text


async def act(action_cls, t):
    dispatcher = CollectingDispatcher()
    events = await action_cls().run(dispatcher, t, {})
    return " ".join(m.get("text") or "" for m in dispatcher.messages), events


def only_escalation(conversation_id: str):
    [esc] = [e for e in escalations.list_escalations() if e.conversation_id == conversation_id]
    return esc


def paused(events) -> bool:
    return [e["event"] for e in events][-2:] == ["pause", "action"]


async def test_a_booked_appointment_decides_the_dealer(demo, caplog):
    vin = vins_with_status("open", "TX501")[0]
    scheduling.book(vin, "AZ601", scheduling.free_slots("AZ601")[0].start, channel="chat")
    said, events = await act(
        actions.ActionHandoff,
        tracker("a person please", "human_handoff", {"vin": vin, "dealer_code": "CA401"}, sender="c1"),
    )
    assert only_escalation("c1").dealer_code == "AZ601" and "Desert Sun Lexus (demo)" in said
    assert paused(events)
    assert "Twilio is not configured, AZ601 (Maya Chen) not texted" in caplog.text  # logged, and carried on


async def test_then_the_vehicles_last_servicing_dealer_then_the_one_chosen(demo):
    vin = vins_with_status("open", "TX501")[0]
    await act(
        actions.ActionHandoff,
        tracker("a person please", "human_handoff", {"vin": vin, "dealer_code": "CA401"}, sender="c2"),
    )
    assert only_escalation("c2").dealer_code == "TX501"
    await act(actions.ActionHandoff, tracker("a person please", "human_handoff", {"dealer_code": "CA401"}, sender="c3"))
    assert only_escalation("c3").dealer_code == "CA401"


async def test_the_owners_number_on_file_identifies_the_vehicle(demo):
    vin = vins_with_status("open", "IL301")[0]
    phone = vehicles.lookup(vin).owner_phone
    await act(actions.ActionHandoff, tracker("call me", "human_handoff", sender=f"sms:{phone}", channel="twilio"))
    esc = only_escalation(f"sms:{phone}")
    assert (esc.dealer_code, esc.channel) == ("IL301", "sms")


async def test_then_the_nearest_dealer_to_a_zip_code_else_the_admin_queue(demo):
    said, _ = await act(
        actions.ActionHandoff,
        tracker("can someone call me", "human_handoff", sender="c4", earlier=["hi", "I'm in LA, 90025"]),
    )
    assert only_escalation("c4").dealer_code == "CA401" and "Pacific Coast Lexus (demo)" in said
    said, events = await act(actions.ActionHandoff, tracker("can someone call me", "human_handoff", sender="c5"))
    assert only_escalation("c5").dealer_code is None
    assert "A member of the Lexus dealer team will contact you." in said and paused(events)


@pytest.mark.parametrize(
    "intent, action",
    [
        ("out_of_scope", actions.ActionSmallTalk),
        ("goodbye", actions.ActionSmallTalk),
        ("book_appointment", actions.ActionBook),
        ("human_handoff", actions.ActionHandoff),
        ("complain", actions.ActionComplaint),
    ],
)
async def test_anger_or_legal_words_escalate_as_a_complaint_whatever_the_intent(demo, intent, action):
    said, events = await act(action, tracker("this is bs, I'll call my lawyer", intent, sender=f"angry-{intent}"))
    esc = only_escalation(f"angry-{intent}")
    assert (esc.reason, esc.priority, esc.summary) == ("complaint", "high", "this is bs, I'll call my lawyer")
    assert said.startswith("I'm sorry about this.") and paused(events)


async def test_a_safety_report_stays_urgent_and_comes_with_the_safety_instruction(demo):
    said, _ = await act(
        actions.ActionWarningSign,
        tracker("wtf the car won't slow down", "report_warning_sign", {"dealer_code": "CO701"}, sender="pedal"),
    )
    assert said.index("call 911") < said.index("do not drive") < said.index("Front Range Lexus (demo)")
    esc = only_escalation("pedal")
    assert (esc.reason, esc.priority) == ("warning_sign", "urgent")


async def test_two_misses_in_a_row_go_to_a_person(demo):
    said, events = await act(actions.ActionInContext, tracker("blorf", "nlu_fallback", sender="m1"))
    assert "didn't catch" in said and {"name": "misses", "value": 1} in [
        {"name": e.get("name"), "value": e.get("value")} for e in events
    ]
    said, events = await act(actions.ActionInContext, tracker("wibble", "nlu_fallback", {"misses": 1}, sender="m1"))
    assert "still not following" in said and paused(events)
    assert (only_escalation("m1").reason, only_escalation("m1").priority) == ("not_understood", "normal")


async def test_an_understood_turn_starts_the_count_again(demo):
    _, events = await act(actions.ActionAnswerQuestion, tracker("is it free", "ask_cost", {"misses": 1}))
    assert {"event": "slot", "name": "misses", "value": 0} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


async def test_other_repairs_and_warranty_go_to_the_dealer(demo):
    said, events = await act(
        actions.ActionOtherQuestion, tracker("is my transmission under warranty", "ask_other_service", sender="q1")
    )
    assert (only_escalation("q1").reason, only_escalation("q1").priority) == ("question", "normal")
    assert said.startswith("I can only answer questions about Safety Recall BLC") and paused(events)


async def test_a_disputed_open_record_goes_to_the_dealer(demo):
    vin = vins_with_status("open", "NY101")[0]
    said, events = await act(
        actions.ActionDisputedRecord,
        tracker("the dealer already fixed this", "dispute_record", {"vin": vin}, sender="d1"),
    )
    assert f"still show Safety Recall BLC open on the VIN ending {vin[-6:]}" in said
    assert campaigns.facts("BLC").related_recalls in said and "Hudson Lexus (demo)" in said
    esc = only_escalation("d1")
    assert (esc.reason, esc.priority, esc.dealer_code) == ("disputed_record", "normal", "NY101")


async def test_a_record_already_remedied_needs_no_person(demo):
    vin = vins_with_status("remedied")[0]
    said, events = await act(
        actions.ActionDisputedRecord, tracker("it was already done", "dispute_record", {"vin": vin}, sender="d2")
    )
    assert "Our records agree" in said and not paused(events)
    assert [e for e in escalations.list_escalations() if e.conversation_id == "d2"] == []


async def test_a_dispute_without_a_vin_asks_for_it_then_escalates(demo):
    said, events = await act(actions.ActionDisputedRecord, tracker("already done", "dispute_record", sender="d3"))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert "VIN" in said and (slots["awaiting"], slots["pending"]) == ("vin", "dispute")
    vin = vins_with_status("open")[0]
    said, events = await act(actions.ActionCheckVin, tracker(vin, "provide_vin", slots, sender="d3"))
    assert only_escalation("d3").reason == "disputed_record" and paused(events)


async def test_a_caller_is_not_paused(demo, monkeypatch):
    monkeypatch.setattr(DealerInfo, "open_at", lambda dealer, now: False)
    said, events = await act(
        actions.ActionHandoff,
        tracker(
            "person", "human_handoff", {"dealer_code": "IL301"}, sender="voice:+13125550199", channel="twilio_voice"
        ),
    )
    assert "will contact you" in said and not paused(events)
    assert only_escalation("voice:+13125550199").channel == "voice"
