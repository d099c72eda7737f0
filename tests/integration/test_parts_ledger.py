"""The parts ledger on SQLite and PostgreSQL: kits reserved, released, used and replenished,
order lines placed, received and cancelled, the suggested order, and which times a booking may
take when kits are short (the rule in bot.recall.kits)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from bot.recall import parts, remedies, scheduling
from bot.recall.db import unit_of_work
from bot.recall.errors import NoPartsKit, OrderNotOpen, PartsError, UnknownDealer, UnknownPartsOrder
from bot.recall.models import AuditEntry, PartsOrder, Vehicle
from tests.helpers import schedule_starts, stock, vins_with_status


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _ledger(code: str) -> tuple[int, int, int]:
    """(on hand, reserved, on order) as the status reads them from the database."""
    st = parts.status(code)
    return st.on_hand, st.reserved, st.on_order


def _lines(code: str) -> list[PartsOrder]:
    with unit_of_work() as s:
        return (
            s.execute(
                select(PartsOrder)
                .join(PartsOrder.dealer)
                .where(PartsOrder.dealer.has(code=code))
                .order_by(PartsOrder.id)
            )
            .scalars()
            .all()
        )


def _first_slot(code: str):
    return scheduling.free_slots(code, limit=1)[0]


def _kit_due(code: str, days: float, quantity: int = 1) -> int:
    """An open line due in `days` (the supplier's date, earlier than the dealer's lead time)."""
    line = parts.place_order(code, quantity, actor="pat@parts", reason="manual")
    with unit_of_work(write=True) as s:
        s.execute(update(PartsOrder).where(PartsOrder.id == line.id).values(expected_at=_now() + timedelta(days=days)))
    return line.id


def test_booking_reserves_a_kit_and_cancelling_releases_it(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    appt = scheduling.book(vin, "TX501", _first_slot("TX501").start, channel="sms")
    st = parts.status("TX501")
    assert (st.on_hand, st.reserved, st.free, st.on_order, st.booked_ahead) == (25, 1, 24, 0, 1)
    scheduling.cancel(appt.id)
    assert _ledger("TX501") == (25, 0, 0) and parts.status("TX501").booked_ahead == 0
    assert _lines("TX501") == []


def test_completing_uses_the_kit_and_orders_exactly_one_back(demo_db):
    """Sell one, buy one: each kit fitted, booked or walk-in, is one replenish line."""
    booked_vin, walk_in = vins_with_status("open", "TX501")[:2]
    appt = scheduling.book(booked_vin, "TX501", _first_slot("TX501").start, channel="sms")
    before = _now()
    done = remedies.complete(booked_vin, "TX501", actor="dana@tx501")
    assert _ledger("TX501") == (24, 0, 1)
    [line] = _lines("TX501")
    assert done.replenish_order_id == line.id
    assert (line.quantity, line.status, line.reason, line.created_by) == (1, "ordered", "replenish", "dana@tx501")
    assert line.appointment_id == appt.id
    with unit_of_work() as s:
        assert s.get(Vehicle, line.vehicle_id).vin == booked_vin
    # TX501's parts desk gets kits in 3 days.
    assert before + timedelta(days=3) <= line.expected_at <= _now() + timedelta(days=3)

    remedies.complete(walk_in, "TX501", actor="dana@tx501")
    assert _ledger("TX501") == (23, 0, 2)
    assert [(x.reason, x.appointment_id is None) for x in _lines("TX501")] == [
        ("replenish", False),
        ("replenish", True),
    ]
    with unit_of_work() as s:
        audited = (
            s.execute(
                select(AuditEntry.entity_id).where(AuditEntry.action == "parts.order", AuditEntry.actor == "dana@tx501")
            )
            .scalars()
            .all()
        )
    assert audited == [str(x.id) for x in _lines("TX501")]


def test_a_refused_completion_orders_nothing(demo_db):
    vin = vins_with_status("open")[0]
    with pytest.raises(NoPartsKit, match="mark the parts order received first"):
        remedies.complete(vin, "CA402", actor="ken@ca402")
    assert _ledger("CA402") == (0, 0, 0) and _lines("CA402") == []


def test_a_booking_waiting_for_parts_completes_once_they_are_received(demo_db):
    vin = vins_with_status("open")[0]
    scheduling.book(vin, "CA402", _first_slot("CA402").start, channel="sms")
    with pytest.raises(NoPartsKit, match="no remedy kit on the shelf"):
        remedies.complete(vin, "CA402", actor="ken@ca402")
    order = parts.place_order("CA402", 1, actor="ken@ca402")
    parts.receive(order.id, "CA402", actor="ken@ca402")
    assert _ledger("CA402") == (1, 1, 0)
    remedies.complete(vin, "CA402", actor="ken@ca402")
    assert _ledger("CA402") == (0, 0, 1)  # and the replenish line is on order


def test_receiving_puts_the_kits_on_the_shelf_once(demo_db):
    line = parts.place_order("WA801", 3, actor="ivy@wa801")
    assert (line.status, line.reason, line.quantity) == ("ordered", "appointments", 3)
    assert _ledger("WA801") == (10, 0, 3)
    got = parts.receive(line.id, "wa801", actor="ivy@wa801")
    assert (got.status, got.received_by) == ("received", "ivy@wa801") and got.received_at is not None
    assert _ledger("WA801") == (13, 0, 0)
    with pytest.raises(OrderNotOpen, match="already received"):
        parts.receive(line.id, "WA801", actor="ivy@wa801")
    with pytest.raises(OrderNotOpen):
        parts.cancel_order(line.id, "WA801", actor="ivy@wa801")
    assert _ledger("WA801") == (13, 0, 0)
    # Another dealer's line is unknown to this one, like a line that does not exist.
    other = parts.place_order("TX501", 1, actor="dana@tx501")
    for order_id in (other.id, 999):
        with pytest.raises(UnknownPartsOrder):
            parts.receive(order_id, "WA801", actor="ivy@wa801")
    assert _ledger("WA801") == (13, 0, 0) and _ledger("TX501") == (25, 0, 1)
    assert [o.status for o in parts.orders("WA801")] == ["received"]


def test_cancelling_an_open_line(demo_db):
    line = parts.place_order("WA801", 2, actor="ivy@wa801", reason="manual")
    cancelled = parts.cancel_order(line.id, "WA801", actor="ivy@wa801")
    assert cancelled.status == "cancelled" and cancelled.received_at is None
    assert _ledger("WA801") == (10, 0, 0)
    with pytest.raises(OrderNotOpen, match="cancelled"):
        parts.receive(line.id, "WA801", actor="ivy@wa801")
    assert _ledger("WA801") == (10, 0, 0)
    assert parts.orders("WA801", status="ordered") == []
    assert [o.id for o in parts.orders("WA801", status="cancelled")] == [line.id]


def test_orders_that_cannot_be_placed(demo_db):
    with pytest.raises(PartsError):
        parts.place_order("WA801", 0, actor="ivy@wa801")
    with pytest.raises(PartsError):
        parts.place_order("WA801", 1, actor="ivy@wa801", reason="replenish")  # completions only
    with pytest.raises(UnknownDealer):
        parts.place_order("ZZ999", 1, actor="ivy@wa801")
    assert _ledger("WA801") == (10, 0, 0) and _lines("WA801") == []


def test_no_kit_no_near_term_times_and_the_suggested_order(demo_db):
    """CA402: no kit, 5 days' lead time. Times after it are offered and booked; each such booking
    is a kit to order, which the suggested order names, with the first booking not covered."""
    lead_end = _now() + timedelta(days=5)
    too_soon = schedule_starts("CA402", _now() + timedelta(hours=3), lead_end)
    vins = vins_with_status("open")
    assert all(s.start >= lead_end for s in scheduling.free_slots("CA402", limit=40))
    for start in (too_soon[0], too_soon[-1]):
        with pytest.raises(NoPartsKit):
            scheduling.book(vins[0], "CA402", start, channel="sms")
    offered = scheduling.free_slots("CA402", limit=3, one_per_day=True)
    booked = [scheduling.book(v, "CA402", s.start, channel="sms") for v, s in zip(vins, offered, strict=False)]
    st = parts.status("CA402")
    assert (st.on_hand, st.reserved, st.free, st.on_order, st.booked_ahead) == (0, 3, -3, 0, 3)
    assert (st.uncovered, st.suggested_order, st.first_uncovered) == (3, 3, booked[0].start)

    parts.place_order("CA402", 1, actor="ken@ca402")
    st = parts.status("CA402")
    assert (st.on_order, st.suggested_order, st.first_uncovered) == (1, 2, booked[1].start)
    data = st.as_json()
    assert {k: data[k] for k in ("on_hand", "reserved", "free", "on_order", "suggested_order")} == {
        "on_hand": 0,
        "reserved": 3,
        "free": -3,
        "on_order": 1,
        "suggested_order": 2,
    }
    assert [(o["quantity"], o["reason"]) for o in data["open_orders"]] == [(1, "appointments")]
    parts.place_order("CA402", 2, actor="ken@ca402")
    assert parts.status("CA402").suggested_order == 0
    # Still no near-term time: the kits on order arrive after the lead time.
    with pytest.raises(NoPartsKit):
        scheduling.book(vins[5], "CA402", too_soon[0], channel="sms")


def test_open_lines_make_times_after_their_arrival_bookable(demo_db):
    """A line due in 2 days: times from then on, before the 5-day lead time, hold its kits."""
    due = _now() + timedelta(days=2)
    _kit_due("CA402", 2, quantity=1)
    first = scheduling.free_slots("CA402", limit=1)[0]
    assert due - timedelta(minutes=1) <= first.start < _now() + timedelta(days=5) and first.waits_for_parts
    between = schedule_starts("CA402", due, _now() + timedelta(days=5))
    before = schedule_starts("CA402", _now() + timedelta(hours=3), due)
    vins = vins_with_status("open")
    with pytest.raises(NoPartsKit):
        scheduling.book(vins[0], "CA402", before[-1], channel="sms")
    appt = scheduling.book(vins[0], "CA402", between[0], channel="sms")
    # That line's kit is now held: the next owner goes after the lead time again.
    with pytest.raises(NoPartsKit):
        scheduling.book(vins[1], "CA402", between[1], channel="sms")
    assert scheduling.free_slots("CA402", limit=1)[0].start >= _now() + timedelta(days=5)
    # Moving the booking inside the window keeps its kit; moving it before the arrival does not.
    moved = scheduling.reschedule(appt.id, between[2])
    assert moved.start == between[2]
    with pytest.raises(NoPartsKit):
        scheduling.reschedule(appt.id, before[-1])
    assert scheduling.booked_for_vin(vins[0]).start == between[2]
    assert _ledger("CA402") == (0, 1, 1)


def test_free_kits_on_the_shelf_allow_any_time(demo_db):
    """GA202: two kits and a seeded line due before its 4-day lead time."""
    st = parts.status("GA202")
    [line] = st.open_orders
    assert (st.on_hand, st.on_order, line.reason, line.quantity) == (2, 1, "replenish", 1)
    assert _now() < line.expected_at < _now() + timedelta(days=4)
    soon = schedule_starts("GA202", _now() + timedelta(hours=3), line.expected_at)
    vins = vins_with_status("open")
    assert not scheduling.free_slots("GA202")[0].waits_for_parts
    for vin, start in zip(vins[:2], soon[:2], strict=True):
        scheduling.book(vin, "GA202", start, channel="chat")
    # Both shelf kits are held: the next times start where the line's kit arrives.
    first = scheduling.free_slots("GA202", limit=1)[0]
    assert first.waits_for_parts and first.start >= line.expected_at
    with pytest.raises(NoPartsKit):
        scheduling.book(vins[2], "GA202", soon[2], channel="chat")
    scheduling.book(vins[2], "GA202", first.start, channel="chat")
    assert _ledger("GA202") == (2, 3, 1) and parts.status("GA202").suggested_order == 0


def test_status_of_every_dealer(demo_db):
    every = parts.status_all()
    assert [st.dealer_code for st in every] == sorted(st.dealer_code for st in every) and len(every) == 10
    by_code = {st.dealer_code: st for st in every}
    assert (by_code["CA402"].on_hand, by_code["GA202"].on_hand, by_code["GA202"].on_order) == (0, 2, 1)
    assert {st.lead_days for st in every} <= set(range(2, 6))
    assert stock("TX501") == (by_code["TX501"].on_hand, by_code["TX501"].reserved)
