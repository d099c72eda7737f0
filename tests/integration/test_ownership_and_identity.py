"""Issue 11: an appointment changes only for its own vehicle, and the identity answer is short,
exact and counted per vehicle across conversations; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.recall import identity, quotas, scheduling, vehicles
from bot.recall.db import unit_of_work
from bot.recall.errors import UnknownAppointment
from bot.recall.models import AuditEntry, IdentityCheck, Vehicle
from tests.helpers import race, slot_booked, stock, vins_with_status


def _two_booked():
    """Two vehicles booked at TX501 on different days: (mine, theirs)."""
    mine, theirs = vins_with_status("open")[:2]
    first, second = scheduling.free_slots("TX501", limit=2, one_per_day=True)
    return (
        scheduling.book(mine, "TX501", first.start, channel="sms", conversation_id="sms:+12145550001"),
        scheduling.book(theirs, "TX501", second.start, channel="chat", conversation_id="web:someone"),
    )


def test_cancelling_another_vehicles_appointment_is_refused_and_changes_nothing(demo_db):
    mine, theirs = _two_booked()
    with pytest.raises(UnknownAppointment):
        scheduling.cancel(theirs.id, vin=mine.vin, actor="owner:sms")
    assert scheduling.booked_for_vin(theirs.vin) == theirs
    assert slot_booked("TX501", theirs.start) == 1 and stock("TX501") == (25, 2)
    # Its own appointment still cancels.
    assert scheduling.cancel(mine.id, vin=mine.vin).status == "cancelled"
    assert stock("TX501") == (25, 1)


def test_rescheduling_another_vehicles_appointment_is_refused_and_changes_nothing(demo_db):
    mine, theirs = _two_booked()
    later = scheduling.free_slots("TX501", after=theirs.start + timedelta(days=2))[0]
    with pytest.raises(UnknownAppointment):
        scheduling.reschedule(theirs.id, later.start, vin=mine.vin, actor="owner:sms")
    assert scheduling.booked_for_vin(theirs.vin).start == theirs.start
    assert slot_booked("TX501", theirs.start) == 1
    assert later.start not in [a.start for a in scheduling.list_appointments("TX501")]
    with unit_of_work() as s:
        assert "appointment.reschedule" not in s.execute(select(AuditEntry.action)).scalars().all()
    assert scheduling.reschedule(mine.id, later.start, vin=mine.vin).start == later.start


def test_staff_change_only_their_own_dealers_appointments(demo_db):
    vin = vins_with_status("open")[0]
    appt = scheduling.book(vin, "AZ601", scheduling.free_slots("AZ601")[0].start, channel="staff")
    with pytest.raises(UnknownAppointment):
        scheduling.cancel(appt.id, dealer_code="TX501", actor="staff:ann")
    assert scheduling.booked_for_vin(vin) == appt
    assert scheduling.cancel(appt.id, dealer_code="az601", actor="staff:maya").status == "cancelled"


def _owner(vin: str) -> tuple[str, str]:
    record = vehicles.lookup(vin)
    return record.owner_name.split()[-1], record.owner_zip


def _outcomes(vin: str) -> list[str]:
    """What the database recorded of the vehicle's identity answers, oldest first."""
    with unit_of_work() as s:
        return list(
            s.execute(
                select(IdentityCheck.outcome).join(Vehicle).where(Vehicle.vin == vin).order_by(IdentityCheck.id)
            ).scalars()
        )


def test_a_short_answer_with_the_name_and_zip_is_confirmed(demo_db):
    vin = vins_with_status("open")[0]
    last, zip_code = _owner(vin)
    assert identity.check(vin, f"{last.upper()}, {zip_code}", "web:a").confirmed
    assert identity.check(vin, f"my last name is {last} and my zip is {zip_code}", "web:b").confirmed
    assert identity.check(vin, f"{vehicles.lookup(vin).owner_name} {zip_code}-1234", "web:c").confirmed
    assert _outcomes(vin) == ["confirmed"] * 3


