"""Issue 11: limits on strangers, counted in the recall database (bot.recall.quotas): bookings
per conversation, phone number and vehicle (cancelled ones included), escalations per
conversation and number, and one dealer text an hour per conversation; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.recall import escalations, quotas, scheduling
from bot.recall.db import unit_of_work
from bot.recall.errors import TooManyBookings
from bot.recall.models import Appointment, Escalation
from tests.helpers import stock, vins_with_status


@pytest.fixture
def slots(demo_db):
    """Free times at TX501, one a day, more than any limit needs."""
    return [s.start for s in scheduling.free_slots("TX501", limit=8, one_per_day=True)]


def _backdate(model, column: str, by: timedelta) -> None:
    """Moves a time of every row back, as if it had happened that much earlier."""
    with unit_of_work(write=True) as s:
        for row in s.execute(select(model)).unique().scalars():
            if getattr(row, column) is not None:
                setattr(row, column, getattr(row, column) - by)


def _refused(vin: str, start, conversation_id: str | None, channel: str = "chat") -> str:
    """Books, expecting a refusal; returns its scope after checking that nothing changed."""
    before = (scheduling.list_appointments(), stock("TX501"))
    with pytest.raises(TooManyBookings) as refused:
        scheduling.book(vin, "TX501", start, channel=channel, conversation_id=conversation_id)
    assert (scheduling.list_appointments(), stock("TX501")) == before
    return refused.value.scope


def test_one_conversation_makes_three_appointments_a_day(slots):
    vins = vins_with_status("open")
    kept = scheduling.book(vins[0], "TX501", slots[0], channel="chat", conversation_id="web:script")
    for vin, start in zip(vins[1:3], slots[1:3], strict=True):  # booked and cancelled: churn counts too
        scheduling.cancel(scheduling.book(vin, "TX501", start, channel="chat", conversation_id="web:script").id)
    assert scheduling.booking_refusal(vins[3], "web:script") == "conversation"
    assert _refused(vins[3], slots[3], "web:script") == "conversation"
    assert scheduling.booked_for_vin(vins[0]) == kept  # what the owner had stays as it was
    assert scheduling.book(vins[3], "TX501", slots[3], channel="chat", conversation_id="web:other").status == "booked"
    _backdate(Appointment, "created_at", quotas.BOOKINGS_PER_CONVERSATION.per)
    assert scheduling.booking_refusal(vins[4], "web:script") is None
    assert scheduling.book(vins[4], "TX501", slots[4], channel="chat", conversation_id="web:script").status == "booked"


def test_a_numbers_texts_and_calls_count_together(slots):
    vins = vins_with_status("open")
    threads = [("sms", "sms:+12145550142"), ("voice", "voice:+12145550142"), ("sms", "sms:+12145550142")]
    for vin, start, (channel, thread) in zip(vins[:3], slots[:3], threads, strict=True):
        scheduling.cancel(scheduling.book(vin, "TX501", start, channel=channel, conversation_id=thread).id)
    assert _refused(vins[3], slots[3], "voice:+12145550142", channel="voice") == "phone"
    assert scheduling.book(vins[3], "TX501", slots[3], channel="sms", conversation_id="sms:+12145550143")


def test_one_vehicle_is_booked_three_times_a_day_whoever_asks_but_staff_always_can(slots):
    vin = vins_with_status("open")[0]
    for n, start in enumerate(slots[:3]):
        scheduling.cancel(scheduling.book(vin, "TX501", start, channel="chat", conversation_id=f"web:n{n}").id)
    assert _refused(vin, slots[3], "web:fresh") == "vehicle"
    assert _refused(vin, slots[3], None, channel="sms") == "vehicle"  # no conversation named: still counted
    staff = scheduling.book(vin, "TX501", slots[3], channel="staff", actor="staff:ann")
    assert staff.status == "booked"
    scheduling.cancel(staff.id, dealer_code="TX501")
    _backdate(Appointment, "created_at", quotas.BOOKINGS_PER_VEHICLE.per)
    assert scheduling.book(vin, "TX501", slots[4], channel="chat", conversation_id="web:fresh").status == "booked"


def _hand_off(
    conversation_id: str, dealer_code: str | None = "IL301", reason: str = "requested_person"
) -> escalations.OwnerEscalation:
    return escalations.open_for(
        conversation_id, channel="chat", reason=reason, chosen_dealer=dealer_code, summary="a person please"
    )


def test_another_reason_within_the_hour_is_texted_to_the_dealer(demo_db):
    """One text an hour per conversation *for the same reason*: a safety report after a request
    for a person is news the dealer must get."""
    assert _hand_off("web:worried").alert_dealer
    assert not _hand_off("web:worried").alert_dealer  # the same reason again: no second text
    assert _hand_off("web:worried", reason="warning_sign").alert_dealer


def _escalations(*conversation_ids: str) -> list[escalations.EscalationInfo]:
    return [e for e in escalations.list_escalations() if e.conversation_id in conversation_ids]


def test_three_escalations_a_day_per_conversation_and_one_dealer_text_an_hour(demo_db):
    opened = [_hand_off("web:loud") for _ in range(3)]
    assert [o.alert_dealer for o in opened] == [True, False, False]
    assert _hand_off("web:loud").escalation is None
    assert len(_escalations("web:loud")) == 3
    other = _hand_off("web:quiet")  # another conversation: its own escalation and its own text
    assert other.escalation and other.alert_dealer
    _backdate(Escalation, "dealer_alerted_at", quotas.DEALER_ALERTS_PER_CONVERSATION.per)
    _backdate(Escalation, "created_at", quotas.ESCALATIONS_PER_CONVERSATION.per)
    again = _hand_off("web:loud")
    assert again.escalation and again.alert_dealer and len(_escalations("web:loud")) == 4


def test_a_numbers_texts_and_calls_share_the_escalations_and_the_dealer_text(demo_db):
    assert _hand_off("sms:+13125550160").alert_dealer
    assert not _hand_off("voice:+13125550160").alert_dealer  # same number, same hour: no second text
    assert _hand_off("voice:+13125550160").escalation
    assert _hand_off("sms:+13125550160").escalation is None
    assert len(_escalations("sms:+13125550160", "voice:+13125550160")) == 3
    assert _hand_off("sms:+13125550161").alert_dealer


def test_without_a_dealer_nobody_is_texted_and_a_later_dealer_still_is(demo_db):
    assert not _hand_off("web:nowhere", dealer_code=None).alert_dealer
    assert _hand_off("web:nowhere").alert_dealer
