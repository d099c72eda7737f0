"""Numbers that said a vehicle is not theirs to hear about: "I sold it", "not my car", "wrong number".

One unit of work records the report against every vehicle on file with that number (or, for a
number on no record, against none), so outreach can leave that vehicle out for that number
(`excluded`). The owner record is left as Lexus's list gave it; staff see the report beside it.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.recall import audit
from bot.recall.db import unit_of_work
from bot.recall.models import ContactReport, Owner, Vehicle
from bot.recall.vocab import Channel, NotOwnerReason


def report_not_owner(phone: str, reason: NotOwnerReason, *, channel: Channel, vin: str | None = None) -> int:
    """Records that `phone` is not the owner's for its vehicles on file (or for `vin`, the vehicle the
    conversation is about, when that vehicle is on file with this number). Returns how many vehicles."""
    with unit_of_work(write=True) as s:
        q = select(Vehicle.id).join(Owner, Vehicle.owner_id == Owner.id).where(Owner.phone == phone)
        if vin:
            q = q.where(Vehicle.vin == vin)
        vehicle_ids = list(s.execute(q).scalars())
        for vehicle_id in vehicle_ids or [None]:
            s.add(ContactReport(phone=phone, vehicle_id=vehicle_id, reason=reason, channel=channel))
        audit.record(s, f"owner:{channel}", "contact.not_owner", "phone", phone, reason=str(reason))
        return len(vehicle_ids)


def excluded(phone: str, vin: str) -> bool:
    """Has `phone` said this vehicle is not theirs (or that it is a wrong number altogether)?"""
    with unit_of_work() as s:
        vehicle = select(Vehicle.id).where(Vehicle.vin == vin).scalar_subquery()
        q = select(ContactReport.id).where(
            ContactReport.phone == phone,
            (ContactReport.vehicle_id == vehicle) | ContactReport.vehicle_id.is_(None),
        )
        return s.execute(q.limit(1)).first() is not None