def test_an_answer_stuffed_with_names_and_zip_codes_is_refused(demo_db):
    vin = vins_with_status("open")[0]
    last, zip_code = _owner(vin)
    stuffed = f"smith jones garcia lee {last} {zip_code} 60601 94105 10001 33101"
    result = identity.check(vin, stuffed, "web:stuffer")
    assert (result.outcome, result.confirmed) == ("mismatch", False)
    # One name too many, or one ZIP code too many, is as wrong as a wrong one.
    assert not identity.check(vin, f"smith {last} {zip_code}", "web:stuffer").confirmed
    assert _outcomes(vin) == ["mismatch", "mismatch"]


def test_wrong_answers_count_across_conversations_and_lock_out_even_the_right_one(demo_db):
    vin, other = vins_with_status("open")[:2]
    last, zip_code = _owner(vin)
    now = datetime.now(timezone.utc)
    first, second = (identity.check(vin, f"Smithers {zip_code}", f"web:guess{n}", now=now) for n in (1, 2))
    assert not first.locked and not second.locked
    third = identity.check(vin, "Nobody 99999", "sms:+13125550177", now=now)
    assert (third.outcome, third.locked, third.why) == ("mismatch", True, "vehicle")
    # The right answer, from a conversation that never answered before: refused, not compared.
    refused = identity.check(vin, f"{last} {zip_code}", "web:fresh", now=now + timedelta(minutes=5))
    assert (refused.outcome, refused.locked, refused.why) == ("refused", True, "vehicle")
    assert identity.refusal(vin, "web:another", now=now + timedelta(minutes=59)) == "vehicle"
    assert identity.check(other, " ".join(_owner(other)), "web:fresh", now=now).confirmed  # only that vehicle
    with unit_of_work() as s:
        [lock] = s.execute(select(AuditEntry).where(AuditEntry.action == "identity.lock")).scalars().all()
    assert lock.detail["conversation"] == "sms:+13125550177"
    # After the lock, the owner's answer is taken again.
    later = now + quotas.IDENTITY_LOCK + timedelta(seconds=1)
    assert identity.refusal(vin, "web:fresh", now=later) is None
    assert identity.check(vin, f"{last} {zip_code}", "web:fresh", now=later).confirmed
    assert _outcomes(vin) == ["mismatch"] * 3 + ["refused", "confirmed"]


def test_one_conversation_or_number_guessing_over_many_vehicles_is_stopped(demo_db):
    vins = vins_with_status("open")
    most = quotas.IDENTITY_MISMATCHES_PER_CONVERSATION.most
    results = [identity.check(vin, "Smithers 99999", "web:fisher") for vin in vins[:most]]
    assert [r.locked for r in results] == [False] * (most - 1) + [True] and results[-1].why == "conversation"
    last, zip_code = _owner(vins[most])
    refused = identity.check(vins[most], f"{last} {zip_code}", "web:fisher")
    assert (refused.outcome, refused.why) == ("refused", "conversation")
    assert identity.check(vins[most], f"{last} {zip_code}", "web:owner").confirmed
    # A number's SMS thread and its calls count together.
    for n, vin in enumerate(vins[: quotas.IDENTITY_MISMATCHES_PER_PHONE.most]):
        thread = "sms:+13125550188" if n % 2 else "voice:+13125550188"
        identity.check(vin, "Smithers 99999", thread)
    assert identity.refusal(vins[most], "sms:+13125550188") == "phone"
    assert identity.check(vins[most], f"{last} {zip_code}", "voice:+13125550188").outcome == "refused"
    assert identity.refusal(vins[most], "sms:+13125550199") is None


def test_answers_racing_for_one_vehicle_are_counted_one_at_a_time(demo_db):
    vin = vins_with_status("open")[0]
    outcomes = race([lambda n=n: identity.check(vin, "Smithers 99999", f"web:racer{n}") for n in range(8)])
    assert outcomes == {"ok": 8}
    assert sorted(_outcomes(vin)) == ["mismatch"] * 3 + ["refused"] * 5
    with unit_of_work() as s:
        locks = s.execute(select(IdentityCheck.locks_until).where(IdentityCheck.locks_until.is_not(None))).all()
    assert len(locks) == 1
