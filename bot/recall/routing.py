"""Which dealer owns an owner's escalation: a README-level policy, read inside the caller's unit
of work (escalations.open_for routes and records the hand-off in one), so the bot, the console
and the CLI can all use it and nothing changes between the routing and the insert.

The order: the vehicle's booked appointment's dealer (the dealer who will see the car), else its
last servicing dealer (the one that knows it), else the dealer chosen in the conversation, else
the nearest to a ZIP code the owner typed; else none, and the escalation waits in the admin queue.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import geo
from bot.recall import dealers
from bot.recall.models import Appointment, Campaign, Dealer, Owner, Vehicle, VehicleCampaign


def vehicle_of(s: Session, vin: str | None, phone: str | None, campaign: str) -> Vehicle | None:
    """The vehicle a hand-off is about: the VIN given (None when it is on no list we hold), else
    the one vehicle on the campaign's list whose owner record has this phone number (two or more:
    none, the owner has not said which)."""
    if vin:
        return s.execute(select(Vehicle).where(Vehicle.vin == vin)).unique().scalar_one_or_none()
    if not phone:
        return None
    on_list = (
        s.execute(
            select(Vehicle)
            .join(Owner)
            .join(VehicleCampaign, VehicleCampaign.vehicle_id == Vehicle.id)
            .join(Campaign, Campaign.id == VehicleCampaign.campaign_id)
            .where(Owner.phone == phone, Campaign.code == campaign)
            .limit(2)
        )
        .unique()
        .scalars()
        .all()
    )
    return on_list[0] if len(on_list) == 1 else None


def dealer_for(
    s: Session, vehicle: Vehicle | None, campaign: str, chosen_dealer: str | None, zip_typed: str | None
) -> tuple[Dealer | None, float | None]:
    """Which dealer owns an owner's escalation, and its distance when found by ZIP code: the
    vehicle's booked appointment's dealer, else the vehicle's last servicing dealer, else the
    dealer chosen in the conversation (UnknownDealer when there is no such dealer), else the
    nearest to a ZIP code the owner typed; (None, None) leaves it in the admin queue."""
    if vehicle is not None:
        booked = (
            s.execute(
                select(Appointment)
                .join(Campaign, Campaign.id == Appointment.campaign_id)
                .where(Appointment.vehicle_id == vehicle.id, Appointment.status == "booked", Campaign.code == campaign)
                .order_by(Appointment.start, Appointment.id)
                .limit(1)
            )
            .unique()
            .scalar_one_or_none()
        )
        status = next((vc for vc in vehicle.campaigns if vc.campaign.code == campaign), None)
        found = (booked.dealer if booked else None) or (status.last_servicing_dealer if status else None)
        if found is not None:
            return found, None
    if chosen_dealer:
        return dealers.row(s, chosen_dealer), None
    if zip_typed:
        try:
            ranked = dealers.nearest(s, geo.locate_zip(zip_typed))
        except geo.UnknownZip:
            ranked = []
        if ranked:
            return ranked[0]
    return None, None
