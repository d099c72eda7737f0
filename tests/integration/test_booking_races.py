"""Many owners racing for the last seat: the database lets exactly one win, on both backends."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from bot.recall import scheduling
from bot.recall.db import unit_of_work
from bot.recall.models import Appointment, AppointmentSlot, Dealer, PartsStock
from tests.helpers import race, vins_with_status

RACERS = 16


def _totals(code: str):
    with unit_of_work() as s:
        booked_seats = s.execute(
            select(func.sum(AppointmentSlot.booked)).join(Dealer).where(Dealer.code == code)
        ).scalar()
        reserved = s.execute(select(PartsStock.reserved).join(Dealer).where(Dealer.code == code)).scalar_one()
        live = s.execute(select(func.count(Appointment.id)).where(Appointment.status == "booked")).scalar_one()
    return booked_seats, reserved, live


def test_many_owners_race_for_the_last_seat(demo_db):
    vins = vins_with_status("open")
    assert len(vins) > RACERS
    slot = scheduling.free_slots("TX501")[0]
    # Everyone but one seat is taken already.
    for vin in vins[: slot.free - 1]:
        scheduling.book(vin, "TX501", slot.start, channel="chat")
    racers = vins[slot.free - 1 : slot.free - 1 + RACERS]
    outcomes = race([lambda v=v: scheduling.book(v, "TX501", slot.start, channel="sms") for v in racers])
    assert outcomes == Counter({"ok": 1, "SlotFull": RACERS - 1})
    assert _totals("TX501") == (slot.free, slot.free, slot.free)


def test_one_vehicle_booked_from_many_conversations_at_once(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    slots = scheduling.free_slots("TX501", limit=8)
    outcomes = race([lambda s=s: scheduling.book(vin, "TX501", s.start, channel="sms") for s in slots])
    assert outcomes["ok"] == 1
    assert outcomes["AlreadyBooked"] == len(slots) - 1
    assert _totals("TX501") == (1, 1, 1)
