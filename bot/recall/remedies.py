"""Completing the remedy at a dealer: the vehicle is done, its booking closed, a kit used up and
one ordered ("sell one, buy one", the dealer letter's replenishment rule).

One transaction. The vehicle's status goes from open to remedied with a conditional UPDATE
before anything else, so when two staff complete the same VIN at once the second waits on
that row, finds it done (AlreadyRemedied) and has touched no appointment and no kit. A kit
leaves the shelf by a conditional UPDATE that needs one physically there (on_hand >= 1);
CHECK (on_hand >= 0) and CHECK (reserved >= 0) in models.py are the backstop.

The importer records the remedies a campaign list reports through the same two steps (`claim`,
`close_booking`), so a VIN imported as remedied never keeps a booked seat and kit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.recall import audit, dealers, kits
from bot.recall.db import unit_of_work
from bot.recall.errors import AlreadyRemedied, NoPartsKit, NotEligible
from bot.recall.models import (
    Appointment,
    Campaign,
    Dealer,
    PartsStock,
    Vehicle,
    VehicleCampaign,
    utcnow,
)
from bot.recall.records import CompletionInfo
from bot.recall.scheduling import _booked, _cancel
from bot.recall.vocab import SERVED, AppointmentStatus, CampaignStatus, PartsOrderReason


def _kits(s: Session, dealer_id: int, campaign_id: int) -> tuple[int, int, int]:
    """(on hand, reserved, on order) at a dealer; zeros when it never stocked the campaign's kit."""
    row = s.execute(
        select(PartsStock.on_hand, PartsStock.reserved, PartsStock.on_order).where(
            PartsStock.dealer_id == dealer_id, PartsStock.campaign_id == campaign_id
        )
    ).one_or_none()
    return tuple(row) if row else (0, 0, 0)


def _use_kit(s: Session, dealer: Dealer, campaign_id: int, *, reserved: bool) -> None:
    """One kit from the shelf is fitted: the one reserved for the vehicle's booking, or else a free
    one (never a kit another owner's booking holds). A booking may hold a kit still on order, so
    both need one on the shelf."""
    q = update(PartsStock).where(
        PartsStock.dealer_id == dealer.id, PartsStock.campaign_id == campaign_id, PartsStock.on_hand >= 1
    )
    if reserved:
        q = q.where(PartsStock.reserved >= 1).values(reserved=PartsStock.reserved - 1, on_hand=PartsStock.on_hand - 1)
    else:
        q = q.where(PartsStock.on_hand - PartsStock.reserved >= 1).values(on_hand=PartsStock.on_hand - 1)
    if s.execute(q).rowcount != 1:
        on_hand, held, on_order = _kits(s, dealer.id, campaign_id)
        if on_hand == 0:
            raise NoPartsKit(
                f"{dealer.name} has no remedy kit on the shelf ({on_order} on order). If the parts have "
                "arrived, mark the parts order received first."
            )
        raise NoPartsKit(
            f"{dealer.name} has no free remedy kit: {on_hand} on hand, {held} reserved for booked owners. "
            "If more parts have arrived, mark the parts order received first."
        )


def claim(s: Session, vehicle_campaign_ids: list[int], *, now: datetime, dealer: Dealer | None = None) -> int:
    """Open to remedied, at `now`, by a conditional UPDATE; returns how many rows it changed.

    The UPDATE is the lock: it holds the rows until the transaction ends, so an owner booking
    one of these VINs at that moment (scheduling.book locks the same row) either committed first,
    and `close_booking` then finds the appointment, or waits and finds the VIN remedied. A row
    someone else remedied meanwhile is skipped (on PostgreSQL the WHERE is re-checked after the
    wait), never remedied twice. `dealer` is the one that did the work, which becomes the last
    servicing dealer; None when it is not known (a campaign list says only "remedied").
    """
    values = {"status": CampaignStatus.REMEDIED, "remedied_at": now}
    if dealer is not None:
        values.update(remedied_by_dealer_id=dealer.id, last_servicing_dealer_id=dealer.id)
    return s.execute(
        update(VehicleCampaign)
        .where(VehicleCampaign.id.in_(vehicle_campaign_ids), VehicleCampaign.status == CampaignStatus.OPEN)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount


def close_booking(
    s: Session, appt: Appointment | None, dealer: Dealer | None, *, actor: str, reason: str
) -> tuple[int | None, int | None]:
    """What a remedy does to the vehicle's booked appointment; (completed id, cancelled id).

    Completed only when the dealer that did the work is the booked one: the work was done in that
    seat, which stays taken, and the caller uses the booking's kit. Any other booking, also when
    nobody knows who did the work, is cancelled: its seat and its reserved kit go back to the
    dealer, which fitted no kit for it."""
    if appt is None:
        return None, None
    if dealer is not None and appt.dealer_id == dealer.id:
        appt.status = AppointmentStatus.COMPLETED
        return appt.id, None
    _cancel(s, appt, actor, reason=reason)
    return None, appt.id


def complete(vin: str, dealer_code: str, *, actor: str, campaign: str = SERVED) -> CompletionInfo:
    """Records that `dealer_code` has done the remedy on `vin`, booked or not (a walk-in, a car
    in the dealer's stock). A booking here is completed (its seat stays taken: the work was done
    in it) and its reserved kit used; a booking at another dealer is cancelled there."""
    with unit_of_work(write=True) as s:
        vc = (
            s.execute(
                select(VehicleCampaign)
                .join(Vehicle)
                .join(Campaign)
                .where(Vehicle.vin == vin, Campaign.code == campaign)
            )
            .unique()
            .scalar_one_or_none()
        )
        if vc is None:
            raise NotEligible(f"{vin} is not on the {campaign} list")
        if vc.status == CampaignStatus.REMEDIED:
            raise AlreadyRemedied(f"{vin} has already had the {campaign} remedy")
        dealer = dealers.row(s, dealer_code)
        now = utcnow()
        if claim(s, [vc.id], now=now, dealer=dealer) != 1:  # another staff member completed it a moment ago
            raise AlreadyRemedied(f"{vin} has already had the {campaign} remedy")

        completed_id, cancelled_id = close_booking(
            s, _booked(s, vc.vehicle_id, vc.campaign_id), dealer, actor=actor, reason=f"remedied at {dealer.code}"
        )
        _use_kit(s, dealer, vc.campaign_id, reserved=completed_id is not None)
        replenish = kits.order(
            s,
            dealer,
            vc.campaign_id,
            1,
            reason=PartsOrderReason.REPLENISH,
            actor=actor,
            now=now,
            appointment_id=completed_id,
            vehicle_id=vc.vehicle_id,
        )

        audit.record(
            s,
            actor,
            "remedy.complete",
            "vehicle_campaign",
            vc.id,
            vin=vin,
            dealer=dealer.code,
            appointment=completed_id,
            cancelled_appointment=cancelled_id,
        )
        s.flush()
        on_hand, reserved, _ = _kits(s, dealer.id, vc.campaign_id)
        return CompletionInfo(
            vin=vin,
            campaign=campaign,
            dealer_code=dealer.code,
            dealer_name=dealer.name,
            remedied_at=now,
            appointment_id=completed_id,
            cancelled_appointment_id=cancelled_id,
            kits_on_hand=on_hand,
            kits_free=on_hand - reserved,
            replenish_order_id=replenish.id,
        )
