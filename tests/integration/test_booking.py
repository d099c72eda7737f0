"""Booking, rescheduling and cancelling against the real database rules, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from bot.recall import scheduling
from bot.recall.db import unit_of_work
from bot.recall.errors import AlreadyBooked, NoPartsKit, NotBookable, NotEligible, SlotFull
from bot.recall.models import AppointmentSlot, AuditEntry, PartsStock
from tests.helpers import schedule_starts, slot_booked, stock, vins_with_status


def test_free_slots_are_future_times_inside_the_dealers_hours(demo_db):
    slots = scheduling.free_slots("TX501", limit=3, one_per_day=True)
    assert len(slots) == 3
    days = {s.local_start().date() for s in slots}
    assert len(days) == 3
    for slot in slots:
        local = slot.local_start()
        assert local.tzinfo == ZoneInfo("America/Chicago")
        assert slot.start > datetime.now(timezone.utc) + timedelta(hours=2)
        assert local.weekday() != 6, "Preston Lexus (demo) is closed on Sundays"
        assert 7 <= local.hour < 18 and local.minute == 0


def test_booking_takes_a_seat_and_a_kit_and_is_listed(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    slot = scheduling.free_slots("TX501")[0]
    appt = scheduling.book(vin, "TX501", slot.start, channel="sms", conversation_id="+12145550100")
    assert (appt.vin, appt.dealer_code, appt.start, appt.status) == (vin, "TX501", slot.start, "booked")
    assert scheduling.list_appointments("TX501") == [appt]
    assert scheduling.booked_for_vin(vin) == appt
    assert slot_booked("TX501", slot.start) == 1
    assert stock("TX501") == (25, 1)
    with unit_of_work() as s:
        actions = s.execute(select(AuditEntry.action)).scalars().all()
    assert "appointment.book" in actions
    assert appt.as_json()["start"] == slot.local_start().isoformat()


def test_a_vehicle_cannot_be_booked_twice(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    first, second = scheduling.free_slots("TX501", limit=2, one_per_day=True)
    scheduling.book(vin, "TX501", first.start, channel="chat")
    with pytest.raises(AlreadyBooked):
        scheduling.book(vin, "TX501", second.start, channel="chat")
    assert slot_booked("TX501", first.start) == 1
    assert stock("TX501")[1] == 1


def test_remedied_and_unlisted_vehicles_are_not_booked(demo_db):
    slot = scheduling.free_slots("TX501")[0]
    with pytest.raises(NotEligible):
        scheduling.book(vins_with_status("remedied")[0], "TX501", slot.start, channel="chat")
    with pytest.raises(NotEligible):
        scheduling.book("JTJHA31U740012345", "TX501", slot.start, channel="chat")
    assert scheduling.list_appointments() == []


def test_a_full_slot_refuses_the_next_owner_and_keeps_the_counts(demo_db):
    vins = vins_with_status("open", "TX501")
    slot = scheduling.free_slots("TX501")[0]
    for vin in vins[: slot.free]:
        scheduling.book(vin, "TX501", slot.start, channel="chat")
    with pytest.raises(SlotFull):
        scheduling.book(vins[slot.free], "TX501", slot.start, channel="chat")
    assert slot_booked("TX501", slot.start) == slot.free
    assert stock("TX501")[1] == slot.free
    assert slot.start not in [s.start for s in scheduling.free_slots("TX501", limit=50)]


def test_times_off_the_schedule_are_refused(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    slot = scheduling.free_slots("TX501")[0]
    with pytest.raises(NotBookable):
        scheduling.book(vin, "TX501", slot.start + timedelta(minutes=17), channel="chat")
    with pytest.raises(NotBookable):
        scheduling.book(vin, "TX501", slot.start - timedelta(days=14), channel="chat")
    sunday = slot.local_start() + timedelta(days=(6 - slot.local_start().weekday()) % 7 or 7)
    with pytest.raises(NotBookable):
        scheduling.book(vin, "TX501", sunday.replace(hour=10), channel="chat")


def test_without_a_kit_only_times_after_the_parts_lead_time_are_offered_and_booked(demo_db):
    """CA402 has no kit and a 5-day lead time: no time before a kit could be there."""
    assert stock("CA402") == (0, 0)
    lead_end = datetime.now(timezone.utc) + timedelta(days=5)
    slots = scheduling.free_slots("CA402", limit=3, one_per_day=True)
    assert len(slots) == 3 and all(s.start >= lead_end and s.waits_for_parts for s in slots)
    too_soon = schedule_starts("CA402", datetime.now(timezone.utc) + timedelta(days=1), lead_end)
    vin = vins_with_status("open")[0]
    with pytest.raises(NoPartsKit):
        scheduling.book(vin, "CA402", too_soon[0], channel="chat")
    assert scheduling.list_appointments() == [] and stock("CA402") == (0, 0)
    appt = scheduling.book(vin, "CA402", slots[0].start, channel="chat")
    assert appt.status == "booked" and stock("CA402") == (0, 1)


def test_cancel_frees_the_seat_and_the_kit(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    slot = scheduling.free_slots("TX501")[0]
    appt = scheduling.book(vin, "TX501", slot.start, channel="voice")
    cancelled = scheduling.cancel(appt.id)
    assert cancelled.status == "cancelled"
    assert slot_booked("TX501", slot.start) == 0
    assert stock("TX501") == (25, 0)
    again = scheduling.book(vin, "TX501", slot.start, channel="sms")
    assert again.id != appt.id and again.status == "booked"


def test_reschedule_moves_the_seat(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    first, second = scheduling.free_slots("TX501", limit=2, one_per_day=True)
    appt = scheduling.book(vin, "TX501", first.start, channel="sms")
    moved = scheduling.reschedule(appt.id, second.start)
    assert (moved.id, moved.start, moved.status) == (appt.id, second.start, "booked")
    assert slot_booked("TX501", first.start) == 0
    assert slot_booked("TX501", second.start) == 1
    assert stock("TX501")[1] == 1


def test_a_failed_reschedule_keeps_the_old_booking(demo_db):
    vins = vins_with_status("open", "TX501")
    first, second = scheduling.free_slots("TX501", limit=2, one_per_day=True)
    appt = scheduling.book(vins[0], "TX501", first.start, channel="sms")
    for vin in vins[1 : 1 + second.free]:
        scheduling.book(vin, "TX501", second.start, channel="sms")
    with pytest.raises(SlotFull):
        scheduling.reschedule(appt.id, second.start)
    assert scheduling.booked_for_vin(vins[0]).start == first.start
    assert slot_booked("TX501", first.start) == 1


def test_the_database_itself_refuses_an_overbooked_slot(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    slot = scheduling.free_slots("TX501")[0]
    scheduling.book(vin, "TX501", slot.start, channel="chat")
    with pytest.raises(IntegrityError):
        with unit_of_work(write=True) as s:
            s.execute(update(AppointmentSlot).values(booked=AppointmentSlot.capacity + 1))
    # Kit counts never go negative (reserved may exceed on_hand: bookings beyond the parts lead time).
    for column in ("on_hand", "reserved", "on_order"):
        with pytest.raises(IntegrityError):
            with unit_of_work(write=True) as s:
                s.execute(update(PartsStock).values({column: -1}))
    with pytest.raises(IntegrityError):
        with unit_of_work(write=True) as s:
            s.execute(text("UPDATE appointments SET status = 'booked '"))
    assert slot_booked("TX501", slot.start) == 1
