"""Small helpers the tests share."""

from __future__ import annotations


def vins_with_status(status: str, dealer_code: str | None = None) -> list[str]:
    """VINs on the BLC list with this status, read straight from the database."""
    from sqlalchemy import select

    from bot.recall.db import unit_of_work
    from bot.recall.models import Dealer, Vehicle, VehicleCampaign

    with unit_of_work() as s:
        q = select(Vehicle.vin).join(VehicleCampaign).where(VehicleCampaign.status == status)
        if dealer_code:
            q = q.join(Dealer, Dealer.id == VehicleCampaign.last_servicing_dealer_id).where(Dealer.code == dealer_code)
        return list(s.execute(q.order_by(Vehicle.vin)).scalars())
