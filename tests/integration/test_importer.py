"""Importing a campaign VIN list: good rows kept, bad rows reported by line, re-import changes nothing."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from bot.recall import importer, scheduling, vehicles
from bot.recall.db import unit_of_work
from bot.recall.errors import NotEligible
from bot.recall.importer import BadHeader, import_vins
from bot.recall.models import Appointment, AuditEntry, PartsStock
from bot.vin import with_check_digit
from tests.helpers import race, slot_booked, stock, vins_with_status

HEADER = "vin,model,model_year,owner_name,phone,zip,dealer_code,status\n"
GOOD_A = with_check_digit("2T2HK31U_7C771204")  # 2007 RX 350, Canada
GOOD_B = with_check_digit("JTJGA31U_50123456")  # 2005 RX 330, Japan
GOOD_C = with_check_digit("JTJHW31U_60234567")  # 2006 RX 400h, Japan


def _csv(tmp_path, body: str):
    path = tmp_path / "blc.csv"
    path.write_text(HEADER + body)
    return path


def test_good_rows_are_kept_and_bad_rows_reported_by_line(demo_db, tmp_path):
    path = _csv(
        tmp_path,
        "\n".join(
            [
                f"{GOOD_A},RX 350,2007,Pat Doe,(214) 555-0177,75254,TX501,open",
                f"{GOOD_B[:-1]},RX 330,2005,Bad Length,,,,open",  # line 3: 16 characters
                f"{GOOD_B},RX330,2005,Lee Moe,214.555.0178,75230,TX501,remedied",
                f"{GOOD_C},RX 400h,2006,Ann Roe,not a phone,,,open",  # line 5: phone
                f"{GOOD_C},RX 350,2006,Ann Roe,,,,open",  # line 6: model vs VIN
                f"{with_check_digit('JTJHA31U_40099999')},RX 330,2004,Al Poe,,99999,,open",  # line 7: ZIP
                f"{with_check_digit('JTJHA31U_40099998')},RX 330,2004,Al Poe,,,ZZ999,open",  # line 8: dealer
                f"{with_check_digit('JTJHA31U_40099997')},RX 330,2004,Al Poe,,,,maybe",  # line 9: status
                f"{GOOD_A},RX 350,2007,Pat Doe,,,,open",  # line 10: repeat
            ]
        )
        + "\n",
    )
    report = import_vins(path)
    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    assert [line for line, _ in report.rejected] == [3, 5, 6, 7, 8, 9, 10]
    reasons = dict(report.rejected)
    assert "17 characters; you sent 16" in reasons[3]
    assert "phone" in reasons[5]
    assert "does not match the VIN" in reasons[6]
    assert "ZIP" in reasons[7]
    assert "ZZ999" in reasons[8]
    assert "open or remedied" in reasons[9]
    record = vehicles.lookup(GOOD_A)
    assert (record.model, record.model_year, record.assembly_country) == ("RX 350", 2007, "Canada")
    assert record.owner_phone == "+12145550177"
    assert record.status_in("BLC").status == "open"
    assert record.status_in("BLC").last_servicing_dealer == "TX501"
    assert vehicles.lookup(GOOD_B).status_in("BLC").status == "remedied"


def test_reimport_is_idempotent_and_never_reopens_a_remedied_vehicle(demo_db, tmp_path):
    remedied = vins_with_status("remedied")[0]
    path = _csv(tmp_path, f"{GOOD_A},RX 350,2007,Pat Doe,2145550177,75254,TX501,open\n{remedied},,,,,,,open\n")
    first = import_vins(path)
    assert (first.added, first.updated, first.unchanged, first.kept_remedied) == (1, 0, 1, 1)
    second = import_vins(path)
    assert (second.added, second.updated, second.unchanged, second.rejected) == (0, 0, 2, [])
    assert vehicles.lookup(remedied).status_in("BLC").status == "remedied"
    changed = _csv(tmp_path, f"{GOOD_A},RX 350,2007,Pat Doe,2145550199,75254,IL301,open\n")
    third = import_vins(changed)
    assert (third.added, third.updated) == (0, 1)
    record = vehicles.lookup(GOOD_A)
    assert record.owner_phone == "+12145550199"
    assert record.status_in("BLC").last_servicing_dealer == "IL301"


def test_a_wrong_header_loads_nothing(demo_db, tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text(f"vin,model\n{GOOD_A},RX 350\n")
    with pytest.raises(BadHeader, match="missing: model_year"):
        import_vins(path)
    assert vehicles.lookup(GOOD_A) is None


def _book(vin: str, dealer_code: str):
    slot = scheduling.free_slots(dealer_code)[0]
    return scheduling.book(vin, dealer_code, slot.start, channel="sms")


def _appointment_status(appointment_id: int) -> str:
    with unit_of_work() as s:
        return s.get(Appointment, appointment_id).status


def _booked_and_reserved() -> tuple[int, int]:
    """(booked appointments, kits reserved) over every dealer: each booking holds exactly one kit."""
    with unit_of_work() as s:
        booked = s.execute(
            select(func.count()).select_from(Appointment).where(Appointment.status == "booked")
        ).scalar_one()
        return booked, s.execute(select(func.sum(PartsStock.reserved))).scalar_one()


def test_a_vin_imported_as_remedied_gives_back_its_booked_seat_and_kit(demo_db, tmp_path, monkeypatch):
    """Through the remedy logic, also across batches: the booking cancelled (the list does not say
    who did the work, so even a booking at the row's own dealer is not completed), the seat and
    the reserved kit back, the time recorded; a VIN the list keeps open keeps its booking."""
    monkeypatch.setattr(importer, "BATCH", 2)
    *booked_vins, unbooked, still_open = vins_with_status("open")[:5]
    appts = [_book(vin, "TX501") for vin in booked_vins]
    kept = _book(still_open, "IL301")
    assert stock("TX501") == (25, 3) and stock("IL301") == (18, 1)
    seats = Counter(a.start for a in appts)  # the slots these bookings hold seats in
    assert {start: slot_booked("TX501", start) for start in seats} == seats
    before = datetime.now(timezone.utc)
    path = _csv(
        tmp_path,
        "".join(f"{vin},,,,,,TX501,remedied\n" for vin in [*booked_vins, unbooked]) + f"{still_open},,,,,,,open\n",
    )
    report = import_vins(path)
    assert (report.updated, report.unchanged, report.cancelled_bookings, report.rejected) == (4, 1, 3, [])
    assert [_appointment_status(a.id) for a in appts] == ["cancelled"] * 3
    assert {start: slot_booked("TX501", start) for start in seats} == dict.fromkeys(seats, 0)
    assert stock("TX501") == (25, 0)  # nothing fitted here: every reserved kit back on the shelf
    for vin in [*booked_vins, unbooked]:
        status = vehicles.lookup(vin).status_in("BLC")
        assert (status.status, status.remedied_by, status.last_servicing_dealer) == ("remedied", None, "TX501")
        assert status.remedied_at >= before
        with pytest.raises(NotEligible):
            _book(vin, "TX501")
    assert _appointment_status(kept.id) == "booked" and stock("IL301") == (18, 1)
    with unit_of_work() as s:
        cancels = s.execute(select(AuditEntry).where(AuditEntry.action == "appointment.cancel")).scalars().all()
    assert sorted(int(e.entity_id) for e in cancels) == sorted(a.id for a in appts)
    assert {(e.actor, e.detail["reason"]) for e in cancels} == {("import", "reported remedied by the campaign list")}
    again = import_vins(path)
    assert (again.updated, again.unchanged, again.cancelled_bookings) == (0, 5, 0)
    assert stock("TX501") == (25, 0)


def test_an_owner_booking_while_the_list_is_imported_leaves_no_booking_on_a_remedied_car(demo_db, tmp_path):
    """Booking and importing the same VIN as remedied at once: whichever lands first, the VIN ends
    remedied with no booked appointment and the kits reserved match the bookings."""
    for n, vin in enumerate(vins_with_status("open")[:6]):
        slot = scheduling.free_slots("TX501", limit=1)[0]
        path = tmp_path / f"remedied-{n}.csv"
        path.write_text(HEADER + f"{vin},,,,,,TX501,remedied\n")
        outcomes = race(
            [lambda v=vin, s=slot: scheduling.book(v, "TX501", s.start, channel="sms"), lambda p=path: import_vins(p)]
        )
        assert sum(outcomes.values()) == 2 and all(k in ("ok", "NotEligible") for k in outcomes), outcomes
        assert vehicles.lookup(vin).status_in("BLC").status == "remedied"
        assert [a for a in scheduling.list_appointments(vin=vin) if a.status == "booked"] == []
        booked, reserved = _booked_and_reserved()
        assert booked == 0 and reserved == 0
