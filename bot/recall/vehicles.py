"""Is this VIN on a campaign list, and what is its status? The answer comes from the database only."""

from __future__ import annotations

from sqlalchemy import select

from bot.recall import scheduling
from bot.recall.db import unit_of_work
from bot.recall.models import Owner, Vehicle
from bot.recall.records import RecallStatus, StockCheck, VehicleRecord
from bot.recall.vocab import SERVED


def _record(v: Vehicle) -> VehicleRecord:
    recalls = tuple(
        RecallStatus(
            campaign=vc.campaign.code,
            nhtsa_campaign=vc.campaign.nhtsa_campaign,
            status=vc.status,
            remedied_at=vc.remedied_at,
            remedied_by=vc.remedied_by.name if vc.remedied_by else None,
            last_servicing_dealer=vc.last_servicing_dealer.code if vc.last_servicing_dealer else None,
            remedied_by_code=vc.remedied_by.code if vc.remedied_by else None,
        )
        for vc in sorted(v.campaigns, key=lambda vc: vc.campaign.code)
    )
    return VehicleRecord(
        vin=v.vin,
        model=v.model,
        model_year=v.model_year,
        assembly_country=v.assembly_country,
        owner_name=v.owner.name if v.owner else None,
        owner_phone=v.owner.phone if v.owner else None,
        owner_zip=v.owner.zip if v.owner else None,
        recalls=recalls,
    )


def lookup(vin: str) -> VehicleRecord | None:
    """The vehicle with this (normalized) VIN, or None when it is on no campaign list we hold."""
    with unit_of_work() as s:
        v = s.execute(select(Vehicle).where(Vehicle.vin == vin)).unique().scalar_one_or_none()
        return _record(v) if v else None


def stock_check(vin: str, campaign: str = SERVED) -> StockCheck:
    """A VIN as dealer staff check it before selling or servicing the car: on the list, done
    (when, where), booked somewhere. Owner details are left out: the car may have changed hands,
    and a dealer's staff have no need for another dealer's customer."""
    record = lookup(vin)
    recall = record.status_in(campaign) if record else None
    return StockCheck(
        vin=vin,
        campaign=campaign,
        model=record.model if record else None,
        model_year=record.model_year if record else None,
        recall=recall,
        appointment=scheduling.booked_for_vin(vin, campaign) if recall else None,
    )


def for_phone(phone_e164: str) -> list[VehicleRecord]:
    """Vehicles whose owner record carries this phone number (E.164)."""
    with unit_of_work() as s:
        rows = (
            s.execute(select(Vehicle).join(Owner).where(Owner.phone == phone_e164).order_by(Vehicle.vin))
            .unique()
            .scalars()
        )
        return [_record(v) for v in rows]


def existing_vins(vins: list[str]) -> set[str]:
    """Which of these VINs the database holds (used to resolve misheard spoken VINs)."""
    if not vins:
        return set()
    with unit_of_work() as s:
        return set(s.execute(select(Vehicle.vin).where(Vehicle.vin.in_(vins))).scalars())
