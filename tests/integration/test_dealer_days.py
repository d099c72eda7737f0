"""A dealer's days for the staff console: capacity from hours, booked and completed counts,
the appointments of each local day; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.recall import remedies, scheduling, vehicles
from bot.recall.errors import UnknownDealer
from tests.helpers import vins_with_status

CHICAGO = ZoneInfo("America/Chicago")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _next_monday(tz: ZoneInfo) -> date:
    today = datetime.now(tz).date()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _at(day: date, hour: int, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tz)


def test_a_week_of_capacity_from_the_dealers_hours(demo_db):
    monday = _next_monday(CHICAGO)
    week = scheduling.dealer_days("TX501", monday, 7)
    assert [d.day for d in week] == [monday + timedelta(days=n) for n in range(7)]
    # Weekdays 07:00-18:00 in 60-minute slots of 2 seats, Saturday 08:00-14:00 with 1, Sunday closed.
    assert [d.capacity for d in week] == [22, 22, 22, 22, 22, 6, 0]
    assert all((d.booked, d.completed, d.remedied, d.appointments) == (0, 0, 0, ()) for d in week)
    assert [d.free for d in week] == [d.capacity for d in week]
    assert {d.dealer_code for d in week} == {"TX501"}


def test_the_days_appointments_in_start_order_with_counts(demo_db):
    monday = _next_monday(CHICAGO)
    vins = vins_with_status("open")
    nine_a = scheduling.book(vins[0], "TX501", _at(monday, 9, CHICAGO), channel="sms")
    nine_b = scheduling.book(vins[1], "TX501", _at(monday, 9, CHICAGO), channel="voice")
    seven = scheduling.book(vins[2], "TX501", _at(monday, 7, CHICAGO), channel="chat")
    gone = scheduling.book(vins[3], "TX501", _at(monday, 8, CHICAGO), channel="sms")
    scheduling.cancel(gone.id)
    scheduling.book(vins[4], "IL301", _at(monday, 9, CHICAGO), channel="sms")  # another dealer
    done = remedies.complete(vins[1], "TX501", actor="dana@tx501")

    monday_load, tuesday_load = scheduling.dealer_days("TX501", monday, 2)
    assert [a.id for a in monday_load.appointments] == [seven.id, nine_a.id, nine_b.id]
    assert [a.status for a in monday_load.appointments] == ["booked", "booked", "completed"]
    assert [a.channel for a in monday_load.appointments] == ["chat", "sms", "voice"]
    for appt, vin in zip(monday_load.appointments, (vins[2], vins[0], vins[1]), strict=True):
        record = vehicles.lookup(vin)
        assert (appt.vin, appt.model, appt.model_year) == (vin, record.model, record.model_year)
        assert appt.local_start().date() == monday
    assert (monday_load.booked, monday_load.completed, monday_load.free) == (2, 1, 19)
    assert tuesday_load.appointments == () and tuesday_load.booked == 0
    # The remedy counts on the day it was done, not on the day of the appointment.
    done_day = done.remedied_at.astimezone(CHICAGO).date()
    assert scheduling.dealer_days("TX501", done_day, 1)[0].remedied == 1
    assert monday_load.remedied == (1 if done_day == monday else 0)


def test_days_are_the_dealers_local_days(demo_db):
    monday = _next_monday(LOS_ANGELES)
    vin = vins_with_status("open")[0]
    late = scheduling.book(vin, "CA401", _at(monday, 17, LOS_ANGELES), channel="sms")
    assert late.start.date() == monday + timedelta(days=1), "17:00 in Los Angeles is already Tuesday in UTC"
    monday_load, tuesday_load = scheduling.dealer_days("CA401", monday, 2)
    assert [a.id for a in monday_load.appointments] == [late.id]
    assert tuesday_load.appointments == ()


def test_bad_requests(demo_db):
    assert scheduling.dealer_days("TX501", date.today(), 0) == []
    with pytest.raises(ValueError):
        scheduling.dealer_days("TX501", date.today(), -1)
    with pytest.raises(UnknownDealer):
        scheduling.dealer_days("ZZ999", date.today(), 7)
