"""Completing the remedy at a dealer and the staff VIN check: the vehicle's status, its
booking, and the kit arithmetic (on hand, reserved), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.recall import parts, remedies, scheduling, vehicles
from bot.recall.db import unit_of_work
from bot.recall.errors import AlreadyRemedied, NoPartsKit, NotEligible, UnknownDealer
from bot.recall.models import Appointment, AuditEntry, PartsStock, Vehicle, VehicleCampaign
from tests.helpers import race, slot_booked, stock, unlisted_vins, vins_with_status


def _status(vin: str) -> tuple[str, str | None, str | None]:
    """(status, remedied by, last servicing dealer) as the database holds them."""
    with unit_of_work() as s:
        vc = s.execute(select(VehicleCampaign).join(Vehicle).where(Vehicle.vin == vin)).unique().scalar_one()
        return (
            vc.status,
            vc.remedied_by.code if vc.remedied_by else None,
            vc.last_servicing_dealer.code if vc.last_servicing_dealer else None,
        )


def _appointment_status(appointment_id: int) -> str:
    with unit_of_work() as s:
        return s.get(Appointment, appointment_id).status


def _audits(action: str) -> list[AuditEntry]:
    with unit_of_work() as s:
        return s.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars().all()


def _book(vin: str, dealer_code: str):
    slot = scheduling.free_slots(dealer_code)[0]
    return scheduling.book(vin, dealer_code, slot.start, channel="sms")


def test_a_booked_vehicle_completes_its_appointment_and_uses_its_kit(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    appt = _book(vin, "TX501")
    assert stock("TX501") == (25, 1)
    before = datetime.now(timezone.utc)
    done = remedies.complete(vin, "tx501", actor="dana@tx501")
    assert (done.vin, done.dealer_code, done.dealer_name) == (vin, "TX501", "Preston Lexus (demo)")
    assert (done.appointment_id, done.cancelled_appointment_id) == (appt.id, None)
    assert (done.kits_on_hand, done.kits_free) == (24, 24)
    assert done.remedied_at >= before
    assert stock("TX501") == (24, 0)
    assert _appointment_status(appt.id) == "completed"
    assert slot_booked("TX501", appt.start) == 1  # the seat stays counted: the work was done in it
    assert _status(vin) == ("remedied", "TX501", "TX501")
    [entry] = _audits("remedy.complete")
    assert (entry.actor, entry.detail["vin"], entry.detail["appointment"]) == ("dana@tx501", vin, appt.id)
    with pytest.raises(NotEligible):
        _book(vin, "TX501")


def test_a_walk_in_uses_a_free_kit(demo_db):
    vin = vins_with_status("open", "IL301")[0]
    done = remedies.complete(vin, "TX501", actor="dana@tx501")
    assert (done.appointment_id, done.cancelled_appointment_id, done.kits_on_hand) == (None, None, 24)
    assert stock("TX501") == (24, 0)
    assert stock("IL301") == (18, 0)
    # The dealer that did the work is now the one that last serviced it.
    assert _status(vin) == ("remedied", "TX501", "TX501")


def test_a_booking_at_another_dealer_is_cancelled_there(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    appt = _book(vin, "TX501")
    done = remedies.complete(vin, "IL301", actor="sam@il301")
    assert (done.appointment_id, done.cancelled_appointment_id) == (None, appt.id)
    assert _appointment_status(appt.id) == "cancelled"
    assert slot_booked("TX501", appt.start) == 0
    assert stock("TX501") == (25, 0)  # its reserved kit is back on the shelf
    assert stock("IL301") == (17, 0)
    assert _status(vin) == ("remedied", "IL301", "IL301")
    [cancelled] = _audits("appointment.cancel")
    assert (cancelled.actor, cancelled.entity_id, cancelled.detail["reason"]) == (
        "sam@il301",
        str(appt.id),
        "remedied at IL301",
    )


def test_kits_reserved_for_other_owners_are_not_used_for_a_walk_in(demo_db):
    vins = vins_with_status("open")
    first, second = _book(vins[0], "GA202"), _book(vins[1], "GA202")
    assert stock("GA202") == (2, 2)
    with pytest.raises(NoPartsKit, match="2 on hand, 2 reserved"):
        remedies.complete(vins[2], "GA202", actor="grace@ga202")
    # The refused completion changed nothing at all.
    assert stock("GA202") == (2, 2)
    assert _status(vins[2])[0] == "open"
    assert _audits("remedy.complete") == []
    # The booked owners still get theirs.
    assert remedies.complete(vins[0], "GA202", actor="grace@ga202").kits_on_hand == 1
    assert stock("GA202") == (1, 1)
    assert _appointment_status(first.id) == "completed" and _appointment_status(second.id) == "booked"


def test_a_dealer_without_kits_cannot_complete(demo_db):
    vin = vins_with_status("open")[0]
    assert stock("CA402") == (0, 0)
    with pytest.raises(NoPartsKit, match="Bay Area Lexus.*If the parts have arrived, mark the parts order received"):
        remedies.complete(vin, "CA402", actor="ken@ca402")
    assert _status(vin)[0] == "open"


def test_what_cannot_be_completed(demo_db):
    remedied = vins_with_status("remedied")[0]
    was = _status(remedied)
    with pytest.raises(AlreadyRemedied):
        remedies.complete(remedied, "TX501", actor="dana@tx501")
    assert _status(remedied) == was
    with pytest.raises(NotEligible):
        remedies.complete(unlisted_vins()[0], "TX501", actor="dana@tx501")
    with pytest.raises(NotEligible):
        remedies.complete("JTJHA31U740012345", "TX501", actor="dana@tx501")
    open_vin = vins_with_status("open")[0]
    with pytest.raises(UnknownDealer):
        remedies.complete(open_vin, "ZZ999", actor="dana@tx501")
    assert _status(open_vin)[0] == "open"
    assert stock("TX501") == (25, 0)
    assert _audits("remedy.complete") == []


def test_completing_twice_says_already_remedied(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    remedies.complete(vin, "TX501", actor="dana@tx501")
    with pytest.raises(AlreadyRemedied):
        remedies.complete(vin, "IL301", actor="sam@il301")
    assert stock("TX501") == (24, 0) and stock("IL301") == (18, 0)
    assert _status(vin) == ("remedied", "TX501", "TX501")


def test_stock_check_tells_staff_what_they_need(demo_db):
    vin = vins_with_status("open", "TX501")[0]
    appt = _book(vin, "TX501")
    check = vehicles.stock_check(vin)
    assert (check.vin, check.status, check.campaign) == (vin, "open", "BLC")
    assert check.model and check.model_year
    assert check.recall.last_servicing_dealer == "TX501"
    assert check.appointment.id == appt.id and check.appointment.dealer_code == "TX501"
    assert not hasattr(check, "owner_phone")  # the car may have changed hands

    remedies.complete(vin, "IL301", actor="sam@il301")
    done = vehicles.stock_check(vin)
    assert done.status == "remedied" and done.appointment is None
    assert (done.recall.remedied_by, done.recall.remedied_by_code) == ("Lakeshore Lexus (demo)", "IL301")
    assert done.recall.remedied_at > datetime.now(timezone.utc) - timedelta(minutes=5)

    unlisted = vehicles.stock_check(unlisted_vins()[0])
    assert unlisted.status == "not_listed" and unlisted.recall is None and unlisted.model_year == 2007
    unknown = vehicles.stock_check("JTJHA31U740012345")
    assert (unknown.status, unknown.model, unknown.appointment) == ("not_listed", None, None)


RACERS = 8


def _kit_totals() -> tuple[int, int]:
    with unit_of_work() as s:
        return tuple(s.execute(select(func.sum(PartsStock.on_hand), func.sum(PartsStock.reserved))).one())


def test_staff_at_two_dealers_completing_one_vin_at_once(demo_db):
    """Exactly one completion wins; the kits add up whichever dealer it was."""
    vin = vins_with_status("open", "TX501")[0]
    appt = _book(vin, "TX501")
    on_hand, reserved = _kit_totals()
    dealers = ["TX501", "IL301"] * (RACERS // 2)
    outcomes = race([lambda d=d: remedies.complete(vin, d, actor=f"staff@{d}") for d in dealers])
    assert outcomes == Counter({"ok": 1, "AlreadyRemedied": RACERS - 1})
    status, by, _ = _status(vin)
    assert status == "remedied"
    assert _appointment_status(appt.id) == ("completed" if by == "TX501" else "cancelled")
    assert _kit_totals() == (on_hand - 1, reserved - 1)
    assert stock("TX501")[1] == 0
    assert len(_audits("remedy.complete")) == 1


def test_walk_ins_racing_for_the_last_kits(demo_db):
    vins = vins_with_status("open")[:RACERS]
    assert stock("GA202") == (2, 0)
    outcomes = race([lambda v=v: remedies.complete(v, "GA202", actor="grace@ga202") for v in vins])
    assert outcomes == Counter({"ok": 2, "NoPartsKit": RACERS - 2})
    assert stock("GA202") == (0, 0)
    assert Counter(_status(v)[0] for v in vins) == Counter({"remedied": 2, "open": RACERS - 2})
    # Sell one, buy one: one replenish line per kit used (the seeded open line besides).
    assert [(o.reason, o.created_by) for o in parts.orders("GA202", status="ordered")] == [
        ("replenish", "grace@ga202")
    ] * 2 + [("replenish", "seed")]


def test_an_owner_booking_while_staff_complete_the_remedy_leaves_no_booking_on_a_remedied_car(demo_db):
    """Booking and completing the same VIN at once: whichever order they land in, a remedied
    vehicle never keeps a booked appointment, and the kit counts agree with the appointments."""
    for vin in vins_with_status("open", "TX501")[:6]:
        slot = scheduling.free_slots("TX501", limit=1)[0]
        race(
            [
                lambda v=vin, s=slot: scheduling.book(v, "TX501", s.start, channel="sms"),
                lambda v=vin: remedies.complete(v, "TX501", actor="ann@tx501"),
            ]
        )
        status, _, _ = _status(vin)
        booked = [a for a in scheduling.list_appointments(vin=vin) if a.status == "booked"]
        assert status == "remedied" and booked == []
    with unit_of_work() as s:
        still_booked = s.execute(
            select(func.count()).select_from(Appointment).where(Appointment.status == "booked")
        ).scalar_one()
    assert _kit_totals()[1] == still_booked
