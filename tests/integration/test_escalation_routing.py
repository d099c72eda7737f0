"""Which dealer owns an owner's escalation (bot.recall.routing), routed and recorded by
escalations.open_for in one unit of work: each rule in its order, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from bot.recall import escalations, scheduling, vehicles
from bot.recall.db import get_engine, unit_of_work
from bot.recall.errors import UnknownDealer
from bot.recall.models import Escalation, Owner, Vehicle
from tests.helpers import vins_with_status


def _open(conversation_id: str, **kw) -> escalations.OwnerEscalation:
    return escalations.open_for(conversation_id, channel="chat", reason="requested_person", summary="a person", **kw)


def _stored(opened: escalations.OwnerEscalation) -> tuple[str | None, str | None]:
    """The dealer and VIN the escalation row was recorded with."""
    assert opened.escalation is not None
    esc = escalations.get(opened.escalation.id)
    return esc.dealer_code, esc.vin


def test_the_booked_appointments_dealer_comes_first(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    scheduling.book(vin, "AZ601", scheduling.free_slots("AZ601")[0].start, channel="chat")
    opened = _open("r1", vin=vin, chosen_dealer="CA401", zip_typed="90025")
    assert _stored(opened) == ("AZ601", vin)
    assert opened.dealer and (opened.dealer.code, opened.dealer.name) == ("AZ601", "Desert Sun Lexus (demo)")
    assert opened.dealer.distance_miles is None and opened.dealer.hours  # the record, with its opening hours


def test_then_the_vehicles_last_servicing_dealer(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    assert _stored(_open("r2", vin=vin, chosen_dealer="CA401", zip_typed="90025")) == ("TX501", vin)


def test_a_cancelled_appointment_does_not_route(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    appt = scheduling.book(vin, "AZ601", scheduling.free_slots("AZ601")[0].start, channel="chat")
    scheduling.cancel(appt.id, vin=vin)
    assert _stored(_open("r3", vin=vin)) == ("TX501", vin)


def test_then_the_dealer_chosen_in_the_conversation(demo_db):
    opened = _open("r4", chosen_dealer="ca401", zip_typed="10001")
    assert _stored(opened) == ("CA401", None) and opened.dealer and opened.dealer.code == "CA401"
    unknown_vin = "JTJHA31U740999999"  # not on any list: kept on the escalation, routes nothing
    assert _stored(_open("r5", vin=unknown_vin, chosen_dealer="NY101")) == ("NY101", None)


def test_a_chosen_dealer_that_does_not_exist_is_refused_and_nothing_is_recorded(demo_db):
    with pytest.raises(UnknownDealer):
        _open("r6", chosen_dealer="ZZ999")
    assert [e for e in escalations.list_escalations() if e.conversation_id == "r6"] == []


def test_then_the_nearest_dealer_to_the_zip_code_typed(demo_db):
    opened = _open("r7", zip_typed="90025")
    assert _stored(opened) == ("CA401", None)
    assert opened.dealer and opened.dealer.distance_miles is not None and opened.dealer.distance_miles < 50


def test_else_the_admin_queue(demo_db):
    for conversation_id, kw in (("r8", {}), ("r9", {"zip_typed": "00000"})):  # nothing; a ZIP code nobody has
        opened = _open(conversation_id, **kw)
        assert _stored(opened) == (None, None) and opened.dealer is None and not opened.alert_dealer


def test_the_phone_on_file_names_the_vehicle_when_it_is_the_only_one(demo_db):
    vin = vins_with_status("open", "IL301")[0]
    phone = vehicles.lookup(vin).owner_phone
    opened = _open(f"sms:{phone}", phone=phone, chosen_dealer="CA401")
    assert _stored(opened) == ("IL301", vin)
    other = vins_with_status("open", "CA401")[0]  # a second car on the list for the same number
    with unit_of_work(write=True) as s:
        owner_id = s.execute(select(Vehicle.owner_id).where(Vehicle.vin == other)).scalar_one()
        s.get(Owner, owner_id).phone = phone
    assert _stored(_open("web:two-cars", phone=phone, chosen_dealer="NY101")) == ("NY101", None)
    assert _stored(_open("web:given", vin=other, phone=phone)) == ("CA401", other)  # the VIN given wins


def test_a_refused_hand_off_still_names_its_dealer(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    for _ in range(3):
        assert _open("web:loud", vin=vin).escalation
    refused = _open("web:loud", vin=vin)
    assert refused.escalation is None and not refused.alert_dealer
    assert refused.dealer and refused.dealer.code == "TX501"  # "your conversation is already with ..."
    with unit_of_work() as s:
        assert len(s.execute(select(Escalation.id).where(Escalation.conversation_id == "web:loud")).all()) == 3


def test_routing_and_recording_are_one_transaction(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    scheduling.book(vin, "AZ601", scheduling.free_slots("AZ601")[0].start, channel="chat")
    begun: list[object] = []

    def count(conn) -> None:
        begun.append(conn)

    engine = get_engine()
    event.listen(engine, "begin", count)
    try:
        opened = _open("r10", vin=vin)
    finally:
        event.remove(engine, "begin", count)
    assert len(begun) == 1 and _stored(opened) == ("AZ601", vin)
